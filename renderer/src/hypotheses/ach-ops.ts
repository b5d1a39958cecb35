// The competing-hypotheses view's changes, each built as the one operation that makes it (one
// analyst action = one undo step), and the small pure helpers its table needs: row order, names
// for screen readers, the export's file name. Pure: builds operations, never applies them.
import type { AchRow } from '../../../notebook/common/analysis.js';
import { RATINGS, type EvidenceRow, type Hypothesis, type Id, type Instant, type Notebook, type Question, type RatingValue, type Weight } from '../../../notebook/common/model.js';
import { trashWithDependents, type Operation } from '../../../notebook/common/operations.js';
import { ellipsise } from '../ui/format.js';

export const RATING_VALUES = Object.keys(RATINGS) as RatingValue[];
export const WEIGHTS: readonly Weight[] = ['low', 'medium', 'high'];

// ── Questions ──────────────────────────────────────────────────────────────────────────────────

export function newQuestionOp(text: string, id: Id, at: Instant): Operation {
  return { type: 'create', kind: 'question', object: { id, createdAt: at, updatedAt: at, text: text.trim(), evidence: [] } };
}

/** Null when the text is unchanged. */
export function questionTextOp(question: Question, text: string, at: Instant): Operation | null {
  const trimmed = text.trim();
  if (trimmed === question.text) return null;
  return { type: 'update', kind: 'question', id: question.id, set: { text: trimmed, updatedAt: at }, unset: [] };
}

/** The question and its hypotheses go to the trash together, and come back together. */
export function trashQuestionOp(notebook: Notebook, questionId: Id, at: Instant): Operation {
  return trashWithDependents(notebook, 'question', questionId, at);
}

// ── Hypotheses ─────────────────────────────────────────────────────────────────────────────────

export function newHypothesisOp(questionId: Id, statement: string, id: Id, at: Instant): Operation {
  return { type: 'create', kind: 'hypothesis', object: { id, createdAt: at, updatedAt: at, questionId, statement: statement.trim(), ratings: {} } };
}

/** Null when the statement is unchanged. */
export function hypothesisStatementOp(hypothesis: Hypothesis, statement: string, at: Instant): Operation | null {
  const trimmed = statement.trim();
  if (trimmed === hypothesis.statement) return null;
  return { type: 'update', kind: 'hypothesis', id: hypothesis.id, set: { statement: trimmed, updatedAt: at }, unset: [] };
}

export function trashHypothesisOp(hypothesisId: Id, at: Instant): Operation {
  return { type: 'delete', kind: 'hypothesis', id: hypothesisId, at };
}

/**
 * A rating set (or, with null, cleared): one update of the hypothesis's ratings map. Null when
 * nothing changes.
 */
export function ratingOp(hypothesis: Hypothesis, rowId: Id, rating: RatingValue | null, at: Instant): Operation | null {
  const current = Object.hasOwn(hypothesis.ratings, rowId) ? hypothesis.ratings[rowId] : undefined;
  if ((current ?? null) === rating) return null;
  const ratings = { ...hypothesis.ratings };
  if (rating === null) delete ratings[rowId];
  else ratings[rowId] = rating;
  return { type: 'update', kind: 'hypothesis', id: hypothesis.id, set: { ratings, updatedAt: at }, unset: [] };
}

// ── Evidence rows ──────────────────────────────────────────────────────────────────────────────
// A row's ratings live on the hypotheses, by the row's excerpt or claim id. Removing a row leaves
// them there, so adding the same evidence back brings its ratings back with it.

const evidenceOp = (question: Question, evidence: EvidenceRow[], at: Instant): Operation => ({
  type: 'update',
  kind: 'question',
  id: question.id,
  set: { evidence, updatedAt: at },
  unset: [],
});

/** Rows added after the existing ones, in the order given; those already present are skipped. Null when none is new. */
export function addRowsOp(question: Question, rows: readonly EvidenceRow[], at: Instant): Operation | null {
  const present = new Set(question.evidence.map((r) => r.id));
  const added: EvidenceRow[] = [];
  for (const row of rows) {
    if (present.has(row.id)) continue;
    present.add(row.id);
    added.push(row);
  }
  return added.length ? evidenceOp(question, [...question.evidence, ...added], at) : null;
}

export function removeRowOp(question: Question, rowId: Id, at: Instant): Operation | null {
  const evidence = question.evidence.filter((r) => r.id !== rowId);
  return evidence.length === question.evidence.length ? null : evidenceOp(question, evidence, at);
}

export function relevanceOp(question: Question, rowId: Id, relevance: Weight, at: Instant): Operation | null {
  const row = question.evidence.find((r) => r.id === rowId);
  if (!row || row.relevance === relevance) return null;
  return evidenceOp(
    question,
    question.evidence.map((r) => (r.id === rowId ? { ...r, relevance } : r)),
    at,
  );
}

/** Overrides the credibility derived from the grades, or (null) goes back to it. */
export function credibilityOp(question: Question, rowId: Id, credibility: Weight | null, at: Instant): Operation | null {
  const row = question.evidence.find((r) => r.id === rowId);
  if (!row || (row.credibility ?? null) === credibility) return null;
  return evidenceOp(
    question,
    question.evidence.map((r) => {
      if (r.id !== rowId) return r;
      const { credibility: _dropped, ...rest } = r;
      return credibility ? { ...rest, credibility } : rest;
    }),
    at,
  );
}

// ── Showing the matrix ─────────────────────────────────────────────────────────────────────────

/**
 * The rows in the analyst's order, or most diagnostic first: by diagnosticity, then by weight
 * (what counts most first), rows not yet diagnosable last, ties in the analyst's order.
 */
export function orderRows(rows: readonly AchRow[], byDiagnosticity: boolean): AchRow[] {
  if (!byDiagnosticity) return [...rows];
  return rows
    .map((row, index) => ({ row, index }))
    .sort((a, b) => (b.row.diagnosticity ?? -1) - (a.row.diagnosticity ?? -1) || b.row.weight - a.row.weight || a.index - b.index)
    .map((x) => x.row);
}

/** "CC — Very consistent": how a rating reads in its menu. */
export function ratingOptionLabel(rating: RatingValue): string {
  return `${rating} — ${RATINGS[rating]}`;
}

/** The accessible name of a rating cell: "Rating of <evidence> against <hypothesis>", each shortened. */
export function ratingCellName(evidence: string, hypothesis: string): string {
  return `Rating of ${ellipsise(evidence, 60)} against ${ellipsise(hypothesis, 60)}`;
}

/** A figure as shown: at most two decimals, no trailing zeros (2, 1.41, 0.5). */
export function formatScore(n: number): string {
  return String(Math.round(n * 100) / 100);
}

/** The export's file name: the question, shortened, characters no file system takes replaced, ".csv". */
export function csvFileName(questionText: string): string {
  const base = ellipsise(questionText, 100)
    // eslint-disable-next-line no-control-regex -- control characters are exactly what must go
    .replace(/[\u0000-\u001f\u007f<>:"/\\|?*]+/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+|[\s.]+$/g, '');
  return `${base || 'hypotheses'}.csv`;
}
