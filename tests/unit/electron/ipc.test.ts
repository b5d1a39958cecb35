import { beforeEach, describe, expect, it, vi } from 'vitest';
import { METHOD_NAMES, type Handlers, type Outcome } from '../../../notebook/common/api.js';
import { inProcessCaller, jsonBytes, type ApiCaller } from '../../../notebook/node/service-worker-protocol.js';
import { MENU_COMMANDS } from '../../../electron/menu.js';

// electron itself cannot load here (no binary): ipcMain is replaced by a recorder.
const ipc = vi.hoisted(() => ({
  handlers: new Map<string, (event: unknown, input: unknown) => Promise<unknown>>(),
  listeners: new Map<string, (event: { returnValue?: unknown }) => void>(),
}));
vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, fn: (event: unknown, input: unknown) => Promise<unknown>) => ipc.handlers.set(channel, fn),
    removeHandler: (channel: string) => ipc.handlers.delete(channel),
    on: (channel: string, fn: (event: { returnValue?: unknown }) => void) => ipc.listeners.set(channel, fn),
    off: (channel: string) => ipc.listeners.delete(channel),
  },
}));

const { registerIpc } = await import('../../../electron/ipc.js');

const APP = 'app://corroborate';
let ran: string[] = [];
const handlers = {
  getNotebook: () => {
    ran.push('getNotebook');
    return { seq: 1 };
  },
  openNotebook: ({ path }: { path: string }) => {
    ran.push(`openNotebook ${path}`);
    return { seq: 2 };
  },
} as unknown as Handlers;

interface FakeFrame {
  url: string;
  parent: FakeFrame | null;
  isDestroyed(): boolean;
}
const frame = (url: string, parent: FakeFrame | null = null, destroyed = false): FakeFrame => ({ url, parent, isDestroyed: () => destroyed });
/** What the preload does: the input goes as JSON bytes, the answer comes back as JSON bytes in chunks. */
const invokeRaw = async (name: string, senderFrame: FakeFrame | null, input: unknown): Promise<unknown> => {
  const fn = ipc.handlers.get(`corroborate:${name}`);
  if (!fn) throw new Error(`no handler for ${name}`);
  return fn({ senderFrame }, input);
};
const invoke = async (name: string, senderFrame: FakeFrame | null, input: unknown): Promise<Outcome> => {
  const answer = await invokeRaw(name, senderFrame, jsonBytes(input));
  expect(Array.isArray(answer) && answer.every((chunk) => chunk instanceof Uint8Array)).toBe(true);
  return JSON.parse(Buffer.concat(answer as Uint8Array[]).toString('utf8')) as Outcome;
};

let dispose: () => void;
let caller: ApiCaller = inProcessCaller(handlers);
beforeEach(() => {
  ran = [];
  dispose?.();
  caller = inProcessCaller(handlers);
  dispose = registerIpc(() => caller, APP);
});

describe('registerIpc', () => {
  it('binds one channel per API method, and gives the preload the method names and menu commands', () => {
    expect([...ipc.handlers.keys()].sort()).toEqual(METHOD_NAMES.map((n) => `corroborate:${n}`).sort());
    const event: { returnValue?: unknown } = {};
    ipc.listeners.get('corroborate:methods')?.(event);
    expect(event.returnValue).toEqual({ methods: METHOD_NAMES, menuCommands: MENU_COMMANDS });
  });

  it('runs a call from the main frame of the app page', async () => {
    expect(await invoke('getNotebook', frame('app://corroborate/index.html#/claims'), {})).toEqual({ ok: true, result: { seq: 1 } });
    expect(ran).toEqual(['getNotebook']);
  });

  it('refuses calls from a subframe, another page, or a frame that is gone, without running them', async () => {
    const app = frame('app://corroborate/index.html');
    for (const sender of [frame('app://corroborate/index.html', app), frame('https://evil.example/'), frame('app://corroborate/assets/x.html'), frame('app://corroborate/index.html', null, true), null]) {
      const outcome = await invoke('openNotebook', sender, { path: '/tmp/x' });
      expect(outcome).toEqual({ ok: false, error: { code: 'invalid', message: expect.stringMatching(/refused openNotebook: the call did not come from Corroborate's own page/) } });
    }
    expect(ran).toEqual([]);
  });

  it('validates the input before a handler sees it', async () => {
    const outcome = await invoke('openNotebook', frame('app://corroborate/index.html'), { path: 42 });
    expect(outcome).toMatchObject({ ok: false, error: { code: 'invalid', message: expect.stringContaining('openNotebook: path') } });
    expect(ran).toEqual([]);
  });

  it('passes the input and the answer through as bytes, to whatever caller is current', async () => {
    const seen: [string, string][] = [];
    const answer = new TextEncoder().encode('{"ok":true,"result":"from the worker"}');
    caller = async (name, input) => {
      seen.push([name, new TextDecoder().decode(input as Uint8Array)]);
      return { body: [answer], error: null };
    };
    const sent = new TextEncoder().encode('{"path":"/n/Korea.corroborate"}');
    expect(await invokeRaw('openNotebook', frame('app://corroborate/index.html'), sent)).toEqual([answer]);
    expect(seen).toEqual([['openNotebook', '{"path":"/n/Korea.corroborate"}']]);
  });

  it('refuses an input that is not JSON bytes (only the preload calls these channels)', async () => {
    const answer = await invokeRaw('openNotebook', frame('app://corroborate/index.html'), { path: '/tmp/x' });
    expect(JSON.parse(Buffer.concat(answer as Uint8Array[]).toString('utf8'))).toEqual({
      ok: false,
      error: { code: 'invalid', message: "openNotebook: the input must arrive as JSON bytes from Corroborate's preload" },
    });
    expect(ran).toEqual([]);
  });

  it('removes every channel when disposed', () => {
    dispose();
    expect(ipc.handlers.size).toBe(0);
    expect(ipc.listeners.size).toBe(0);
    dispose = registerIpc(() => caller, APP);
  });
});
