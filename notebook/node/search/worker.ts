// The search worker: keeps a replica of the notebook and its search index in a worker thread, so
// building and querying never hold up the main process. Writes nothing to the notebook folder but
// the index's cache file (index-cache.ts): it opens the notebook read-only, and learns of changes
// only from the host's messages.
//
// Opening: the index is restored from the cache when the cache is of this very state of the
// notebook (about a second at 100k excerpts), else built. A build, once done, is saved to the
// cache; so is the index when the notebook closes, if it changed since. Only a large index is
// saved (cacheFrom documents): a small one builds faster than it loads.
//
// Replica protocol: the worker loads the notebook from disk (notebook.json + journal), at some seq
// S. The host forwards every change the store journals, with its seq, after it is on disk; so
// every change after S either is in what was read or arrives as a message. Messages with seq ≤ S
// are skipped, seq S + 1 is applied (operations.ts apply, then the index follows), and anything
// else (a gap, an operation that does not apply) makes the worker load the notebook afresh.
//
// Building runs in slices of SLICE_MS with the event loop free in between, so changes and
// searches are taken as they come rather than piling up behind the whole build. A search that
// arrives before the first build is done waits up to WAIT_MS, then is answered ready: false (the
// UI says the index is being built and asks again). After it, a search first works up to
// CATCH_UP_MS on what is queued (the text of a source just added); if some is still left, it is
// answered ready: false too, never with results that leave that text out.
import fs from 'node:fs';
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { isNotebookError, NotebookError } from '../../common/errors.js';
import { apply } from '../../common/operations.js';
import type { SearchQuery, SearchResults } from '../../common/search/query.js';
import { SearchIndex } from '../../common/search/search-index.js';
import { reclaimSoon } from '../reclaim.js';
import { openStore, type Store } from '../store.js';
import { CACHE_FILE, loadIndexCache, saveIndexCache } from './index-cache.js';
import type { FromSearchWorker, SearchWorkerData, ToSearchWorker } from './protocol.js';

/** One slice of building: short enough that a search or a change waits at most about this long. */
const SLICE_MS = 25;
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
const CATCH_UP_MS = 100;

interface Replica {
  store: Store;
  index: SearchIndex;
  seq: number;
  /** The seq the cache file holds the index at (-1: none of this replica's). */
  saved: number;
}

type AppliedMessage = Extract<ToSearchWorker, { type: 'applied' }>;

interface Waiting {
  id: number;
  query: SearchQuery;
  timer: ReturnType<typeof setTimeout>;
}

const port = parentPort;
if (!port) throw new Error('worker.ts runs only as a worker thread (see search-host.ts)');
const { dir, cacheFrom } = workerData as SearchWorkerData;

let replica: Replica | null = null;
/** The load under way; changes that arrive meanwhile wait in backlog. */
let loading: Promise<void> | null = null;
let backlog: AppliedMessage[] = [];
const waiting = new Map<number, Waiting>();
let pumping = false;
/** The save after a first build, waiting for SAVE_AFTER_MS. */
let saving: ReturnType<typeof setTimeout> | null = null;

const send = (message: FromSearchWorker) => port.postMessage(message);

port.on('message', (message: ToSearchWorker) => {
  if (message.type === 'close') {
    if (replica && !loading) save(replica);
    send({ type: 'closed' });
    return;
  }
  if (message.type === 'applied') {
    if (replica && !loading) follow(replica, message);
    else backlog.push(message);
    pump();
    return;
  }
  search(message.id, message.query);
});

load();

function load(): void {
  if (loading) return;
  const previous = replica;
  replica = null;
  loading = (async () => {
    // What the backlog holds was journaled before this read starts: the read covers it.
    backlog = [];
    await previous?.store.close().catch(() => undefined);
    // The store that started this worker (search-host.ts) checked this file against the schema as
    // it opened it, and a writer's compactions since write only what it checked: a second full
    // check here would cost a second or so, and a copy of the notebook, at 100k excerpts.
    const store = await openStore(dir, { readOnly: true, checkSchema: false });
    const textOf = (sha: string) => store.readText(sha);
    const cached = loadIndexCache(dir, store.notebook, store.seq, textOf);
    const next: Replica = cached.index
      ? { store, index: cached.index, seq: store.seq, saved: store.seq }
      : { store, index: new SearchIndex(store.notebook, textOf), seq: store.seq, saved: -1 };
    const arrived = backlog;
    backlog = [];
    replica = next;
    // Reading the notebook (and its index cache) leaves their bytes and the parse's garbage behind.
    reclaimSoon();
    loading = null;
    for (const message of arrived) {
      if (replica !== next) break; // a change did not apply: a new load has started
      follow(next, message);
    }
    pump();
  })().catch((e: unknown) => {
    loading = null;
    const error = isNotebookError(e) ? e : new NotebookError('io', `the search index could not read ${dir} (${e instanceof Error ? e.message : String(e)})`);
    // Nothing to search: say why to whoever waits. The next search tries to load again.
    for (const w of [...waiting.values()]) fail(w.id, error);
  });
}

function follow(r: Replica, message: AppliedMessage): void {
  if (message.seq <= r.seq) return;
  if (message.seq !== r.seq + 1) {
    load();
    return;
  }
  try {
    apply(r.store.notebook, message.op);
    r.seq = message.seq;
    r.index.applyChange(r.store.notebook, message.op);
  } catch {
    // The replica no longer matches the notebook (or the index broke): start again from disk.
    load();
  }
}

function search(id: number, query: SearchQuery): void {
  if (replica?.index.built) {
    answer(id, replica, query);
    return;
  }
  if (!replica && !loading) load();
  const timer = setTimeout(() => {
    waiting.delete(id);
    send({ type: 'results', id, results: notReady() });
  }, WAIT_MS);
  waiting.set(id, { id, query, timer });
}

function answer(id: number, r: Replica, query: SearchQuery): void {
  let results: SearchResults;
  try {
    if (r.index.pending) r.index.work(CATCH_UP_MS);
    results = r.index.search(query);
  } catch (e) {
    fail(id, isNotebookError(e) ? e : new NotebookError('io', `the search failed (${e instanceof Error ? e.message : String(e)})`));
    return;
  }
  send({ type: 'results', id, results });
}

function fail(id: number, error: NotebookError): void {
  const w = waiting.get(id);
  if (w) clearTimeout(w.timer);
  waiting.delete(id);
  send({ type: 'failed', id, code: error.code, message: error.message });
}

/**
 * Saves the replica's index to the cache file when it is ready, changed since, and large enough to
 * be worth it (a smaller one's old cache file goes); a folder that cannot be written just has no cache.
 */
function save(r: Replica): void {
  if (!r.index.ready || r.saved === r.seq) return;
  try {
    if (r.index.indexed >= cacheFrom) {
      saveIndexCache(dir, r.index, r.store.notebook, r.seq);
      reclaimSoon(); // the encoded cache file's bytes
    }
    else fs.rmSync(path.join(dir, CACHE_FILE), { force: true });
    r.saved = r.seq;
  } catch {
    // Read-only folder, full disk: the index works the same; the next opening builds it again.
    r.saved = r.seq;
  }
}

function notReady(): SearchResults {
  return { groups: [], ready: false, indexed: replica?.index.indexed ?? 0, tookMs: 0 };
}

/** Works on the index a slice at a time while work is queued, answering waiting searches when it is ready. */
function pump(): void {
  if (pumping) return;
  pumping = true;
  setImmediate(function slice() {
    const r = replica;
    if (!r || loading) {
      pumping = false;
      return;
    }
    r.index.work(SLICE_MS);
    // A first build just done: saved, so the next opening need not build; a little later, as saving
    // a large index takes about a second, and the analyst's first searches come first.
    if (r.index.ready && r.saved === -1 && !saving) {
      reclaimSoon(); // what building left behind
      saving = setTimeout(() => {
        saving = null;
        if (replica === r && !loading) save(r);
      }, SAVE_AFTER_MS);
      saving.unref();
    }
    if (r.index.ready) {
      for (const w of [...waiting.values()]) {
        clearTimeout(w.timer);
        waiting.delete(w.id);
        answer(w.id, r, w.query);
      }
    }
    if (r.index.pending) setImmediate(slice);
    else pumping = false;
  });
}
