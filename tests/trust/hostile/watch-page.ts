// Detectors for the hostile-html trust program: script executions (calls of the __hostile marker,
// dialogs), navigations, popups, network requests, CSP violations, and markup left in the DOM,
// attached to a Playwright browser context. Each event says which hostile page caused it when the
// payload's report carries its id. Never blocks or alters what the page does: it only watches.
import type { BrowserContext, Frame, Page } from '@playwright/test';

export interface Violation {
  directive: string;
  blockedURI: string;
  sourceFile: string;
  sample: string;
  documentURI: string;
}

export interface Events {
  /** `<page id>:<kind>` for each marker call a payload made. */
  marks: string[];
  dialogs: string[];
  /** URLs of navigations the watcher counts (see watchContext's `ownNavigation`). */
  navigations: string[];
  popups: string[];
  /** URLs of requests the watcher counts (see `ownRequest`). */
  requests: string[];
  violations: Violation[];
  /** Uncaught exceptions in the watched pages. */
  pageErrors: string[];
}

export function emptyEvents(): Events {
  return { marks: [], dialogs: [], navigations: [], popups: [], requests: [], violations: [], pageErrors: [] };
}

export interface WatchOptions {
  /** A navigation that belongs to the page itself (the app's own load), not counted. */
  ownNavigation(frame: Frame, url: string): boolean;
  /** A request that belongs to the page itself (the app's assets and API), not counted. */
  ownRequest(url: string): boolean;
  /** Close each popup this long after it opened (once counted), so many of them do not pile up. */
  closePopupsAfterMs?: number;
}

/**
 * Installs the marker (`__hostile`, in every frame of every page of the context) and the CSP
 * violation reporter, and starts recording. Call before the first page is made.
 */
export async function watchContext(context: BrowserContext, events: Events, options: WatchOptions): Promise<void> {
  await context.exposeBinding('__hostile', (_source, mark: unknown) => {
    events.marks.push(String(mark));
  });
  await context.exposeBinding('__reportViolation', (_source, v: Violation) => {
    events.violations.push(v);
  });
  await context.addInitScript(() => {
    document.addEventListener(
      'securitypolicyviolation',
      (e) => {
        const report = (window as unknown as { __reportViolation?: (v: unknown) => void }).__reportViolation;
        report?.({ directive: e.effectiveDirective, blockedURI: e.blockedURI, sourceFile: e.sourceFile, sample: e.sample, documentURI: e.documentURI });
      },
      true,
    );
  });
  context.on('page', (page) => {
    watchPage(page, events, options);
    // A page with an opener was opened by a page (window.open, target=_blank): a popup. Pages the
    // program opens itself have none.
    void page.opener().then((opener) => {
      if (!opener) return;
      // Counted at once; its address arrives with its first navigation and replaces the placeholder.
      const at = events.popups.push(page.url() || '(blank)') - 1;
      page.once('framenavigated', (frame) => {
        if (frame === page.mainFrame()) events.popups[at] = frame.url();
      });
      if (options.closePopupsAfterMs !== undefined) setTimeout(() => void page.close().catch(() => undefined), options.closePopupsAfterMs);
    });
  });
}

function watchPage(page: Page, events: Events, options: WatchOptions): void {
  page.on('dialog', (dialog) => {
    events.dialogs.push(dialog.message());
    void dialog.dismiss().catch(() => undefined);
  });
  page.on('framenavigated', (frame) => {
    const url = frame.url();
    if (!options.ownNavigation(frame, url)) events.navigations.push(url);
  });
  page.on('request', (request) => {
    const url = request.url();
    if (!options.ownRequest(url)) events.requests.push(url);
  });
  page.on('pageerror', (error) => events.pageErrors.push(error.message));
}

/** Everything an event list says about one page id, or anything at all when no id is given. */
export function eventsFor(events: Events, id?: string): number {
  const has = (s: string) => (id ? s.includes(`${id}:`) || s.includes(`/${id}/`) || s.includes(id) : true);
  return (
    events.marks.filter(has).length +
    events.dialogs.filter(has).length +
    events.navigations.filter(has).length +
    events.popups.filter(has).length +
    events.requests.filter(has).length
  );
}

/**
 * What in the document looks like markup a hostile page put there: event handler attributes,
 * URL-bearing attributes pointing at a script, data, the witness or a page id, and elements that
 * load or run something (frames, objects, embeds, base, meta refresh, scripts not from the app's
 * origin). Text is not looked at: a source's text and title are meant to show the page's words.
 */
export function scanForMarkup(witness: string): string[] {
  const urlAttributes = ['href', 'src', 'srcset', 'action', 'formaction', 'xlink:href', 'data', 'poster', 'background', 'ping', 'srcdoc', 'style', 'content', 'codebase', 'dynsrc', 'lowsrc'];
  const hostile = (v: string) => /javascript:|vbscript:|data:text|hp-\d|__hostile|expression\(/i.test(v) || v.includes(witness);
  const findings: string[] = [];
  for (const el of Array.from(document.querySelectorAll('*'))) {
    const tag = el.tagName.toLowerCase();
    if (['iframe', 'frame', 'frameset', 'object', 'embed', 'base', 'portal', 'applet', 'isindex'].includes(tag)) findings.push(`<${tag}>`);
    // The app's own page has a CSP <meta> in its head; a refresh anywhere, or a <meta> in the body, is not the app's.
    if (tag === 'meta' && (/refresh|set-cookie/i.test(el.getAttribute('http-equiv') ?? '') || el.closest('body'))) findings.push(`<meta http-equiv=${el.getAttribute('http-equiv')}>`);
    if (tag === 'script' && !(el as HTMLScriptElement).src.startsWith(location.origin)) findings.push('<script> not from the app');
    for (const a of Array.from(el.attributes)) {
      if (a.name.startsWith('on')) findings.push(`<${tag} ${a.name}>`);
      else if (urlAttributes.includes(a.name) && hostile(a.value)) findings.push(`<${tag} ${a.name}="${a.value.slice(0, 60)}">`);
    }
  }
  return findings;
}
