import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { METHOD_NAMES } from '../../../notebook/common/api.js';
import { MENU_COMMANDS } from '../../../electron/menu.js';

const source = fs.readFileSync(path.join(import.meta.dirname, '../../../electron/preload.cts'), 'utf8');

/** Runs the preload as Electron's sandbox would: CommonJS, with a require that knows only 'electron'. */
function runPreload(answer: unknown = [new TextEncoder().encode('{"ok":true,"result":null}')], names: unknown = { methods: [...METHOD_NAMES], menuCommands: [...MENU_COMMANDS] }) {
  const { outputText } = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } });
  const required: string[] = [];
  const exposed = new Map<string, Record<string, unknown>>();
  const invoked: [string, unknown][] = [];
  const listeners = new Map<string, Set<(event: unknown, ...args: unknown[]) => void>>();
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, api: Record<string, unknown>) => exposed.set(key, api) },
    ipcRenderer: {
      sendSync: (channel: string) => (channel === 'corroborate:methods' ? names : undefined),
      invoke: (channel: string, input: unknown) => {
        invoked.push([channel, input]);
        return Promise.resolve(answer);
      },
      on: (channel: string, fn: (event: unknown, ...args: unknown[]) => void) => {
        if (!listeners.has(channel)) listeners.set(channel, new Set());
        listeners.get(channel)?.add(fn);
      },
      removeListener: (channel: string, fn: (event: unknown, ...args: unknown[]) => void) => listeners.get(channel)?.delete(fn),
    },
  };
  const module = { exports: {} };
  const require = (name: string) => {
    required.push(name);
    if (name !== 'electron') throw new Error(`a sandboxed preload cannot require ${name}`);
    return electron;
  };
  // The page's own globals a sandboxed preload has: TextEncoder and TextDecoder.
  vm.runInNewContext(outputText, { require, module, exports: module.exports, TextEncoder, TextDecoder, Uint8Array });
  const emit = (channel: string, ...args: unknown[]) => listeners.get(channel)?.forEach((fn) => fn({}, ...args));
  return { required, exposed, invoked, emit, listeners };
}

describe('the preload', () => {
  it('requires nothing but electron', () => {
    expect(runPreload().required).toEqual(['electron']);
  });

  it('exposes exactly the API methods and onMenu: no ipcRenderer, no generic invoke', () => {
    const api = runPreload().exposed.get('corroborate') ?? {};
    expect(Object.keys(api).sort()).toEqual([...METHOD_NAMES, 'onMenu'].sort());
    expect(Object.values(api).every((v) => typeof v === 'function')).toBe(true);
  });

  it('sends each method on its own channel, the input as JSON bytes, and answers the Outcome as JSON text', async () => {
    // The answer's bytes come in chunks as the worker made them, a character split between two.
    const bytes = new TextEncoder().encode('{"ok":true,"result":{"name":"Korea – 한국"}}');
    const split = bytes.indexOf(0xed) + 1; // inside 한's three bytes
    const { exposed, invoked } = runPreload([bytes.slice(0, 5), bytes.slice(5, split), bytes.slice(split)]);
    const api = exposed.get('corroborate') as Record<string, (input: unknown) => Promise<unknown>>;
    await expect(api.openNotebook?.({ path: '/n/Korea – 한국' })).resolves.toBe('{"ok":true,"result":{"name":"Korea – 한국"}}');
    expect(invoked).toHaveLength(1);
    const [channel, input] = invoked[0]!;
    expect(channel).toBe('corroborate:openNotebook');
    expect(input).toBeInstanceOf(Uint8Array);
    expect(JSON.parse(new TextDecoder().decode(input as Uint8Array))).toEqual({ path: '/n/Korea – 한국' });
    await api.getNotebook?.(undefined);
    expect(new TextDecoder().decode(invoked[1]![1] as Uint8Array)).toBe('{}');
  });

  it('passes on as it is anything but chunks of bytes, for the client to refuse', async () => {
    for (const odd of ['{"ok":true}', [new TextEncoder().encode('{}'), 'x'], null]) {
      const api = runPreload(odd).exposed.get('corroborate') as Record<string, (input: unknown) => Promise<unknown>>;
      await expect(api.getNotebook?.({})).resolves.toBe(odd);
    }
  });

  it('exposes nothing but onMenu when the main process gives it no names', () => {
    const { exposed } = runPreload(undefined, null);
    expect(Object.keys(exposed.get('corroborate') ?? {})).toEqual(['onMenu']);
  });

  it('passes the menu commands main names to onMenu, drops others, and stops when asked', () => {
    const { exposed, emit, listeners } = runPreload();
    const onMenu = exposed.get('corroborate')?.onMenu as (cb: (c: string) => void) => () => void;
    const got: string[] = [];
    const stop = onMenu((c) => got.push(c));
    for (const command of MENU_COMMANDS) emit('corroborate:menu', command);
    emit('corroborate:menu', 'format-disk');
    emit('corroborate:menu', 42);
    stop();
    emit('corroborate:menu', 'redo');
    expect(got).toEqual([...MENU_COMMANDS]);
    expect(listeners.get('corroborate:menu')?.size).toBe(0);
  });
});
