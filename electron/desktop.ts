// The desktop app's own places around the notebook: the application menu (with Open recent), the
// operating system's recent documents, what a launch or the OS asks to open (a notebook folder, a
// bundle to merge), and the window's place per notebook. Electron main process only, and thin:
// each decision is a pure, unit-tested module (menu.ts, second-instance.ts, bundle-prompt.ts,
// window-state.ts). Never opens a notebook itself: the notebook service does.
import fs from 'node:fs';
import path from 'node:path';
import { app, dialog, Menu, type BrowserWindow, type MessageBoxOptions } from 'electron';
import { MAX_IMPORT_BASE64, type RecentNotebook } from '../notebook/common/api.js';
import type { WorkerService } from '../notebook/node/service-worker-host.js';
import { jsonBytes } from '../notebook/node/service-worker-protocol.js';
import { mergePrompt } from './bundle-prompt.js';
import { menuTemplate, type MenuCommand } from './menu.js';
import type { OpenRequest } from './second-instance.js';
import { placeWindowForNotebook } from './window.js';

export interface DesktopOptions {
  /** The notebook service, once it runs. */
  service: () => WorkerService | null;
  /** The app's window, while it is open. */
  window: () => BrowserWindow | null;
  /** window-state.json (in userData: known after 'ready'). */
  stateFile: () => string;
  /** Sends a menu command to the page. */
  send: (command: MenuCommand) => void;
  /** An unpackaged run: the View menu gets Reload and the developer tools. */
  dev: boolean;
}

export interface Desktop {
  /** Builds the application menu again, with Open recent as the service lists it now. */
  refreshMenu(): Promise<void>;
  /** Another notebook was opened (by the page, the menu or a second launch): the OS's list, the menu and the window's place follow. */
  notebookOpened(dir: string): void;
  /** The OS's recent documents (the Dock menu, the jump list); Linux keeps none. */
  addRecentDocument(dir: string): void;
  /** Opens what a second launch or the OS asked for: a notebook (the page reloads onto it), or a bundle to merge. */
  open(request: OpenRequest): Promise<void>;
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export function createDesktop(options: DesktopOptions): Desktop {
  const showBox = (box: MessageBoxOptions) => {
    const win = options.window();
    return win ? dialog.showMessageBox(win, box) : dialog.showMessageBox(box);
  };
  const showError = (message: string, detail: string) => void showBox({ type: 'error', title: 'Corroborate', message, detail, buttons: ['OK'], noLink: true });

  const recentList = async (): Promise<RecentNotebook[]> => {
    const service = options.service();
    if (!service) return [];
    try {
      return await service.handlers.recentNotebooks({});
    } catch {
      // The menu still works without the list; the page's File menu says what is wrong.
      return [];
    }
  };

  const addRecentDocument = (dir: string) => {
    if (process.platform !== 'darwin' && process.platform !== 'win32') return;
    try {
      app.addRecentDocument(dir);
    } catch {
      // A shortcut in the OS's menus; the app's own Open recent has it anyway.
    }
  };

  const clearRecent = async () => {
    const service = options.service();
    if (service) {
      for (const entry of await recentList()) {
        try {
          await service.handlers.forgetRecentNotebook({ path: entry.path });
        } catch {
          // Left on the list; the next Clear recent tries again.
        }
      }
    }
    if (process.platform === 'darwin' || process.platform === 'win32') app.clearRecentDocuments();
    await refreshMenu();
  };

  const refreshMenu = async () => {
    const recent = await recentList();
    const template = menuTemplate(process.platform, options.send, {
      appName: 'Corroborate',
      dev: options.dev,
      recent,
      currentNotebook: options.service()?.dir ?? null,
      openRecent: (dir) => void open({ kind: 'notebook', path: dir }),
      clearRecent: () => void clearRecent(),
    });
    Menu.setApplicationMenu(Menu.buildFromTemplate(template));
  };

  const openNotebook = async (dir: string) => {
    const service = options.service();
    if (!service) return;
    // Only whether it worked is read here: the answer (the whole notebook) is the page's to load.
    const { error } = await service.call('openNotebook', jsonBytes({ path: dir, create: true }));
    if (error) showError(`Cannot open the notebook at ${dir}`, error.message);
    else options.window()?.webContents.reload();
  };

  /** A bundle the OS handed over: the merge asked about in a native message box, one undo step like the Merge dialog's. */
  const mergeBundle = async (file: string) => {
    const service = options.service();
    if (!service) return;
    const name = path.basename(file);
    let json: string;
    try {
      const { size } = await fs.promises.stat(file);
      if (size > MAX_IMPORT_BASE64) throw new Error(`it is ${Math.round(size / 1e6)} MB; a bundle of up to ${MAX_IMPORT_BASE64 / 1e6} MB can be merged`);
      json = await fs.promises.readFile(file, 'utf8');
    } catch (e) {
      showError(`“${name}” was not merged`, `It could not be read: ${messageOf(e)}`);
      return;
    }
    try {
      const plan = await service.handlers.planMerge({ json });
      const notebookName = (await recentList()).find((n) => n.path === service.dir)?.name ?? path.basename(service.dir).replace(/\.corroborate$/i, '');
      const prompt = mergePrompt(name, notebookName, plan);
      const { response } = await showBox({ type: prompt.type, title: 'Corroborate', message: prompt.message, detail: prompt.detail, buttons: prompt.buttons, defaultId: prompt.defaultId, cancelId: prompt.cancelId, noLink: true });
      const resolutions = prompt.resolutionsFor(response);
      if (!resolutions) return;
      await service.handlers.mergeBundle({ json, resolutions });
      options.window()?.webContents.reload();
    } catch (e) {
      showError(`“${name}” was not merged`, messageOf(e));
    }
  };

  const open = async (request: OpenRequest) => {
    if (request.kind === 'bundle') await mergeBundle(request.path);
    else await openNotebook(request.path);
  };

  return {
    refreshMenu,
    addRecentDocument,
    open,
    notebookOpened: (dir) => {
      addRecentDocument(dir);
      const win = options.window();
      if (win) placeWindowForNotebook(win, options.stateFile(), dir);
      void refreshMenu();
    },
  };
}
