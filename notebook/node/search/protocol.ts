// The messages between the search host (search-host.ts, in the app's main process) and the search
// worker (worker.ts). Types only: structured-cloneable values, nothing that runs.
import type { ErrorCode } from '../../common/errors.js';
import type { Operation } from '../../common/operations.js';
import type { SearchQuery, SearchResults } from '../../common/search/query.js';

/** The worker's workerData: the notebook folder it reads, read-only, on its own. */
export interface SearchWorkerData {
  dir: string;
  /** Indexes of at least this many documents are saved beside the notebook (index-cache.ts CACHE_FROM_DOCUMENTS). */
  cacheFrom: number;
}

export type ToSearchWorker =
  /** A change the store journaled, with its seq: the worker's replica applies it in seq order. */
  | { type: 'applied'; seq: number; op: Operation }
  | { type: 'search'; id: number; query: SearchQuery }
  /** The notebook is closing: save the index beside it (search-index.cache) if it changed, then say so. */
  | { type: 'close' };

export type FromSearchWorker =
  | { type: 'results'; id: number; results: SearchResults }
  | { type: 'failed'; id: number; code: ErrorCode; message: string }
  /** Answer to close: the cache is saved (or could not be, or did not need to be); the worker may be stopped. */
  | { type: 'closed' };
