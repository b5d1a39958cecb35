// Binds every API method to ipcMain, for the preload bridge. Electron main process only; never
// runs a call that does not come from the main frame of the app's own page, and never parses an
// input or an answer here: both cross as UTF-8 JSON bytes to and from the notebook worker.
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { METHOD_NAMES } from '../notebook/common/api.js';
import { failure, type ApiCaller } from '../notebook/node/service-worker-protocol.js';
import { MENU_COMMANDS } from './menu.js';
import { isTrustedSender } from './policy.js';

export const CHANNEL_PREFIX = 'corroborate:';
export const METHODS_CHANNEL = 'corroborate:methods';
export const MENU_CHANNEL = 'corroborate:menu';

/** What the preload asks for once, synchronously, before the page runs: the names are no secret. */
export interface BridgeNames {
  methods: readonly string[];
  menuCommands: readonly string[];
}

function trusted(event: IpcMainInvokeEvent, appOrigin: string): boolean {
  const frame = event.senderFrame;
  // A frame that navigated away or was destroyed mid-call is no longer the app.
  if (!frame || frame.isDestroyed()) return false;
  return isTrustedSender(frame.url, frame.parent === null, appOrigin);
}

/**
 * Registers one handler per method; `caller` is asked on every call, so the service behind it may
 * be replaced. Each handler takes the input as JSON bytes (the preload encodes it) and answers the
 * Outcome as JSON bytes in the chunks the worker made (the preload decodes them); the schema check
 * happens where the call runs (dispatch), like every transport. Returns a function that removes
 * the handlers again.
 */
export function registerIpc(caller: () => ApiCaller, appOrigin: string): () => void {
  for (const name of METHOD_NAMES) {
    ipcMain.handle(CHANNEL_PREFIX + name, async (event, input: unknown): Promise<readonly Uint8Array[]> => {
      if (!trusted(event, appOrigin)) return failure('invalid', `refused ${name}: the call did not come from Corroborate's own page`).body;
      if (!(input instanceof Uint8Array)) return failure('invalid', `${name}: the input must arrive as JSON bytes from Corroborate's preload`).body;
      return (await caller()(name, input)).body;
    });
  }
  const names: BridgeNames = { methods: METHOD_NAMES, menuCommands: MENU_COMMANDS };
  const listNames = (event: Electron.IpcMainEvent) => {
    event.returnValue = names;
  };
  ipcMain.on(METHODS_CHANNEL, listNames);
  return () => {
    for (const name of METHOD_NAMES) ipcMain.removeHandler(CHANNEL_PREFIX + name);
    ipcMain.off(METHODS_CHANNEL, listNames);
  };
}
