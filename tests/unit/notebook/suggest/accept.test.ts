import { describe, expect, it } from 'vitest';
import { describe as describeRange } from '../../../../notebook/common/anchoring.js';
import { newId } from '../../../../notebook/common/ids.js';
import { emptyNotebook, type Notebook } from '../../../../notebook/common/model.js';
import { apply, type Operation } from '../../../../notebook/common/operations.js';
import { acceptedClaimOf, acceptSuggestion, acceptSuggestions, addSuggestedEntity, dismissSuggestion, matchSuggestions, type EditedSuggestion } from '../../../../notebook/common/suggest/accept.js';
import type { SuggestedClaim, SuggestedEntity } from '../../../../notebook/common/suggest/types.js';
import { codePointLength } from '../../../../notebook/common/text.js';

const T = '2026-03-01T09:00:00.000Z';
const AT = '2026-03-02T10:00:00.000Z';
const sha = 'c'.repeat(64);

// A wire report with an emoji before the attributions, so code points and UTF-16 units differ.
const TEXT =
  '🇰🇷 Seoul, March 1. The U.S. and South Korea said North Korea shipped artillery shells to Russia. ' +
  'Pyongyang denied the shipments. Kim Yo Jong called the accusation absurd.';

/** The range of `part` in TEXT, in code points, with its W3C selectors. */
function rangeOf(part: string) {
  const at = TEXT.indexOf(part);
  const start = codePointLength(TEXT.slice(0, at));
  const end = start + codePointLength(part);
  const { quote } = describeRange(TEXT, { start, end });
  return { start, end, exact: quote.exact, prefix: quote.prefix, suffix: quote.suffix };
}

const SAID = rangeOf('The U.S. and South Korea said North Korea shipped artillery shells to Russia.');
const DENIED = rangeOf('Pyongyang denied the shipments.');

const NORTH: SuggestedEntity = { key: 'e1', name: 'North Korea', kind: 'state', aliases: ['Pyongyang', 'the North'], entityId: null, mentions: 2 };

function suggestion(fields: Partial<EditedSuggestion> = {}): EditedSuggestion {
  return {
    ...SAID,
    claimant: 'South Korea',
    claimantKind: 'state',
    entityKey: 'e2',
    entityId: null,
    stance: 'asserts',
    proposition: 'North Korea shipped artillery shells to Russia.',
    ...fields,
  };
}

function notebook(): { nb: Notebook; sourceId: string } {
  const nb = emptyNotebook(newId(), 'korea', T);
  const sourceId = newId();
  apply(nb, {
    type: 'create',
    kind: 'source',
    object: { id: sourceId, createdAt: T, updatedAt: T, title: 'Wire report', content: { textSha256: sha, originalSha256: sha, mediaType: 'text/plain', length: codePointLength(TEXT) } },
  });
  return { nb, sourceId };
}

const stamp = { newId, at: AT };
const ops = (op: Operation) => (op.type === 'batch' ? op.ops : [op]);
const created = (op: Operation, kind: string) => ops(op).filter((o) => o.type === 'create' && o.kind === kind).map((o) => (o.type === 'create' ? o.object : {}));

describe('acceptSuggestion', () => {
  it('records excerpt, new claimant, claim and supporting link as one batch that one undo takes back', () => {
    const { nb, sourceId } = notebook();
    const before = structuredClone(nb);
    const op = acceptSuggestion(nb, sourceId, suggestion(), stamp);
    expect(op).toMatchObject({ type: 'batch', label: 'accept suggestion' });

    const inverse = apply(nb, op);
    const [excerpt] = Object.values(nb.excerpts);
    const [entity] = Object.values(nb.entities);
    const [claim] = Object.values(nb.claims);
    const [link] = Object.values(nb.links);
    expect(excerpt!.selectors).toEqual({ position: { start: SAID.start, end: SAID.end }, quote: { exact: SAID.exact, prefix: SAID.prefix, suffix: SAID.suffix } });
    expect(excerpt!.sourceId).toBe(sourceId);
    expect(entity).toMatchObject({ name: 'South Korea', kind: 'state', aliases: [] });
    expect(claim).toMatchObject({
      statement: 'North Korea shipped artillery shells to Russia.',
      polarity: 'asserts',
      claimantId: entity!.id,
      attribution: [{ role: 'speaker', entityId: entity!.id, excerptId: excerpt!.id, label: '' }],
      status: 'unreviewed',
      createdAt: AT,
    });
    expect(link).toMatchObject({ fromKind: 'excerpt', fromId: excerpt!.id, toKind: 'claim', toId: claim!.id, relation: 'supports' });
    expect(acceptedClaimOf(nb, sourceId, suggestion())).toBe(claim!.id);

    apply(nb, inverse);
    expect(nb).toEqual(before);
    expect(acceptedClaimOf(nb, sourceId, suggestion())).toBeNull();
  });

  it('keeps the analyst’s edits: statement, stance and a claimant typed by another name', () => {
    const { nb, sourceId } = notebook();
    const op = acceptSuggestion(nb, sourceId, suggestion({ ...DENIED, claimant: 'Pyongyang', claimantKind: 'group', entityKey: 'e1', stance: 'denies', proposition: '  North Korea shipped\nmunitions to Russia  ' }), stamp, [NORTH]);
    apply(nb, op);
    const [claim] = Object.values(nb.claims);
    const [entity] = Object.values(nb.entities);
    expect(claim).toMatchObject({ statement: 'North Korea shipped munitions to Russia', polarity: 'denies' });
    // The suggester's fullest name and its other forms ("Pyongyang" is the same entity), of the kind the analyst chose.
    expect(entity).toMatchObject({ name: 'North Korea', kind: 'group', aliases: ['Pyongyang', 'the North'] });
  });

  it('reuses an entity the notebook already has by name or alias, and one the analyst picked', () => {
    const { nb, sourceId } = notebook();
    const dprk = newId();
    apply(nb, { type: 'create', kind: 'entity', object: { id: dprk, createdAt: T, updatedAt: T, name: 'DPRK', kind: 'state', aliases: ['pyongyang'] } });
    const byAlias = acceptSuggestion(nb, sourceId, suggestion({ ...DENIED, claimant: 'Pyongyang', entityKey: 'e1', stance: 'denies' }), stamp, [NORTH]);
    expect(created(byAlias, 'entity')).toEqual([]);
    expect(created(byAlias, 'claim')[0]).toMatchObject({ claimantId: dprk });

    const picked = acceptSuggestion(nb, sourceId, suggestion({ claimant: 'somebody else', entityId: dprk }), stamp);
    expect(created(picked, 'entity')).toEqual([]);
    expect(created(picked, 'claim')[0]).toMatchObject({ claimantId: dprk });
  });

  it('links to the live excerpt already on that range instead of making a second one', () => {
    const { nb, sourceId } = notebook();
    apply(nb, acceptSuggestion(nb, sourceId, suggestion({ claimant: 'the U.S.', entityKey: 'e3' }), stamp));
    const [excerpt] = Object.values(nb.excerpts);
    const second = acceptSuggestion(nb, sourceId, suggestion(), stamp);
    expect(created(second, 'excerpt')).toEqual([]);
    apply(nb, second);
    expect(Object.keys(nb.excerpts)).toHaveLength(1);
    expect(Object.values(nb.links).map((l) => l.fromId)).toEqual([excerpt!.id, excerpt!.id]);
    expect(Object.values(nb.claims).map((c) => nb.entities[c.claimantId!]!.name).sort()).toEqual(['South Korea', 'the U.S.']);
  });

  it('refuses an empty statement or claimant, a range past the text, a trashed source, and builds nothing', () => {
    const { nb, sourceId } = notebook();
    const before = structuredClone(nb);
    expect(() => acceptSuggestion(nb, sourceId, suggestion({ proposition: '  \n ' }), stamp)).toThrow(/needs a statement/);
    expect(() => acceptSuggestion(nb, sourceId, suggestion({ claimant: ' ' }), stamp)).toThrow(/needs a claimant/);
    expect(() => acceptSuggestion(nb, sourceId, suggestion({ start: 10, end: 10_000 }), stamp)).toThrow(/past the end of “Wire report”/);
    expect(() => acceptSuggestion(nb, sourceId, suggestion({ stance: 'maybe' as never }), stamp)).toThrow(/asserts or denies/);
    expect(() => acceptSuggestion(nb, newId(), suggestion(), stamp)).toThrow(/no source with id/);
    expect(() => acceptSuggestion(nb, sourceId, suggestion({ entityId: newId() }), stamp)).toThrow(/no entity with id/);
    apply(nb, { type: 'delete', kind: 'source', id: sourceId, at: AT });
    expect(() => acceptSuggestion(nb, sourceId, suggestion(), stamp)).toThrow(/in the trash/);
    apply(nb, { type: 'restore', kind: 'source', id: sourceId });
    expect(nb).toEqual(before);
  });
});

describe('acceptSuggestions (Accept all)', () => {
  it('makes one entity per claimant and one excerpt per range across the batch, one undo step', () => {
    const { nb, sourceId } = notebook();
    const before = structuredClone(nb);
    const op = acceptSuggestions(
      nb,
      sourceId,
      [
        suggestion({ claimant: 'the U.S.', entityKey: 'e3' }),
        suggestion(),
        suggestion({ ...DENIED, claimant: 'Pyongyang', entityKey: 'e1', stance: 'denies' }),
        suggestion({ ...rangeOf('Kim Yo Jong called the accusation absurd.'), claimant: 'north korea', entityKey: 'e1', claimantKind: 'person', proposition: 'The accusation is absurd.' }),
      ],
      stamp,
      [NORTH],
    );
    expect(op).toMatchObject({ type: 'batch', label: 'accept 4 suggestions' });
    const inverse = apply(nb, op);
    expect(Object.values(nb.entities).map((e) => e.name).sort()).toEqual(['North Korea', 'South Korea', 'the U.S.']);
    expect(Object.keys(nb.excerpts)).toHaveLength(3);
    expect(Object.keys(nb.claims)).toHaveLength(4);
    expect(Object.keys(nb.links)).toHaveLength(4);
    apply(nb, inverse);
    expect(nb).toEqual(before);
  });

  it('says which suggestion is wrong', () => {
    const { nb, sourceId } = notebook();
    expect(() => acceptSuggestions(nb, sourceId, [suggestion(), suggestion({ proposition: '' })], stamp)).toThrow(/^suggestion 2: the claim needs a statement/);
  });
});

describe('dismissSuggestion', () => {
  it('adds the key to the source’s dismissed suggestions; undo forgets it; twice is refused', () => {
    const { nb, sourceId } = notebook();
    const before = structuredClone(nb);
    const inverse = apply(nb, dismissSuggestion(nb.sources[sourceId]!, '10:20:pyongyang', AT));
    expect(nb.sources[sourceId]!.dismissedSuggestions).toEqual(['10:20:pyongyang']);
    expect(nb.sources[sourceId]!.updatedAt).toBe(AT);
    expect(() => dismissSuggestion(nb.sources[sourceId]!, '10:20:pyongyang', AT)).toThrow(/already dismissed/);
    apply(nb, inverse);
    expect(nb).toEqual(before);
  });
});

describe('matchSuggestions', () => {
  const claim = (fields: Partial<SuggestedClaim>): SuggestedClaim => ({ ...suggestion(), key: `${SAID.start}:${SAID.end}:south korea`, verb: 'said', ...fields });

  it('leaves out and counts the dismissed, and matches names to live entities by name or alias', () => {
    const { nb, sourceId } = notebook();
    const dprk = newId();
    apply(nb, { type: 'create', kind: 'entity', object: { id: dprk, createdAt: T, updatedAt: T, name: 'DPRK', kind: 'state', aliases: ['the north'] } });
    apply(nb, dismissSuggestion(nb.sources[sourceId]!, 'gone', AT));
    const found = {
      claims: [claim({}), claim({ key: 'gone' }), claim({ ...DENIED, key: 'denied', claimant: 'Pyongyang', entityKey: 'e1', stance: 'denies' })],
      entities: [NORTH, { key: 'e2', name: 'South Korea', kind: 'state' as const, aliases: [], entityId: null, mentions: 1 }],
    };
    const matched = matchSuggestions(nb, nb.sources[sourceId]!, found);
    expect(matched.dismissed).toBe(1);
    expect(matched.claims.map((c) => c.key)).toEqual([found.claims[0]!.key, 'denied']);
    // "the North" names DPRK: the entity is called what the notebook calls it, its other forms kept.
    expect(matched.entities[0]).toMatchObject({ name: 'DPRK', entityId: dprk, aliases: ['North Korea', 'Pyongyang', 'the North'] });
    expect(matched.entities[1]).toMatchObject({ name: 'South Korea', entityId: null });
    expect(matched.claims[1]!.entityId).toBe(dprk);
    expect(matched.claims[0]!.entityId).toBeNull();
  });

  it('unmatches an entity that went to the trash', () => {
    const { nb, sourceId } = notebook();
    const id = newId();
    apply(nb, { type: 'create', kind: 'entity', object: { id, createdAt: T, updatedAt: T, name: 'South Korea', kind: 'state' } });
    apply(nb, { type: 'delete', kind: 'entity', id, at: AT });
    const matched = matchSuggestions(nb, nb.sources[sourceId]!, { claims: [claim({ entityId: id })], entities: [{ ...NORTH, key: 'e2', name: 'South Korea', aliases: [], entityId: id }] });
    expect(matched.claims[0]!.entityId).toBeNull();
    expect(matched.entities[0]!.entityId).toBeNull();
  });
});

describe('addSuggestedEntity', () => {
  it('adds the entity with its other forms as aliases, once', () => {
    const { nb } = notebook();
    const before = structuredClone(nb);
    const inverse = apply(nb, addSuggestedEntity(nb, NORTH, stamp));
    expect(Object.values(nb.entities)[0]).toMatchObject({ name: 'North Korea', kind: 'state', aliases: ['Pyongyang', 'the North'] });
    expect(() => addSuggestedEntity(nb, { ...NORTH, name: 'north  korea' }, stamp)).toThrow(/already has “North Korea” \(state\)/);
    apply(nb, inverse);
    expect(nb).toEqual(before);
  });
});
