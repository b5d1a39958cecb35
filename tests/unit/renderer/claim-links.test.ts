// What the inspector shows around a claim or a source, read from the library index: the same as
// the analysis that walks the whole notebook, after changes and undo; and the Proposition field's
// choices in a big notebook: the nearest claims, any claim found by words, and always what is chosen.
import { describe, expect, it } from 'vitest';
import { claimsOfSource, contradictionsOf, tallyEvidence } from '../../../notebook/common/analysis.js';
import { newId } from '../../../notebook/common/ids.js';
import { emptyNotebook, type Id, type Notebook } from '../../../notebook/common/model.js';
import { apply, trashWithDependents, type Operation } from '../../../notebook/common/operations.js';
import { claimsOfSourceIndexed, contradictionsOfClaim, tallyOf } from '../../../renderer/src/inspector/claim-links.js';
import { groupChoices, groupWithValue, propositionChoices, propositionValue } from '../../../renderer/src/inspector/claim-edit.js';
import { libraryIndex, noteApplied } from '../../../renderer/src/library/library-index.js';

const SHA = 'c'.repeat(64);
let clock = Date.parse('2025-03-01T00:00:00Z');
const tick = () => new Date((clock += 1000)).toISOString();

function run(nb: Notebook, op: Operation): Operation {
  const inverse = apply(nb, op);
  noteApplied(nb, op);
  return inverse;
}

/** Creates an object through an operation (as the app does) and returns its id. */
function make(nb: Notebook, kind: 'source' | 'excerpt' | 'claim' | 'link' | 'entity' | 'proposition', fields: Record<string, unknown>): Id {
  const at = tick();
  const id = newId();
  run(nb, { type: 'create', kind, object: { id, createdAt: at, updatedAt: at, ...fields } });
  return id;
}

const sourceFields = (title: string, reliability?: 'A' | 'E') => ({
  title,
  content: { textSha256: SHA, originalSha256: SHA, mediaType: 'text/plain', length: 40 },
  ...(reliability ? { reliability: { grade: reliability, rationale: '' } } : {}),
});
const excerptFields = (sourceId: Id, start: number) => ({ sourceId, selectors: { position: { start, end: start + 4 }, quote: { exact: 'Word' } } });
const linkFields = (fromId: Id, toId: Id, relation: string, fromKind = 'excerpt') => ({ fromKind, fromId, toKind: 'claim', toId, relation });

/** Two sources (graded A and E), claims about one proposition (two assert, one denies), evidence of every relation, a claim contradicting another by a link. */
function example() {
  const nb = emptyNotebook(newId(), 'test', tick());
  libraryIndex(nb); // built first, so everything below reaches it as applied operations
  const wire = make(nb, 'source', sourceFields('Wire report', 'A'));
  const blog = make(nb, 'source', sourceFields('Blog', 'E'));
  const excerpts = [0, 5, 10, 15].map((start, i) => make(nb, 'excerpt', excerptFields(i < 3 ? wire : blog, start)));
  const kim = make(nb, 'entity', { name: 'Kim' });
  const proposition = make(nb, 'proposition', { statement: 'Shells went north' });
  const shipped = make(nb, 'claim', { statement: 'Shells were shipped', propositionId: proposition, claimantId: kim });
  const rail = make(nb, 'claim', { statement: 'Shells went by rail', propositionId: proposition });
  const denial = make(nb, 'claim', { statement: 'Nothing was shipped', polarity: 'denies', propositionId: proposition });
  const alone = make(nb, 'claim', { statement: 'The port was busy', claimantId: kim });
  const relations = ['supports', 'refutes', 'qualifies', 'contradicts'];
  excerpts.forEach((e, i) => make(nb, 'link', linkFields(e, shipped, relations[i]!)));
  make(nb, 'link', linkFields(excerpts[0]!, alone, 'context'));
  make(nb, 'link', linkFields(alone, rail, 'contradicts', 'claim'));
  return { nb, wire, blog, excerpts, proposition, shipped, rail, denial, alone };
}

function expectSameAsAnalysis(nb: Notebook): void {
  const index = libraryIndex(nb);
  for (const id of Object.keys(nb.claims)) {
    expect(tallyOf(nb, index, id)).toEqual(tallyEvidence(nb, id));
    expect(contradictionsOfClaim(nb, index, id).map((c) => c.id)).toEqual(contradictionsOf(nb, id).map((c) => c.id));
  }
  const relationsOf = (rows: { claim: { id: Id }; links: { id: Id }[] }[]) => rows.map((r) => [r.claim.id, r.links.map((l) => l.id).sort()]);
  for (const id of Object.keys(nb.sources)) expect(relationsOf(claimsOfSourceIndexed(nb, index, id))).toEqual(relationsOf(claimsOfSource(nb, id)));
}

describe('the inspector’s links from the index', () => {
  it('tallies evidence by grade, finds contradictions by proposition and by link, and lists a source’s claims, as the analysis does', () => {
    const { nb, shipped, rail, denial, alone, wire } = example();
    const index = libraryIndex(nb);
    expect(tallyOf(nb, index, shipped)).toMatchObject({ supports: 1, refutes: 2, other: 1, weightedSupports: 1 });
    expect(contradictionsOfClaim(nb, index, rail).map((c) => c.id)).toEqual([denial, alone]);
    expect(claimsOfSourceIndexed(nb, index, wire).map((r) => [r.claim.id, r.links.length])).toEqual([
      [shipped, 3],
      [alone, 1],
    ]);
    expectSameAsAnalysis(nb);
  });

  it('follows the trash and undo: a trashed source’s evidence stops counting, a regrouped claim stops contradicting', () => {
    const { nb, wire, denial, shipped } = example();
    const index = libraryIndex(nb);
    const undoTrash = run(nb, trashWithDependents(nb, 'source', wire, tick()));
    expect(tallyOf(nb, index, shipped)).toMatchObject({ supports: 0, refutes: 1 });
    expect(claimsOfSourceIndexed(nb, index, wire)).toEqual([]);
    expectSameAsAnalysis(nb);
    const undoUngroup = run(nb, { type: 'update', kind: 'claim', id: denial, set: {}, unset: ['propositionId'] });
    expect(contradictionsOfClaim(nb, index, shipped)).toEqual([]);
    expectSameAsAnalysis(nb);
    run(nb, undoUngroup);
    run(nb, undoTrash);
    expect(contradictionsOfClaim(nb, index, shipped).map((c) => c.id)).toEqual([denial]);
    expect(tallyOf(nb, index, shipped)).toMatchObject({ supports: 1, refutes: 2 });
    expectSameAsAnalysis(nb);
  });
});

describe('the Proposition field’s choices', () => {
  it('in a small notebook, offers every proposition and every ungrouped claim, as before', () => {
    const { nb, shipped, alone, proposition } = example();
    const choices = groupChoices(nb, nb.claims[shipped]!, libraryIndex(nb));
    const all = propositionChoices(nb, nb.claims[shipped]!);
    expect(choices.limited).toBe(false);
    expect(choices.ungrouped.map((c) => c.id)).toEqual(all.ungrouped.map((c) => c.id));
    expect(choices.ungrouped.map((c) => c.id)).toEqual([alone]);
    expect(choices.propositions.map((p) => [p.proposition.id, p.claims])).toEqual([[proposition, 3]]);
  });

  /** The example with `n` more ungrouped claims, none sharing a source or a claimant with "The port was busy". */
  function crowded(n: number) {
    const ex = example();
    const far = make(ex.nb, 'source', sourceFields('Far away'));
    const farExcerpt = make(ex.nb, 'excerpt', excerptFields(far, 0));
    const extra: Id[] = [];
    for (let i = 0; i < n; i++) extra.push(make(ex.nb, 'claim', { statement: `Filler claim number ${i}` }));
    make(ex.nb, 'link', linkFields(farExcerpt, extra[0]!, 'supports'));
    // A claim whose evidence comes from the wire report, as "The port was busy"'s does.
    const neighbour = make(ex.nb, 'claim', { statement: 'Trains left at night' });
    make(ex.nb, 'link', linkFields(ex.excerpts[1]!, neighbour, 'supports'));
    return { ...ex, extra, neighbour };
  }

  it('in a big one, offers at most the limit: first the claims sharing a source, then the claimant, then the newest', () => {
    const { nb, alone, shipped, extra, neighbour } = crowded(30);
    const index = libraryIndex(nb);
    // "The port was busy": evidence from the wire report, claimant Kim.
    const choices = groupChoices(nb, nb.claims[alone]!, index, { limit: 5 });
    expect(choices.limited).toBe(true);
    expect(choices.ungroupedTotal).toBe(31);
    // The wire report's other claims that are ungrouped: only the neighbour (the others are grouped); Kim's other claim is grouped too.
    expect(choices.ungrouped.map((c) => c.id)).toEqual([neighbour, extra[29], extra[28], extra[27], extra[26]]);
    expect(choices.ungrouped.map((c) => c.id)).not.toContain(shipped);
  });

  it('finds any claim by all its words, ignoring case, and keeps the draft’s choice and the claim’s proposition offered', () => {
    const { nb, alone, extra, proposition, shipped } = crowded(30);
    const index = libraryIndex(nb);
    const found = groupChoices(nb, nb.claims[alone]!, index, { limit: 5, find: 'claim NUMBER 17' });
    expect(found.ungrouped.map((c) => c.statement)).toEqual(['Filler claim number 17']);
    const many = groupChoices(nb, nb.claims[alone]!, index, { limit: 5, find: 'filler' });
    expect([many.ungrouped.length, many.matched]).toEqual([5, 30]);
    const kept = groupChoices(nb, nb.claims[alone]!, index, { limit: 5, keep: groupWithValue(extra[2]!) });
    expect(kept.ungrouped[0]!.id).toBe(extra[2]);
    expect(kept.ungrouped).toHaveLength(6);
    const nothing = groupChoices(nb, nb.claims[alone]!, index, { limit: 5, find: 'zeppelin' });
    expect(nothing.ungrouped).toEqual([]);
    // With more propositions than the limit, the claim's own stays offered though nothing is found.
    for (let i = 0; i < 6; i++) make(nb, 'proposition', { statement: `Other proposition ${i}` });
    const grouped = groupChoices(nb, nb.claims[shipped]!, index, { limit: 5, find: 'zeppelin' });
    expect(grouped.propositions.map((p) => p.proposition.id)).toEqual([proposition]);
    expect(groupChoices(nb, nb.claims[shipped]!, index, { limit: 5, find: 'other proposition', keep: propositionValue(proposition) }).propositions).toHaveLength(6);
  });
});
