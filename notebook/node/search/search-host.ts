// Runs the search of one open notebook in a worker thread (worker.ts) and forwards every change
// the store journals to it, so the index is built and kept up to date off the main process. Never
// lets the worker's failure reach the notebook: a crashed worker is started again on the next
// search, and the store does not wait for it.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { NotebookError } from '../../common/errors.js';
import type { SearchQuery, SearchResults } from '../../common/search/query.js';
import type { Store } from '../store.js';
import { CACHE_FROM_DOCUMENTS } from './index-cache.js';
import type { FromSearchWorker, SearchWorkerData, ToSearchWorker } from './protocol.js';

export interface SearchHost {
  /** Answers a query; `ready: false` (and no groups) while the index is still being built. */
  search(query: SearchQuery): Promise<SearchResults>;
  /** Starts the worker now if it has not started (see SearchHostOptions.startLater); does nothing once closed. */
  startNow(): void;
  /**
   * Stops the worker, once it has saved the index beside the notebook (so the next opening need not
   * build it; a few hundred ms for a large notebook, at most CLOSE_WAIT_MS); searches still waiting
   * are refused. Safe to call twice.
   */
  close(): Promise<void>;
}

export interface SearchHostOptions {
  /** How long a search may take before the worker is taken for stuck and stopped. Default 10 s. */
  timeoutMs?: number;
  /** Indexes of at least this many documents are saved beside the notebook. Default CACHE_FROM_DOCUMENTS (tests set it low). */
  cacheFrom?: number;
  /** Called with each worker started (tests and diagnostics: they can stop it to see the host recover). */
  onWorker?: (worker: Worker) => void;
  /**
   * Start the worker on the first search or startNow(), at the latest after this many ms, rather
   * than at once: opening a large notebook, the worker's own read of it (a second parse of
   * notebook.json, then the index) would compete for the cores with answering the first
   * getNotebook. Safe at any time: the worker reads the notebook as it is on disk when it starts,
   * and follows the store from then on. Default: start at once.
   */
  startLater?: number;
}

/** A search far beyond what any index needs (tens of ms): the worker is stuck, not busy. */
const DEFAULT_TIMEOUT_MS = 10_000;
/**
 * Until the worker has answered once with a ready index, a search it has not answered after this
 * long is answered ready: false here. Starting, the worker is busy reading the notebook (a large
 * notebook.json is parsed in one go) and cannot even run its own timer.
 */
const STARTING_WAIT_MS = 250;
/** How long close() waits for the worker to save the index before stopping it all the same. */
const CLOSE_WAIT_MS = 5_000;
/** After this many crashes in a row with no answer between, a search says why instead of "not ready yet". */
const CRASHES_BEFORE_ERROR = 3;

interface Pending {
  resolve: (results: SearchResults) => void;
  reject: (error: Error) => void;
  timer: ReturnType<typeof setTimeout>;
  /** While the worker starts: answers ready: false after STARTING_WAIT_MS. */
  early: ReturnType<typeof setTimeout> | null;
}

/**
 * Starts the worker at once, so the index is building while the analyst looks at the notebook,
 * and follows `store` until close(). The worker reads the notebook folder itself (read-only).
 */
export function createSearchHost(store: Store, options: SearchHostOptions = {}): SearchHost {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const pending = new Map<number, Pending>();
  let worker: Worker | null = null;
  let nextId = 1;
  let closed = false;
  let crashes = 0;
  let lastFailure = '';
  /** The worker running now has answered with a ready index: from then on its answers are awaited. */
  let workerReady = false;
  /** A worker was started once: startNow() does not start another (a crashed one restarts on the next search). */
  let everStarted = false;
  /** Resolves close()'s wait when the worker says it has saved. */
  let onClosed: (() => void) | null = null;

  const notReady = (): SearchResults => ({ groups: [], ready: false, indexed: 0, tookMs: 0 });

  const start = (): Worker => {
    const data: SearchWorkerData = { dir: store.dir, cacheFrom: options.cacheFrom ?? CACHE_FROM_DOCUMENTS };
    lastFailure = '';
    workerReady = false;
    everStarted = true;
    // Flags of the host process (an inspector port, a test runner's loaders) are not the worker's business.
    const started = new Worker(workerUrl(), { workerData: data, execArgv: [] });
    started.on('message', (message: FromSearchWorker) => {
      if (message.type === 'closed') {
        onClosed?.();
        return;
      }
      if (message.type === 'results' && message.results.ready && worker === started) workerReady = true;
      const p = pending.get(message.id);
      if (!p) return;
      settle(message.id);
      if (message.type === 'results') {
        crashes = 0;
        p.resolve(message.results);
      } else {
        p.reject(new NotebookError(message.code, message.message));
      }
    });
    // Without a listener, a worker's error would be thrown in this thread and end the app.
    started.on('error', (e) => {
      lastFailure = e.message;
    });
    started.on('exit', (code) => {
      if (worker !== started) return;
      worker = null;
      if (closed) return;
      crashes++;
      const reason = lastFailure || `exit code ${code}`;
      for (const [id, p] of [...pending]) {
        settle(id);
        if (crashes >= CRASHES_BEFORE_ERROR) p.reject(new NotebookError('io', `the search index stopped ${crashes} times in a row (${reason}); search again to restart it`));
        // The next search (the UI asks again when not ready) starts a new worker.
        else p.resolve(notReady());
      }
    });
    // Idle, the worker does not keep the process alive (a command line that is done may exit).
    started.unref();
    worker = started;
    options.onWorker?.(started);
    return started;
  };

  const settle = (id: number) => {
    const p = pending.get(id);
    if (!p) return;
    clearTimeout(p.timer);
    if (p.early) clearTimeout(p.early);
    pending.delete(id);
    if (pending.size === 0) worker?.unref();
  };

  const post = (message: ToSearchWorker) => worker?.postMessage(message);

  const unsubscribe = store.onApplied((applied) => post({ type: 'applied', seq: applied.seq, op: applied.op }));

  const startNow = () => {
    if (closed || worker || everStarted) return;
    try {
      start();
    } catch {
      // The worker is not built (or cannot start): the notebook opens all the same, and the first
      // search says why.
    }
  };
  let fallback: ReturnType<typeof setTimeout> | null = null;
  if (options.startLater === undefined) startNow();
  else {
    fallback = setTimeout(startNow, options.startLater);
    fallback.unref();
  }

  return {
    startNow() {
      if (fallback) clearTimeout(fallback);
      fallback = null;
      startNow();
    },
    search(query) {
      if (closed) return Promise.reject(new NotebookError('invalid', `the notebook ${store.dir} is closed`));
      let w: Worker;
      try {
        w = worker ?? start();
      } catch (e) {
        return Promise.reject(e instanceof NotebookError ? e : new NotebookError('io', `the search index could not start (${e instanceof Error ? e.message : String(e)})`));
      }
      const id = nextId++;
      return new Promise<SearchResults>((resolve, reject) => {
        const timer = setTimeout(() => {
          settle(id);
          reject(new NotebookError('io', `the search took longer than ${timeoutMs / 1000} s, so the search index was restarted; search again`));
          lastFailure = 'it stopped answering';
          void w.terminate();
        }, timeoutMs);
        const early = workerReady
          ? null
          : setTimeout(() => {
              settle(id);
              resolve(notReady());
            }, STARTING_WAIT_MS);
        pending.set(id, { resolve, reject, timer, early });
        w.ref();
        w.postMessage({ type: 'search', id, query } satisfies ToSearchWorker);
      });
    },
    async close() {
      if (closed) return;
      closed = true;
      if (fallback) clearTimeout(fallback);
      unsubscribe();
      for (const [id, p] of [...pending]) {
        settle(id);
        p.reject(new NotebookError('invalid', `the notebook ${store.dir} was closed before the search finished`));
      }
      const w = worker;
      if (w) {
        // Let it save the index first, but not for ever: a worker that does not answer is stopped.
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, CLOSE_WAIT_MS);
          onClosed = () => {
            clearTimeout(timer);
            resolve();
          };
          w.once('exit', () => onClosed?.());
          w.ref();
          w.postMessage({ type: 'close' } satisfies ToSearchWorker);
        });
        onClosed = null;
      }
      worker = null;
      await w?.terminate();
    },
  };
}

/**
 * The compiled worker beside this module (dist/notebook/node/search/worker.js). Run from source
 * (the unit tests), this module is a .ts file that Node cannot start as a worker: then the build
 * in dist/ is used, which `npm test` makes before the unit tests run.
 */
function workerUrl(): URL {
  if (!import.meta.url.endsWith('.ts')) return new URL('./worker.js', import.meta.url);
  const compiled = new URL('../../../dist/notebook/node/search/worker.js', import.meta.url);
  if (!existsSync(compiled)) {
    throw new NotebookError('io', `the search worker is not built (${fileURLToPath(compiled)} is missing): run npm run build first`);
  }
  return compiled;
}
