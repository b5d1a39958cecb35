// The bridge between the sandboxed page and the main process: window.corroborate has one async
// function per API method (each answers an Outcome) and onMenu for menu commands. CommonJS, as
// sandboxed preloads must be, and it may require only 'electron'. Never exposes ipcRenderer or a
// generic invoke: the page can reach the named methods and nothing else.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a sandboxed preload is CommonJS; this is how TypeScript writes its require
import electron = require('electron');
import type { MethodName, Outcome } from '../notebook/common/api.js';
import type { MenuCommand } from './menu.js';

const { contextBridge, ipcRenderer } = electron;

// Kept here rather than imported: a sandboxed preload cannot load other files. ipc.ts and menu.ts
// hold the same strings.
const CHANNEL_PREFIX = 'corroborate:';
const METHODS_CHANNEL = 'corroborate:methods';
const MENU_CHANNEL = 'corroborate:menu';
const MENU_COMMANDS: readonly string[] = ['undo', 'redo', 'new-notebook', 'open-notebook', 'import'] satisfies readonly MenuCommand[];

const names = ipcRenderer.sendSync(METHODS_CHANNEL) as unknown;
const bridge: Record<string, unknown> = {};
if (Array.isArray(names)) {
  for (const name of names) {
    if (typeof name !== 'string' || name === 'onMenu') continue;
    bridge[name] = (input: unknown): Promise<Outcome> => ipcRenderer.invoke(CHANNEL_PREFIX + (name as MethodName), input) as Promise<Outcome>;
  }
}

/** Calls back with 'undo' | 'redo' | 'new-notebook' | 'open-notebook' | 'import' when the analyst picks it in the menu; returns a function that stops listening. */
bridge.onMenu = (callback: (command: MenuCommand) => void): (() => void) => {
  const listener = (_event: unknown, command: unknown) => {
    if (typeof command === 'string' && MENU_COMMANDS.includes(command)) callback(command as MenuCommand);
  };
  ipcRenderer.on(MENU_CHANNEL, listener);
  return () => {
    ipcRenderer.removeListener(MENU_CHANNEL, listener);
  };
};

contextBridge.exposeInMainWorld('corroborate', bridge);
