import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch, type HostInfo, type Outcome } from '../../../../notebook/common/api.js';
import { newId } from '../../../../notebook/common/ids.js';
import { trashWithDependents } from '../../../../notebook/common/operations.js';
import { SearchQuery, type SearchKind, type SearchQueryInput, type SearchResults } from '../../../../notebook/common/search/query.js';
import { CACHE_FILE } from '../../../../notebook/node/search/index-cache.js';
import { createSearchHost, type SearchHost } from '../../../../notebook/node/search/search-host.js';
import { createService, type Service } from '../../../../notebook/node/service.js';
import { openStore, type Store } from '../../../../notebook/node/store.js';
import { largeText, searchFixture, sha256 } from './search-fixture.js';

const temps: string[] = [];
const closing: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const c of closing.splice(0).reverse()) await c.close().catch(() => undefined);
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'corroborate-search-'));
  temps.push(dir);
  return join(dir, 'korea.corroborate');
}

/** The fixture notebook written through a real store: files first, then every operation. */
async function fixtureStore() {
  const store = await openStore(tempDir(), { create: true });
  closing.push(store);
  const fx = searchFixture();
  for (const text of fx.texts.values()) store.putFile(new TextEncoder().encode(text));
  for (const op of fx.ops) store.apply(op);
  return { store, fx };
}

function hostOf(store: Store, cacheFrom?: number, waitMs?: number): SearchHost {
  const host = createSearchHost(store, { ...(cacheFrom !== undefined ? { cacheFrom } : {}), ...(waitMs !== undefined ? { waitMs } : {}) });
  closing.push(host);
  return host;
}

/**
 * The fixture notebook with its search index saved beside it, then the text of one source (Rajin's)
 * taken out of the folder, and the store opened again (the first one keeps the last texts it read):
 * an index built now would not hold that text, so finding it shows the index was restored.
 */
async function savedWithoutText() {
  const { store: first, fx } = await fixtureStore();
  const host = hostOf(first, 1);
  await whenReady((query) => host.search(query), 'containers');
  for (let i = 0; i < 200 && !existsSync(join(first.dir, CACHE_FILE)); i++) await sleep(25);
  await host.close();
  const sha = first.notebook.sources[fx.ids.rajin]!.content.textSha256;
  await first.close();
  rmSync(join(first.dir, 'sources', sha));
  const store = await openStore(first.dir);
  closing.push(store);
  return { store, fx };
}

const q = (query: string | SearchQueryInput) => SearchQuery.parse(typeof query === 'string' ? { query } : query);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const idsOf = (r: SearchResults, kind: SearchKind) => r.groups.find((g) => g.kind === kind)?.hits.map((h) => h.id) ?? [];

/** Searches until the index answers ready, as the UI does while it shows "Building the search index…". */
async function whenReady(search: (query: SearchQuery) => Promise<SearchResults>, query: string): Promise<{ results: SearchResults; notReady: number }> {
  let notReady = 0;
  for (let i = 0; i < 600; i++) {
    const results = await search(q(query));
    if (results.ready) return { results, notReady };
    expect(results.groups).toEqual([]);
    notReady++;
    await sleep(50);
  }
  throw new Error('the search index was not ready within 30 s');
}

describe('search host: the index on the notebook\'s thread', () => {
  it('builds from the notebook, then follows every change the store makes', async () => {
    const { store, fx } = await fixtureStore();
    const host = hostOf(store);
    const { results } = await whenReady((query) => host.search(query), 'artilery');
    expect(results.groups.map((g) => g.kind)).toEqual(['passage', 'source', 'excerpt', 'claim']);
    expect(idsOf(results, 'claim')).toEqual([fx.ids.supplied]);

    // Each change is found by the very next search.
    store.apply({ type: 'update', kind: 'claim', id: fx.ids.supplied, set: { statement: 'North Korea shipped rockets to Russia', updatedAt: '2026-03-01T00:00:00.000Z' }, unset: [] });
    expect(idsOf(await host.search(q('rockets')), 'claim')).toEqual([fx.ids.supplied]);
    expect(idsOf(await host.search(q('artillery')), 'claim')).toEqual([]);

    store.apply(trashWithDependents(store.notebook, 'source', fx.ids.rajin, '2026-03-01T00:00:00.000Z'));
    expect((await host.search(q('containers'))).groups).toEqual([]);
    store.undo();
    expect(idsOf(await host.search(q('containers')), 'passage')).toEqual([fx.ids.rajin]);
    store.undo();
    expect(idsOf(await host.search(q('artillery')), 'claim')).toEqual([fx.ids.supplied]);

    const text = 'Rail cars crossed the Tumen bridge at night.\n\nThe freight was covered with tarpaulins.';
    const sha = store.putFile(new TextEncoder().encode(text));
    expect(sha).toBe(sha256(text));
    const sourceId = newId();
    store.apply({
      type: 'create',
      kind: 'source',
      object: { id: sourceId, createdAt: '2026-02-01T00:00:00.000Z', updatedAt: '2026-02-01T00:00:00.000Z', title: 'Rail traffic', content: { textSha256: sha, originalSha256: sha, mediaType: 'text/plain', length: text.length } },
    });
    const passage = (await host.search(q('tarpaulin'))).groups.find((g) => g.kind === 'passage')!.hits[0]!;
    expect(passage.sourceId).toBe(sourceId);
    expect(text.slice(passage.range!.start, passage.range!.end)).toBe('tarpaulins');
  });

  it('never answers ready without the text of a 1 MB source added just before the search', async () => {
    const { store } = await fixtureStore();
    const host = hostOf(store);
    await whenReady((query) => host.search(query), 'rajin');
    const text = `${largeText(1_000_000, 7)}\n\nThe barges left Kimchaek at dawn.`;
    const sha = store.putFile(new TextEncoder().encode(text));
    const sourceId = newId();
    store.apply({
      type: 'create',
      kind: 'source',
      object: { id: sourceId, createdAt: '2026-02-01T00:00:00.000Z', updatedAt: '2026-02-01T00:00:00.000Z', title: 'Coastal traffic log', content: { textSha256: sha, originalSha256: sha, mediaType: 'text/plain', length: text.length } },
    });
    // At once, as the analyst would: every answer either says the index is not ready, or has the text.
    const first = await host.search(q('kimchaek'));
    if (first.ready) expect(idsOf(first, 'passage')).toEqual([sourceId]);
    else expect(first.groups).toEqual([]);
    const { results } = await whenReady((query) => host.search(query), 'kimchaek');
    expect(idsOf(results, 'passage')).toEqual([sourceId]);
    const hit = results.groups.find((g) => g.kind === 'passage')!.hits[0]!;
    expect(text.slice(hit.range!.start, hit.range!.end)).toBe('Kimchaek');
  });

  it('refuses a query that does not parse without harming the index', async () => {
    const { store } = await fixtureStore();
    const host = hostOf(store);
    await whenReady((query) => host.search(query), 'rajin');
    await expect(host.search({ query: 'x', limit: 0 } as SearchQuery)).rejects.toMatchObject({ code: 'invalid', message: expect.stringContaining('limit') });
    expect((await host.search(q('rajin'))).groups.length).toBeGreaterThan(0);
  });

  it('answers not ready at first on a large notebook instead of waiting for the build', async () => {
    const store = await openStore(tempDir(), { create: true });
    closing.push(store);
    const ops = [];
    for (let i = 0; i < 1500; i++) {
      const text = `Report ${i}.\n\n${'Convoys moved north along the coast road past the depots. '.repeat(60)}`;
      const sha = store.putFile(new TextEncoder().encode(text));
      ops.push({ type: 'create' as const, kind: 'source' as const, object: { id: newId(), createdAt: '2026-02-01T00:00:00.000Z', updatedAt: '2026-02-01T00:00:00.000Z', title: `Report ${i}`, content: { textSha256: sha, originalSha256: sha, mediaType: 'text/plain', length: text.length } } });
    }
    store.apply({ type: 'batch', label: 'import', ops });
    // Not waiting at all for the build: how long it takes depends on the machine.
    const host = hostOf(store, undefined, 0);
    const first = await host.search(q('convoys'));
    expect(first).toMatchObject({ ready: false, groups: [] });
    const { results } = await whenReady((query) => host.search(query), 'convoys depots');
    expect(results.groups.find((g) => g.kind === 'passage')!.total).toBeGreaterThanOrEqual(1500);
  });

  it('saves the index beside the notebook, opens from it next time, and never from one of another state', async () => {
    const { store, fx } = await fixtureStore();
    const file = join(store.dir, CACHE_FILE);
    // The fixture is small: saved from one document on here (the app saves from 10,000).
    let host = hostOf(store, 1);
    const { results: built } = await whenReady((query) => host.search(query), 'artillery');
    // Saved once the build is done.
    for (let i = 0; i < 200 && !existsSync(file); i++) await sleep(25);
    const saved = statSync(file).ino;
    await host.close();
    expect(statSync(file).ino).toBe(saved); // nothing changed since: not written again

    host = hostOf(store, 1);
    const { results: restored } = await whenReady((query) => host.search(query), 'artillery');
    expect({ ...restored, tookMs: 0 }).toEqual({ ...built, tookMs: 0 });
    await host.close();
    expect(statSync(file).ino).toBe(saved); // restored, not built and saved again

    // A change made while no search follows the notebook: the cache is of an older state now.
    store.apply({ type: 'update', kind: 'claim', id: fx.ids.supplied, set: { statement: 'North Korea shipped rockets to Russia', updatedAt: '2026-03-01T00:00:00.000Z' }, unset: [] });
    host = hostOf(store, 1);
    const { results } = await whenReady((query) => host.search(query), 'rockets');
    expect(idsOf(results, 'claim')).toEqual([fx.ids.supplied]);
    expect(idsOf(await host.search(q('supplied')), 'claim')).toEqual([]);
    await host.close();
    expect(statSync(file).ino).not.toBe(saved);
    expect(readFileSync(file).subarray(0, 8).toString('latin1')).toBe('CRBSIDX2');

    // Below the size worth a cache, the old file goes rather than stay out of date.
    host = hostOf(store, 1000);
    await whenReady((query) => host.search(query), 'rockets');
    store.apply({ type: 'settings', set: { notes: 'A note.' } });
    await host.search(q('note'));
    await host.close();
    expect(existsSync(file)).toBe(false);
  });

  it('restores from its saved index while changes come in, and applies them once restored', async () => {
    const { store, fx } = await savedWithoutText();

    const host = hostOf(store, 1);
    // At once, while the file is still being read.
    store.apply({ type: 'update', kind: 'claim', id: fx.ids.supplied, set: { statement: 'North Korea shipped rockets to Russia', updatedAt: '2026-03-01T00:00:00.000Z' }, unset: [] });
    const { results } = await whenReady((query) => host.search(query), 'rockets');
    expect(idsOf(results, 'claim')).toEqual([fx.ids.supplied]);
    expect(idsOf(await host.search(q('supplied')), 'claim')).toEqual([]);
    expect(idsOf(await host.search(q('containers')), 'passage')).toEqual([fx.ids.rajin]);
  });

  it('builds afresh when a change made while its saved index is read means the index no longer fits', async () => {
    const { store, fx } = await savedWithoutText();

    const host = hostOf(store, 1);
    const entity = newId();
    store.apply({ type: 'create', kind: 'entity', object: { id: entity, createdAt: '2026-03-01T00:00:00.000Z', updatedAt: '2026-03-01T00:00:00.000Z', type: 'organization', name: 'Tumen Shipping Bureau' } });
    const { results } = await whenReady((query) => host.search(query), 'tumen bureau');
    expect(idsOf(results, 'entity')).toEqual([entity]);
    // Built from the notebook as it is: the text that is gone is not found, its source still is.
    expect(idsOf(await host.search(q('containers')), 'passage')).toEqual([]);
    expect(idsOf(await host.search(q('rajin')), 'source')).toEqual([fx.ids.rajin]);
  });

  it('refuses searches once closed', async () => {
    const { store } = await fixtureStore();
    const host = hostOf(store);
    await host.close();
    await host.close();
    await expect(host.search(q('rajin'))).rejects.toMatchObject({ code: 'invalid' });
  });
});

describe('search through the service', () => {
  const info: HostInfo = { host: 'browser', nativeDialogs: false, version: '0.1.0' };

  async function service(dir: string): Promise<Service> {
    const s = await createService({ notebookDir: dir, create: true, host: info });
    closing.push(s);
    return s;
  }

  it('searches the notebook open now, and the new one after openNotebook', async () => {
    const { store, fx } = await fixtureStore();
    const dir = store.dir;
    await store.close();
    const s = await service(dir);
    const search = async (query: SearchQuery) => {
      const outcome: Outcome = await dispatch(s.handlers, 'search', query);
      if (!outcome.ok) throw new Error(outcome.error.message);
      return outcome.result as SearchResults;
    };
    const { results } = await whenReady(search, 'absurd');
    expect(idsOf(results, 'excerpt')).toEqual([fx.ids.absurd]);
    // Through the API, the handler validates the input first.
    expect(await dispatch(s.handlers, 'search', { query: 'x', limit: 0 })).toMatchObject({ ok: false, error: { code: 'invalid' } });

    const other = tempDir();
    await dispatch(s.handlers, 'openNotebook', { path: other, create: true });
    await dispatch(s.handlers, 'apply', { op: { type: 'settings', set: { notes: 'Second notebook about absurd claims' } } });
    const { results: second } = await whenReady(search, 'absurd');
    expect(second.groups.map((g) => g.kind)).toEqual(['notebook']);
  });
});

describe('a search host told to start later', () => {
  it('makes no index until startNow(), then one, which finds what the notebook holds', async () => {
    const { store, fx } = await fixtureStore();
    const file = join(store.dir, CACHE_FILE);
    const host = createSearchHost(store, { startLater: 600_000, cacheFrom: 1 });
    closing.push(host);
    // A made index is saved beside the notebook soon after (SAVE_AFTER_MS): none is made yet.
    await sleep(2_500);
    expect(existsSync(file)).toBe(false);
    host.startNow();
    host.startNow();
    for (let i = 0; i < 200 && !existsSync(file); i++) await sleep(25);
    expect(existsSync(file)).toBe(true);
    const { results, notReady } = await whenReady((query) => host.search(query), 'artilery');
    expect(notReady).toBe(0);
    expect(idsOf(results, 'claim')).toEqual([fx.ids.supplied]);
  });

  it('starts for the first search when nothing asked it to before', async () => {
    const { store, fx } = await fixtureStore();
    const host = createSearchHost(store, { startLater: 600_000 });
    closing.push(host);
    const { results } = await whenReady((query) => host.search(query), 'artilery');
    expect(idsOf(results, 'claim')).toEqual([fx.ids.supplied]);
  });
});
