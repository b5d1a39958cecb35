// The search of one open notebook: its index (search-index.ts) kept on the thread that holds the
// notebook (the notebook worker, service-worker.ts, in the app), over the very notebook the store
// changes, and told of every change as the store makes it. The first build, restoring the index
// from its cache file and saving it are done a slice of SLICE_MS at a time, with the thread free
// in between for the analyst's other calls. (What still holds it up longer, measured at 100k
// excerpts by tests/bench/search.bench.ts: V8's collections of a heap that holds the notebook and
// the index, 20–60 ms, and while building, the TermIndex sorting a full buffer of postings into a
// segment, ~100–200 ms a few times.)
//
// Why here and not in a worker of its own, as it was: a worker needs its own copy of the notebook
// to judge filters and to show hits, and keeping that copy cost a third of the app's memory (at
// 100k excerpts the host held 602 MB with the worker, 286 MB without any search, 389 MB with the
// index here), and opening read and parsed notebook.json a second time, on the same two cores,
// just as the page was loading it. A search takes a few ms (p95 well under 50 at 100k), so
// answering on this thread costs the other calls little.
//
// Opening: the index is restored from the cache when the cache is of this very state of the
// notebook, else built. A build, once done, is saved to the cache; so is the index when the
// notebook closes, if it changed since. Only a large index is saved (cacheFrom documents): a small
// one builds faster than it loads. Changes made while the cache is read are applied to the index
// once it is restored; a change that makes the cache not fit any more means a build.
//
// A search that arrives before the first build is done waits up to WAIT_MS, then is answered
// ready: false (the UI says the index is being built and asks again). After it, a search first
// works up to CATCH_UP_MS on what is queued (the text of a source just added); if some is still
// left, it is answered ready: false too, never with results that leave that text out.
import fs from 'node:fs';
import path from 'node:path';
import { NotebookError } from '../../common/errors.js';
import type { Operation } from '../../common/operations.js';
import { parseSearchQuery, type SearchQuery, type SearchResults } from '../../common/search/query.js';
import { SearchIndex } from '../../common/search/search-index.js';
import type { Steps } from '../../common/steps.js';
import { reclaimSoon } from '../reclaim.js';
import type { Store } from '../store.js';
import { CACHE_FILE, CACHE_FROM_DOCUMENTS, decoding, encoding, fingerprinting, readIndexCache, writeIndexCache, type LoadedCache } from './index-cache.js';

export interface SearchHost {
  /** Answers a query; `ready: false` (and no groups) while the index is still being built. */
  search(query: SearchQuery): Promise<SearchResults>;
  /** Starts restoring or building the index now if it has not started (see SearchHostOptions.startLater); does nothing once closed. */
  startNow(): void;
  /**
   * Stops following the notebook, once the index is saved beside it if it changed (so the next
   * opening need not build it); searches still waiting are refused. Safe to call twice.
   */
  close(): Promise<void>;
}

export interface SearchHostOptions {
  /** Indexes of at least this many documents are saved beside the notebook. Default CACHE_FROM_DOCUMENTS (tests set it low). */
  cacheFrom?: number;
  /**
   * Start on the first search or startNow(), at the latest after this many ms, rather than at once:
   * opening a large notebook, the index's work would compete for the cores with answering the first
   * getNotebook. Safe at any time: the index is made from the notebook as it is when it starts, and
   * follows the store from then on. Default: start at once.
   */
  startLater?: number;
  /** How long a search waits for the first build before it is answered ready: false. Default WAIT_MS (tests set 0: a fast machine builds a test's notebook within WAIT_MS). */
  waitMs?: number;
}

/** One slice of work on the index: the longest the notebook's other calls wait for it. */
const SLICE_MS = 12;
/** How long after a first build its index is saved to the cache file (at once when the notebook closes first). */
const SAVE_AFTER_MS = 2_000;
/** How long a search waits for the first build before it is answered ready: false. */
const WAIT_MS = 150;
/**
 * How long a search first works on what is still queued after the first build (the passages of a
 * source just added), so the analyst finds the text they just added at once: a 1 MB text takes
 * 50–100 ms on this project's 2-core machine. What is not done by then answers ready: false (the UI
 * asks again) until it is in.
 */
const CATCH_UP_MS = 50;

interface Waiting {
  query: SearchQuery;
  resolve: (results: SearchResults) => void;
  reject: (error: Error) => void;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * Follows `store` until close(); starts making the index at once, or as `options.startLater` says.
 */
export function createSearchHost(store: Store, options: SearchHostOptions = {}): SearchHost {
  const cacheFrom = options.cacheFrom ?? CACHE_FROM_DOCUMENTS;
  const textOf = (sha: string) => store.readText(sha);
  /** The index, once there is one to follow the notebook (being built, or restored). */
  let index: SearchIndex | null = null;
  /** While the cache is read and restored: the changes made meanwhile, to apply after. */
  let backlog: Operation[] | null = null;
  let started = false;
  /** Set by close(): from then on nothing is started, built or scheduled, and searches are refused. */
  let closing: Promise<void> | null = null;
  /** The seq of the notebook the cache file holds the index at (-1: none of this opening's). */
  let saved = -1;
  /** A save under way, and the one scheduled after a first build. */
  let saving: Promise<void> | null = null;
  let saveTimer: ReturnType<typeof setTimeout> | null = null;
  let pumping = false;
  const waiting = new Set<Waiting>();

  const notReady = (): SearchResults => ({ groups: [], ready: false, indexed: index?.indexed ?? 0, tookMs: 0 });

  /** A new index over the notebook as it is now, built a slice at a time. */
  const build = () => {
    backlog = null;
    index = new SearchIndex(store.notebook, textOf);
    saved = -1;
    pump();
  };

  const unsubscribe = store.onApplied(({ op }) => {
    if (backlog) {
      backlog.push(op);
      return;
    }
    if (!index) return;
    try {
      index.applyChange(store.notebook, op);
    } catch {
      // The index no longer matches the notebook (a bug): make it again rather than answer wrongly.
      build();
      return;
    }
    if (index.pending) pump();
  });

  /** Restores the index from the cache file when it fits, else builds it; then follows the store. */
  const start = () => {
    if (started || closing) return;
    started = true;
    backlog = [];
    const seq = store.seq;
    void (async () => {
      // What the cache file must have been saved from: the notebook now, whose changes from here on
      // are kept in the backlog. (A change while it is taken makes it match no file: then a build.)
      const print = await inSlices(fingerprinting(store.notebook, seq), () => closing !== null);
      const read = await readIndexCache(store.dir);
      let loaded: LoadedCache = read.bytes ? { index: null, reason: '' } : { index: null, reason: read.reason };
      if (read.bytes && !closing) loaded = await inSlices(decoding(read.bytes, store.notebook, print, textOf), () => closing !== null);
      if (closing) return;
      const changes = backlog ?? [];
      if (!loaded.index) {
        build();
        return;
      }
      backlog = null;
      index = loaded.index;
      saved = seq;
      try {
        for (const op of changes) index.applyChange(store.notebook, op);
      } catch {
        build();
        return;
      }
      pump();
    })().catch(() => {
      if (!closing) build();
    });
  };

  /** Works on the index a slice at a time while work is queued, answering waiting searches once it is ready. */
  const pump = () => {
    if (pumping) return;
    pumping = true;
    setImmediate(function slice() {
      const current = index;
      if (closing || !current) {
        pumping = false;
        return;
      }
      current.work(SLICE_MS);
      if (current.ready) {
        for (const w of [...waiting]) answer(w);
        // A first build just done: saved, so the next opening need not build; a little later, as
        // the analyst's first searches come first.
        if (saved === -1 && !saveTimer && !saving) {
          reclaimSoon(); // what building left behind
          scheduleSave();
        }
      }
      if (current.pending) setImmediate(slice);
      else pumping = false;
    });
  };

  const answer = (w: Waiting) => {
    clearTimeout(w.timer);
    waiting.delete(w);
    try {
      w.resolve(searchNow(w.query));
    } catch (e) {
      w.reject(e as Error);
    }
  };

  /** The answer now: ready: false when the index is not ready (after a short catch-up on what is queued). */
  const searchNow = (query: SearchQuery): SearchResults => {
    if (!index || backlog || !index.built) {
      parseSearchQuery(query); // a query that does not parse is refused, ready or not
      return notReady();
    }
    if (index.pending) index.work(CATCH_UP_MS);
    return index.search(query);
  };

  const scheduleSave = () => {
    if (saveTimer) return;
    saveTimer = setTimeout(() => {
      saveTimer = null;
      void save();
    }, SAVE_AFTER_MS);
    saveTimer.unref();
  };

  /**
   * Saves the index to the cache file when it is ready, changed since, and large enough to be worth
   * it (a smaller one's old cache file goes); in steps, given up (and left for the next save) if the
   * notebook changes before the fingerprint is taken. A folder that cannot be written just has no cache.
   */
  const save = (): Promise<void> => {
    if (saving) return saving;
    const current = index;
    const seq = store.seq;
    if (!current?.ready || saved === seq) return Promise.resolve();
    saving = (async () => {
      let changed = false;
      try {
        if (current.indexed < cacheFrom) {
          await fs.promises.rm(path.join(store.dir, CACHE_FILE), { force: true });
        } else {
          const encoded = await inSlices(encoding(current, store.notebook, seq), () => store.seq !== seq || index !== current);
          changed = store.seq !== seq || index !== current;
          if (!changed) {
            await writeIndexCache(store.dir, encoded);
          }
        }
      } catch (e) {
        // Read-only folder, full disk: the index works the same; the next opening builds it again.
        changed = e === STOPPED;
      } finally {
        saving = null;
      }
      if (!changed) saved = seq;
      // A change came while the index was encoded: saved later (or as the notebook closes).
      else if (!closing) scheduleSave();
    })();
    return saving;
  };

  let fallback: ReturnType<typeof setTimeout> | null = null;
  if (options.startLater === undefined) start();
  else {
    fallback = setTimeout(start, options.startLater);
    fallback.unref();
  }

  return {
    startNow() {
      if (fallback) clearTimeout(fallback);
      fallback = null;
      start();
    },
    search(query) {
      if (closing) return Promise.reject(new NotebookError('invalid', `the notebook ${store.dir} is closed`));
      start();
      try {
        if (index?.built && !backlog) return Promise.resolve(searchNow(query));
        parseSearchQuery(query);
      } catch (e) {
        return Promise.reject(e as Error);
      }
      return new Promise<SearchResults>((resolve, reject) => {
        const w: Waiting = {
          query,
          resolve,
          reject,
          timer: setTimeout(() => {
            waiting.delete(w);
            resolve(notReady());
          }, options.waitMs ?? WAIT_MS),
        };
        waiting.add(w);
      });
    },
    close() {
      closing ??= (async () => {
        if (fallback) clearTimeout(fallback);
        if (saveTimer) clearTimeout(saveTimer);
        for (const w of [...waiting]) {
          clearTimeout(w.timer);
          waiting.delete(w);
          w.reject(new NotebookError('invalid', `the notebook ${store.dir} was closed before the search finished`));
        }
        // The last save, while the store still tells of changes (so a change meanwhile is not missed).
        await saving;
        await save();
        unsubscribe();
      })();
      return closing;
    },
  };
}

/** What inSlices throws when told to stop. */
const STOPPED = new Error('stopped');

/**
 * Runs a job a slice of SLICE_MS at a time, the thread free in between; stops early (throwing) when
 * `stop` says so between slices.
 */
async function inSlices<T>(steps: Steps<T>, stop: () => boolean): Promise<T> {
  for (;;) {
    const deadline = performance.now() + SLICE_MS;
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
      if (performance.now() >= deadline) break;
    }
    await new Promise((resolve) => setImmediate(resolve));
    if (stop()) throw STOPPED;
  }
}
