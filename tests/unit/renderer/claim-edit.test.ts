// Editing a claim in the inspector: Save sends one operation with only what changed (a batch when
// an entity or a proposition comes along), undo brings everything back, and a draft that is wrong
// is refused naming the field.
import { describe, expect, it } from 'vitest';
import { contradictionsOf } from '../../../notebook/common/analysis.js';
import { isNotebookError } from '../../../notebook/common/errors.js';
import { newId, now } from '../../../notebook/common/ids.js';
import { emptyNotebook, type Claim, type Kind, type Notebook } from '../../../notebook/common/model.js';
import { apply, type Operation } from '../../../notebook/common/operations.js';
import { evidenceFor } from '../../../notebook/common/queries.js';
import {
  claimEdit,
  claimProblems,
  draftOfClaim,
  excerptChoices,
  groupWithValue,
  moveStep,
  newStep,
  NEW_PROPOSITION,
  parseTags,
  propositionChoices,
  propositionValue,
  type ClaimEditDraft,
} from '../../../renderer/src/inspector/claim-edit.js';

const LATER = '2030-01-01T00:00:00.000Z';
const SHA = 'a'.repeat(64);
const TEXT = 'Officials in Seoul said containers were shipped. Kim Yo Jong called it absurd.';

/** A wire report with two excerpts, two entities, and three claims: two about one proposition, one alone. */
function runningExample() {
  const nb = emptyNotebook(newId(), 'test', now());
  const at = now();
  const make = <T extends Record<string, unknown>>(kind: Kind, object: T) => {
    const full = { id: newId(), createdAt: at, updatedAt: at, ...object };
    apply(nb, { type: 'create', kind, object: full });
    return full;
  };
  const wire = make('entity', { name: 'Northwind Wire', kind: 'media outlet' });
  const rok = make('entity', { name: 'South Korea', kind: 'state', aliases: ['Seoul'] });
  const source = make('source', { title: 'Wire report', content: { textSha256: SHA, originalSha256: SHA, mediaType: 'text/plain', length: TEXT.length } });
  const otherSource = make('source', { title: 'Unrelated', content: { textSha256: SHA, originalSha256: SHA, mediaType: 'text/plain', length: TEXT.length } });
  const quote = (start: number, end: number) => ({ position: { start, end }, quote: { exact: TEXT.slice(start, end) } });
  const e1 = make('excerpt', { sourceId: source.id, selectors: quote(0, 18) });
  const e2 = make('excerpt', { sourceId: source.id, selectors: quote(49, 60) });
  const e3 = make('excerpt', { sourceId: otherSource.id, selectors: quote(0, 10) });
  const proposition = make('proposition', { statement: 'North Korea is shipping weapons to Russia.' });
  const shipped = make('claim', { statement: 'Containers were shipped.', claimantId: rok.id, propositionId: proposition.id, attribution: [{ role: 'publisher', entityId: wire.id }, { role: 'intermediary', label: 'Officials in Seoul' }] });
  const denial = make('claim', { statement: 'Nothing was shipped.', polarity: 'denies', propositionId: proposition.id });
  const alone = make('claim', { statement: 'The tests belong to a five-year plan.' });
  make('link', { fromKind: 'excerpt', fromId: e1.id, toKind: 'claim', toId: shipped.id, relation: 'supports' });
  return { nb, wire, rok, e1, e2, e3, proposition, shipped: nb.claims[shipped.id]!, denial: nb.claims[denial.id]!, alone: nb.claims[alone.id]! };
}

/** Applies the op, checks undo restores the notebook exactly, then applies it again for the caller to inspect. */
function applyAndCheckUndo(nb: Notebook, op: Operation): void {
  const before = structuredClone(nb);
  const inverse = apply(nb, op);
  const after = structuredClone(nb);
  apply(nb, inverse);
  expect(nb).toEqual(before);
  apply(nb, op);
  expect(nb).toEqual(after);
}

const edit = (nb: Notebook, claim: Claim, change: Partial<ClaimEditDraft>) => claimEdit(nb, claim, { ...draftOfClaim(nb, claim), ...change }, LATER);

describe('claimEdit', () => {
  it('is null when nothing changed, including space the fields would trim and tags written differently', () => {
    const { nb, shipped } = runningExample();
    apply(nb, { type: 'update', kind: 'claim', id: shipped.id, set: { tags: ['weapons/artillery', 'rail'] }, unset: [] });
    const claim = nb.claims[shipped.id]!;
    expect(claimEdit(nb, claim, draftOfClaim(nb, claim), LATER)).toBeNull();
    expect(edit(nb, claim, { statement: ' Containers were shipped. ', claimant: 'south korea ', tags: 'weapons / artillery,, rail,' })).toBeNull();
  });

  it('updates only the changed fields with updatedAt, and undo restores them', () => {
    const { nb, shipped } = runningExample();
    const op = edit(nb, shipped, {
      statement: 'About 1,000 containers were shipped.',
      claimedAt: '2023-10-13',
      status: 'assessed',
      tags: 'weapons/artillery, logistics',
      credibility: '2',
      credibilityRationale: 'Two governments agree',
      likelihood: 'likely',
      confidence: 'moderate',
      basis: 'reported',
      assessmentRationale: 'Rail traffic fits',
    })!;
    expect(op).toEqual({
      type: 'update',
      kind: 'claim',
      id: shipped.id,
      set: {
        statement: 'About 1,000 containers were shipped.',
        claimedAt: '2023-10-13',
        status: 'assessed',
        tags: ['weapons/artillery', 'logistics'],
        credibility: { grade: '2', rationale: 'Two governments agree' },
        assessment: { likelihood: 'likely', confidence: 'moderate', basis: 'reported', rationale: 'Rail traffic fits' },
        updatedAt: LATER,
      },
      unset: [],
    });
    applyAndCheckUndo(nb, op);
    expect(nb.claims[shipped.id]).toMatchObject({ status: 'assessed', credibility: { grade: '2' }, assessment: { likelihood: 'likely', confidence: 'moderate' } });
  });

  it('removes a date, a grade and an assessment that were emptied', () => {
    const { nb, shipped } = runningExample();
    apply(nb, { type: 'update', kind: 'claim', id: shipped.id, set: { claimedAt: '2023-10', credibility: { grade: '3', rationale: '' }, assessment: { likelihood: 'unlikely', rationale: '' } }, unset: [] });
    const claim = nb.claims[shipped.id]!;
    const op = edit(nb, claim, { claimedAt: ' ', credibility: '', likelihood: '' })!;
    expect(op).toMatchObject({ type: 'update', unset: ['claimedAt', 'credibility', 'assessment'] });
    applyAndCheckUndo(nb, op);
    expect(nb.claims[shipped.id]!.claimedAt).toBeUndefined();
  });

  it('refuses an invalid claim date, naming the field and what is wrong, and keeps the draft as typed', () => {
    const { nb, shipped } = runningExample();
    const draft = { ...draftOfClaim(nb, shipped), claimedAt: '2023-13-01' };
    expect(claimProblems(nb, draft).claimedAt).toMatch(/month 13/);
    let error: unknown;
    try {
      claimEdit(nb, shipped, draft, LATER);
    } catch (e) {
      error = e;
    }
    expect(isNotebookError(error) && error.code).toBe('invalid');
    expect((error as Error).message).toMatch(/^Claimed on: “2023-13-01” has no month 13/);
    expect(draft.claimedAt).toBe('2023-13-01');
    expect(claimProblems(nb, { ...draft, claimedAt: 'last week' }).claimedAt).toMatch(/not a date like 2024-03-05/);
  });

  it('refuses an empty statement and a step that names nobody, by field', () => {
    const { nb, shipped } = runningExample();
    const draft = draftOfClaim(nb, shipped);
    const problems = claimProblems(nb, { ...draft, statement: '  ', attribution: [...draft.attribution, newStep(draft.attribution)] });
    expect(Object.keys(problems)).toEqual(['statement', 'step-3']);
    expect(() => edit(nb, shipped, { statement: '' })).toThrow(/^Statement: /);
  });

  it('picks an existing claimant by alias without creating an entity', () => {
    const { nb, alone, rok } = runningExample();
    const op = edit(nb, alone, { claimant: 'seoul' })!;
    expect(op).toMatchObject({ type: 'update', set: { claimantId: rok.id } });
  });

  it('creates a new claimant with the chosen kind in the same batch, and undo takes both back', () => {
    const { nb, alone } = runningExample();
    const entities = Object.keys(nb.entities).length;
    const op = edit(nb, alone, { claimant: 'Korean Central News Agency', claimantKind: 'media outlet' })!;
    expect(op.type).toBe('batch');
    if (op.type !== 'batch') return;
    expect(op.ops.map((o) => `${o.type} ${"kind" in o ? o.kind : ""}`)).toEqual(['create entity', 'update claim']);
    applyAndCheckUndo(nb, op);
    const kcna = Object.values(nb.entities).find((e) => e.name === 'Korean Central News Agency')!;
    expect(kcna.kind).toBe('media outlet');
    expect(nb.claims[alone.id]!.claimantId).toBe(kcna.id);
    expect(Object.keys(nb.entities)).toHaveLength(entities + 1);
  });

  it('clears the claimant when the field is emptied', () => {
    const { nb, shipped } = runningExample();
    expect(edit(nb, shipped, { claimant: '' })).toMatchObject({ type: 'update', unset: ['claimantId'] });
  });

  it('keeps untouched steps exactly, resolves a typed name to a known entity, keeps a new name as a label or a new entity', () => {
    const { nb, shipped, wire, rok, e1 } = runningExample();
    const draft = draftOfClaim(nb, shipped);
    expect(draft.attribution.map((s) => s.who)).toEqual(['Northwind Wire', 'Officials in Seoul']);
    const speaker = { ...newStep(draft.attribution), who: 'Chloé Han', kind: 'person' as const, excerptId: e1.id };
    const relay = { ...newStep(draft.attribution), role: 'intermediary' as const, who: 'seoul' };
    const op = claimEdit(nb, shipped, { ...draft, claimant: 'Chloé Han', attribution: [draft.attribution[0]!, draft.attribution[1]!, relay, speaker] }, LATER)!;
    expect(op.type).toBe('batch');
    if (op.type !== 'batch') return;
    // The claimant and the speaker are the same new person: one entity.
    expect(op.ops.filter((o) => o.type === 'create')).toHaveLength(1);
    applyAndCheckUndo(nb, op);
    const han = Object.values(nb.entities).find((e) => e.name === 'Chloé Han')!;
    expect(nb.claims[shipped.id]!.attribution).toEqual([
      { role: 'publisher', entityId: wire.id, label: '' },
      { role: 'intermediary', label: 'Officials in Seoul' },
      { role: 'intermediary', entityId: rok.id, label: '' },
      { role: 'speaker', entityId: han.id, label: '', excerptId: e1.id },
    ]);
    expect(nb.claims[shipped.id]!.claimantId).toBe(han.id);
  });

  it('saves a reordered or shortened chain, and nothing for a step moved out of range', () => {
    const { nb, shipped } = runningExample();
    const draft = draftOfClaim(nb, shipped);
    expect(moveStep(draft.attribution, 0, -1)).toEqual(draft.attribution);
    const op = claimEdit(nb, shipped, { ...draft, attribution: moveStep(draft.attribution, 0, 1) }, LATER)!;
    expect(op).toMatchObject({ type: 'update', set: { attribution: [{ label: 'Officials in Seoul' }, { role: 'publisher' }] } });
    applyAndCheckUndo(nb, op);
    const removed = claimEdit(nb, nb.claims[shipped.id]!, { ...draftOfClaim(nb, nb.claims[shipped.id]!), attribution: [] }, LATER)!;
    expect(removed).toMatchObject({ type: 'update', set: { attribution: [] } });
  });
});

describe('grouping claims by proposition', () => {
  it('joins an existing proposition, and the denial it meets is then a contradiction', () => {
    const { nb, alone, proposition } = runningExample();
    apply(nb, { type: 'update', kind: 'claim', id: alone.id, set: { polarity: 'denies' }, unset: [] });
    const claim = nb.claims[alone.id]!;
    const op = edit(nb, claim, { proposition: propositionValue(proposition.id) })!;
    expect(op).toEqual({ type: 'update', kind: 'claim', id: alone.id, set: { propositionId: proposition.id, updatedAt: LATER }, unset: [] });
    applyAndCheckUndo(nb, op);
    expect(contradictionsOf(nb, alone.id).map((c) => c.statement)).toEqual(['Containers were shipped.']);
  });

  it('"group with claim" makes a proposition of that claim’s statement and puts both claims in it, in one batch', () => {
    const { nb, denial, alone } = runningExample();
    // The denial leaves its proposition (which keeps the other claim) to group with the lone claim.
    const op = edit(nb, denial, { proposition: groupWithValue(alone.id) })!;
    expect(op.type).toBe('batch');
    if (op.type !== 'batch') return;
    expect(op.ops.map((o) => `${o.type} ${"kind" in o ? o.kind : ""}`)).toEqual(['create proposition', 'update claim', 'update claim']);
    applyAndCheckUndo(nb, op);
    const made = Object.values(nb.propositions).find((p) => p.statement === alone.statement)!;
    expect(nb.claims[alone.id]!.propositionId).toBe(made.id);
    expect(nb.claims[denial.id]!.propositionId).toBe(made.id);
  });

  it('starts a new proposition from the typed statement, or the claim’s own', () => {
    const { nb, alone } = runningExample();
    const op = edit(nb, alone, { proposition: NEW_PROPOSITION, newProposition: '' })!;
    applyAndCheckUndo(nb, op);
    const made = nb.propositions[nb.claims[alone.id]!.propositionId!]!;
    expect(made.statement).toBe(alone.statement);
    const { nb: nb2, alone: alone2 } = runningExample();
    apply(nb2, edit(nb2, alone2, { proposition: NEW_PROPOSITION, newProposition: ' Tests are routine. ' })!);
    expect(nb2.propositions[nb2.claims[alone2.id]!.propositionId!]!.statement).toBe('Tests are routine.');
  });

  it('leaving a group keeps a proposition others are in, and trashes one nobody is left in (undo brings it back)', () => {
    const { nb, shipped, denial, proposition } = runningExample();
    const first = edit(nb, shipped, { proposition: '' })!;
    expect(first).toMatchObject({ type: 'update', unset: ['propositionId'] });
    apply(nb, first);
    const last = edit(nb, nb.claims[denial.id]!, { proposition: '' })!;
    expect(last.type === 'batch' && last.ops.map((o) => `${o.type} ${"kind" in o ? o.kind : ""}`)).toEqual(['update claim', 'delete proposition']);
    applyAndCheckUndo(nb, last);
    expect(nb.propositions[proposition.id]!.deletedAt).toBe(LATER);
  });

  it('offers live propositions with their claim counts, and the ungrouped other claims', () => {
    const { nb, shipped, alone, proposition } = runningExample();
    const choices = propositionChoices(nb, shipped);
    expect(choices.propositions.map((c) => [c.proposition.id, c.claims])).toEqual([[proposition.id, 2]]);
    expect(choices.ungrouped.map((c) => c.id)).toEqual([alone.id]);
    expect(propositionChoices(nb, alone).ungrouped).toEqual([]);
  });

  it('refuses a proposition that went to the trash meanwhile', () => {
    const { nb, alone } = runningExample();
    const p = newId();
    apply(nb, { type: 'create', kind: 'proposition', object: { id: p, createdAt: now(), updatedAt: now(), statement: 'Gone' } });
    apply(nb, { type: 'delete', kind: 'proposition', id: p, at: now() });
    expect(() => edit(nb, alone, { proposition: propositionValue(p) })).toThrow(/^Proposition: /);
  });
});

describe('helpers', () => {
  it('parses tags: levels trimmed, empties dropped, repeats once', () => {
    expect(parseTags(' weapons / artillery , ,weapons/artillery, rail//freight ')).toEqual(['weapons/artillery', 'rail/freight']);
    expect(parseTags('')).toEqual([]);
  });

  it('offers the claim’s evidence excerpts to cite, not the other excerpts of their sources', () => {
    const { nb, shipped, alone, e1 } = runningExample();
    expect(excerptChoices(nb, shipped, evidenceFor(nb, shipped.id)).map((e) => e.id)).toEqual([e1.id]);
    expect(excerptChoices(nb, alone, evidenceFor(nb, alone.id))).toEqual([]);
  });

  it('also offers an excerpt a step cites, saved or in the draft, though it is not evidence (the select keeps showing it)', () => {
    const { nb, shipped, e1, e2, e3 } = runningExample();
    apply(nb, { type: 'update', kind: 'claim', id: shipped.id, set: { attribution: [{ role: 'publisher', label: 'Wire', excerptId: e3.id }] }, unset: [] });
    const claim = nb.claims[shipped.id]!;
    // By source (the wire report first), then in reading order.
    expect(excerptChoices(nb, claim, evidenceFor(nb, claim.id), [e2.id, '']).map((e) => e.id)).toEqual([e1.id, e2.id, e3.id]);
    // An excerpt in the trash is not offered.
    apply(nb, { type: 'delete', kind: 'excerpt', id: e2.id, at: LATER });
    expect(excerptChoices(nb, claim, evidenceFor(nb, claim.id), [e2.id]).map((e) => e.id)).toEqual([e1.id, e3.id]);
  });
});
