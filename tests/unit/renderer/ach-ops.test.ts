// The hypotheses view's changes: each is one operation that applies, and one that undoes it
// exactly; the row order of "Sort by diagnosticity"; the export's file name.
import { describe, expect, it } from 'vitest';
import { achMatrix, type AchRow } from '../../../notebook/common/analysis.js';
import { newId } from '../../../notebook/common/ids.js';
import { emptyNotebook, type Id, type Notebook } from '../../../notebook/common/model.js';
import { apply, type Operation } from '../../../notebook/common/operations.js';
import {
  addRowsOp,
  credibilityOp,
  csvFileName,
  formatScore,
  hypothesisStatementOp,
  newHypothesisOp,
  newQuestionOp,
  orderRows,
  questionTextOp,
  ratingCellName,
  ratingOp,
  ratingOptionLabel,
  relevanceOp,
  removeRowOp,
  trashHypothesisOp,
  trashQuestionOp,
} from '../../../renderer/src/hypotheses/ach-ops.js';

const T = '2026-01-02T03:04:05.000Z';
const T2 = '2026-01-03T00:00:00.000Z';
const sha = 'c'.repeat(64);

/** A notebook with one graded source, two excerpts and a claim, and a question with one hypothesis. */
function fixture() {
  const nb = emptyNotebook(newId(), 'ach ops', T);
  const sourceId = newId();
  apply(nb, {
    type: 'create',
    kind: 'source',
    object: { id: sourceId, createdAt: T, updatedAt: T, title: 'Wire report', reliability: { grade: 'B', rationale: '' }, content: { textSha256: sha, originalSha256: sha, mediaType: 'text/plain', length: 500 } },
  });
  const excerpt = (exact: string) => {
    const id = newId();
    apply(nb, { type: 'create', kind: 'excerpt', object: { id, createdAt: T, updatedAt: T, sourceId, selectors: { position: { start: 0, end: exact.length }, quote: { exact } } } });
    return id;
  };
  const e1 = excerpt('1,000 containers had been shipped');
  const e2 = excerpt('the most absurd paradox');
  const claimId = newId();
  apply(nb, { type: 'create', kind: 'claim', object: { id: claimId, createdAt: T, updatedAt: T, statement: 'North Korea has not shipped weapons.' } });
  const questionId = newId();
  apply(nb, newQuestionOp('  Is North Korea supplying Russia?  ', questionId, T));
  const hypothesisId = newId();
  apply(nb, newHypothesisOp(questionId, ' It is supplying munitions. ', hypothesisId, T));
  return { nb, e1, e2, claimId, questionId, hypothesisId };
}

/** Applies the operation, checks it undoes to exactly the notebook before it, and applies it again. */
function applyAndCheckUndo(nb: Notebook, op: Operation | null): void {
  expect(op).not.toBeNull();
  const before = structuredClone(nb);
  const inverse = apply(nb, op!);
  const after = structuredClone(nb);
  apply(nb, inverse);
  expect(nb).toEqual(before);
  apply(nb, op!);
  expect(nb).toEqual(after);
}

const question = (nb: Notebook, id: Id) => nb.questions[id]!;
const hypothesis = (nb: Notebook, id: Id) => nb.hypotheses[id]!;

describe('question and hypothesis operations', () => {
  it('creates a question and a hypothesis with their text trimmed', () => {
    const { nb, questionId, hypothesisId } = fixture();
    expect(question(nb, questionId)).toMatchObject({ text: 'Is North Korea supplying Russia?', evidence: [] });
    expect(hypothesis(nb, hypothesisId)).toMatchObject({ questionId, statement: 'It is supplying munitions.', ratings: {} });
  });

  it('edits the text in one undoable step, and sends nothing when it did not change', () => {
    const { nb, questionId, hypothesisId } = fixture();
    expect(questionTextOp(question(nb, questionId), ' Is North Korea supplying Russia? ', T2)).toBeNull();
    applyAndCheckUndo(nb, questionTextOp(question(nb, questionId), 'Who supplies Russia?', T2));
    expect(question(nb, questionId)).toMatchObject({ text: 'Who supplies Russia?', updatedAt: T2 });
    expect(hypothesisStatementOp(hypothesis(nb, hypothesisId), 'It is supplying munitions.', T2)).toBeNull();
    applyAndCheckUndo(nb, hypothesisStatementOp(hypothesis(nb, hypothesisId), 'It sells shells.', T2));
    expect(hypothesis(nb, hypothesisId).statement).toBe('It sells shells.');
  });

  it('moves a question to the trash with its hypotheses, and one undo brings both back', () => {
    const { nb, questionId, hypothesisId } = fixture();
    const before = structuredClone(nb);
    const inverse = apply(nb, trashQuestionOp(nb, questionId, T2));
    expect(question(nb, questionId).deletedAt).toBe(T2);
    expect(hypothesis(nb, hypothesisId).deletedAt).toBe(T2);
    expect(achMatrix(nb, questionId)).toBeNull();
    apply(nb, inverse);
    expect(nb).toEqual(before);
  });

  it('moves a hypothesis to the trash and out of the matrix', () => {
    const { nb, questionId, hypothesisId } = fixture();
    applyAndCheckUndo(nb, trashHypothesisOp(hypothesisId, T2));
    expect(achMatrix(nb, questionId)!.hypotheses).toEqual([]);
  });
});

describe('ratings', () => {
  it('sets, changes and clears a rating, each one update of the ratings map', () => {
    const { nb, e1, e2, hypothesisId } = fixture();
    applyAndCheckUndo(nb, ratingOp(hypothesis(nb, hypothesisId), e1, 'CC', T2));
    applyAndCheckUndo(nb, ratingOp(hypothesis(nb, hypothesisId), e2, 'II', T2));
    expect(hypothesis(nb, hypothesisId).ratings).toEqual({ [e1]: 'CC', [e2]: 'II' });
    const change = ratingOp(hypothesis(nb, hypothesisId), e1, 'NA', T2);
    expect(change).toMatchObject({ type: 'update', kind: 'hypothesis', set: { ratings: { [e1]: 'NA', [e2]: 'II' } } });
    applyAndCheckUndo(nb, change);
    applyAndCheckUndo(nb, ratingOp(hypothesis(nb, hypothesisId), e1, null, T2));
    expect(hypothesis(nb, hypothesisId).ratings).toEqual({ [e2]: 'II' });
  });

  it('sends nothing when the rating is what it was', () => {
    const { nb, e1, hypothesisId } = fixture();
    expect(ratingOp(hypothesis(nb, hypothesisId), e1, null, T2)).toBeNull();
    apply(nb, ratingOp(hypothesis(nb, hypothesisId), e1, 'C', T2)!);
    expect(ratingOp(hypothesis(nb, hypothesisId), e1, 'C', T2)).toBeNull();
  });

  it('names options and cells for a screen reader', () => {
    expect(ratingOptionLabel('II')).toBe('II — Very inconsistent');
    expect(ratingCellName('1,000 containers had been shipped', 'It is supplying munitions.')).toBe('Rating of 1,000 containers had been shipped against It is supplying munitions.');
    expect(ratingCellName('x'.repeat(100), 'H')).toMatch(/^Rating of x+… against H$/);
  });
});

describe('evidence rows', () => {
  it('adds rows after the existing ones, skipping any already there, in one step', () => {
    const { nb, e1, e2, claimId, questionId } = fixture();
    applyAndCheckUndo(nb, addRowsOp(question(nb, questionId), [{ kind: 'excerpt', id: e2, relevance: 'medium' }], T2));
    const op = addRowsOp(
      question(nb, questionId),
      [
        { kind: 'excerpt', id: e1, relevance: 'medium' },
        { kind: 'excerpt', id: e2, relevance: 'medium' },
        { kind: 'claim', id: claimId, relevance: 'medium' },
      ],
      T2,
    );
    applyAndCheckUndo(nb, op);
    expect(question(nb, questionId).evidence.map((r) => r.id)).toEqual([e2, e1, claimId]);
    expect(addRowsOp(question(nb, questionId), [{ kind: 'excerpt', id: e1, relevance: 'low' }], T2)).toBeNull();
  });

  it('changes relevance, overrides credibility and goes back to the grades, one step each', () => {
    const { nb, e1, questionId } = fixture();
    apply(nb, addRowsOp(question(nb, questionId), [{ kind: 'excerpt', id: e1, relevance: 'medium' }], T2)!);
    const weight = () => achMatrix(nb, questionId)!.rows[0]!.weight;
    expect(weight()).toBeCloseTo(Math.SQRT2, 12); // medium × high (a B source)
    applyAndCheckUndo(nb, relevanceOp(question(nb, questionId), e1, 'high', T2));
    expect(weight()).toBeCloseTo(2, 12);
    expect(relevanceOp(question(nb, questionId), e1, 'high', T2)).toBeNull();
    applyAndCheckUndo(nb, credibilityOp(question(nb, questionId), e1, 'low', T2));
    expect(question(nb, questionId).evidence[0]).toEqual({ kind: 'excerpt', id: e1, relevance: 'high', credibility: 'low' });
    expect(weight()).toBeCloseTo(1, 12);
    applyAndCheckUndo(nb, credibilityOp(question(nb, questionId), e1, null, T2));
    expect(question(nb, questionId).evidence[0]).toEqual({ kind: 'excerpt', id: e1, relevance: 'high' });
    expect(credibilityOp(question(nb, questionId), e1, null, T2)).toBeNull();
  });

  it('removes a row but keeps its ratings, so adding it back brings them back', () => {
    const { nb, e1, questionId, hypothesisId } = fixture();
    apply(nb, addRowsOp(question(nb, questionId), [{ kind: 'excerpt', id: e1, relevance: 'high' }], T2)!);
    apply(nb, ratingOp(hypothesis(nb, hypothesisId), e1, 'I', T2)!);
    applyAndCheckUndo(nb, removeRowOp(question(nb, questionId), e1, T2));
    expect(achMatrix(nb, questionId)!.rows).toEqual([]);
    expect(removeRowOp(question(nb, questionId), e1, T2)).toBeNull();
    apply(nb, addRowsOp(question(nb, questionId), [{ kind: 'excerpt', id: e1, relevance: 'medium' }], T2)!);
    expect(achMatrix(nb, questionId)!.rows[0]!.ratings).toEqual(['I']);
  });
});

describe('orderRows', () => {
  const row = (id: string, diagnosticity: number | null, weight: number) => ({ row: { kind: 'excerpt', id, relevance: 'medium' }, label: id, origin: '', credibility: 'medium', weight, ratings: [], diagnosticity }) as AchRow;

  it('keeps the analyst’s order, or puts the most diagnostic first, then the weightiest, undiagnosable last', () => {
    const rows = [row('a', 0, 2), row('b', null, 2), row('c', 2, 0.5), row('d', 1, 1), row('e', 2, 1.41), row('f', 1, 1)];
    expect(orderRows(rows, false).map((r) => r.label)).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
    expect(orderRows(rows, true).map((r) => r.label)).toEqual(['e', 'c', 'd', 'f', 'a', 'b']);
  });
});

describe('showing figures and naming the export', () => {
  it('shows at most two decimals', () => {
    expect([2, Math.SQRT2, Math.SQRT1_2, 0.5, 4 * Math.SQRT2 + 0.5].map(formatScore)).toEqual(['2', '1.41', '0.71', '0.5', '6.16']);
  });

  it('names the CSV after the question, without characters file systems refuse', () => {
    expect(csvFileName('Is North Korea supplying Russia with munitions?')).toBe('Is North Korea supplying Russia with munitions.csv');
    expect(csvFileName('Who: "them" / us\\n?')).toBe('Who them us n.csv');
    expect(csvFileName('  ?? ')).toBe('hypotheses.csv');
    expect(csvFileName('word '.repeat(60)).length).toBeLessThanOrEqual(104);
  });
});
