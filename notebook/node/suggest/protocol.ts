// The messages between the suggest host (suggest-host.ts, on the thread that answers the API) and
// the suggest worker (suggest-worker.ts). Types only: structured-cloneable values, nothing that runs.
import type { ErrorCode } from '../../common/errors.js';
import type { Entity } from '../../common/model.js';
import type { SuggestedClaim, SuggestedEntity } from '../../common/suggest/types.js';

/** What the suggester found in one text (before the service leaves out dismissed ones). */
export interface Found {
  claims: SuggestedClaim[];
  entities: SuggestedEntity[];
}

export interface SuggestJob {
  id: number;
  /** The source's text file (sources/<sha256>), read by the worker so a large text never crosses threads. */
  file: string;
  /** The notebook's live entities (notes left out), for matching names and aliases. */
  known: Entity[];
}

export type FromSuggestWorker =
  | { type: 'found'; id: number; found: Found; tookMs: number }
  | { type: 'failed'; id: number; code: ErrorCode; message: string };
