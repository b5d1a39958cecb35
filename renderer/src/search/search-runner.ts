// Asks the host's search as the analyst types: waits for a pause in the typing, keeps only the
// answer to the latest search, and asks again while the index is still being built. No React and
// no DOM: the dialog gives it the search function and gets the answers.
import type { SearchQueryInput, SearchResults } from '../../../notebook/common/search/query.js';

/** Typing pauses this long before the search is asked, so each key does not start one. */
export const DEBOUNCE_MS = 100;
/** While the host is still building the index, it is asked again this often. */
export const NOT_READY_RETRY_MS = 300;

export interface SearchRunnerOptions {
  search: (query: SearchQueryInput) => Promise<SearchResults>;
  onResults: (results: SearchResults) => void;
  onError: (message: string) => void;
  debounceMs?: number;
  retryMs?: number;
}

export class SearchRunner {
  private readonly options: Required<SearchRunnerOptions>;
  private query: SearchQueryInput | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /**
   * Each search asked has a number; an answer to any but the latest is dropped, so a slow answer
   * to "ar" never replaces the answer to "artillery" that came back first.
   */
  private generation = 0;

  constructor(options: SearchRunnerOptions) {
    this.options = { debounceMs: DEBOUNCE_MS, retryMs: NOT_READY_RETRY_MS, ...options };
  }

  /** Searches for `query` once the typing pauses; null stops searching (nothing to ask). */
  ask(query: SearchQueryInput | null): void {
    this.query = query;
    this.schedule(this.options.debounceMs);
  }

  /** Stops for good: no more searches, and answers still under way are dropped. */
  dispose(): void {
    this.query = null;
    this.schedule(0);
  }

  private schedule(delay: number): void {
    clearTimeout(this.timer);
    const mine = ++this.generation;
    const query = this.query;
    if (!query) return;
    this.timer = setTimeout(() => {
      this.options.search(query).then(
        (results) => {
          if (mine !== this.generation) return;
          this.options.onResults(results);
          if (!results.ready) this.schedule(this.options.retryMs);
        },
        (e: unknown) => {
          if (mine === this.generation) this.options.onError(e instanceof Error ? e.message : String(e));
        },
      );
    }, delay);
  }
}
