// The entity page's pure parts: the name/kind/aliases form and its one operation, which found
// occurrences are already confirmed, the sentence around an occurrence, and confirming as one batch.
import { describe, expect, it } from 'vitest';
import type { Mention } from '../../../notebook/common/api.js';
import { describe as describeRange, verify } from '../../../notebook/common/anchoring.js';
import { newId, now } from '../../../notebook/common/ids.js';
import { emptyNotebook, type Id, type Notebook } from '../../../notebook/common/model.js';
import { apply, type Operation } from '../../../notebook/common/operations.js';
import { CodePointIndex, codePointLength } from '../../../notebook/common/text.js';
import {
  confirmMentions,
  contextOf,
  createEntityOp,
  draftOfEntity,
  entityProblems,
  entityRows,
  groupBySource,
  MAX_EXCERPT,
  parseAliases,
  rolesIn,
  sentenceAround,
  sourcesNeedingText,
  unconfirmed,
  unconfirmOp,
  updateEntityOp,
} from '../../../renderer/src/entities/entity-ops.js';

// A wire report in the running example's shape, with an emoji before the names (so code points
// and UTF-16 units differ), an abbreviation, and a name broken across a line.
const WIRE = [
  'SEOUL (Northwind Wire) 🇰🇷 — The U.S. and South Korea accused North Korea of shipping shells to Russia. Kim Yo Jong called it absurd.',
  'Officials in Seoul said 1,000 containers were shipped. North Korea denied it; Kim Yo',
  'Jong said the tests were planned.',
].join('\n');
const SHA = 'a'.repeat(64);

function notebookWith(text: string): { nb: Notebook; sourceId: Id } {
  const nb = emptyNotebook(newId(), 'test', now());
  const sourceId = newId();
  const at = now();
  apply(nb, {
    type: 'create',
    kind: 'source',
    object: { id: sourceId, createdAt: at, updatedAt: at, title: 'Wire report', content: { textSha256: SHA, originalSha256: SHA, mediaType: 'text/plain', length: codePointLength(text) } },
  });
  return { nb, sourceId };
}

function addEntity(nb: Notebook, name: string, aliases: string[] = []): Id {
  const id = newId();
  apply(nb, createEntityOp({ name, kind: 'person', aliases: aliases.join('\n') }, id, now()));
  return id;
}

/** Every whole occurrence of name, as the host's findMentions reports it (code point offsets, context). */
function occurrences(text: string, sourceId: Id, name: string): Mention[] {
  const index = new CodePointIndex(text);
  const found: Mention[] = [];
  for (let u = text.indexOf(name); u !== -1; u = text.indexOf(name, u + 1)) {
    const { position, quote } = describeRange(text, { start: index.toCodePoint(u), end: index.toCodePoint(u + name.length) }, index);
    found.push({ sourceId, name, ...position, ...quote });
  }
  return found;
}

const cpOf = (text: string, s: string, from = 0) => new CodePointIndex(text).toCodePoint(text.indexOf(s, from));
const batch = (ops: Operation[]): Operation => ({ type: 'batch', label: 'test', ops: ops as never });

describe('aliases as typed', () => {
  it('reads one per line, or comma separated on one line, and drops blanks, repeats and the name itself', () => {
    expect(parseAliases('DPRK, Pyongyang ,, dprk', 'North Korea')).toEqual(['DPRK', 'Pyongyang']);
    expect(parseAliases('Korea, Democratic People’s Republic of\n  Pyongyang  \n\nnorth  korea', 'North Korea')).toEqual([
      'Korea, Democratic People’s Republic of',
      'Pyongyang',
    ]);
    expect(parseAliases('   ')).toEqual([]);
  });
});

describe('an entity’s name, kind and aliases', () => {
  it('creates an entity in one operation and saves only what changed in one update, which undo takes back', () => {
    const { nb } = notebookWith(WIRE);
    const id = newId();
    apply(nb, createEntityOp({ name: '  Kim   Yo Jong ', kind: 'person', aliases: 'KYJ, Kim' }, id, now()));
    const entity = nb.entities[id]!;
    expect(entity).toMatchObject({ name: 'Kim Yo Jong', kind: 'person', aliases: ['KYJ', 'Kim'] });

    expect(updateEntityOp(entity, draftOfEntity(entity), now())).toBeNull();
    const op = updateEntityOp(entity, { ...draftOfEntity(entity), aliases: 'KYJ\nKim\nMs Kim' }, '2030-01-01T00:00:00.000Z')!;
    expect(op).toMatchObject({ type: 'update', set: { aliases: ['KYJ', 'Kim', 'Ms Kim'], updatedAt: '2030-01-01T00:00:00.000Z' } });
    expect(Object.keys((op as { set: object }).set).sort()).toEqual(['aliases', 'updatedAt']);
    const inverse = apply(nb, op);
    expect(nb.entities[id]!.aliases).toEqual(['KYJ', 'Kim', 'Ms Kim']);
    apply(nb, inverse);
    expect(nb.entities[id]).toEqual(entity);
  });

  it('names what is wrong: no name, a name another live entity has, an alias too long', () => {
    const { nb } = notebookWith(WIRE);
    const kim = addEntity(nb, 'Kim Yo Jong');
    const gone = addEntity(nb, 'Chloé Han');
    apply(nb, { type: 'delete', kind: 'entity', id: gone, at: now() });

    expect(entityProblems(nb, { name: '  ', kind: 'person', aliases: '' }).name).toBe('An entity needs a name');
    expect(entityProblems(nb, { name: 'kim  yo jong', kind: 'state', aliases: '' }).name).toMatch(/already named “Kim Yo Jong”/);
    // Its own name, and the name of an entity in the trash, are free.
    expect(entityProblems(nb, { name: 'Kim Yo Jong', kind: 'person', aliases: '' }, kim)).toEqual({});
    expect(entityProblems(nb, { name: 'Chloé Han', kind: 'person', aliases: '' })).toEqual({});
    expect(entityProblems(nb, { name: 'Seoul', kind: 'place', aliases: 'x'.repeat(501) }).aliases).toMatch(/longer than 500 characters/);
  });

  it('lists the live entities by name with the number of live claims each makes', () => {
    const { nb } = notebookWith(WIRE);
    const kim = addEntity(nb, 'Kim Yo Jong');
    const us = addEntity(nb, 'United States');
    const gone = addEntity(nb, 'Aardvark Agency');
    apply(nb, { type: 'delete', kind: 'entity', id: gone, at: now() });
    const claim = (claimantId: Id) => {
      const id = newId();
      apply(nb, { type: 'create', kind: 'claim', object: { id, createdAt: now(), updatedAt: now(), statement: 'Shells were shipped.', claimantId } });
      return id;
    };
    claim(us);
    claim(us);
    apply(nb, { type: 'delete', kind: 'claim', id: claim(kim), at: now() });
    expect(entityRows(nb).map((r) => [r.entity.name, r.claims])).toEqual([
      ['Kim Yo Jong', 0],
      ['United States', 2],
    ]);
  });

  it('names the roles an entity plays in an attribution chain, each once', () => {
    const wire = newId();
    expect(rolesIn([{ entityId: wire, role: 'publisher' }, { role: 'intermediary' }, { entityId: wire, role: 'speaker' }, { entityId: wire, role: 'speaker' }], wire)).toEqual([
      'publisher',
      'speaker',
    ]);
  });
});

describe('the sentence around an occurrence', () => {
  const sentenceOf = (text: string, name: string, from = 0) => {
    const start = cpOf(text, name, from);
    const range = sentenceAround(text, { start, end: start + codePointLength(name) });
    return new CodePointIndex(text).slice(range.start, range.end);
  };

  it('is the sentence holding it, without the spaces around it, counted in code points after an emoji', () => {
    expect(sentenceOf(WIRE, 'Kim Yo Jong')).toBe('Kim Yo Jong called it absurd.');
    expect(sentenceOf(WIRE, 'South Korea')).toBe('SEOUL (Northwind Wire) 🇰🇷 — The U.S. and South Korea accused North Korea of shipping shells to Russia.');
    expect(sentenceOf(WIRE, 'Seoul', WIRE.indexOf('Officials'))).toBe('Officials in Seoul said 1,000 containers were shipped.');
  });

  it('takes both lines when a name is broken across a line', () => {
    const start = cpOf(WIRE, 'Kim Yo\nJong');
    const range = sentenceAround(WIRE, { start, end: start + codePointLength('Kim Yo\nJong') });
    expect(new CodePointIndex(WIRE).slice(range.start, range.end)).toBe('North Korea denied it; Kim Yo\nJong said the tests were planned.');
  });

  it('joins the pieces a break after an abbreviation makes, but not across a line', () => {
    const text = 'SEOUL, Oct. 14 (Wire) — The U.S. and Mr. Kim said so. Then Gen. Park left.\nAn aide to the U.S.\nKim denied it.';
    expect(sentenceOf(text, 'Kim')).toBe('SEOUL, Oct. 14 (Wire) — The U.S. and Mr. Kim said so.');
    expect(sentenceOf(text, 'Park')).toBe('Then Gen. Park left.');
    expect(sentenceOf(text, 'Kim', text.indexOf('\n'))).toBe('Kim denied it.');
  });

  it('agrees with segmenting the whole text, wherever the occurrence lies in a long one', () => {
    // No abbreviations here: the joins after them are this module's own (tested below).
    const pieces = ['Kim spoke.', 'Kim said “no.” Then he left!', 'Did Kim go?\n', 'The envoys asked Kim twice.', '(Kim) – 🇰🇷 waved.\n\n', 'Kim wrote it…', 'Kim: 1.5 tonnes.'];
    const text = Array.from({ length: 400 }, (_, i) => pieces[(i * 7) % pieces.length]).join(' ');
    const index = new CodePointIndex(text);
    const whole = new Intl.Segmenter(undefined, { granularity: 'sentence' }).segment(text);
    let checked = 0;
    for (let u = text.indexOf('Kim'); u !== -1; u = text.indexOf('Kim', u + 61)) {
      const s = whole.containing(u)!;
      const expected = s.segment.trim();
      const start = index.toCodePoint(u);
      const range = sentenceAround(text, { start, end: start + 3 }, index);
      expect(index.slice(range.start, range.end)).toBe(expected);
      checked++;
    }
    expect(checked).toBeGreaterThan(50);
  });

  it('is cut at spaces around the occurrence when the sentence is very long, and the same far into a long text', () => {
    const words = Array.from({ length: 400 }, (_, i) => `word${i}`).join(' ');
    const long = `${'Filler sentence here. '.repeat(2000)}Start ${words} Pyongyang ${words} end.`;
    const start = cpOf(long, 'Pyongyang');
    const range = sentenceAround(long, { start, end: start + 9 });
    const cut = new CodePointIndex(long).slice(range.start, range.end);
    expect(range.end - range.start).toBeLessThanOrEqual(MAX_EXCERPT);
    expect(cut).toContain(' Pyongyang ');
    expect(cut).toMatch(/^word\d+ .* word\d+$/);
  });
});

describe('confirming occurrences as mentions', () => {
  function setUp() {
    const { nb, sourceId } = notebookWith(WIRE);
    const kim = addEntity(nb, 'Kim Yo Jong');
    const dprk = addEntity(nb, 'North Korea');
    const text = () => WIRE;
    return { nb, sourceId, kim, dprk, text };
  }

  it('makes an excerpt over the sentence, built as the reader builds one, that mentions the entity', () => {
    const { nb, sourceId, kim, text } = setUp();
    const [first] = occurrences(WIRE, sourceId, 'Kim Yo Jong');
    const plan = confirmMentions(nb, kim, [first!], text, now());
    expect(plan).toMatchObject({ created: 1, updated: 0 });
    apply(nb, batch(plan.ops));
    const excerpt = Object.values(nb.excerpts)[0]!;
    expect(excerpt.mentions).toEqual([kim]);
    expect(excerpt.selectors.quote.exact).toBe('Kim Yo Jong called it absurd.');
    expect(verify(WIRE, excerpt.selectors)).toBe(true);
    expect(excerpt.selectors).toEqual(describeRange(WIRE, excerpt.selectors.position));
    expect(unconfirmed(nb, kim, [first!])).toEqual([]);
  });

  it('adds the entity to a live excerpt that already covers the occurrence, the tightest one', () => {
    const { nb, sourceId, dprk, text } = setUp();
    const mk = (exact: string) => {
      const start = cpOf(WIRE, exact);
      const id = newId();
      apply(nb, { type: 'create', kind: 'excerpt', object: { id, createdAt: now(), updatedAt: now(), sourceId, selectors: describeRange(WIRE, { start, end: start + codePointLength(exact) }) } });
      return id;
    };
    const wide = mk('The U.S. and South Korea accused North Korea of shipping shells to Russia.');
    const tight = mk('accused North Korea of shipping');
    const [first] = occurrences(WIRE, sourceId, 'North Korea');
    const plan = confirmMentions(nb, dprk, [first!], text, now());
    expect(plan).toMatchObject({ created: 0, updated: 1 });
    apply(nb, batch(plan.ops));
    expect(nb.excerpts[tight]!.mentions).toEqual([dprk]);
    expect(nb.excerpts[wide]!.mentions).toEqual([]);
  });

  it('never counts a trashed excerpt as covering, nor an occurrence in a trashed source as a candidate', () => {
    const { nb, sourceId, kim, text } = setUp();
    const all = occurrences(WIRE, sourceId, 'Kim Yo Jong');
    const first = confirmMentions(nb, kim, all, text, now());
    apply(nb, batch(first.ops));
    const excerptId = Object.keys(nb.excerpts)[0]!;
    apply(nb, { type: 'delete', kind: 'excerpt', id: excerptId, at: now() });
    expect(unconfirmed(nb, kim, all)).toEqual(all);
    expect(confirmMentions(nb, kim, all, text, now()).created).toBe(1);
    apply(nb, { type: 'delete', kind: 'source', id: sourceId, at: now() });
    expect(unconfirmed(nb, kim, all)).toEqual([]);
  });

  it('confirms many as one batch: one excerpt per sentence, each excerpt changed once, and one undo takes it all back', () => {
    const { nb, sourceId, dprk, text } = setUp();
    const extra = newId();
    const start = cpOf(WIRE, 'Officials');
    // An excerpt that already mentions someone else: the entity is added beside them.
    apply(nb, {
      type: 'create',
      kind: 'excerpt',
      object: { id: extra, createdAt: now(), updatedAt: now(), sourceId, selectors: describeRange(WIRE, { start, end: codePointLength(WIRE) }), mentions: [addEntity(nb, 'Seoul')] },
    });
    const found = occurrences(WIRE, sourceId, 'North Korea');
    expect(found).toHaveLength(2);
    // The first sentence holds North Korea once; a second occurrence in it (a repeat in the results) shares its excerpt.
    const plan = confirmMentions(nb, dprk, [found[0]!, found[0]!, found[1]!], text, now());
    expect(plan).toMatchObject({ created: 1, updated: 1 });
    expect(plan.ops).toHaveLength(2);
    const before = structuredClone(nb);
    const inverse = apply(nb, batch(plan.ops));
    expect(nb.excerpts[extra]!.mentions).toHaveLength(2);
    expect(nb.excerpts[extra]!.mentions).toContain(dprk);
    expect(unconfirmed(nb, dprk, found)).toEqual([]);
    apply(nb, inverse);
    expect(nb).toEqual(before);
  });

  it('asks for no text when every occurrence is inside an excerpt already', () => {
    const { nb, sourceId, kim } = setUp();
    const all = occurrences(WIRE, sourceId, 'Kim Yo Jong');
    apply(nb, batch(confirmMentions(nb, kim, all, () => WIRE, now()).ops));
    const again = confirmMentions(nb, kim, all, () => {
      throw new Error('text asked for');
    }, now());
    expect(again).toEqual({ ops: [], created: 0, updated: 0 });
  });

  it('removes only this entity from an excerpt’s mentions, keeping the excerpt', () => {
    const { nb, sourceId, kim, dprk, text } = setUp();
    // Kim Yo Jong's name runs across a line, so its excerpt takes both lines, and North Korea's second occurrence with them.
    apply(nb, batch(confirmMentions(nb, kim, occurrences(WIRE, sourceId, 'Kim Yo\nJong'), text, now()).ops));
    const excerpt = Object.values(nb.excerpts)[0]!;
    expect(excerpt.selectors.quote.exact).toBe('North Korea denied it; Kim Yo\nJong said the tests were planned.');
    const plan = confirmMentions(nb, dprk, [occurrences(WIRE, sourceId, 'North Korea')[1]!], text, now());
    expect(plan).toMatchObject({ created: 0, updated: 1 });
    apply(nb, batch(plan.ops));
    expect(nb.excerpts[excerpt.id]!.mentions).toEqual([kim, dprk]);
    apply(nb, unconfirmOp(nb.excerpts[excerpt.id]!, kim, now()));
    expect(nb.excerpts[excerpt.id]).toMatchObject({ mentions: [dprk] });
    expect(nb.excerpts[excerpt.id]!.deletedAt).toBeUndefined();
  });

  it('needs the text only of sources where some occurrence lies outside every live excerpt', () => {
    const { nb, sourceId, kim } = setUp();
    const all = occurrences(WIRE, sourceId, 'Kim Yo Jong');
    expect(sourcesNeedingText(nb, all)).toEqual([sourceId]);
    apply(nb, batch(confirmMentions(nb, kim, all, () => WIRE, now()).ops));
    expect(sourcesNeedingText(nb, all)).toEqual([]);
  });

  it('shows an occurrence with whole words of context, and "…" only where the text goes on', () => {
    const m = occurrences(WIRE, newId(), 'Kim Yo Jong')[0]!;
    expect(m.prefix).toBe('a of shipping shells to Russia. ');
    const shown = contextOf(m, codePointLength(WIRE));
    expect(shown).toEqual({ before: '…of shipping shells to Russia. ', exact: 'Kim Yo Jong', after: ' called it absurd. Officials in…' });
    const first = occurrences(WIRE, newId(), 'SEOUL')[0]!;
    expect(contextOf(first, codePointLength(WIRE)).before).toBe('');
    const last = occurrences(WIRE, newId(), 'planned.')[0]!;
    expect(contextOf(last, codePointLength(WIRE)).after).toBe('');
  });

  it('groups the candidates by source in the order found', () => {
    const a = newId();
    const b = newId();
    const m = (sourceId: Id, start: number): Mention => ({ sourceId, name: 'Kim', start, end: start + 3, exact: 'Kim', prefix: '', suffix: '' });
    expect(groupBySource([m(a, 1), m(a, 9), m(b, 4)]).map((g) => [g.sourceId, g.mentions.map((x) => x.start)])).toEqual([
      [a, [1, 9]],
      [b, [4]],
    ]);
  });
});
