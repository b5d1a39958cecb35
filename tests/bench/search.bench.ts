// Bench: the search index at 10k and 100k excerpts (with 1,000 and 10,000 sources of ~5 KB), against
// a brute-force scan of the same text measured in the same run (issue 8). Run by `npm run bench`.
// "Ready" is measured three ways: the index built at once from the notebook in memory; the app's
// search host from the moment the notebook is open, the first time (it builds, a slice at a time)
// and again once it has saved its cache file beside the notebook (it restores from it). Beside
// each, the longest the search host held up the notebook's thread, which answers the analyst's
// every other call meanwhile.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterAll, describe, expect, it } from 'vitest';
import { liveSources } from '../../notebook/common/queries.js';
import { SearchQuery } from '../../notebook/common/search/query.js';
import { buildIndex } from '../../notebook/common/search/search-index.js';
import { foldTerm } from '../../notebook/common/search/words.js';
import { CACHE_FILE } from '../../notebook/node/search/index-cache.js';
import { createSearchHost } from '../../notebook/node/search/search-host.js';
import { openStore } from '../../notebook/node/store.js';
import { generateNotebook, Rng, SCALES, type Generated } from './generate.js';
import { Recorder, stats } from './results.js';

const recorder = new Recorder('search');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'corroborate-bench-search-'));
afterAll(() => {
  recorder.save();
  fs.rmSync(work, { recursive: true, force: true });
});

/** Every searchable text of the notebook, folded, for the brute-force baseline. */
function corpus(g: Generated): string[] {
  const nb = g.notebook;
  const out: string[] = [];
  for (const s of liveSources(nb)) out.push(foldTerm(`${s.title} ${s.publisher} ${s.notes} ${g.texts.get(s.content.textSha256) ?? ''}`));
  for (const e of Object.values(nb.excerpts)) out.push(foldTerm(`${e.selectors.quote.exact} ${e.note}`));
  for (const c of Object.values(nb.claims)) out.push(foldTerm(`${c.statement} ${c.notes}`));
  for (const e of Object.values(nb.entities)) out.push(foldTerm(`${e.name} ${e.aliases.join(' ')} ${e.notes}`));
  return out;
}

/** The baseline: every document scanned for every word (substring, so it finds prefixes too). */
function bruteForce(texts: readonly string[], words: readonly string[]): number {
  let found = 0;
  for (const t of texts) if (words.every((w) => t.includes(w))) found++;
  return found;
}

/**
 * Opens the notebook folder as the app does, starts the search host on it (once the opening's own
 * work is done, as the app starts it after the page has the notebook), and gives the ms from then
 * until a search answers ready; and the longest the thread was held up from then until the host
 * has closed (saving the index, the first time).
 */
async function readyInHost(dir: string): Promise<{ ready: number; longestBlock: number }> {
  const store = await openStore(dir);
  // The opening's own collection (see storage.bench.ts) first, so it is not counted as the search's.
  await store.backingUp;
  await new Promise((r) => setTimeout(r, 1_500));
  const delay = monitorEventLoopDelay({ resolution: 5 });
  try {
    const start = performance.now();
    delay.enable();
    const host = createSearchHost(store);
    try {
      const query = SearchQuery.parse({ query: 'officials' });
      for (;;) {
        if ((await host.search(query)).ready) return { ready: performance.now() - start, longestBlock: delay.max / 1e6 };
        await new Promise((r) => setTimeout(r, 20));
      }
    } finally {
      await host.close();
      delay.disable();
    }
  } finally {
    await store.close();
  }
}

describe('search', () => {
  for (const [scale, budget] of [
    [SCALES['10k'], 10],
    [SCALES['100k'], 50],
  ] as const) {
    it(`answers in ≤ ${budget} ms p95 at ${scale.name}, beats a scan, and is ready within 5 s`, () => {
      const g = generateNotebook(path.join(work, `${scale.name}.corroborate`), scale, 1);
      const textOf = (sha: string) => g.texts.get(sha) ?? '';
      const start = performance.now();
      const index = buildIndex(g.notebook, textOf);
      const ready = performance.now() - start;
      recorder.add({ name: `search index ready · ${scale.name}`, unit: 'ms', value: { median: ready, p95: ready, runs: 1 }, budget: '≤ 5000 ms', pass: ready <= 5000 });

      /** Twenty queries of each kind, their words picked by a generator of this seed. */
      const queriesOf = (seed: number) => {
        const rng = new Rng(seed);
        const rare = Array.from({ length: 20 }, () => rng.pick(g.words));
        return {
          // A made-up word of the vocabulary: in few documents.
          selective: rare.map((w) => [w]),
          // Two common words together: in many.
          common: Array.from({ length: 20 }, () => [rng.pick(['officials', 'report', 'ministry', 'border', 'weapons']), rng.pick(['rail', 'port', 'statement', 'shipment'])]),
          // A rare word with one letter changed.
          typo: rare.map((w) => [`${w.slice(0, 2)}${w[2] === 'a' ? 'e' : 'a'}${w.slice(3)}`]),
          // The first letters of a rare word.
          prefix: rare.map((w) => [w.slice(0, 5)]),
        };
      };
      const queries = queriesOf(3);
      const texts = corpus(g);
      // Untimed rounds of other words of every kind first: a code path's first calls pay for its
      // compilation (the first searches took 5-20 ms, then under 1), which is not what an
      // analyst's hundredth search costs. The scan gets the same. No answer is kept between searches.
      for (const round of [4, 5, 6]) {
        for (const list of Object.values(queriesOf(round))) {
          for (const words of list) {
            index.search({ query: words.join(' '), limit: 20 });
            bruteForce(texts, words.map(foldTerm));
          }
        }
      }
      for (const [kind, list] of Object.entries(queries)) {
        const took: number[] = [];
        const scanned: number[] = [];
        for (const words of list) {
          let t = performance.now();
          const results = index.search({ query: words.join(' '), limit: 20 });
          took.push(performance.now() - t);
          if (kind !== 'typo') expect(results.groups.length, `"${words.join(' ')}" finds something`).toBeGreaterThan(0);
          t = performance.now();
          bruteForce(texts, words.map(foldTerm));
          scanned.push(performance.now() - t);
        }
        const value = stats(took);
        const baseline = stats(scanned);
        const faster = kind === 'selective' ? 5 : 1;
        recorder.add({
          name: `search, ${kind} words · ${scale.name}`,
          unit: 'ms',
          value,
          baseline: { name: 'scan of every text', value: baseline },
          budget: `p95 ≤ ${budget} ms, ${faster === 1 ? 'not slower than' : '≥ 5× faster than'} the scan`,
          pass: value.p95 <= budget && value.median * faster <= baseline.median,
        });
      }
    });

    it(`is ready in the app's search host within 5 s of opening at ${scale.name}, from its cache file`, async () => {
      const dir = path.join(work, `${scale.name}.corroborate`);
      fs.rmSync(path.join(dir, CACHE_FILE), { force: true });
      const opened: { ready: number; longestBlock: number }[] = [];
      opened.push(await readyInHost(dir));
      const saved = fs.existsSync(path.join(dir, CACHE_FILE));
      recorder.add({
        name: `search ready in the app, first opening (no cache) · ${scale.name}`,
        unit: 'ms',
        value: { median: opened[0]!.ready, p95: opened[0]!.ready, runs: 1 },
        budget: 'none: reported (builds, then saves the cache)',
        pass: true,
        note: saved ? `cache saved, ${(fs.statSync(path.join(dir, CACHE_FILE)).size / 2 ** 20).toFixed(0)} MB` : 'no cache saved (index under CACHE_FROM_DOCUMENTS)',
      });
      if (saved) {
        opened.push(await readyInHost(dir));
        recorder.add({ name: `search ready in the app, from its cache · ${scale.name}`, unit: 'ms', value: { median: opened[1]!.ready, p95: opened[1]!.ready, runs: 1 }, budget: '≤ 5000 ms', pass: opened[1]!.ready <= 5000 });
      }
      const longest = Math.max(...opened.map((o) => o.longestBlock));
      recorder.add({
        name: `longest the search host held up the notebook's thread, opening and closing · ${scale.name}`,
        unit: 'ms',
        value: { median: longest, p95: longest, runs: opened.length },
        budget: 'reported (the analyst\'s other calls wait this long at most; V8\'s collections count too)',
        pass: true,
        note: `building ${opened[0]!.longestBlock.toFixed(0)} ms${opened[1] ? `, from the cache ${opened[1].longestBlock.toFixed(0)} ms` : ''} (event-loop delay, sampled every 5 ms)`,
      });
    });
  }

  it('meets every budget above', () => {
    expect(recorder.missed.map((f) => f.name)).toEqual([]);
  });
});
