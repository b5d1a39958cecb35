// Bench: the reader in Chromium (issue 8): a 1 MB source with 2,000 overlapping excerpts opens its
// first screen, highlights painted, within 100 ms of being chosen, keeps its text under 500
// elements wherever it is scrolled, and shows a new excerpt soon after Save excerpt. Each beside a
// baseline from the same run. Runs the built app (dist/, or CORROBORATE_DIST). Never in `npm test`.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { appBench, armClickTimer, clickTimed, startApp, type RunningApp } from './app.js';
import { BIG_TITLE, EXCERPTS, generateReaderNotebook, SHORT_TITLE } from './reader-notebook.js';
import { formatCount } from '../../renderer/src/ui/format.js';
import { stats } from './results.js';

const { recorder, work } = appBench('reader');
const RUNS = 9;
const SAVES = 7;
const DOM_BOUND = 500;
const FIRST_SCREEN_MS = 100;

let app: RunningApp | null = null;

beforeAll(async () => {
  const dir = path.join(work, 'reader.corroborate');
  generateReaderNotebook(dir);
  app = await startApp(dir);
});

const running = (): RunningApp => {
  if (!app) throw new Error('the app did not start');
  return app;
};

const sourceButton = (page: Page, title: string) =>
  page.getByRole('complementary', { name: 'Library', exact: true }).getByRole('list', { name: 'Sources', exact: true }).getByRole('button').filter({ hasText: title });

/**
 * Arms the page to time the next click until `title`'s first screen is painted. "First screen":
 * the Reader's heading says `title`, a block of its text lies inside the scroller's view, and
 * (with `highlights`) an excerpt highlight is registered on a range inside the rendered text.
 * The clock starts when the click event reaches the page (a capture listener on window, before
 * the app's own handler) and stops once the frame showing all that is produced: the first check
 * that holds (after each DOM change, and in every animation frame, since highlights can be
 * registered without a DOM change), then the next animation frame, then a message posted from it,
 * which runs after that frame's rendering steps.
 */
async function armFirstScreen(page: Page, title: string, highlights: boolean): Promise<void> {
  await page.evaluate(
    ({ title, highlights }) => {
      const w = window as unknown as { firstScreen?: Promise<number> };
      w.firstScreen = new Promise<number>((resolve, reject) => {
        let clicked: number | null = null;
        let done = false;
        const reader = document.querySelector('main[aria-label="Reader"]')!;
        const shown = (): boolean => {
          if (reader.querySelector('h2')?.textContent !== title) return false;
          const text = reader.querySelector('[aria-label="Source text"]');
          const scroller = text?.parentElement;
          if (!text || !scroller) return false;
          const view = scroller.getBoundingClientRect();
          const inView = [...text.querySelectorAll('[data-index]')].some((b) => {
            const r = b.getBoundingClientRect();
            return r.bottom > view.top && r.top < view.bottom && (b.textContent ?? '').length > 0;
          });
          if (!inView) return false;
          if (!highlights) return true;
          for (const [name, highlight] of CSS.highlights) {
            if (!name.startsWith('excerpt')) continue;
            for (const range of highlight) if (text.contains(range.startContainer)) return true;
          }
          return false;
        };
        const finish = () => {
          if (done) return;
          done = true;
          observer.disconnect();
          requestAnimationFrame(() => {
            const channel = new MessageChannel();
            channel.port1.onmessage = () => resolve(performance.now() - clicked!);
            channel.port2.postMessage(null);
          });
        };
        const check = () => {
          if (!done && clicked !== null && shown()) finish();
        };
        const observer = new MutationObserver(check);
        observer.observe(reader, { subtree: true, childList: true, characterData: true });
        const frame = () => {
          check();
          if (!done) requestAnimationFrame(frame);
        };
        window.addEventListener(
          'click',
          () => {
            clicked = performance.now();
            requestAnimationFrame(frame);
          },
          { capture: true, once: true },
        );
        setTimeout(() => {
          if (!done) reject(new Error(`"${title}" was not on screen within 30 s of the click`));
        }, 30_000);
      });
    },
    { title, highlights },
  );
}

/** Clicks the source in the Library and answers how long its first screen took (see armFirstScreen). */
async function openTimed(page: Page, title: string, highlights: boolean): Promise<number> {
  await armFirstScreen(page, title, highlights);
  await sourceButton(page, title).click();
  return page.evaluate(() => (window as unknown as { firstScreen: Promise<number> }).firstScreen);
}

/** How many elements the source text holds with the scroller at `fraction` of its height, once the view has settled. */
async function elementsAt(page: Page, fraction: number): Promise<number> {
  return page.evaluate(async (fraction) => {
    const text = document.querySelector('main[aria-label="Reader"] [aria-label="Source text"]')!;
    const scroller = text.parentElement!;
    const frames = (n: number) => new Promise<void>((resolve) => {
      const step = (left: number) => (left === 0 ? resolve() : requestAnimationFrame(() => step(left - 1)));
      step(n);
    });
    // The virtualiser measures blocks as they come and may move the end: aim again until it stays.
    let last = -1;
    for (let i = 0; i < 20; i++) {
      scroller.scrollTop = (scroller.scrollHeight - scroller.clientHeight) * fraction;
      await frames(3);
      const count = text.querySelectorAll('*').length;
      if (count === last) break;
      last = count;
    }
    const view = scroller.getBoundingClientRect();
    const inView = [...text.querySelectorAll('[data-index]')].filter((b) => {
      const r = b.getBoundingClientRect();
      return r.bottom > view.top && r.top < view.bottom;
    }).length;
    if (inView === 0) throw new Error(`no block of the text in view at ${fraction * 100}%`);
    return text.querySelectorAll('*').length;
  }, fraction);
}

/**
 * Selects a few words of a block in view (as a drag would), clicks Save excerpt, and answers how
 * long from that click until the new excerpt is painted as the selected one (the 'excerpt-selected'
 * highlight holds exactly that passage), to the frame after, as armFirstScreen times it.
 */
async function saveTimed(page: Page, round: number): Promise<number> {
  const passage = await page.evaluate((round) => {
    const text = document.querySelector('main[aria-label="Reader"] [aria-label="Source text"]')!;
    const scroller = text.parentElement!;
    const view = scroller.getBoundingClientRect();
    // Blocks whose first lines are in view (a block of a very long line may reach far below it).
    const blocks = [...text.querySelectorAll<HTMLElement>('[data-index]')].filter((b) => {
      const r = b.getBoundingClientRect();
      return r.top > view.top && r.top < view.bottom - 80 && (b.textContent ?? '').split(' ').length > 12;
    });
    const block = blocks[round % blocks.length];
    if (!block) throw new Error('no whole block with words in view to select from');
    const node = block.firstChild as Text;
    const words = node.data.split(' ');
    const from = words.slice(0, 2 + round).join(' ').length + 1;
    const to = from + words.slice(2 + round, 7 + round).join(' ').length;
    const range = document.createRange();
    range.setStart(node, from);
    range.setEnd(node, to);
    const selection = window.getSelection()!;
    selection.removeAllRanges();
    selection.addRange(range);
    return node.data.slice(from, to);
  }, round);
  const save = page.getByRole('main', { name: 'Reader', exact: true }).getByRole('button', { name: 'Save excerpt', exact: true });
  await expect.poll(() => save.isEnabled(), { message: 'Save excerpt enabled by the selection' }).toBe(true);
  await armClickTimer(
    page,
    (passage) => [...(CSS.highlights.get('excerpt-selected') ?? [])].some((r) => r instanceof Range && r.toString() === passage),
    passage,
    `"${passage}" was not painted as the selected excerpt`,
  );
  await save.click();
  return clickTimed(page);
}

describe('reader', () => {
  it(`opens a 1 MB source with ${EXCERPTS} excerpts to its first screen in ≤ ${FIRST_SCREEN_MS} ms`, async () => {
    const { page } = running();
    const fresh: number[] = [];
    const again: number[] = [];
    const short: number[] = [];
    const fetches: number[] = [];
    // The browser's HTTP cache is emptied before each fresh page: the text is served with immutable
    // cache headers, and "not yet fetched" means a text this browser never had.
    const cdp = await page.context().newCDPSession(page);
    // One round untimed, so the page's code is compiled and the host's caches warm, as they are after a minute of use.
    for (let round = -1; round < RUNS; round++) {
      // A fresh page each round: the text is fetched, laid out and painted from nothing.
      await cdp.send('Network.clearBrowserCache');
      await page.reload();
      await page.getByRole('main', { name: 'Reader', exact: true }).getByRole('heading', { level: 2, name: SHORT_TITLE }).waitFor();
      const cold = await openTimed(page, BIG_TITLE, true);
      // How much of that was the text's request (the page's own record of it).
      // (GET /text/<sha256>, the raw text; or POST /api/sourceText from a host without that route.)
      const fetched = await page.evaluate(() => performance.getEntriesByType('resource').filter((e) => e.name.endsWith('/api/sourceText') || /\/text\/[0-9a-f]{64}$/.test(e.name)).at(-1)?.duration ?? NaN);
      const baseline = await openTimed(page, SHORT_TITLE, false);
      const warm = await openTimed(page, BIG_TITLE, true);
      if (round >= 0) {
        fresh.push(cold);
        fetches.push(fetched);
        short.push(baseline);
        again.push(warm);
      }
    }
    const baseline = { name: 'the same for a two-line source', value: stats(short) };
    for (const [name, samples, note] of [
      ['reader first screen · 1 MB, 2,000 excerpts, text not yet fetched', fresh, fetches.every(Number.isNaN) ? "the text fetched on the page's helper thread (its request is not in the page's own record)" : `of which the text's request ${stats(fetches.filter((f) => !Number.isNaN(f))).median.toFixed(0)} ms (median)`],
      ['reader first screen · 1 MB, 2,000 excerpts, text fetched before', again, 'the text kept by the page from an earlier opening'],
    ] as const) {
      const value = stats(samples);
      recorder.add({ name, unit: 'ms', value, baseline, budget: `median ≤ ${FIRST_SCREEN_MS} ms`, pass: value.median <= FIRST_SCREEN_MS, note: `${note}; click → heading, a block in view, highlights registered → next frame` });
    }
    expect(running().pageErrors).toEqual([]);
  });

  it(`keeps the text under ${DOM_BOUND} elements wherever it is scrolled`, async () => {
    const { page } = running();
    await expect.poll(async () => (await page.getByRole('main', { name: 'Reader', exact: true }).getByRole('heading', { level: 2 }).textContent()) ?? '').toBe(BIG_TITLE);
    const at: Record<string, number> = {};
    for (const fraction of [0, 0.25, 0.5, 0.75, 1]) at[`${fraction * 100}%`] = await elementsAt(page, fraction);
    const counts = Object.values(at);
    const value = stats(counts);
    recorder.add({
      name: 'elements inside "Source text" · 1 MB source',
      unit: 'count',
      value,
      budget: `< ${DOM_BOUND} at every place`,
      pass: Math.max(...counts) < DOM_BOUND,
      note: Object.entries(at).map(([where, n]) => `${where}: ${n}`).join(', '),
    });
  });

  it('paints a new excerpt soon after Save excerpt (reported, no budget)', async () => {
    const { page } = running();
    await elementsAt(page, 0.4);
    const saves: number[] = [];
    for (let round = 0; round < SAVES; round++) saves.push(await saveTimed(page, round));
    // Baseline: the floor of any call to the host, a hostInfo round trip from the page.
    const roundTrips = await page.evaluate(async () => {
      const token = sessionStorage.getItem('corroborate.token') ?? '';
      const took: number[] = [];
      for (let i = 0; i < 20; i++) {
        const start = performance.now();
        await (await fetch('/api/hostInfo', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Corroborate-Token': token }, body: '{}' })).json();
        took.push(performance.now() - start);
      }
      return took;
    });
    // Every save made an excerpt of the source: the reader counts them (as the page writes a count).
    await page.getByRole('main', { name: 'Reader', exact: true }).getByText(formatCount(EXCERPTS + SAVES), { exact: true }).waitFor();
    recorder.add({
      name: 'Save excerpt → new highlight painted · 1 MB source',
      unit: 'ms',
      value: stats(saves),
      baseline: { name: 'a hostInfo round trip from the page', value: stats(roundTrips) },
      budget: 'reported (no budget in issue 8)',
      pass: true,
      note: "includes the host's durable write and its check of the quote against the 1 MB text",
    });
    expect(running().pageErrors).toEqual([]);
  });

  it('meets every budget above', () => {
    expect(recorder.missed.map((f) => f.name)).toEqual([]);
  });
});
