// Issue 7 item 7: the Electron shell's security decisions under generated hostile input. Property
// tests over generated URLs (javascript:, file:, smb:, UNC paths, mixed case, IDN, userinfo
// tricks, control characters, data:, blob:, about:) against policy.ts's navigation and
// openExternal decisions; every permission denied; IPC from a foreign frame refused; the window
// factory's settings; and a scan of electron/ showing no window or ipcMain handler made elsewhere.
// The oracles are written from DESIGN.md §7, not from policy.ts. Never loads Electron itself: its
// main-process module is replaced by recorders, as in the unit tests.
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { api, METHOD_NAMES, type Handlers, type Outcome } from '../../notebook/common/api.js';
import { externalUrlAllowed, isTrustedSender, navigationAllowed, permissionAllowed, windowOpenDecision } from '../../electron/policy.js';
import { recordFigure } from './figures.js';
import { REPO_ROOT } from './hostile/dist.js';
import { scaled } from './hostile/size.js';
import { APP_ORIGIN, appPageUrl, externalLink, hostileUrl } from './hostile/urls.js';

const PROGRAM = 'electron-policy';
const SEED = 7_000_007;

const electron = vi.hoisted(() => ({
  handlers: new Map<string, (event: unknown, input: unknown) => Promise<unknown>>(),
  listeners: new Map<string, (event: { returnValue?: unknown }) => void>(),
  windows: [] as { options: Record<string, unknown>; loaded: string[] }[],
}));
vi.mock('electron', () => {
  class BrowserWindow {
    readonly loaded: string[] = [];
    constructor(readonly options: Record<string, unknown>) {
      electron.windows.push(this);
    }
    once(): this {
      return this;
    }
    on(): this {
      return this;
    }
    show(): void {}
    maximize(): void {}
    isMaximized(): boolean {
      return false;
    }
    isDestroyed(): boolean {
      return false;
    }
    getNormalBounds() {
      return { x: 0, y: 0, width: 1280, height: 800 };
    }
    setBackgroundColor(): void {}
    loadURL(url: string): Promise<void> {
      this.loaded.push(url);
      return Promise.resolve();
    }
    readonly webContents = { printToPDF: () => Promise.resolve(new Uint8Array([0x25, 0x50, 0x44, 0x46])) };
    destroy(): void {}
  }
  return {
    BrowserWindow,
    nativeTheme: { shouldUseDarkColors: false, on: () => undefined, off: () => undefined },
    // One 1920×1080 display: where a window with no saved place opens.
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
    ipcMain: {
      handle: (channel: string, fn: (event: unknown, input: unknown) => Promise<unknown>) => electron.handlers.set(channel, fn),
      removeHandler: (channel: string) => electron.handlers.delete(channel),
      on: (channel: string, fn: (event: { returnValue?: unknown }) => void) => electron.listeners.set(channel, fn),
      off: (channel: string) => electron.listeners.delete(channel),
    },
  };
});

// ── Oracles, from DESIGN.md §7 ─────────────────────────────────────────────────────────────────

/** What a URL parser makes of a raw string first (WHATWG URL): outer C0 controls and spaces stripped, tabs and newlines removed. */
function parserView(raw: string): string {
  // eslint-disable-next-line no-control-regex -- C0 controls are what the URL parser strips
  return raw.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '').replace(/[\t\n\r]/g, '');
}

/** All navigation is denied except a reload of the app's own page: app://corroborate/ or /index.html, any query or fragment. */
function navigationOracle(raw: string): boolean {
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?#\\]*)(\/[^?#]*)?([?#][\s\S]*)?$/.exec(parserView(raw));
  if (!m) return false;
  return m[1]!.toLowerCase() === 'app' && m[2]!.toLowerCase() === 'corroborate' && (m[3] === '/' || m[3] === '/index.html');
}

/**
 * openExternal only for http(s) and mailto (after confirmation): the string handed to the operating
 * system must be exactly such a link, with nothing a parser would strip first (controls, spaces)
 * and no user name that hides the real host from the analyst reading the confirmation.
 */
function externalOracle(raw: string): boolean {
  // eslint-disable-next-line no-control-regex -- control characters are what must not reach the OS
  if (/[\u0000-\u0020\u007f]/.test(raw)) return false;
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(raw)?.[1]?.toLowerCase();
  if (scheme === 'mailto') return /^mailto:[^?#]/i.test(raw); // a recipient, not only headers
  if (scheme !== 'http' && scheme !== 'https') return false;
  const authority = /^https?:\/\/([^/?#\\]*)/i.exec(raw)?.[1];
  return authority !== undefined && authority !== '' && !authority.includes('@');
}

/** The positive control: policies a hurried author might write, which the same oracles must catch. */
const naive = {
  navigation: (url: string) => url.toLowerCase().trim().startsWith(APP_ORIGIN),
  external: (url: string) => !/^javascript:/.test(url),
};

const show = (s: string): string => JSON.stringify(s);

describe('Electron policy under generated hostile URLs (issue 7, item 7)', () => {
  const hostile = fc.sample(hostileUrl, { numRuns: scaled(1200), seed: SEED });
  const appPages = fc.sample(appPageUrl, { numRuns: scaled(100), seed: SEED + 1 });
  const links = fc.sample(externalLink, { numRuns: scaled(200), seed: SEED + 2 });
  const all = [...hostile, ...appPages, ...links];

  it('navigation and IPC senders: only the app page passes; openExternal: only plain http(s) and mailto links', () => {
    const wrongNavigation: string[] = [];
    const wrongExternal: string[] = [];
    const windowsOpened: string[] = [];
    for (const url of all) {
      const nav = navigationAllowed(url, APP_ORIGIN);
      if (nav !== navigationOracle(url)) wrongNavigation.push(`${show(url)} → ${nav}`);
      const ext = externalUrlAllowed(url);
      if (ext !== externalOracle(url)) wrongExternal.push(`${show(url)} → ${ext}`);
      // IPC is trusted from the app page's main frame only: the same forms as navigation, and never from a subframe.
      if (isTrustedSender(url, true, APP_ORIGIN) !== navigationOracle(url) || isTrustedSender(url, false, APP_ORIGIN)) wrongNavigation.push(`${show(url)} as IPC sender`);
      const decision = windowOpenDecision(url);
      if (decision.action !== 'deny' || decision.openExternal !== ext) windowsOpened.push(`${show(url)} → ${JSON.stringify(decision)}`);
    }
    const hostileNavigations = hostile.filter((u) => navigationAllowed(u, APP_ORIGIN)).length;
    const appReloads = appPages.filter((u) => navigationAllowed(u, APP_ORIGIN)).length;
    const linksOffered = links.filter((u) => externalUrlAllowed(u)).length;

    // The same oracles over the naive policies: they must find faults, or they find nothing at all.
    const controlNavigation = all.filter((u) => naive.navigation(u) !== navigationOracle(u)).length;
    const controlExternal = all.filter((u) => naive.external(u) !== externalOracle(u)).length;
    const control = `naive startsWith/blocklist policies: ${controlNavigation} navigation and ${controlExternal} openExternal decisions wrong of ${all.length}`;

    recordFigure({ program: PROGRAM, figure: 'generated URLs checked', value: all.length, expected: '≥ 1,000', control: `${hostile.length} hostile, ${appPages.length} app page, ${links.length} web/mail` });
    recordFigure({ program: PROGRAM, figure: 'navigation/IPC-sender decisions wrong (hostile allowed)', value: `${wrongNavigation.length} (${hostileNavigations})`, expected: '0 (0)', control });
    recordFigure({ program: PROGRAM, figure: 'openExternal decisions wrong', value: wrongExternal.length, expected: '0', control });
    recordFigure({ program: PROGRAM, figure: 'window.open calls not denied', value: windowsOpened.length, expected: '0', control: `${linksOffered} of ${links.length} web/mail links offered to the system browser` });

    expect(all.length).toBeGreaterThanOrEqual(1000);
    expect(wrongNavigation.slice(0, 10)).toEqual([]);
    expect(wrongExternal.slice(0, 10)).toEqual([]);
    expect(windowsOpened.slice(0, 10)).toEqual([]);
    expect(hostileNavigations).toBe(0);
    expect(appReloads, 'the app page itself must still reload').toBe(appPages.length);
    expect(linksOffered, 'plain web and mail links must still be offered').toBe(links.length);
    expect(controlNavigation).toBeGreaterThan(0);
    expect(controlExternal).toBeGreaterThan(0);
  });

  it('every permission request is denied', () => {
    const known = [
      'media', 'geolocation', 'notifications', 'midi', 'midiSysex', 'pointerLock', 'fullscreen', 'openExternal', 'clipboard-read',
      'clipboard-sanitized-write', 'display-capture', 'mediaKeySystem', 'idle-detection', 'window-management', 'unknown', 'hid',
      'serial', 'usb', 'storage-access', 'top-level-storage-access', 'speaker-selection', 'keyboardLock', 'fileSystem',
    ];
    const names = [...known, ...fc.sample(fc.string({ maxLength: 30 }), { numRuns: scaled(500), seed: SEED + 3 })];
    const granted = names.filter((p) => permissionAllowed(p) !== false);
    // Control: a handler that lets two harmless-looking permissions through is caught by the same count.
    const looser = (p: string): boolean => p === 'fullscreen' || p === 'clipboard-sanitized-write';
    const control = `a handler granting fullscreen and clipboard writes: ${names.filter((p) => looser(p) !== false).length} granted`;
    recordFigure({ program: PROGRAM, figure: 'permission requests granted', value: `${granted.length} of ${names.length}`, expected: '0', control });
    expect(granted).toEqual([]);
    // main.ts hands every request and check to this function (read as text: it cannot run here).
    const main = read('electron/main.ts');
    expect(main).toMatch(/setPermissionRequestHandler\([^)]*\)\s*=>\s*callback\(permissionAllowed\(permission\)\)/);
    expect(main).toMatch(/setPermissionCheckHandler\([^)]*\)\s*=>\s*permissionAllowed\(permission\)/);
  });

  it('IPC calls from any frame but the main frame of the app page are refused without running', async () => {
    const { registerIpc } = await import('../../electron/ipc.js');
    const { inProcessCaller } = await import('../../notebook/node/service-worker-protocol.js');
    const ran: string[] = [];
    const handlers = Object.fromEntries(METHOD_NAMES.map((name) => [name, () => (ran.push(name), { ok: 1 })])) as unknown as Handlers;
    const dispose = registerIpc(() => inProcessCaller(handlers), APP_ORIGIN);
    interface Frame {
      url: string;
      parent: Frame | null;
      isDestroyed(): boolean;
    }
    const frame = (url: string, parent: Frame | null = null, destroyed = false): Frame => ({ url, parent, isDestroyed: () => destroyed });
    const appFrame = frame(`${APP_ORIGIN}/index.html`);
    // As the preload calls: the input as JSON bytes, the Outcome back as JSON bytes in chunks.
    const invoke = async (name: string, senderFrame: Frame | null): Promise<Outcome> =>
      JSON.parse(Buffer.concat((await electron.handlers.get(`corroborate:${name}`)!({ senderFrame }, new TextEncoder().encode('{}'))) as Uint8Array[]).toString('utf8')) as Outcome;

    const foreign: (Frame | null)[] = [
      ...hostile.slice(0, scaled(300)).map((u) => frame(u)),
      ...appPages.map((u) => frame(u, appFrame)), // the app page, but framed inside it
      ...appPages.map((u) => frame(u, null, true)), // the app page's frame, destroyed mid-call
      null,
    ];
    // Methods whose empty input is valid: a call that got past the sender check would surely run.
    const callable = METHOD_NAMES.filter((name) => api[name].input.safeParse({}).success);
    let foreignRan = 0;
    let refusedClearly = 0;
    for (const [i, sender] of foreign.entries()) {
      const name = callable[i % callable.length]!;
      const before = ran.length;
      const outcome = await invoke(name, sender);
      if (ran.length !== before) foreignRan++;
      if (!outcome.ok && outcome.error.code === 'invalid' && outcome.error.message.includes(`refused ${name}`)) refusedClearly++;
    }
    // Control: the same calls from the app page's main frame do run (the detector sees a call that runs).
    let appRan = 0;
    for (const [i, url] of appPages.entries()) {
      const before = ran.length;
      await invoke(callable[i % callable.length]!, frame(url));
      if (ran.length === before + 1) appRan++;
    }
    dispose();
    expect(callable.length).toBeGreaterThanOrEqual(3);
    const control = `calls from the app page's main frame ran: ${appRan} of ${appPages.length}`;
    recordFigure({ program: PROGRAM, figure: 'IPC calls from foreign frames that ran', value: `${foreignRan} of ${foreign.length}`, expected: '0', control });
    expect(foreignRan).toBe(0);
    expect(refusedClearly).toBe(foreign.length);
    expect(appRan).toBe(appPages.length);
  });

  it('the window factory gives every window the secure settings', async () => {
    const { createMainWindow, printHtmlToPdf } = await import('../../electron/window.js');
    electron.windows.length = 0;
    createMainWindow({ preloadPath: '/app/dist/electron/preload.cjs', url: `${APP_ORIGIN}/index.html` });
    await printHtmlToPdf('<p>report</p>');
    const made = electron.windows[0];
    const prefs = (made?.options.webPreferences ?? {}) as Record<string, unknown>;
    // The hidden print window: the same locks, no preload (it talks to nothing), no JavaScript.
    const print = (electron.windows[1]?.options.webPreferences ?? {}) as Record<string, unknown>;
    const required: Record<string, unknown> = {
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      preload: '/app/dist/electron/preload.cjs',
    };
    // Settings that must never appear at all: each loosens the sandbox or adds privileged APIs.
    const forbidden = ['enableRemoteModule', 'experimentalFeatures', 'enableBlinkFeatures', 'additionalArguments', 'session', 'partition'];
    const printRequired: Record<string, unknown> = { ...required, preload: undefined, javascript: false };
    const wrong = [
      ...Object.entries(required).filter(([k, v]) => prefs[k] !== v).map(([k, v]) => `main window: ${k} is ${String(prefs[k])}, not ${String(v)}`),
      ...Object.entries(printRequired).filter(([k, v]) => print[k] !== v).map(([k, v]) => `print window: ${k} is ${String(print[k])}, not ${String(v)}`),
      ...forbidden.filter((k) => k in prefs || k in print).map((k) => `${k} is set`),
    ];
    const control = `a window with sandbox: false would be reported: ${Object.entries(required).filter(([k, v]) => ({ ...prefs, sandbox: false })[k] !== v).length} wrong`;
    recordFigure({ program: PROGRAM, figure: 'window factory security settings wrong (main and print windows)', value: wrong.length, expected: '0', control });
    expect(electron.windows).toHaveLength(2);
    expect(made?.loaded).toEqual([`${APP_ORIGIN}/index.html`]);
    expect(wrong).toEqual([]);
  });

  it('no window, webPreferences or ipcMain handler is made outside the factory and the validated wrapper', () => {
    const files = electronSources();
    const findings = scan(files);
    // Control: the same scan over the sources with two violations written in.
    const seeded = new Map(files);
    seeded.set('electron/main.ts', `${files.get('electron/main.ts')}\nconst w = new BrowserWindow({ webPreferences: { sandbox: false } });\n`);
    seeded.set('electron/menu.ts', `${files.get('electron/menu.ts')}\nipcMain.on('x', () => undefined);\n`);
    const controlFindings = scan(seeded);
    const control = `the same scan with a BrowserWindow in main.ts and ipcMain.on in menu.ts: ${controlFindings.length} findings`;
    recordFigure({ program: PROGRAM, figure: 'windows/handlers/loosened settings outside the factory (scan)', value: findings.length, expected: '0', control });
    expect(files.size).toBeGreaterThanOrEqual(8);
    expect(findings).toEqual([]);
    expect(controlFindings.length).toBeGreaterThanOrEqual(3);

    // main.ts wires every navigation, redirect, new window and webview through the policy.
    const main = files.get('electron/main.ts')!;
    for (const wiring of [
      /on\('will-navigate',[\s\S]{0,120}navigationAllowed\(event\.url, APP_ORIGIN\)\) event\.preventDefault\(\)/,
      /on\('will-frame-navigate',[\s\S]{0,160}navigationAllowed\(event\.url, APP_ORIGIN\)\) event\.preventDefault\(\)/,
      /on\('will-redirect',[\s\S]{0,120}navigationAllowed\(event\.url, APP_ORIGIN\)\) event\.preventDefault\(\)/,
      /on\('will-attach-webview', \(event\) => event\.preventDefault\(\)\)/,
      /setWindowOpenHandler\([\s\S]{0,200}windowOpenDecision\(url\)[\s\S]{0,200}return \{ action: decision\.action \}/,
      /if \(!externalUrlAllowed\(url\)\) return;[\s\S]{0,600}shell\.openExternal\(url\)/,
    ]) {
      expect(main, String(wiring)).toMatch(wiring);
    }
    expect(main.match(/shell\.openExternal\(/g)).toHaveLength(1);
  });
});

function read(file: string): string {
  return fs.readFileSync(path.join(REPO_ROOT, file), 'utf8');
}

/** electron/**.ts and .cts as text, keyed by their path from the repo root. */
function electronSources(): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(path.join(REPO_ROOT, dir), { withFileTypes: true })) {
      const rel = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(rel);
      else if (/\.c?ts$/.test(entry.name) && !entry.name.endsWith('.d.ts')) files.set(rel, read(rel));
    }
  };
  walk('electron');
  return files;
}

/** Comments removed, so that a sentence about `new BrowserWindow` does not count as one. */
function code(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

/**
 * Where a window is made, a webPreferences object is written, or an ipcMain handler is bound,
 * outside the one file allowed to; and every setting that loosens the sandbox, anywhere.
 */
function scan(files: Map<string, string>): string[] {
  const rules: { what: RegExp; only: string | null; say: string }[] = [
    { what: /new\s+(?:electron\.)?BrowserWindow\s*\(/g, only: 'electron/window.ts', say: 'a BrowserWindow' },
    { what: /new\s+(?:electron\.)?(?:BrowserView|WebContentsView)\s*\(/g, only: null, say: 'a BrowserView/WebContentsView' },
    { what: /webPreferences\s*:/g, only: 'electron/window.ts', say: 'webPreferences' },
    { what: /ipcMain\s*\.\s*(?:handle|handleOnce|on|once|addListener|prependListener)\s*\(/g, only: 'electron/ipc.ts', say: 'an ipcMain handler' },
    { what: /\b(?:sandbox|contextIsolation|webSecurity)\s*:\s*false\b/g, only: null, say: 'a sandbox setting turned off' },
    { what: /\b(?:nodeIntegration|nodeIntegrationInWorker|nodeIntegrationInSubFrames|allowRunningInsecureContent|webviewTag|enableRemoteModule|experimentalFeatures)\s*:\s*true\b/g, only: null, say: 'a privilege turned on' },
    { what: /exposeInMainWorld\([^)]*ipcRenderer\s*\)/g, only: null, say: 'ipcRenderer exposed to the page' },
    { what: /@ts-ignore|@ts-nocheck/g, only: null, say: 'a type check switched off' },
  ];
  const findings: string[] = [];
  for (const [file, text] of files) {
    const body = code(text);
    for (const rule of rules) {
      if (rule.only === file) continue;
      for (const m of body.matchAll(rule.what)) findings.push(`${file}: ${rule.say} (${m[0]})`);
    }
  }
  return findings;
}
