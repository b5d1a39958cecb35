// The bridge between the sandboxed page and the main process: window.corroborate has one async
// function per API method and onMenu for menu commands. CommonJS, as sandboxed preloads must be,
// and it may require only 'electron'. Never exposes ipcRenderer or a generic invoke: the page can
// reach the named methods and nothing else.
//
// Each method sends its input as UTF-8 JSON bytes and answers the Outcome (arriving as JSON bytes
// in chunks) as JSON text, which the page's client parses: the main process passes both through to
// the notebook worker untouched, so a large answer (a whole notebook) is never parsed or rebuilt
// on the main process's thread, nor copied object by object across the context bridge.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a sandboxed preload is CommonJS; this is how TypeScript writes its require
import electron = require('electron');
import type { BridgeNames } from './ipc.js';
import type { MenuCommand } from './menu.js';

const { contextBridge, ipcRenderer } = electron;

// Kept here rather than imported: a sandboxed preload cannot load other files. ipc.ts holds the
// same strings; the method names and menu commands themselves come from it, so they cannot drift.
const CHANNEL_PREFIX = 'corroborate:';
const METHODS_CHANNEL = 'corroborate:methods';
const MENU_CHANNEL = 'corroborate:menu';

const encoder = new TextEncoder();

const names = ipcRenderer.sendSync(METHODS_CHANNEL) as Partial<BridgeNames> | undefined;
const methods = Array.isArray(names?.methods) ? names.methods : [];
const menuCommands: readonly unknown[] = Array.isArray(names?.menuCommands) ? names.menuCommands : [];

const bridge: Record<string, unknown> = {};
for (const name of methods) {
  if (typeof name !== 'string' || name === 'onMenu') continue;
  bridge[name] = async (input: unknown): Promise<string> => {
    const answer: unknown = await ipcRenderer.invoke(CHANNEL_PREFIX + name, encoder.encode(JSON.stringify(input ?? {})));
    // The Outcome's bytes in chunks (ipc.ts). isView, not instanceof: the bytes may be made in
    // another context than this one. Anything but chunks of bytes is passed on as it is, and the
    // client says it is not an outcome.
    if (!Array.isArray(answer) || !answer.every((chunk) => ArrayBuffer.isView(chunk))) return answer as string;
    const decoder = new TextDecoder();
    // stream: a character may be split between two chunks.
    return answer.map((chunk: ArrayBufferView, i) => decoder.decode(chunk, { stream: i < answer.length - 1 })).join('');
  };
}

/** Calls back with a menu command (see menu.ts MENU_COMMANDS) when the analyst picks it in the menu; returns a function that stops listening. */
bridge.onMenu = (callback: (command: MenuCommand) => void): (() => void) => {
  const listener = (_event: unknown, command: unknown) => {
    if (typeof command === 'string' && menuCommands.includes(command)) callback(command as MenuCommand);
  };
  ipcRenderer.on(MENU_CHANNEL, listener);
  return () => {
    ipcRenderer.removeListener(MENU_CHANNEL, listener);
  };
};

contextBridge.exposeInMainWorld('corroborate', bridge);
