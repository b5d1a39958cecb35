// Generators of URLs an attacker would hand the Electron shell (links in imported text, scripted
// navigations, window.open, frames of another origin), and of the few forms the policy must let
// through, for the electron-policy trust program. Never decides what is allowed: that is the
// oracle's job in the program, written from DESIGN.md §7 rather than from policy.ts.
import fc from 'fast-check';

/** The Electron app's origin, as main.ts asks the policy about it. */
export const APP_ORIGIN = 'app://corroborate';

/** Upper- and lower-case letters mixed at random: "JaVaScRiPt". */
const mixedCase = (word: string): fc.Arbitrary<string> =>
  fc.array(fc.boolean(), { minLength: word.length, maxLength: word.length }).map((flags) => [...word].map((c, i) => (flags[i] ? c.toUpperCase() : c.toLowerCase())).join(''));

/** What may come before a URL and still be stripped by a URL parser: C0 controls and spaces (WHATWG URL "leading C0 control or space"). */
const leading = fc.constantFrom('', '', '', ' ', '  ', '\t', '\n', '\r\n', '\u0000', '\u0001', '\u0008', '\u001f', ' \u000b');

/** Tab and newline anywhere inside a scheme are removed by the parser: "java\tscript:" is javascript:. */
const splitScheme = (scheme: string): fc.Arbitrary<string> =>
  fc.tuple(mixedCase(scheme), fc.nat(scheme.length), fc.constantFrom('', '', '\t', '\n', '\r')).map(([s, at, junk]) => s.slice(0, at) + junk + s.slice(at));

/** Schemes that run code, read files, reach shares or launch other programs. */
export const DANGEROUS_SCHEMES = [
  'javascript', 'vbscript', 'file', 'smb', 'data', 'blob', 'about', 'chrome', 'devtools', 'view-source', 'filesystem',
  'ms-msdt', 'search-ms', 'ms-settings', 'ms-officecmd', 'vscode', 'steam', 'zoommtg', 'intent', 'jar', 'mhtml', 'res',
  'shell', 'x-apple-helpbook', 'ftp', 'ws', 'wss', 'app2', 'chrome-extension', 'javascript ', 'nntp', 'tel', 'sms',
] as const;

const bodies: Record<string, readonly string[]> = {
  javascript: ['alert(1)', '//%0aalert(document.domain)', 'window.corroborate.openNotebook({path:"/"})', 'fetch("//evil.example")'],
  vbscript: ['msgbox(1)'],
  file: ['///etc/passwd', '///C:/Windows/System32/calc.exe', '//server/share/payload.exe', '/%2e%2e/%2e%2e/etc/shadow', '///home/analyst/.ssh/id_ed25519'],
  smb: ['//evil.example/share/x.exe', '//127.0.0.1/c$'],
  data: ['text/html,<script>alert(1)</script>', 'text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==', 'image/svg+xml,<svg onload=alert(1)>', ',hello'],
  blob: ['app://corroborate/1f0e9a30-8d3c-4b1e-9d3a-2f5a6d6f7e8b', 'http://127.0.0.1:5123/0b7d1b5e', 'null/abc'],
  about: ['blank', 'srcdoc', 'blank#app://corroborate/index.html'],
};

const schemeUrl = fc.tuple(leading, fc.constantFrom(...DANGEROUS_SCHEMES), fc.nat(10)).chain(([lead, scheme, n]) => {
  const choices = bodies[scheme.trim()] ?? ['//evil.example/x', 'payload', '/x?app://corroborate/index.html'];
  const body = choices[n % choices.length]!;
  return splitScheme(scheme).map((s) => `${lead}${s}:${body}`);
});

/** Windows UNC and share paths in the forms links and drops bring them. */
const uncUrl = fc.constantFrom(
  '\\\\evil.example\\share\\payload.exe',
  '\\\\?\\C:\\Windows\\System32\\calc.exe',
  '\\\\127.0.0.1@SSL\\DavWWWRoot\\x.lnk',
  '//evil.example/share/payload.exe',
  'file://evil.example/share/payload.exe',
  'file:////evil.example/share',
  '\\\\.\\pipe\\corroborate',
  'C:\\Windows\\System32\\cmd.exe',
  '/etc/passwd',
);

/** Lookalikes of the app's own page: userinfo, other hosts and ports, IDN, trailing dots, its assets, path tricks. */
const appLookalike = fc
  .tuple(
    fc.constantFrom(
      'app://corroborate@evil.example/index.html',
      'app://corroborate:x@evil.example/',
      'app://x:y@corroborate/index.html',
      'app://corroborate\\@evil.example/',
      'app://corroborate.evil.example/index.html',
      'app://evil.example/index.html?app://corroborate/index.html',
      'app://corroborate:80/index.html',
      'app://corroborate./index.html',
      'app://соrroborate/index.html', // Cyrillic о
      'app://xn--corroborate-9ob/index.html',
      'app://corroborate%2eevil/index.html',
      'app:corroborate/index.html',
      'app:///corroborate/index.html',
      'app://corroborate/assets/index.js',
      'app://corroborate/favicon.svg',
      'app://corroborate/index.html/../../etc/passwd',
      'app://corroborate/%2e%2e/%2e%2e/etc/passwd',
      'app://corroborate//evil.example/index.html',
      'app://corroborate/index.htm',
      'app://corroborate/INDEX.HTML',
      'app://corroborate/index.html%00.js',
      'app://other/index.html',
      'app2://corroborate/index.html',
      'apps://corroborate/index.html',
      'https://corroborate/index.html',
      'http://127.0.0.1:5123@evil.example/',
      'http://127.0.0.1.evil.example:5123/',
      'http://127.0.0.1:5124/',
      'http://localhost:5123/',
      'https://app@evil.example/',
      'https://app:corroborate@evil.example/',
      'https://evil.example\\@app/',
      'https://аpple.com/', // Cyrillic а
      'https://xn--pple-43d.com/',
      'http://[::1]:5123/',
    ),
    leading,
  )
  .map(([url, lead]) => lead + url);

/** Web pages: never a navigation of the window (they go to the system browser, if anywhere). */
const webPage = fc.oneof(
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  fc.constantFrom('https://www.reuters.com/world/asia-pacific/', 'http://example.org/report.pdf', 'https://kcna.kp/en/article/q/123.html'),
);

/** Anything at all, including strings that are not URLs. */
const anything = fc.oneof(fc.string({ maxLength: 60 }), fc.string({ unit: 'binary', maxLength: 40 }), fc.webUrl().map((u) => u.replace(/^https?/, 'javascript')));

/** URLs the window must never navigate to (every class issue 7 names), weighted towards the tricks. */
export const hostileUrl: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: schemeUrl },
  { weight: 2, arbitrary: uncUrl },
  { weight: 4, arbitrary: appLookalike },
  { weight: 2, arbitrary: webPage },
  { weight: 1, arbitrary: anything.filter((s) => !/^\s*app:\/\/corroborate\/(index\.html)?([?#]|$)/i.test(s)) },
);

/** The app's own page as the window may reload it: scheme and host in any case, with a query or fragment. */
export const appPageUrl: fc.Arbitrary<string> = fc
  .tuple(mixedCase('app'), mixedCase('corroborate'), fc.constantFrom('/', '/index.html'), fc.constantFrom('', '?', '?x=1', '#/claims', '#/source/0190f3a1', '#token=abc'))
  .map(([scheme, host, path, tail]) => `${scheme}://${host}${path}${tail}`);

/** Links the system browser or mail program may be offered (after the analyst confirms). */
export const externalLink: fc.Arbitrary<string> = fc.oneof(
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  // RFC 6068: an address's own ? # and % are percent-encoded in a mailto: link.
  fc.emailAddress().map((a) => `mailto:${a.replace(/[?#%]/g, (c) => encodeURIComponent(c))}`),
);
