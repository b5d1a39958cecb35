// The security decisions of both hosts as pure functions, so each one is unit-tested rather than
// trusted (DESIGN.md §7). Never imports electron: main.ts and the HTTP host only ask these.

/**
 * The page's Content-Security-Policy. Everything comes from the app's own origin; no inline
 * script or style and no eval, so markup that slipped into the page could not run; no plugins,
 * no <base> rewriting, no form posts, and no other page may frame this one. `data:` images only,
 * for small icons inlined by the bundler.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** The subset of Electron's WebPreferences this app sets; window.ts checks it against Electron's type. */
export interface SecureWebPreferences {
  preload: string;
  contextIsolation: true;
  sandbox: true;
  nodeIntegration: false;
  nodeIntegrationInWorker: false;
  nodeIntegrationInSubFrames: false;
  webSecurity: true;
  allowRunningInsecureContent: false;
  webviewTag: false;
  spellcheck: true;
  navigateOnDragDrop: false;
}

/** The only webPreferences any window of the app gets: the page is a sandboxed web page, nothing more. */
export function secureWebPreferences(preloadPath: string): SecureWebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: true,
    // A file dropped on the window must not replace the app with the file.
    navigateOnDragDrop: false,
  };
}

/**
 * The hidden window that prints the report to PDF: the same locks as every window, no preload
 * (it talks to nothing), and no JavaScript at all — the report has none and must run none.
 */
export function printWebPreferences(): Omit<SecureWebPreferences, 'preload'> & { javascript: false } {
  const { preload: _preload, ...secure } = secureWebPreferences('');
  return { ...secure, javascript: false };
}

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * scheme://host[:port], compared as text. URL#origin cannot be used: Node and Chromium give
 * "null" as the origin of custom schemes such as app://, which would make every app:// URL equal.
 */
function originOf(url: URL): string {
  return `${url.protocol}//${url.host}`.toLowerCase();
}

/**
 * Whether url belongs to the app's own origin (e.g. "app://corroborate" or
 * "http://127.0.0.1:5173"). Lookalikes such as http://127.0.0.1.evil.example, another port, or
 * http://127.0.0.1:5173@evil.example (whose host is evil.example) are not the app.
 */
export function isAppUrl(url: string, appOrigin: string): boolean {
  const u = parse(url);
  const app = parse(appOrigin);
  if (!u || !app) return false;
  if (u.username || u.password) return false;
  return originOf(u) === originOf(app);
}

/** The app is one page; its assets are never something to show in the window by themselves. */
const APP_PAGE_PATHS = new Set(['/', '/index.html']);

function isAppPage(url: string, appOrigin: string): boolean {
  return isAppUrl(url, appOrigin) && APP_PAGE_PATHS.has(new URL(url).pathname);
}

/**
 * Whether the window may navigate to url: only to the app's own page (a reload). Links in imported
 * sources, dropped files and scripted redirects are all denied. In-page hash changes are not
 * navigations (Electron does not ask), so the page's own routing keeps working.
 */
export function navigationAllowed(url: string, appOrigin: string): boolean {
  return isAppPage(url, appOrigin);
}

/**
 * Whether a link may be handed to the operating system: web pages and mail only. The string goes
 * to the OS as it is, so it must be what was checked: one with control characters or white space
 * (which the URL parser strips or drops but another program may not) is refused, and so is a user
 * name, which puts a fake host in front of the real one ("https://app@evil.example") in the
 * confirmation the analyst reads. Chromium hands over canonical URLs, which have neither.
 */
export function externalUrlAllowed(url: string): boolean {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (/[\u0000-\u0020\u007f]/.test(url)) return false;
  const u = parse(url);
  if (!u) return false;
  if (u.protocol === 'mailto:') return u.pathname.length > 0;
  if (u.protocol === 'http:' || u.protocol === 'https:') return u.hostname.length > 0 && !u.username && !u.password;
  // file:, javascript:, data:, blob:, and custom schemes that would launch other programs.
  return false;
}

export interface WindowOpenDecision {
  action: 'deny';
  /** Offer to open url in the system browser (after the analyst confirms). */
  openExternal: boolean;
}

/** The app never opens a second window; a link meant for one may go to the system browser instead. */
export function windowOpenDecision(url: string): WindowOpenDecision {
  return { action: 'deny', openExternal: externalUrlAllowed(url) };
}

/** Camera, microphone, notifications, geolocation, clipboard-read…: the notebook needs none of them. */
export function permissionAllowed(_permission: string): false {
  return false;
}

/** Whether an IPC call may run: it must come from the main frame of the app's own page. */
export function isTrustedSender(frameUrl: string, isMainFrame: boolean, appOrigin: string): boolean {
  return isMainFrame && isAppPage(frameUrl, appOrigin);
}
