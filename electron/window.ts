// The one window factory: every window of the app gets the secure webPreferences from policy.ts.
// Electron main process only; never loosens a preference for one window.
import { Buffer } from 'node:buffer';
import { BrowserWindow, nativeTheme, type WebPreferences } from 'electron';
import { printWebPreferences, secureWebPreferences } from './policy.js';

/** Close to the page's own background in each theme, so the window does not flash white before the page paints. */
const BACKGROUND = { light: '#ffffff', dark: '#1e1e1e' } as const;

function background(): string {
  return nativeTheme.shouldUseDarkColors ? BACKGROUND.dark : BACKGROUND.light;
}

export interface WindowOptions {
  preloadPath: string;
  /** The app's page, e.g. app://corroborate/index.html */
  url: string;
}

export function createMainWindow(options: WindowOptions): BrowserWindow {
  const webPreferences: WebPreferences = secureWebPreferences(options.preloadPath);
  const win = new BrowserWindow({
    title: 'Corroborate',
    width: 1280,
    height: 820,
    minWidth: 760,
    minHeight: 480,
    show: false,
    backgroundColor: background(),
    webPreferences,
  });
  win.once('ready-to-show', () => win.show());
  const followTheme = () => win.setBackgroundColor(background());
  nativeTheme.on('updated', followTheme);
  win.on('closed', () => nativeTheme.off('updated', followTheme));
  void win.loadURL(options.url);
  return win;
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
