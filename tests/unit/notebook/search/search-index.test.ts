import { describe, expect, it } from 'vitest';
import { newId } from '../../../../notebook/common/ids.js';
import { apply, trashWithDependents, type Operation } from '../../../../notebook/common/operations.js';
import type { SearchKind, SearchQueryInput, SearchResults } from '../../../../notebook/common/search/query.js';
import { buildIndex, SearchIndex } from '../../../../notebook/common/search/search-index.js';
import { codePointLength, sliceCodePoints } from '../../../../notebook/common/text.js';
import { fixtureNotebook, KCNA_TEXT, largeText, searchFixture, sha256 } from './search-fixture.js';

function setup() {
  const fx = searchFixture();
  const nb = fixtureNotebook(fx);
  const textOf = (sha: string) => {
    const text = fx.texts.get(sha);
    if (text === undefined) throw new Error(`no file ${sha}`);
    return text;
  };
  const index = buildIndex(nb, textOf);
  /** Applies op to the notebook, lets the index follow, and returns the inverse (undo). */
  const change = (op: Operation): Operation => {
    const inverse = apply(nb, op);
    index.applyChange(nb, op);
    index.work();
    return inverse;
  };
  const find = (query: string | SearchQueryInput) => index.search(typeof query === 'string' ? { query } : query);
  return { fx, nb, index, change, find, ids: fx.ids };
}

const kinds = (r: SearchResults) => r.groups.map((g) => g.kind);
const idsOf = (r: SearchResults, kind: SearchKind) => r.groups.find((g) => g.kind === kind)?.hits.map((h) => h.id) ?? [];
const marked = (r: SearchResults, kind: SearchKind) =>
  r.groups.find((g) => g.kind === kind)!.hits.map((h) => h.snippet.marks.map(([a, b]) => h.snippet.text.slice(a, b)));

describe('SearchIndex: matching', () => {
  it('forgives typos only when the words as typed find little: many "rail" claims hide the one about a "raid"', () => {
    const { change, find } = setup();
    const at = '2024-03-01T00:00:00.000Z';
    const claim = (statement: string) => change({ type: 'create', kind: 'claim', object: { id: newId(), createdAt: at, updatedAt: at, statement } });
    claim('Troops prepared a raid on the depot');
    expect(find('raid').groups.find((g) => g.kind === 'claim')?.total).toBe(1);
    // One "rail" claim: too few, so "raid" (one edit away) is offered too.
    claim('Containers went by rail 0');
    expect(find({ query: 'rail', kinds: ['claim'] }).groups[0]!.total).toBe(2);
    for (let i = 1; i < 12; i++) claim(`Containers went by rail ${i}`);
    const many = find({ query: 'rail', kinds: ['claim'] }).groups[0]!;
    expect(many.total).toBe(12);
    expect(many.hits.map((h) => h.title)).not.toContain('Troops prepared a raid on the depot');
  });

  it('finds a word with a typo in the claim, the excerpt and the passage that hold it', () => {
    const { find, ids } = setup();
    const r = find('artilery');
    expect(kinds(r)).toEqual(['passage', 'source', 'excerpt', 'claim']);
    expect(idsOf(r, 'claim')).toEqual([ids.supplied]);
    expect(idsOf(r, 'excerpt')).toEqual([ids.shells]);
    expect(idsOf(r, 'passage')).toEqual([ids.rajin]);
    // The source matches by its tag weapons/artillery.
    expect(r.groups.find((g) => g.kind === 'source')!.hits[0]!.field).toBe('tags');
    expect(marked(r, 'claim')).toEqual([['artillery']]);
  });

  it('allows one typo in a word of 4–7 letters and none in a shorter word', () => {
    const { find, ids } = setup();
    expect(idsOf(find('shels'), 'claim')).toEqual([ids.supplied]);
    expect(idsOf(find('kin'), 'entity')).toEqual([]);
    expect(idsOf(find('kim'), 'entity')).toEqual([ids.kim]);
  });

  it('finds a word by its beginning', () => {
    const { find, ids } = setup();
    const r = find('artil');
    expect(idsOf(r, 'claim')).toEqual([ids.supplied]);
    expect(marked(r, 'excerpt')).toEqual([['artillery']]);
  });

  it('ignores case and diacritics either way', () => {
    const { find, ids } = setup();
    for (const q of ['chloe', 'Chloé', 'CHLOÉ martin']) {
      const r = find(q);
      expect(idsOf(r, 'source'), q).toEqual([ids.rajin]);
      expect(r.groups.find((g) => g.kind === 'source')!.hits[0]!.field).toBe('authors');
      expect(marked(r, 'source')[0]![0], q).toBe('Chloé');
    }
  });

  it('needs every word of the query to match', () => {
    const { find, ids } = setup();
    const both = find('artillery russia');
    expect(idsOf(both, 'claim')).toEqual([ids.supplied]);
    expect(idsOf(both, 'excerpt')).toEqual([]);
    expect(marked(both, 'claim')).toEqual([['artillery', 'Russia']]);
    expect(find('artillery absurd').groups).toEqual([]);
  });

  it('finds words in scripts written without spaces', () => {
    const { change, find } = setup();
    const id = newId();
    change({ type: 'create', kind: 'entity', object: { id, createdAt: '2026-02-01T00:00:00.000Z', updatedAt: '2026-02-01T00:00:00.000Z', name: '朝鲜向俄罗斯提供了炮弹', aliases: ['Москва'] } });
    const r = find('俄罗斯');
    expect(idsOf(r, 'entity')).toEqual([id]);
    expect(marked(r, 'entity')).toEqual([['俄罗斯']]);
    expect(idsOf(find('москва'), 'entity')).toEqual([id]);
  });

  it('weighs a claim whose statement matches above one whose notes match', () => {
    const { find, ids } = setup();
    const r = find('kcna');
    // "KCNA" is in the statement source's title, the excerpt's source and the denial's notes.
    expect(idsOf(r, 'claim')).toEqual([ids.denied]);
    expect(r.groups.find((g) => g.kind === 'claim')!.hits[0]!.field).toBe('notes');
    const munitions = find('munitions');
    expect(idsOf(munitions, 'claim')).toEqual([ids.denied]);
    expect(munitions.groups.find((g) => g.kind === 'claim')!.hits[0]!.field).toBe('statement');
  });

  it('finds the notebook note, questions, hypotheses, propositions and a claim by its claimant', () => {
    const { find, ids, nb } = setup();
    expect(find('tumangang').groups.map((g) => [g.kind, g.hits[0]!.id, g.hits[0]!.title])).toEqual([['notebook', nb.id, 'Korea arms']]);
    expect(idsOf(find('arming'), 'question')).toEqual([ids.question]);
    expect(find('arming').groups[0]!.hits[0]!.field).toBe('text');
    expect(idsOf(find('shipments sea'), 'hypothesis')).toEqual([ids.hypothesis]);
    expect(idsOf(find('sends'), 'proposition')).toEqual([ids.proposition]);
    const byClaimant = find('national defense');
    expect(idsOf(byClaimant, 'claim')).toEqual([ids.supplied]);
    expect(byClaimant.groups.find((g) => g.kind === 'claim')!.hits[0]!.field).toBe('claimant');
  });
});

describe('SearchIndex: filters', () => {
  it('keeps only the kinds asked for', () => {
    const { find } = setup();
    expect(kinds(find({ query: 'artillery', kinds: ['claim', 'excerpt'] }))).toEqual(['excerpt', 'claim']);
  });

  it('filters by tag, including every tag below it, and passages take their source tags', () => {
    const { find, ids } = setup();
    const r = find({ query: 'artillery', tags: ['weapons/artillery'] });
    expect(idsOf(r, 'source')).toEqual([ids.rajin]);
    expect(idsOf(r, 'passage')).toEqual([ids.rajin]);
    expect(idsOf(r, 'excerpt')).toEqual([ids.shells]); // tagged weapons/artillery/shells
    expect(idsOf(r, 'claim')).toEqual([]); // tagged weapons only: above, not below
    expect(idsOf(find({ query: 'artillery', tags: ['weapons'] }), 'claim')).toEqual([ids.supplied]);
    expect(idsOf(find({ query: 'artillery', tags: ['weap'] }), 'claim')).toEqual([]); // a path, not a prefix
  });

  it('filters by source: the source, its passages and excerpts, and claims with evidence from it', () => {
    const { find, ids } = setup();
    const r = find({ query: 'north korea', sourceId: ids.rajin });
    expect(idsOf(r, 'claim')).toEqual([ids.supplied]);
    expect(kinds(r)).toEqual(['claim']);
    expect(kinds(find({ query: 'arms', sourceId: ids.kcna }))).toEqual(['passage', 'source', 'excerpt']);
  });

  it('filters by claimant and by credibility, leaving other kinds out', () => {
    const { find, ids } = setup();
    expect(find({ query: 'korea', claimantId: ids.mnd }).groups.map((g) => [g.kind, g.hits.map((h) => h.id)])).toEqual([['claim', [ids.supplied]]]);
    expect(find({ query: 'munitions', credibility: ['1', '2'] }).groups).toEqual([]);
    expect(kinds(find({ query: 'munitions', credibility: ['5'] }))).toEqual(['claim']);
  });

  it('filters by reliability: sources, their passages and excerpts', () => {
    const { find } = setup();
    expect(kinds(find({ query: 'arms', reliability: ['E'] }))).toEqual(['passage', 'source', 'excerpt']);
    expect(find({ query: 'arms', reliability: ['A', 'B'] }).groups).toEqual([]);
  });

  it('filters by date: claimedAt of claims, published of sources, partial dates by their first day', () => {
    const { find, ids } = setup();
    const claims = find({ query: 'korea', kinds: ['claim'], from: '2024-02-27', to: '2024-02-27' });
    expect(idsOf(claims, 'claim')).toEqual([ids.supplied]);
    expect(idsOf(find({ query: 'munitions', from: '2024-03' }), 'claim')).toEqual([ids.denied]); // claimed 2024-03-01
    expect(idsOf(find({ query: 'munitions', from: '2024-03-02' }), 'claim')).toEqual([]);
    // KCNA's published date is 2024-01, i.e. 2024-01-01: inside from 2024 to 2024-01-01, and its
    // passages and excerpts take it.
    expect(kinds(find({ query: 'absurd', from: '2024', to: '2024-01-01' }))).toEqual(['passage', 'excerpt']);
    expect(find({ query: 'absurd', from: '2024-01-02' }).groups).toEqual([]);
    expect(idsOf(find({ query: 'rajin', to: '2024-03-05' }), 'source')).toEqual([ids.rajin]);
    expect(idsOf(find({ query: 'rajin', to: '2024-03-04' }), 'source')).toEqual([]);
    // Objects without a date (entities, a claim with no claimedAt) are left out by a date filter.
    expect(kinds(find({ query: 'kim' }))).toContain('entity');
    expect(kinds(find({ query: 'kim', from: '2000' }))).not.toContain('entity');
  });

  it('filters by relation: excerpts and claims at either end of a live link', () => {
    const { find, ids, change } = setup();
    const supports = find({ query: 'artillery', relation: 'supports' });
    expect(kinds(supports)).toEqual(['excerpt', 'claim']);
    expect(find({ query: 'artillery', relation: 'refutes' }).groups).toEqual([]);
    change({ type: 'delete', kind: 'link', id: ids.link, at: '2026-03-01T00:00:00.000Z' });
    expect(find({ query: 'artillery', relation: 'supports' }).groups).toEqual([]);
  });

  it('lists what the filters let through, newest first, when the query is empty; nothing without filters', () => {
    const { find, ids } = setup();
    const tagged = find({ query: '', tags: ['weapons'] });
    expect(tagged.groups.map((g) => [g.kind, g.hits.map((h) => h.id)])).toEqual([
      ['source', [ids.rajin]],
      ['excerpt', [ids.shells]],
      ['claim', [ids.supplied]],
    ]);
    expect(idsOf(find({ query: ' ', kinds: ['claim'] }), 'claim')).toEqual([ids.denied, ids.supplied]);
    expect(find({ query: '' }).groups).toEqual([]);
    expect(find({ query: '…' }).groups).toEqual([]);
  });
});

describe('SearchIndex: results', () => {
  it('groups by kind in a fixed order, counts every match, and keeps at most limit hits', () => {
    const { find } = setup();
    const r = find({ query: 'the', limit: 1 });
    expect(r.groups.map((g) => [g.kind, g.hits.length, g.total])).toEqual([
      ['passage', 1, 2],
      ['excerpt', 1, 2],
      ['notebook', 1, 1],
    ]);
    expect(r.ready).toBe(true);
    expect(r.indexed).toBeGreaterThan(10);
  });

  it('gives a passage hit the match in code points of the whole text, past emoji before it', () => {
    const { find, ids } = setup();
    const hit = find('absurd').groups.find((g) => g.kind === 'passage')!.hits[0]!;
    expect(hit.sourceId).toBe(ids.kcna);
    expect(hit.title).toBe('KCNA statement on arms deals');
    expect(sliceCodePoints(KCNA_TEXT, hit.range!.start, hit.range!.end)).toBe('absurd');
    // Three astral characters come before it: code points and UTF-16 units differ by three.
    expect(KCNA_TEXT.indexOf('absurd') - hit.range!.start).toBe(3);
    const [a, b] = hit.snippet.marks[0]!;
    expect(hit.snippet.text.slice(a, b)).toBe('absurd');
  });

  it('cuts a long field to a window around the first match, marks stay on the words', () => {
    const { change, find } = setup();
    const id = newId();
    const notes = `${'Background on the port and its cranes. '.repeat(12)}Then 🚢🚢 the ferry Mangyongbong left for Vladivostok with artillery aboard. ${'More about the weather. '.repeat(10)}`;
    change({ type: 'create', kind: 'entity', object: { id, createdAt: '2026-02-01T00:00:00.000Z', updatedAt: '2026-02-01T00:00:00.000Z', name: 'Mangyongbong', notes } });
    const hit = find('vladivostok artillery').groups.find((g) => g.kind === 'entity')!.hits[0]!;
    expect(hit.field).toBe('notes');
    expect(hit.snippet.cutStart).toBe(true);
    expect(hit.snippet.cutEnd).toBe(true);
    expect(hit.snippet.text.length).toBeLessThanOrEqual(161);
    expect(hit.snippet.text).toContain('🚢🚢 the ferry');
    expect(hit.snippet.marks.map(([a, b]) => hit.snippet.text.slice(a, b))).toEqual(['Vladivostok', 'artillery']);
  });
});

describe('SearchIndex: the best hits only', () => {
  it('keeps the best `limit` hits of each kind: the same first hits, in the same order, as a full ranking', () => {
    const { change, find } = setup();
    const at = '2026-02-01T00:00:00.000Z';
    // Claims that say "convoy" more or fewer times, in longer or shorter statements: all different scores.
    for (let i = 0; i < 60; i++) {
      const statement = `${'convoy '.repeat(1 + (i % 7))}${'moved north along the coast '.repeat(i % 5)}${i}`;
      change({ type: 'create', kind: 'claim', object: { id: newId(), createdAt: at, updatedAt: at, statement } });
    }
    const all = find({ query: 'convoy', kinds: ['claim'], limit: 500 }).groups[0]!;
    expect(all.total).toBe(60);
    expect(all.hits).toHaveLength(60);
    const scores = all.hits.map((h) => h.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    for (const limit of [1, 5, 20]) {
      const best = find({ query: 'convoy', kinds: ['claim'], limit }).groups[0]!;
      expect(best.total).toBe(60);
      expect(best.hits).toEqual(all.hits.slice(0, limit));
    }
  });
});

describe('SearchIndex: following changes', () => {
  it('finds a claim by its new words after an edit, and no longer by the old ones', () => {
    const { change, find, ids } = setup();
    change({ type: 'update', kind: 'claim', id: ids.supplied, set: { statement: 'North Korea shipped rockets to Russia', updatedAt: '2026-03-01T00:00:00.000Z' }, unset: [] });
    expect(idsOf(find('supplied'), 'claim')).toEqual([]);
    expect(idsOf(find('rockets'), 'claim')).toEqual([ids.supplied]);
  });

  it('drops trashed objects and brings them back when the trash is undone', () => {
    const { change, find, ids, nb } = setup();
    const undo = change(trashWithDependents(nb, 'source', ids.rajin, '2026-03-01T00:00:00.000Z'));
    const gone = find('artillery');
    expect(kinds(gone)).toEqual(['claim']);
    change(undo);
    expect(kinds(find('artillery'))).toEqual(['passage', 'source', 'excerpt', 'claim']);
  });

  it('searches a new source text once its passages are indexed, and forgets a removed one', () => {
    const { fx, nb, index, find } = setup();
    const text = 'Rail cars crossed the Tumen bridge at night.\n\nThe freight was covered.';
    fx.texts.set(sha256(text), text);
    const id = newId();
    const op: Operation = {
      type: 'create',
      kind: 'source',
      object: { id, createdAt: '2026-02-01T00:00:00.000Z', updatedAt: '2026-02-01T00:00:00.000Z', title: 'Rail traffic', content: { textSha256: sha256(text), originalSha256: sha256(text), mediaType: 'text/plain', length: text.length } },
    };
    const undo = apply(nb, op);
    index.applyChange(nb, op);
    // Its text is queued: until it is indexed, the index does not claim to cover the notebook.
    expect(index.pending).toBe(true);
    expect(find('rail')).toMatchObject({ ready: false, groups: [] });
    index.work();
    expect(idsOf(find('rail'), 'source')).toEqual([id]);
    expect(idsOf(find('freight'), 'passage')).toEqual([id]);
    apply(nb, undo);
    index.applyChange(nb, undo);
    expect(find('freight').groups).toEqual([]);
    expect(idsOf(find('rail'), 'source')).toEqual([]);
  });

  it('re-indexes the claims of an entity that is renamed', () => {
    const { change, find, ids } = setup();
    change({ type: 'update', kind: 'entity', id: ids.kim, set: { name: 'Kim Yo-jong (Vice Director)', updatedAt: '2026-03-01T00:00:00.000Z' }, unset: [] });
    const r = find('director');
    expect(idsOf(r, 'claim')).toEqual([ids.denied]);
    expect(r.groups.find((g) => g.kind === 'claim')!.hits[0]!.field).toBe('claimant');
  });

  it('follows the notebook note and a source retitled (hits show the new title)', () => {
    const { change, find, ids } = setup();
    change({ type: 'settings', set: { notes: '' } });
    expect(find('tumangang').groups).toEqual([]);
    change({ type: 'update', kind: 'source', id: ids.kcna, set: { title: 'Statement of the Foreign Ministry', updatedAt: '2026-03-01T00:00:00.000Z' }, unset: [] });
    expect(find('absurd').groups.find((g) => g.kind === 'passage')!.hits[0]!.title).toBe('Statement of the Foreign Ministry');
    expect(idsOf(find('foreign ministry'), 'source')).toEqual([ids.kcna]);
  });
});

describe('SearchIndex: a large source', () => {
  /** The fixture and a 1 MB source whose last paragraph has a word no other text has. */
  function withLargeSource() {
    const { fx, nb, index, find } = setup();
    const text = `${largeText(1_000_000)}\n\nThe barges left Kimchaek at dawn.`;
    fx.texts.set(sha256(text), text);
    const id = newId();
    const op: Operation = {
      type: 'create',
      kind: 'source',
      object: { id, createdAt: '2026-02-01T00:00:00.000Z', updatedAt: '2026-02-01T00:00:00.000Z', title: 'Coastal traffic log', content: { textSha256: sha256(text), originalSha256: sha256(text), mediaType: 'text/plain', length: codePointLength(text) } },
    };
    return { fx, nb, index, find, id, text, op };
  }

  it('does not answer ready until a source just added is indexed to its last passage', () => {
    const { nb, index, find, id, text, op } = withLargeSource();
    apply(nb, op);
    index.applyChange(nb, op);
    // Right after the change, and after a slice of the work: not ready, and no hits that leave the text out.
    expect(find('kimchaek')).toMatchObject({ ready: false, groups: [] });
    expect(find('artillery')).toMatchObject({ ready: false, groups: [] });
    index.work(1);
    expect(index.pending).toBe(true);
    expect(find('kimchaek')).toMatchObject({ ready: false, groups: [] });
    let slices = 1;
    while (!index.work(5)) slices++;
    expect(slices).toBeGreaterThan(1);
    const r = find('kimchaek');
    expect(r.ready).toBe(true);
    const hit = r.groups.find((g) => g.kind === 'passage')!.hits[0]!;
    expect(hit.sourceId).toBe(id);
    expect(sliceCodePoints(text, hit.range!.start, hit.range!.end)).toBe('Kimchaek');
  });

  it('stays right through the large source trashed and restored again and again (its removed words swept out)', () => {
    const { nb, index, find, id, op, fx } = withLargeSource();
    const change = (o: Operation): Operation => {
      const inverse = apply(nb, o);
      index.applyChange(nb, o);
      index.work();
      return inverse;
    };
    change(op);
    const passages = find({ query: 'kimchaek', kinds: ['passage'] }).groups[0]!.hits;
    for (let round = 0; round < 3; round++) {
      const restore = change(trashWithDependents(nb, 'source', id, '2026-03-01T00:00:00.000Z'));
      expect(find('kimchaek').groups).toEqual([]);
      expect(idsOf(find('artillery'), 'claim')).toEqual([fx.ids.supplied]);
      change(restore);
      expect(find({ query: 'kimchaek', kinds: ['passage'] }).groups[0]!.hits).toEqual(passages);
      expect(kinds(find('artillery'))).toEqual(['passage', 'source', 'excerpt', 'claim']);
      expect(idsOf(find('absurd'), 'excerpt')).toEqual([fx.ids.absurd]);
    }
  });
});

describe('SearchIndex: building', () => {
  it('answers not ready until the first build is done, then in slices it completes', () => {
    const fx = searchFixture();
    const nb = fixtureNotebook(fx);
    for (let i = 0; i < 100; i++) {
      const at = new Date(Date.UTC(2026, 1, 1, 0, 0, i)).toISOString();
      apply(nb, { type: 'create', kind: 'entity', object: { id: newId(), createdAt: at, updatedAt: at, name: `Vessel ${i}` } });
    }
    const index = new SearchIndex(nb, (sha) => fx.texts.get(sha)!);
    expect(index.search({ query: 'artillery' })).toMatchObject({ ready: false, groups: [] });
    let slices = 0;
    while (!index.work(0)) slices++;
    expect(slices).toBeGreaterThan(0);
    expect(index.ready).toBe(true);
    expect(kinds(index.search({ query: 'artillery' }))).toEqual(['passage', 'source', 'excerpt', 'claim']);
  });

  it('indexes the metadata of a source whose text file cannot be read, and says which', () => {
    const fx = searchFixture();
    const nb = fixtureNotebook(fx);
    const index = buildIndex(nb, (sha) => {
      if (sha === sha256(KCNA_TEXT)) throw new Error('sources/… is missing');
      return fx.texts.get(sha)!;
    });
    expect(kinds(index.search({ query: 'absurd' }))).toEqual(['excerpt']);
    expect(idsOf(index.search({ query: 'kcna statement' }), 'source')).toEqual([fx.ids.kcna]);
    expect([...index.unreadable.keys()]).toEqual([fx.ids.kcna]);
  });

  it('cuts a long text into passages, each hit opening at its own place', () => {
    const fx = searchFixture();
    const nb = fixtureNotebook(fx);
    const paragraphs = Array.from({ length: 40 }, (_, i) => `Paragraph ${i} 🙂 of the long report. ${'Filler words about shipping. '.repeat(10)}${i === 33 ? 'Here the Wonsan depot appears.' : ''}`);
    const text = paragraphs.join('\n\n');
    fx.texts.set(sha256(text), text);
    const op: Operation = {
      type: 'create',
      kind: 'source',
      object: { id: newId(), createdAt: '2026-02-01T00:00:00.000Z', updatedAt: '2026-02-01T00:00:00.000Z', title: 'Long report', content: { textSha256: sha256(text), originalSha256: sha256(text), mediaType: 'text/plain', length: codePointLength(text) } },
    };
    apply(nb, op);
    const index = buildIndex(nb, (sha) => fx.texts.get(sha)!);
    const r = index.search({ query: 'wonsan depot' });
    const hit = r.groups[0]!.hits[0]!;
    expect(sliceCodePoints(text, hit.range!.start, hit.range!.end)).toBe('Wonsan');
    expect(r.groups[0]!.total).toBe(1);
    const filler = index.search({ query: 'filler', limit: 500 }).groups[0]!;
    expect(filler.total).toBeGreaterThan(5);
    expect(new Set(filler.hits.map((h) => h.range!.start)).size).toBe(filler.total);
    for (const h of filler.hits) expect(sliceCodePoints(text, h.range!.start, h.range!.end)).toBe('Filler');
  });
});
