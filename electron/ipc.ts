// Binds every API method to ipcMain, for the preload bridge. Electron main process only; never
// runs a call that does not come from the main frame of the app's own page.
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { dispatch, METHOD_NAMES, type Handlers, type Outcome } from '../notebook/common/api.js';
import { isTrustedSender } from './policy.js';

export const CHANNEL_PREFIX = 'corroborate:';
export const METHODS_CHANNEL = 'corroborate:methods';
export const MENU_CHANNEL = 'corroborate:menu';

function trusted(event: IpcMainInvokeEvent, appOrigin: string): boolean {
  const frame = event.senderFrame;
  // A frame that navigated away or was destroyed mid-call is no longer the app.
  if (!frame || frame.isDestroyed()) return false;
  return isTrustedSender(frame.url, frame.parent === null, appOrigin);
}

/**
 * Registers one handler per method; `handlers` is asked on every call, so the service behind it
 * may be replaced. Input is validated by dispatch (zod), like every transport. Returns a function
 * that removes the handlers again.
 */
export function registerIpc(handlers: () => Handlers, appOrigin: string): () => void {
  for (const name of METHOD_NAMES) {
    ipcMain.handle(CHANNEL_PREFIX + name, async (event, input: unknown): Promise<Outcome> => {
      if (!trusted(event, appOrigin)) {
        return { ok: false, error: { code: 'invalid', message: `refused ${name}: the call did not come from Corroborate's own page` } };
      }
      return dispatch(handlers(), name, input);
    });
  }
  // The names are no secret; the preload asks for them once, synchronously, before the page runs.
  const listMethods = (event: Electron.IpcMainEvent) => {
    event.returnValue = METHOD_NAMES;
  };
  ipcMain.on(METHODS_CHANNEL, listMethods);
  return () => {
    for (const name of METHOD_NAMES) ipcMain.removeHandler(CHANNEL_PREFIX + name);
    ipcMain.off(METHODS_CHANNEL, listMethods);
  };
}
