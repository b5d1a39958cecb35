import { describe, expect, it } from 'vitest';
import {
  CONTENT_SECURITY_POLICY,
  externalUrlAllowed,
  isAppUrl,
  isTrustedSender,
  navigationAllowed,
  permissionAllowed,
  printWebPreferences,
  secureWebPreferences,
  windowOpenDecision,
} from '../../../electron/policy.js';

const APP = 'app://corroborate';
const HTTP_APP = 'http://127.0.0.1:5123';

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp.split(';').map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name as string, values];
    }),
  );
}

describe('the content security policy', () => {
  it('allows no inline script or style and no eval', () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-/);
    const d = directives(CONTENT_SECURITY_POLICY);
    expect(d.get('script-src')).toEqual(["'self'"]);
    expect(d.get('style-src')).toEqual(["'self'"]);
    expect(d.get('default-src')).toEqual(["'self'"]);
  });

  it('refuses plugins, base rewriting, form posts and framing, and reaches only its own origin', () => {
    const d = directives(CONTENT_SECURITY_POLICY);
    expect(d.get('object-src')).toEqual(["'none'"]);
    expect(d.get('base-uri')).toEqual(["'none'"]);
    expect(d.get('form-action')).toEqual(["'none'"]);
    expect(d.get('frame-ancestors')).toEqual(["'none'"]);
    expect(d.get('connect-src')).toEqual(["'self'"]);
    expect(d.get('img-src')).toEqual(["'self'", 'data:']);
  });
});

describe('secureWebPreferences', () => {
  it('isolates and sandboxes the page and gives it no Node', () => {
    const prefs = secureWebPreferences('/app/preload.cjs');
    expect(prefs).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
    });
  });
});

describe('printWebPreferences', () => {
  it('prints the report in a window as locked as the app’s, with no preload and no JavaScript', () => {
    const prefs = printWebPreferences();
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, javascript: false });
    expect(prefs).not.toHaveProperty('preload');
  });
});

describe('isAppUrl', () => {
  it('accepts the app origin, with any path', () => {
    expect(isAppUrl('app://corroborate/index.html', APP)).toBe(true);
    expect(isAppUrl('app://corroborate/assets/x.js', APP)).toBe(true);
    expect(isAppUrl('http://127.0.0.1:5123/', HTTP_APP)).toBe(true);
  });

  it('refuses another host, port, scheme or a lookalike', () => {
    expect(isAppUrl('app://evil/index.html', APP)).toBe(false);
    expect(isAppUrl('app2://corroborate/index.html', APP)).toBe(false);
    expect(isAppUrl('https://corroborate/index.html', APP)).toBe(false);
    expect(isAppUrl('http://127.0.0.1:5124/', HTTP_APP)).toBe(false);
    expect(isAppUrl('http://127.0.0.1/', HTTP_APP)).toBe(false);
    expect(isAppUrl('http://127.0.0.1.evil.example:5123/', HTTP_APP)).toBe(false);
    expect(isAppUrl('http://127.0.0.1:5123@evil.example/', HTTP_APP)).toBe(false);
    expect(isAppUrl('http://evil.example/?http://127.0.0.1:5123/', HTTP_APP)).toBe(false);
    expect(isAppUrl('not a url', APP)).toBe(false);
  });
});

describe('navigationAllowed', () => {
  it('allows only the app page itself (a reload)', () => {
    expect(navigationAllowed('app://corroborate/index.html', APP)).toBe(true);
    expect(navigationAllowed('app://corroborate/index.html#/source/1', APP)).toBe(true);
    expect(navigationAllowed('app://corroborate/', APP)).toBe(true);
  });

  it('denies the web, files, scripts, data and the app’s own assets', () => {
    for (const url of [
      'https://example.org/',
      'http://127.0.0.1:5123/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'app://corroborate/assets/index.js',
      'app://other/index.html',
      'about:blank',
    ]) {
      expect(navigationAllowed(url, APP), url).toBe(false);
    }
  });
});

describe('externalUrlAllowed and windowOpenDecision', () => {
  it('hands web pages and mail to the system, nothing else', () => {
    expect(externalUrlAllowed('https://www.reuters.com/world/')).toBe(true);
    expect(externalUrlAllowed('http://example.org/report.pdf')).toBe(true);
    expect(externalUrlAllowed('mailto:desk@example.org')).toBe(true);
    for (const url of ['file:///C:/Windows/System32/calc.exe', 'javascript:alert(1)', 'data:text/html,hi', 'smb://server/share', 'ms-msdt:/id', 'vscode://file/x', 'app://corroborate/index.html', 'mailto:', 'nonsense']) {
      expect(externalUrlAllowed(url), url).toBe(false);
    }
  });

  it('never opens a window, and offers the browser only for allowed links', () => {
    expect(windowOpenDecision('https://example.org/')).toEqual({ action: 'deny', openExternal: true });
    expect(windowOpenDecision('file:///etc/passwd')).toEqual({ action: 'deny', openExternal: false });
    expect(windowOpenDecision('app://corroborate/index.html')).toEqual({ action: 'deny', openExternal: false });
  });
});

describe('permissionAllowed', () => {
  it('denies every permission', () => {
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read', 'clipboard-sanitized-write', 'openExternal', 'fullscreen', 'unknown-future-permission']) {
      expect(permissionAllowed(p), p).toBe(false);
    }
  });
});

describe('isTrustedSender', () => {
  it('trusts only the main frame of the app page', () => {
    expect(isTrustedSender('app://corroborate/index.html', true, APP)).toBe(true);
    expect(isTrustedSender('app://corroborate/index.html', false, APP)).toBe(false);
    expect(isTrustedSender('https://example.org/', true, APP)).toBe(false);
    expect(isTrustedSender('app://corroborate/assets/evil.html', true, APP)).toBe(false);
    expect(isTrustedSender('', true, APP)).toBe(false);
  });
});
