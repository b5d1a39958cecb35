// Asking the search as the analyst types: one search per pause in the typing, only the latest
// answer shown, asked again while the index is being built, failures reported.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SearchQueryInput, SearchResults } from '../../../notebook/common/search/query.js';
import { SearchRunner } from '../../../renderer/src/search/search-runner.js';

const answer = (query: string, ready = true): SearchResults => ({
  groups: ready ? [{ kind: 'claim', total: 1, hits: [{ kind: 'claim', id: `0190a000-0000-7000-8000-000000000001`, title: query, field: 'statement', snippet: { text: query, marks: [], cutStart: false, cutEnd: false }, score: 1 }] }] : [],
  ready,
  indexed: ready ? 1 : 0,
  tookMs: 1,
});
const q = (query: string): SearchQueryInput => ({ query });

/** A search whose answers the test hands out, in any order. */
function pendingSearch() {
  const calls: { query: string; resolve: (r: SearchResults) => void; reject: (e: Error) => void }[] = [];
  const search = vi.fn(
    (input: SearchQueryInput) =>
      new Promise<SearchResults>((resolve, reject) => {
        calls.push({ query: input.query, resolve, reject });
      }),
  );
  return { search, calls };
}

describe('SearchRunner', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('asks once the typing pauses, for the words typed last', async () => {
    const { search, calls } = pendingSearch();
    const shown: string[] = [];
    const runner = new SearchRunner({ search, onResults: (r) => shown.push(r.groups[0]!.hits[0]!.title), onError: () => {} });
    runner.ask(q('a'));
    await vi.advanceTimersByTimeAsync(50);
    runner.ask(q('ar'));
    await vi.advanceTimersByTimeAsync(50);
    runner.ask(q('art'));
    expect(search).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(100);
    expect(calls.map((c) => c.query)).toEqual(['art']);
    calls[0]!.resolve(answer('art'));
    await vi.advanceTimersByTimeAsync(0);
    expect(shown).toEqual(['art']);
  });

  it('drops an answer that comes back after the answer to a later search', async () => {
    const { search, calls } = pendingSearch();
    const shown: string[] = [];
    const runner = new SearchRunner({ search, onResults: (r) => shown.push(r.groups[0]!.hits[0]!.title), onError: () => {} });
    runner.ask(q('ar'));
    await vi.advanceTimersByTimeAsync(100);
    runner.ask(q('artillery'));
    await vi.advanceTimersByTimeAsync(100);
    expect(calls.map((c) => c.query)).toEqual(['ar', 'artillery']);
    calls[1]!.resolve(answer('artillery'));
    await vi.advanceTimersByTimeAsync(0);
    calls[0]!.resolve(answer('ar'));
    await vi.advanceTimersByTimeAsync(0);
    expect(shown).toEqual(['artillery']);
  });

  it('asks again every 300 ms while the index is being built, and stops once it is ready', async () => {
    const { search, calls } = pendingSearch();
    const readiness: boolean[] = [];
    const runner = new SearchRunner({ search, onResults: (r) => readiness.push(r.ready), onError: () => {} });
    runner.ask(q('shells'));
    await vi.advanceTimersByTimeAsync(100);
    calls[0]!.resolve(answer('shells', false));
    await vi.advanceTimersByTimeAsync(299);
    expect(calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toHaveLength(2);
    calls[1]!.resolve(answer('shells'));
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls).toHaveLength(2);
    expect(readiness).toEqual([false, true]);
  });

  it('reports a failure of the latest search, and nothing of an earlier one', async () => {
    const { search, calls } = pendingSearch();
    const errors: string[] = [];
    const runner = new SearchRunner({ search, onResults: () => {}, onError: (m) => errors.push(m) });
    runner.ask(q('a'));
    await vi.advanceTimersByTimeAsync(100);
    runner.ask(q('b'));
    await vi.advanceTimersByTimeAsync(100);
    calls[0]!.reject(new Error('old failure'));
    calls[1]!.reject(new Error('search is not available yet'));
    await vi.advanceTimersByTimeAsync(0);
    expect(errors).toEqual(['search is not available yet']);
  });

  it('asks nothing for an empty search, and nothing more once disposed', async () => {
    const { search, calls } = pendingSearch();
    const shown: SearchResults[] = [];
    const runner = new SearchRunner({ search, onResults: (r) => shown.push(r), onError: () => {} });
    runner.ask(null);
    await vi.advanceTimersByTimeAsync(500);
    expect(search).not.toHaveBeenCalled();
    runner.ask(q('shells'));
    await vi.advanceTimersByTimeAsync(100);
    runner.dispose();
    calls[0]!.resolve(answer('shells'));
    runner.ask(null);
    await vi.advanceTimersByTimeAsync(1000);
    expect(shown).toEqual([]);
    expect(calls).toHaveLength(1);
  });
});
