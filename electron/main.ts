// The Electron main process: app lifecycle, the single-instance lock, the app:// protocol, menus,
// dialogs and the session's locks. Thin: every security decision is a pure function in policy.ts,
// every launch decision one in launch.ts; this file only wires them to Electron. The notebook runs
// in a worker thread (notebook/node/service-worker-host.ts): this process never waits for storage,
// import or export, and passes API calls and answers through as bytes.
//
// Why app:// rather than file://: the page gets a real origin of its own (file:// pages share one
// opaque origin with every local file and get privileges web pages do not), the CSP arrives as a
// response header as on the browser host rather than as a <meta> tag that only covers what follows
// it, and ES module scripts load (Chromium refuses them from file://'s null origin). The scheme is standard + secure so
// relative URLs and secure-context APIs work; it is not corsEnabled, so no other origin can read
// its files.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, type BrowserWindow, dialog, protocol, session, shell, type OpenDialogOptions } from 'electron';
import { isNotebookError } from '../notebook/common/errors.js';
import { RecentNotebooks } from '../notebook/node/recent.js';
import { createWorkerService, type WorkerService } from '../notebook/node/service-worker-host.js';
import { MENU_CHANNEL, registerIpc } from './ipc.js';
import { isTextRoute, KeptTexts, readText, routeTextRequest, TEXT_HEADERS, type OpenedText } from './source-text-route.js';
import { createDesktop } from './desktop.js';
import { appDataDir, defaultNotebookDir, LaunchArgsError, parseLaunchArgs, readSettings, type LaunchArgs } from './launch.js';
import { CONTENT_SECURITY_POLICY, externalUrlAllowed, navigationAllowed, permissionAllowed, windowOpenDecision } from './policy.js';
import { openRequestOf, requestForPath, requestFromSecondInstance, type OpenRequest, type SecondInstanceData } from './second-instance.js';
import { resolveStaticFile } from './static-files.js';
import { createMainWindow, printHtmlToPdf } from './window.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const SCHEME = 'app';
const APP_HOST = 'corroborate';
const APP_ORIGIN = `${SCHEME}://${APP_HOST}`;
const APP_PAGE = `${APP_ORIGIN}/index.html`;
/** dist/renderer, beside dist/electron. */
const RENDERER_DIR = path.join(here, '..', 'renderer');
/** tsc compiles preload.cts to preload.cjs: a sandboxed preload must be CommonJS. */
const PRELOAD = path.join(here, 'preload.cjs');

// Not app.getPath('userData'): that is Chromium's profile (~/.config/Corroborate on Linux). The
// notebook is the analyst's data, and both hosts must find the same default notebook.
const DATA_DIR = appDataDir(process.platform, process.env, os.homedir());
const DEFAULT_NOTEBOOK = defaultNotebookDir(process.platform, process.env, os.homedir());

let service: WorkerService | null = null;
let win: BrowserWindow | null = null;

/** Where the app's own arguments start in process.argv (and a second launch's): after the executable, and the script in development. */
const ARGS_FROM = process.defaultApp ? 2 : 1;
/** What this launch asks to open (a path the OS passed, --notebook); macOS says it with 'open-file' instead, before 'ready'. */
let launchRequest: OpenRequest | null = openRequestOf(process.argv.slice(ARGS_FROM), process.cwd());

/** The menu, the OS's recent documents, opening what the OS hands over, the window's place per notebook. */
const desktop = createDesktop({
  service: () => service,
  window: () => win,
  stateFile: () => path.join(configDir(), 'window-state.json'),
  send: (command) => win?.webContents.send(MENU_CHANNEL, command),
  dev: !app.isPackaged,
});

// Must happen before 'ready'.
app.setName('Corroborate');
// userData holds what the app remembers (recent notebooks, the window's place) and Chromium's
// profile. CORROBORATE_CONFIG_DIR moves all of it, so a test run never touches the analyst's own.
if (process.env.CORROBORATE_CONFIG_DIR?.trim()) app.setPath('userData', path.resolve(process.env.CORROBORATE_CONFIG_DIR));
app.enableSandbox();
protocol.registerSchemesAsPrivileged([{ scheme: SCHEME, privileges: { standard: true, secure: true, codeCache: true, supportFetchAPI: true } }]);

/** The command-line flags, or null (after saying why) when they make no sense. */
function readArgs(): LaunchArgs | null {
  // `electron main.js --notebook X` in development; `Corroborate --notebook X` when packaged.
  const argv = process.argv.slice(ARGS_FROM);
  try {
    return parseLaunchArgs(argv, { lenient: true });
  } catch (e) {
    if (!(e instanceof LaunchArgsError)) throw e;
    dialog.showErrorBox('Corroborate', `Cannot start: ${e.message}`);
    return null;
  }
}

function errorText(e: unknown): string {
  return isNotebookError(e) ? e.message : e instanceof Error ? e.message : String(e);
}

/** The folder of recent-notebooks.json and window-state.json (after 'ready': userData needs the app's name). */
function configDir(): string {
  return app.getPath('userData');
}

/**
 * Without --notebook: the newest notebook on the recent list that is still there, else the one an
 * older version remembered in settings.json, else the default one (made on first use).
 */
function initialNotebook(args: LaunchArgs): { dir: string; create: boolean } {
  // A missing or empty folder becomes a new notebook; a folder holding anything else is refused.
  if (args.notebook) return { dir: path.resolve(args.notebook), create: true };
  // A notebook the OS handed over (double-clicked, Open with).
  if (launchRequest?.kind === 'notebook') return { dir: launchRequest.path, create: true };
  const recent = new RecentNotebooks(configDir()).mostRecentAvailable();
  if (recent) return { dir: recent.path, create: false };
  const last = readSettings(DATA_DIR).lastNotebook;
  if (last && fs.existsSync(path.join(last, 'notebook.json'))) return { dir: last, create: false };
  return { dir: DEFAULT_NOTEBOOK, create: true };
}

async function chooseNotebookFolder(create: boolean): Promise<string | null> {
  const options: OpenDialogOptions = {
    title: create ? 'New notebook' : 'Open notebook',
    buttonLabel: create ? 'Create' : 'Open',
    properties: ['openDirectory', 'createDirectory'],
  };
  const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
  return result.canceled ? null : (result.filePaths[0] ?? null);
}

/** Opens the first notebook; when it cannot be opened, says why and offers another folder. Null: the analyst chose to quit. */
async function openInitialService(args: LaunchArgs): Promise<WorkerService | null> {
  let { dir, create } = initialNotebook(args);
  for (;;) {
    try {
      const opened = await createWorkerService({
        notebookDir: dir,
        create,
        // CORROBORATE_FOLDER_DIALOG=page: the page's own folder dialog (the e2e suite types into it; Playwright cannot drive native ones).
        host: { host: 'electron', nativeDialogs: process.env.CORROBORATE_FOLDER_DIALOG !== 'page', version: app.getVersion() },
        chooseNotebookFolder,
        printToPdf: printHtmlToPdf,
        configDir: configDir(),
        // The service keeps the app's recent list; the OS's own list, the menu and the window's place follow here.
        onOpened: desktop.notebookOpened,
        // What the page showed may be older than the reopened notebook: it loads it again.
        onRestarted: () => win?.webContents.reload(),
      });
      desktop.addRecentDocument(opened.dir);
      return opened;
    } catch (e) {
      const { response } = await dialog.showMessageBox({
        type: 'error',
        title: 'Corroborate',
        message: `Cannot open the notebook at ${dir}`,
        detail: errorText(e),
        buttons: ['Choose another folder…', 'Quit'],
        defaultId: 0,
        cancelId: 1,
        noLink: true,
      });
      if (response !== 0) return null;
      const chosen = await chooseNotebookFolder(false);
      if (!chosen) return null;
      // An empty folder the analyst picked (or just made) becomes a new notebook.
      dir = chosen;
      create = true;
    }
  }
}

/** Serves dist/renderer as app://corroborate/, with the same CSP header as the browser host. */
function serveRenderer(): void {
  const headers = { 'Content-Security-Policy': CONTENT_SECURITY_POLICY, 'X-Content-Type-Options': 'nosniff' };
  protocol.handle(SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host === APP_HOST && isTextRoute(url.pathname)) return serveSourceText(request.method, url.pathname, headers);
    const found = url.host === APP_HOST && request.method === 'GET' ? resolveStaticFile(RENDERER_DIR, url.pathname) : null;
    if (!found) return new Response('Not found', { status: 404, headers: { ...headers, 'Content-Type': 'text/plain; charset=utf-8' } });
    const body = await fs.promises.readFile(found.file);
    return new Response(new Uint8Array(body), { status: 200, headers: { ...headers, 'Content-Type': found.contentType, 'Cache-Control': 'no-cache' } });
  });
}

/**
 * app://corroborate/text/<sha256>: a source's text straight from the open notebook's sources/
 * folder (see source-text-route.ts), so a 1 MB text crosses as bytes, not as a JSON answer.
 */
async function serveSourceText(method: string, urlPath: string, headers: Record<string, string>): Promise<Response> {
  const route = routeTextRequest(method, urlPath, service?.dir ?? null);
  const refuse = (status: number, message: string) => new Response(message, { status, headers: { ...headers, 'Content-Type': 'text/plain; charset=utf-8' } });
  if (!route.ok) return refuse(route.status, route.message);
  const found = await readText(route, keptTexts);
  if (!found) return refuse(404, `this notebook has no stored text with sha256 ${route.sha256}`);
  const text = 'text' in found ? found.text : await readWhole(found.opened);
  return new Response(method === 'HEAD' ? null : new Uint8Array(text), { status: 200, headers: { ...headers, ...TEXT_HEADERS, 'Content-Length': String(text.byteLength) } });
}

const keptTexts = new KeptTexts();

async function readWhole(opened: OpenedText): Promise<Buffer> {
  try {
    return await opened.handle.readFile();
  } finally {
    await opened.handle.close();
  }
}

/** Every permission denied; and no request leaves the machine: the page has nothing to fetch from the web. */
function lockDownSession(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_contents, permission, callback) => callback(permissionAllowed(permission)));
  ses.setPermissionCheckHandler((_contents, permission) => permissionAllowed(permission));
  ses.webRequest.onBeforeRequest({ urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*'] }, (_details, callback) => callback({ cancel: true }));
}

async function confirmOpenExternal(url: string): Promise<void> {
  if (!externalUrlAllowed(url)) return;
  const options = {
    type: 'question' as const,
    title: 'Open link',
    message: 'Open this link in your web browser?',
    detail: url,
    buttons: ['Open in browser', 'Cancel'],
    defaultId: 1,
    cancelId: 1,
    noLink: true,
  };
  const { response } = win ? await dialog.showMessageBox(win, options) : await dialog.showMessageBox(options);
  if (response === 0) await shell.openExternal(url);
}

// Applies to every web contents the app ever makes (the window, devtools, anything a bug opens).
app.on('web-contents-created', (_event, contents) => {
  contents.on('will-navigate', (event) => {
    if (!navigationAllowed(event.url, APP_ORIGIN)) event.preventDefault();
  });
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame || !navigationAllowed(event.url, APP_ORIGIN)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!navigationAllowed(event.url, APP_ORIGIN)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    const decision = windowOpenDecision(url);
    if (decision.openExternal) void confirmOpenExternal(url);
    return { action: decision.action };
  });
});

function openWindow(): void {
  win = createMainWindow({ preloadPath: PRELOAD, url: APP_PAGE, stateFile: path.join(configDir(), 'window-state.json'), notebookDir: service?.dir ?? null });
  win.on('closed', () => {
    win = null;
  });
}

function focusWindow(): void {
  if (!win) {
    if (service) openWindow();
    return;
  }
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
}

async function run(args: LaunchArgs): Promise<void> {
  await app.whenReady();
  lockDownSession();
  serveRenderer();
  await desktop.refreshMenu();
  service = await openInitialService(args);
  if (!service) {
    app.quit();
    return;
  }
  const opened = service;
  registerIpc(() => opened.call, APP_ORIGIN);
  openWindow();
  // Open recent, now that the service keeps the list.
  await desktop.refreshMenu();
  // A bundle the OS launched the app with: offered for merging into the notebook just opened.
  if (launchRequest?.kind === 'bundle') await desktop.open(launchRequest);
  launchRequest = null;
}

let quitState: 'running' | 'closing' | 'closed' = 'running';
app.on('before-quit', (event) => {
  if (quitState === 'closed' || (quitState === 'running' && !service)) return;
  // Hold the quit (a second Quit too) until the notebook is compacted and its lock released.
  event.preventDefault();
  if (quitState === 'closing' || !service) return;
  quitState = 'closing';
  service
    .close()
    .catch((e: unknown) => dialog.showErrorBox('Corroborate', `The notebook could not be closed cleanly: ${errorText(e)}\nIts journal is on disk; the next open replays it.`))
    .finally(() => {
      quitState = 'closed';
      app.quit();
    });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
app.on('activate', () => focusWindow());
// The window regains the focus: Open recent may have changed (the page's File menu forgets notebooks too).
app.on('browser-window-focus', () => void desktop.refreshMenu());
// macOS: a notebook package or a bundle opened from Finder or the Dock; before 'ready', it is the launch's.
app.on('open-file', (event, file) => {
  event.preventDefault();
  const request = requestForPath(file);
  if (!service) launchRequest = request;
  else {
    focusWindow();
    void desktop.open(request);
  }
});

// Ctrl+C in the terminal that ran `npm start`: quit the same way the menu does.
process.on('SIGINT', () => app.quit());
process.on('SIGTERM', () => app.quit());

const args = readArgs();
// --config-dir, given to the app directly, moves what it remembers like CORROBORATE_CONFIG_DIR.
if (args?.configDir?.trim()) app.setPath('userData', path.resolve(args.configDir));
if (!args) {
  app.exit(2);
} else if (!app.requestSingleInstanceLock({ request: launchRequest } satisfies SecondInstanceData)) {
  // The running app gets what this launch asks to open through 'second-instance', and opens it.
  app.quit();
} else {
  app.on('second-instance', (_event, argv, workingDirectory, additionalData) => {
    focusWindow();
    const request = requestFromSecondInstance(additionalData, argv, workingDirectory, ARGS_FROM);
    if (request) void desktop.open(request);
  });
  run(args).catch((e: unknown) => {
    dialog.showErrorBox('Corroborate', `Corroborate could not start: ${errorText(e)}`);
    app.exit(1);
  });
}
