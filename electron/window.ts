// The one window factory: every window of the app gets the secure webPreferences from policy.ts.
// Electron main process only; never loosens a preference for one window.
import { Buffer } from 'node:buffer';
import fs from 'node:fs';
import path from 'node:path';
import { BrowserWindow, nativeTheme, screen, type WebPreferences } from 'electron';
import { writeFileDurableSync } from '../notebook/node/store/files.js';
import { printWebPreferences, secureWebPreferences } from './policy.js';
import { hasOwnPlace, MIN_SIZE, restoreBounds, stateForNotebook, withNotebookState, type WindowState } from './window-state.js';

/** Close to the page's own background in each theme, so the window does not flash white before the page paints. */
const BACKGROUND = { light: '#ffffff', dark: '#1e1e1e' } as const;

function background(): string {
  return nativeTheme.shouldUseDarkColors ? BACKGROUND.dark : BACKGROUND.light;
}

export interface WindowOptions {
  preloadPath: string;
  /** The app's page, e.g. app://corroborate/index.html */
  url: string;
  /** window-state.json: where the window's size, position and maximised state are kept between launches, per notebook. */
  stateFile?: string;
  /** The notebook the window opens on: its place is the one restored, and saved (until placeWindowForNotebook names another). */
  notebookDir?: string | null;
}

/** The default size, when nothing (usable) was saved. */
const DEFAULT_SIZE = { width: 1280, height: 820 } as const;
/** Moving or resizing sends a burst of events: the state is written once it settles (and on close). */
const SAVE_DELAY_MS = 500;

function readSavedState(file: string | undefined): unknown {
  if (!file) return undefined;
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    // Missing or damaged: restoreBounds falls back to the defaults.
    return undefined;
  }
}

/** Each window's place keeper: the notebook its place is saved under, and what saves a pending move at once. */
interface Keeper {
  notebookDir: string | null;
  flush: () => void;
}
const keepers = new WeakMap<BrowserWindow, Keeper>();

/** Writes the window's normal bounds and maximised state to `file`, under the notebook it shows, while it lives, debounced. */
function keepWindowState(win: BrowserWindow, file: string, notebookDir: string | null): void {
  let timer: NodeJS.Timeout | undefined;
  const keeper: Keeper = { notebookDir, flush: () => timer && save() };
  const save = () => {
    clearTimeout(timer);
    timer = undefined;
    if (win.isDestroyed()) return;
    const state: WindowState = { ...win.getNormalBounds(), maximized: win.isMaximized() };
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      writeFileDurableSync(file, `${JSON.stringify(withNotebookState(readSavedState(file), keeper.notebookDir, state))}\n`);
    } catch {
      // The window opens at its default size next time; not worth interrupting the analyst.
    }
  };
  keepers.set(win, keeper);
  const later = () => {
    clearTimeout(timer);
    timer = setTimeout(save, SAVE_DELAY_MS);
  };
  win.on('resize', later);
  win.on('move', later);
  win.on('maximize', later);
  win.on('unmaximize', later);
  win.on('close', save);
}

export function createMainWindow(options: WindowOptions): BrowserWindow {
  const webPreferences: WebPreferences = secureWebPreferences(options.preloadPath);
  const notebookDir = options.notebookDir ?? null;
  const placement = restoreBounds(
    stateForNotebook(readSavedState(options.stateFile), notebookDir),
    screen.getAllDisplays().map((d) => d.workArea),
    DEFAULT_SIZE,
  );
  const win = new BrowserWindow({
    title: 'Corroborate',
    ...placement.bounds,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    show: false,
    backgroundColor: background(),
    webPreferences,
  });
  win.once('ready-to-show', () => {
    if (placement.maximized) win.maximize();
    win.show();
  });
  if (options.stateFile) keepWindowState(win, options.stateFile, notebookDir);
  const followTheme = () => win.setBackgroundColor(background());
  nativeTheme.on('updated', followTheme);
  win.on('closed', () => nativeTheme.off('updated', followTheme));
  void win.loadURL(options.url);
  return win;
}

/**
 * Another notebook opened in the window: a move not yet saved is saved under the notebook it
 * showed, the window moves to where it last showed this one if it ever did (otherwise it stays
 * put), and from now on its place is saved under this one.
 */
export function placeWindowForNotebook(win: BrowserWindow, stateFile: string, notebookDir: string): void {
  const keeper = keepers.get(win);
  if (!keeper || win.isDestroyed() || keeper.notebookDir === notebookDir) return;
  keeper.flush();
  keeper.notebookDir = notebookDir;
  const saved = readSavedState(stateFile);
  if (!hasOwnPlace(saved, notebookDir)) return;
  const placement = restoreBounds(stateForNotebook(saved, notebookDir), screen.getAllDisplays().map((d) => d.workArea), DEFAULT_SIZE);
  if (win.isMaximized() && !placement.maximized) win.unmaximize();
  win.setBounds(placement.bounds);
  if (placement.maximized) win.maximize();
}

/** Prints an HTML document (the report) to PDF in a hidden window that runs no script, then closes it. */
export async function printHtmlToPdf(html: string): Promise<Uint8Array> {
  const win = new BrowserWindow({ show: false, webPreferences: printWebPreferences() });
  try {
    await win.loadURL(`data:text/html;charset=utf-8;base64,${Buffer.from(html, 'utf8').toString('base64')}`);
    return await win.webContents.printToPDF({ printBackground: true, pageSize: 'A4' });
  } finally {
    win.destroy();
  }
}
