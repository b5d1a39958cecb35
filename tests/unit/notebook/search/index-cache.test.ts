import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { newId } from '../../../../notebook/common/ids.js';
import { apply, type Operation } from '../../../../notebook/common/operations.js';
import { buildIndex, SearchIndex, type SearchIndexSnapshot } from '../../../../notebook/common/search/search-index.js';
import { CACHE_FILE, loadIndexCache, saveIndexCache } from '../../../../notebook/node/search/index-cache.js';
import { fixtureNotebook, largeText, searchFixture, sha256 } from './search-fixture.js';

const temps: string[] = [];
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** The fixture notebook with a long source too (many passages), its index built, and a folder to keep the cache in. */
function setup() {
  const fx = searchFixture();
  const nb = fixtureNotebook(fx);
  const text = `${largeText(40_000, 3)}\n\nThe barges left Kimchaek at dawn.`;
  fx.texts.set(sha256(text), text);
  const at = '2026-02-01T00:00:00.000Z';
  apply(nb, { type: 'create', kind: 'source', object: { id: newId(), createdAt: at, updatedAt: at, title: 'Coastal traffic log', content: { textSha256: sha256(text), originalSha256: sha256(text), mediaType: 'text/plain', length: text.length } } });
  const textOf = (sha: string) => fx.texts.get(sha)!;
  const dir = mkdtempSync(join(tmpdir(), 'corroborate-index-cache-'));
  temps.push(dir);
  return { fx, nb, textOf, dir, index: buildIndex(nb, textOf) };
}

const QUERIES = ['artillery', 'artilery', 'kimchaek', 'barges dawn', 'chloe', 'korea russia', 'tumangang', 'kcna', 'the', 'ka'];

describe('the search index cache', () => {
  it('restores an index that answers exactly as the one saved', async () => {
    const { nb, textOf, dir, index } = setup();
    await saveIndexCache(dir, index, nb, 17);
    const loaded = await loadIndexCache(dir, nb, 17, textOf);
    expect(loaded.index).not.toBeNull();
    const restored = loaded.index!;
    expect(restored.ready).toBe(true);
    expect(restored.indexed).toBe(index.indexed);
    for (const query of QUERIES) {
      const [a, b] = [index, restored].map((i) => ({ ...i.search({ query, limit: 50 }), tookMs: 0 }));
      expect(b, query).toEqual(a);
    }
    expect(restored.search({ query: '', kinds: ['claim'] }).groups).toEqual(index.search({ query: '', kinds: ['claim'] }).groups);
  });

  it('follows changes after it is restored, as a built index does', async () => {
    const { fx, nb, textOf, dir, index } = setup();
    await saveIndexCache(dir, index, nb, 3);
    const restored = (await loadIndexCache(dir, nb, 3, textOf)).index!;
    const op: Operation = { type: 'update', kind: 'claim', id: fx.ids.supplied, set: { statement: 'North Korea shipped rockets to Russia', updatedAt: '2026-03-01T00:00:00.000Z' }, unset: [] };
    apply(nb, op);
    for (const i of [index, restored]) i.applyChange(nb, op);
    for (const query of ['rockets', 'supplied', 'artillery']) expect({ ...restored.search({ query }), tookMs: 0 }, query).toEqual({ ...index.search({ query }), tookMs: 0 });
  });

  it('is not used for another state of the notebook: another seq, or an object changed without one', async () => {
    const { fx, nb, textOf, dir, index } = setup();
    await saveIndexCache(dir, index, nb, 5);
    expect(await loadIndexCache(dir, nb, 6, textOf)).toEqual({ index: null, reason: `${CACHE_FILE} is of another state of the notebook` });
    apply(nb, { type: 'update', kind: 'entity', id: fx.ids.kim, set: { updatedAt: '2026-03-01T00:00:00.000Z' }, unset: [] });
    expect((await loadIndexCache(dir, nb, 5, textOf)).reason).toBe(`${CACHE_FILE} is of another state of the notebook`);
  });

  it('is never trusted when damaged, cut short, or not a cache at all', async () => {
    const { nb, textOf, dir, index } = setup();
    const file = join(dir, CACHE_FILE);
    expect(await loadIndexCache(dir, nb, 1, textOf)).toEqual({ index: null, reason: `there is no ${CACHE_FILE}` });
    await saveIndexCache(dir, index, nb, 1);
    const good = readFileSync(file);
    const flipped = Buffer.from(good);
    flipped[flipped.length - 100] = flipped[flipped.length - 100]! ^ 0xff;
    writeFileSync(file, flipped);
    expect((await loadIndexCache(dir, nb, 1, textOf)).reason).toBe(`${CACHE_FILE} is damaged (its contents do not match their checksum)`);
    writeFileSync(file, good.subarray(0, good.length - 8));
    expect((await loadIndexCache(dir, nb, 1, textOf)).reason).toBe(`${CACHE_FILE} is damaged (its contents do not match their checksum)`);
    writeFileSync(file, good.subarray(0, 20));
    expect((await loadIndexCache(dir, nb, 1, textOf)).reason).toMatch(new RegExp(`^${CACHE_FILE} could not be used`));
    writeFileSync(file, '{"not": "a cache"}');
    expect((await loadIndexCache(dir, nb, 1, textOf)).reason).toBe(`${CACHE_FILE} is not a search index cache`);
    // Saving again replaces what was there, through a temporary file that does not stay behind.
    await saveIndexCache(dir, index, nb, 1);
    expect((await loadIndexCache(dir, nb, 1, textOf)).index).not.toBeNull();
    expect(statSync(file).size).toBe(good.length);
    expect(readdirSync(dir)).toEqual([CACHE_FILE]);
  });

  it('refuses a snapshot of another format, or one that does not fit the notebook', () => {
    const { fx, nb, textOf, index } = setup();
    const snapshot = index.snapshot();
    expect(() => SearchIndex.restore(nb, textOf, { ...snapshot, format: snapshot.format + 1 })).toThrow(/another format/);
    const other = fixtureNotebook(searchFixture());
    expect(() => SearchIndex.restore(other, textOf, snapshot)).toThrow(RangeError);
    const wrongIds: SearchIndexSnapshot = { ...snapshot, ids: snapshot.ids.map((id) => (id === fx.ids.kim ? fx.ids.mnd : id)) };
    expect(() => SearchIndex.restore(nb, textOf, wrongIds)).toThrow(RangeError);
    const cut: SearchIndexSnapshot = { ...snapshot, terms: { ...snapshot.terms, kinds: snapshot.terms.kinds.subarray(1) } };
    expect(() => SearchIndex.restore(nb, textOf, cut)).toThrow(RangeError);
  });

  it('cannot be taken of an index still being built', () => {
    const { nb, textOf } = setup();
    const building = new SearchIndex(nb, textOf);
    expect(() => building.snapshot()).toThrow(/still being built/);
  });
});
