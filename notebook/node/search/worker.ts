// The search worker: keeps a replica of the notebook and its search index in a worker thread, so
// building and querying never hold up the main process. Never writes to the notebook folder: it
// opens it read-only, and learns of changes only from the host's messages.
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
// UI says the index is being built and asks again).
import { parentPort, workerData } from 'node:worker_threads';
import { isNotebookError, NotebookError } from '../../common/errors.js';
import { apply } from '../../common/operations.js';
import type { SearchQuery, SearchResults } from '../../common/search/query.js';
import { SearchIndex } from '../../common/search/search-index.js';
import { openStore, type Store } from '../store.js';
import type { FromSearchWorker, SearchWorkerData, ToSearchWorker } from './protocol.js';

/** One slice of building: short enough that a search or a change waits at most about this long. */
const SLICE_MS = 25;
/** How long a search waits for the first build before it is answered ready: false. */
const WAIT_MS = 150;
/**
 * How long a search first works on what is still queued after the first build (the passages of a
 * source just added), so the analyst finds the text they just added; a huge text is only partly
 * searchable for the few seconds it takes.
 */
const CATCH_UP_MS = 100;

interface Replica {
  store: Store;
  index: SearchIndex;
  seq: number;
}

type AppliedMessage = Extract<ToSearchWorker, { type: 'applied' }>;

interface Waiting {
  id: number;
  query: SearchQuery;
  timer: ReturnType<typeof setTimeout>;
}

const port = parentPort;
if (!port) throw new Error('worker.ts runs only as a worker thread (see search-host.ts)');
const { dir } = workerData as SearchWorkerData;

let replica: Replica | null = null;
/** The load under way; changes that arrive meanwhile wait in backlog. */
let loading: Promise<void> | null = null;
let backlog: AppliedMessage[] = [];
const waiting = new Map<number, Waiting>();
let pumping = false;

const send = (message: FromSearchWorker) => port.postMessage(message);

port.on('message', (message: ToSearchWorker) => {
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
    const store = await openStore(dir, { readOnly: true });
    const next: Replica = { store, index: new SearchIndex(store.notebook, (sha) => store.readText(sha)), seq: store.seq };
    const arrived = backlog;
    backlog = [];
    replica = next;
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
  if (replica?.index.ready) {
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
