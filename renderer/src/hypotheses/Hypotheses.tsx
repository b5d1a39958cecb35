// The competing-hypotheses view, after Heuer's ACH: a question, its hypotheses as columns, evidence
// (linked excerpts and claims) as rows, each cell rated CC … NA. Scores are computed by
// notebook/common/analysis.ts and never stored. Every change is one operation: one Ctrl+Z.
import './hypotheses.css';
import { useId, useMemo, useState } from 'react';
import { achCsv, achMatrix, candidateRows, rowCredibility, type AchMatrix, type AchRow } from '../../../notebook/common/analysis.js';
import { newId, now } from '../../../notebook/common/ids.js';
import { RATINGS, type EvidenceRow, type Hypothesis, type Id, type Notebook, type Question, type RatingValue, type Weight } from '../../../notebook/common/model.js';
import type { Operation } from '../../../notebook/common/operations.js';
import { errorMessage } from '../client.js';
import { applyOperation, getNotebookState } from '../state.js';
import { saveBlob } from '../ui/download.js';
import { ellipsise, isMac, plural } from '../ui/format.js';
import { notify } from '../ui/toasts.js';
import type { ViewProps } from '../views/views.js';
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
  RATING_VALUES,
  ratingCellName,
  ratingOp,
  ratingOptionLabel,
  relevanceOp,
  removeRowOp,
  trashHypothesisOp,
  trashQuestionOp,
  WEIGHTS,
} from './ach-ops.js';
import { AddEvidenceDialog } from './AddEvidenceDialog.js';
import { NoteEditor } from '../ui/NoteEditor.js';
import { TextDialog } from './TextDialog.js';

type OpenDialog = { type: 'new-question' } | { type: 'edit-question' } | { type: 'add-hypothesis' } | { type: 'edit-hypothesis'; id: Id } | { type: 'add-evidence' };

const UNDO_KEYS = isMac ? 'Cmd+Z' : 'Ctrl+Z';
const WEIGHT_LABEL: Record<Weight, string> = { low: 'Low', medium: 'Medium', high: 'High' };

/** The question shown last, so coming back to the view finds it again. */
let rememberedQuestionId: Id | null = null;

/** Makes the view show this question when it next opens (a search hit on a question or one of its hypotheses). */
export function showQuestionNext(questionId: Id): void {
  rememberedQuestionId = questionId;
}

let pending: Promise<unknown> = Promise.resolve();

/**
 * Sends one operation, built from the notebook as it is once the changes sent before it are
 * applied: two ratings changed in quick succession on one hypothesis both update its ratings map,
 * instead of the second overwriting the first with a map from before it. A builder that returns
 * null (nothing changes) sends nothing. Says what went wrong if it fails.
 */
function send(build: (notebook: Notebook) => Operation | null, failure: string, success?: string): Promise<void> {
  const run = pending.then(async () => {
    const notebook = getNotebookState().view?.notebook;
    const op = notebook ? build(notebook) : null;
    if (!op) return;
    try {
      await applyOperation(op);
      if (success) notify('status', success);
    } catch (e) {
      notify('error', `${failure}: ${errorMessage(e)}`);
    }
  });
  pending = run.catch(() => undefined);
  return run;
}

/** The live question or hypothesis by id in the notebook as it is now, for a builder. */
const liveQuestion = (notebook: Notebook, id: Id) => (notebook.questions[id]?.deletedAt ? undefined : notebook.questions[id]);
const liveHypothesis = (notebook: Notebook, id: Id) => (notebook.hypotheses[id]?.deletedAt ? undefined : notebook.hypotheses[id]);
const withQuestion = (notebook: Notebook, id: Id, build: (q: Question) => Operation | null) => {
  const q = liveQuestion(notebook, id);
  return q ? build(q) : null;
};
const withHypothesis = (notebook: Notebook, id: Id, build: (h: Hypothesis) => Operation | null) => {
  const h = liveHypothesis(notebook, id);
  return h ? build(h) : null;
};

export function Hypotheses({ notebook, revision, readOnly, onShowExcerpt, onInspectClaim }: ViewProps) {
  const id = useId();
  const [chosenId, setChosenId] = useState<Id | null>(() => rememberedQuestionId);
  const [byDiagnosticity, setByDiagnosticity] = useState(false);
  const [dialog, setDialog] = useState<OpenDialog | null>(null);

  const questions = useMemo(() => {
    void revision;
    return Object.values(notebook.questions)
      .filter((q) => !q.deletedAt)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  }, [notebook, revision]);
  // A question that went to the trash (or was undone) falls back to the first one.
  const question = questions.find((q) => q.id === chosenId) ?? questions[0] ?? null;
  const matrix = useMemo(() => {
    void revision;
    return question ? achMatrix(notebook, question.id) : null;
  }, [notebook, revision, question]);

  const choose = (questionId: Id) => {
    rememberedQuestionId = questionId;
    setChosenId(questionId);
  };
  const close = () => setDialog(null);

  const exportCsv = (m: AchMatrix) => {
    const name = csvFileName(m.question.text);
    // The byte-order mark tells Excel the file is UTF-8 (accents, curly quotes); other spreadsheets ignore it.
    saveBlob(new Blob(['\uFEFF', achCsv(m)], { type: 'text/csv;charset=utf-8' }), name);
    notify('status', `Exported the matrix as “${name}”.`);
  };

  const trashQuestion = (q: Question, hypotheses: number) =>
    send(
      (nb) => (liveQuestion(nb, q.id) ? trashQuestionOp(nb, q.id, now()) : null),
      'The question was not moved to the trash',
      `Moved the question${hypotheses ? ` and its ${plural(hypotheses, 'hypothesis', 'hypotheses')}` : ''} to the trash. ${UNDO_KEYS} brings ${hypotheses ? 'them' : 'it'} back.`,
    );

  const editedHypothesis = dialog?.type === 'edit-hypothesis' ? notebook.hypotheses[dialog.id] : undefined;

  return (
    <main className="pane view ach-view" aria-label="Hypotheses">
      <div className="view-head">
        <h2>Hypotheses</h2>
        {question && (
          <div className="ach-question-picker">
            <label htmlFor={`${id}-question`}>Question</label>
            <select id={`${id}-question`} value={question.id} onChange={(e) => choose(e.target.value)}>
              {questions.map((q) => (
                <option key={q.id} value={q.id}>
                  {ellipsise(q.text, 90)}
                </option>
              ))}
            </select>
          </div>
        )}
        <button type="button" className="button ach-new-question" disabled={readOnly} onClick={() => setDialog({ type: 'new-question' })}>
          New question
        </button>
      </div>

      {!question || !matrix ? (
        <div className="view-body">
          <div className="empty-state empty-state-small">
            <h3>No questions yet</h3>
            <p>
              Competing hypotheses start from a question (“Is North Korea supplying Russia with munitions?”). Use New question, then write the hypotheses that could answer it and
              rate your evidence against each: the hypothesis with the least evidence against it is the strongest.
            </p>
          </div>
        </div>
      ) : (
        <div className="view-body ach-body">
          <div className="ach-question">
            <h3 className="ach-question-text">{question.text}</h3>
            <div className="ach-question-actions">
              <button type="button" className="button button-small" disabled={readOnly} onClick={() => setDialog({ type: 'edit-question' })}>
                Edit question
              </button>
              <button type="button" className="button button-small" disabled={readOnly} onClick={() => void trashQuestion(question, matrix.hypotheses.length)}>
                Move question to trash
              </button>
            </div>
          </div>
          <div className="ach-toolbar">
            <button type="button" className="button button-primary" disabled={readOnly} onClick={() => setDialog({ type: 'add-hypothesis' })}>
              Add hypothesis
            </button>
            <button type="button" className="button" disabled={readOnly} onClick={() => setDialog({ type: 'add-evidence' })}>
              Add evidence
            </button>
            <button type="button" className="button" onClick={() => exportCsv(matrix)}>
              Export CSV
            </button>
            <p className="ach-summary">
              {plural(matrix.hypotheses.length, 'hypothesis', 'hypotheses')} · {plural(matrix.rows.length, 'row')} of evidence
            </p>
          </div>
          {matrix.hypotheses.length === 0 && <p className="hint">Add the hypotheses that could answer the question: each becomes a column. Include the ones you doubt.</p>}
          {matrix.rows.length === 0 && <p className="hint">Add evidence: the excerpts and claims you have linked become rows, to rate against each hypothesis.</p>}
          {(matrix.hypotheses.length > 0 || matrix.rows.length > 0) && (
            <AchTable
              notebook={notebook}
              matrix={matrix}
              readOnly={readOnly}
              byDiagnosticity={byDiagnosticity}
              onSortByDiagnosticity={setByDiagnosticity}
              onEditHypothesis={(hypothesisId) => setDialog({ type: 'edit-hypothesis', id: hypothesisId })}
              onShowRow={(row) => (row.kind === 'excerpt' ? onShowExcerpt(row.id) : onInspectClaim(row.id))}
            />
          )}
          <section className="ach-notes" aria-label="Notes on the question and its hypotheses">
            <NoteEditor key={question.id} notebook={notebook} target={{ kind: 'question', id: question.id }} readOnly={readOnly} title="Note on the question" headingClassName="ach-note-head" />
            {matrix.hypotheses.map((h, i) => (
              <NoteEditor
                key={h.id}
                notebook={notebook}
                target={{ kind: 'hypothesis', id: h.id }}
                readOnly={readOnly}
                title={`Note on H${i + 1}: ${h.statement}`}
                headingClassName="ach-note-head"
                rows={5}
              />
            ))}
          </section>
        </div>
      )}

      {dialog?.type === 'new-question' && (
        <TextDialog
          title="New question"
          label="Question"
          hint="What the hypotheses answer, e.g. “Is North Korea supplying Russia with munitions?”"
          submit="Create"
          emptyMessage="Write the question the hypotheses will answer."
          onCancel={close}
          onSave={async (text) => {
            const questionId = newId();
            await applyOperation(newQuestionOp(text, questionId, now()));
            choose(questionId);
            close();
          }}
        />
      )}
      {dialog?.type === 'edit-question' && question && (
        <TextDialog
          title="Edit question"
          label="Question"
          hint="The hypotheses and ratings stay as they are."
          initial={question.text}
          submit="Save"
          emptyMessage="A question needs its text."
          onCancel={close}
          onSave={async (text) => {
            const op = questionTextOp(question, text, now());
            if (op) await applyOperation(op);
            close();
          }}
        />
      )}
      {dialog?.type === 'add-hypothesis' && question && (
        <TextDialog
          title="Add hypothesis"
          label="Hypothesis"
          hint="One possible answer to the question, as a sentence. Hypotheses should exclude each other."
          submit="Add"
          emptyMessage="Write the hypothesis as a sentence."
          onCancel={close}
          onSave={async (text) => {
            await applyOperation(newHypothesisOp(question.id, text, newId(), now()));
            close();
          }}
        />
      )}
      {editedHypothesis && (
        <TextDialog
          title="Edit hypothesis"
          label="Hypothesis"
          hint="Its ratings stay as they are: check they still hold for the new wording."
          initial={editedHypothesis.statement}
          submit="Save"
          emptyMessage="A hypothesis needs a statement."
          onCancel={close}
          onSave={async (text) => {
            const op = hypothesisStatementOp(editedHypothesis, text, now());
            if (op) await applyOperation(op);
            close();
          }}
        />
      )}
      {dialog?.type === 'add-evidence' && question && (
        <AddEvidenceDialog
          notebook={notebook}
          candidates={candidateRows(notebook, question.id)}
          hasRows={question.evidence.length > 0}
          onCancel={close}
          onAdd={async (rows) => {
            // After any change still on its way, so the rows are added to the question as it is.
            await pending;
            const current = getNotebookState().view?.notebook;
            const op = current ? withQuestion(current, question.id, (q) => addRowsOp(q, rows, now())) : null;
            if (op) await applyOperation(op);
            close();
            notify('status', `Added ${plural(rows.length, 'row')} of evidence. Rate each against the hypotheses.`);
          }}
        />
      )}
    </main>
  );
}

function AchTable({
  notebook,
  matrix,
  readOnly,
  byDiagnosticity,
  onSortByDiagnosticity,
  onEditHypothesis,
  onShowRow,
}: {
  notebook: Notebook;
  matrix: AchMatrix;
  readOnly: boolean;
  byDiagnosticity: boolean;
  onSortByDiagnosticity: (on: boolean) => void;
  onEditHypothesis: (id: Id) => void;
  onShowRow: (row: EvidenceRow) => void;
}) {
  const id = useId();
  const { hypotheses, leastInconsistent } = matrix;
  const rows = orderRows(matrix.rows, byDiagnosticity);
  const isLeast = (h: number) => leastInconsistent.includes(h);
  const anyUnrated = matrix.unrated.some((n) => n > 0) && rows.length > 0;

  return (
    <div className="ach-scroll">
      <table className="ach-table">
        <caption className="visually-hidden">Evidence rated against each hypothesis: {matrix.question.text}</caption>
        <thead>
          <tr>
            <th scope="col" className="ach-evidence-head">
              Evidence
            </th>
            <th scope="col" className="ach-num-head">
              Weight
            </th>
            <th scope="col" className="ach-num-head" aria-sort={byDiagnosticity ? 'descending' : 'none'}>
              <button
                type="button"
                className="ach-sort"
                aria-pressed={byDiagnosticity}
                aria-label="Sort by diagnosticity"
                title={byDiagnosticity ? 'Back to your order' : 'Most diagnostic first'}
                onClick={() => onSortByDiagnosticity(!byDiagnosticity)}
              >
                Diagnosticity
                <span aria-hidden="true" className="ach-sort-icon">
                  {byDiagnosticity ? '▼' : '⇅'}
                </span>
              </button>
            </th>
            {hypotheses.map((h, i) => (
              <HypothesisHead
                key={h.id}
                hypothesis={h}
                label={`H${i + 1}`}
                least={isLeast(i)}
                readOnly={readOnly}
                onEdit={() => onEditHypothesis(h.id)}
              />
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <AchRowView
              key={row.row.id}
              notebook={notebook}
              question={matrix.question}
              hypotheses={hypotheses}
              row={row}
              labelId={`${id}-${row.row.id}`}
              readOnly={readOnly}
              isLeast={isLeast}
              onShow={() => onShowRow(row.row)}
            />
          ))}
        </tbody>
        {hypotheses.length > 0 && (
          <tfoot>
            <tr>
              <th scope="row">
                Inconsistency <span className="ach-total-hint">(I counts 1, II counts 2)</span>
              </th>
              <td colSpan={2} />
              {hypotheses.map((h, i) => (
                <td key={h.id} className={isLeast(i) ? 'ach-total is-least' : 'ach-total'}>
                  {matrix.inconsistency[i]}
                </td>
              ))}
            </tr>
            <tr className="ach-weighted-row">
              <th scope="row">
                Weighted inconsistency <span className="ach-total-hint">(each row × its weight; least is strongest)</span>
              </th>
              <td colSpan={2} />
              {hypotheses.map((h, i) => (
                <td key={h.id} className={isLeast(i) ? 'ach-total is-least' : 'ach-total'}>
                  <span className="ach-total-value">{formatScore(matrix.weightedInconsistency[i]!)}</span>
                  {isLeast(i) && <span className="least-marker">★ Least inconsistent</span>}
                </td>
              ))}
            </tr>
            {anyUnrated && (
              <tr>
                <th scope="row">
                  Unrated <span className="ach-total-hint">(count as 0, which flatters a hypothesis)</span>
                </th>
                <td colSpan={2} />
                {hypotheses.map((h, i) => (
                  <td key={h.id} className="ach-total ach-unrated">
                    {matrix.unrated[i]}
                  </td>
                ))}
              </tr>
            )}
          </tfoot>
        )}
      </table>
    </div>
  );
}

function HypothesisHead({ hypothesis, label, least, readOnly, onEdit }: { hypothesis: Hypothesis; label: string; least: boolean; readOnly: boolean; onEdit: () => void }) {
  return (
    <th scope="col" className={least ? 'ach-hypothesis is-least' : 'ach-hypothesis'}>
      <span className="ach-hypothesis-top">
        <span className="ach-hypothesis-label">{label}</span>
        {least && <span className="least-marker">★ Least inconsistent</span>}
      </span>
      <span className="ach-hypothesis-statement">{hypothesis.statement}</span>
      <span className="ach-hypothesis-actions">
        <button type="button" className="ach-mini-button" disabled={readOnly} aria-label={`Edit hypothesis ${label}`} onClick={onEdit}>
          Edit
        </button>
        <button
          type="button"
          className="ach-mini-button"
          disabled={readOnly}
          aria-label={`Move hypothesis ${label} to trash`}
          onClick={() => void send((nb) => (liveHypothesis(nb, hypothesis.id) ? trashHypothesisOp(hypothesis.id, now()) : null), 'The hypothesis was not moved to the trash', `Moved hypothesis ${label} to the trash. ${UNDO_KEYS} brings it back.`)}
        >
          Trash
        </button>
      </span>
    </th>
  );
}

function AchRowView({
  notebook,
  question,
  hypotheses,
  row,
  labelId,
  readOnly,
  isLeast,
  onShow,
}: {
  notebook: Notebook;
  question: Question;
  hypotheses: Hypothesis[];
  row: AchRow;
  labelId: string;
  readOnly: boolean;
  isLeast: (h: number) => boolean;
  onShow: () => void;
}) {
  const { row: evidence, label, origin, diagnosticity } = row;
  const derived = rowCredibility(notebook, { kind: evidence.kind, id: evidence.id, relevance: evidence.relevance });
  const short = ellipsise(label, 40);
  const nonDiagnostic = diagnosticity === 0;

  return (
    <tr className={nonDiagnostic ? 'ach-row is-non-diagnostic' : 'ach-row'}>
      <th scope="row" className="ach-evidence">
        <span className="ach-evidence-top">
          <span className="ach-evidence-meta">
            {evidence.kind === 'excerpt' ? 'Excerpt' : 'Claim'}
            {origin && ` · ${evidence.kind === 'excerpt' ? origin : `claimed by ${origin}`}`}
          </span>
          <button
            type="button"
            className="ach-mini-button"
            disabled={readOnly}
            aria-label={`Remove row “${short}”`}
            onClick={() =>
              void send((nb) => withQuestion(nb, question.id, (q) => removeRowOp(q, evidence.id, now())), 'The row was not removed', `Removed the row. ${UNDO_KEYS} brings it back.`)
            }
          >
            Remove
          </button>
        </span>
        <button type="button" id={labelId} className={evidence.kind === 'excerpt' ? 'ach-evidence-label is-quote' : 'ach-evidence-label'} onClick={onShow}>
          {label}
        </button>
        {nonDiagnostic && <span className="non-diagnostic-tag">Not diagnostic: counts alike against every hypothesis</span>}
        <span className="ach-row-controls">
          <span className="ach-row-field">
            <label htmlFor={`${labelId}-relevance`}>Relevance</label>
            <select
              id={`${labelId}-relevance`}
              aria-describedby={labelId}
              value={evidence.relevance}
              disabled={readOnly}
              onChange={(e) => {
                const relevance = e.target.value as Weight;
                void send((nb) => withQuestion(nb, question.id, (q) => relevanceOp(q, evidence.id, relevance, now())), 'The relevance was not changed');
              }}
            >
              {WEIGHTS.map((w) => (
                <option key={w} value={w}>
                  {WEIGHT_LABEL[w]}
                </option>
              ))}
            </select>
          </span>
          <span className="ach-row-field">
            <label htmlFor={`${labelId}-credibility`}>Credibility</label>
            <select
              id={`${labelId}-credibility`}
              aria-describedby={labelId}
              value={evidence.credibility ?? ''}
              disabled={readOnly}
              onChange={(e) => {
                const credibility = (e.target.value || null) as Weight | null;
                void send((nb) => withQuestion(nb, question.id, (q) => credibilityOp(q, evidence.id, credibility, now())), 'The credibility was not changed');
              }}
            >
              <option value="">From grades ({WEIGHT_LABEL[derived].toLowerCase()})</option>
              {WEIGHTS.map((w) => (
                <option key={w} value={w}>
                  {WEIGHT_LABEL[w]}
                </option>
              ))}
            </select>
          </span>
        </span>
      </th>
      <td className="ach-num">{formatScore(row.weight)}</td>
      <td className="ach-num">
        {diagnosticity === null ? (
          <span className="muted" title="Rate it against at least two hypotheses">
            <span aria-hidden="true">—</span>
            <span className="visually-hidden">not yet known</span>
          </span>
        ) : (
          diagnosticity
        )}
      </td>
      {hypotheses.map((h, i) => (
        <RatingCell key={h.id} hypothesis={h} rating={row.ratings[i]} evidence={label} rowId={evidence.id} least={isLeast(i)} readOnly={readOnly} />
      ))}
    </tr>
  );
}

const RATING_TONE: Record<RatingValue, string> = { CC: 'consistent', C: 'consistent', N: 'neutral', I: 'inconsistent', II: 'inconsistent', NA: 'na' };

function RatingCell({
  hypothesis,
  rating,
  evidence,
  rowId,
  least,
  readOnly,
}: {
  hypothesis: Hypothesis;
  rating: RatingValue | undefined;
  evidence: string;
  rowId: Id;
  least: boolean;
  readOnly: boolean;
}) {
  const tone = rating ? RATING_TONE[rating] : 'unrated';
  return (
    <td className={`ach-rating rating-${tone}${least ? ' is-least' : ''}`}>
      <span className="rating-control">
        {/* What the cell shows; the select over it is what is read and operated. */}
        <span className="rating-face" aria-hidden="true">
          <span className="rating-code">{rating ?? '·'}</span>
          <span className="rating-meaning">{rating ? RATINGS[rating] : 'unrated'}</span>
        </span>
        <select
          className="rating-select"
          aria-label={ratingCellName(evidence, hypothesis.statement)}
          value={rating ?? ''}
          disabled={readOnly}
          onChange={(e) => {
            const value = (e.target.value || null) as RatingValue | null;
            void send((nb) => withHypothesis(nb, hypothesis.id, (h) => ratingOp(h, rowId, value, now())), 'The rating was not changed');
          }}
        >
          <option value="">Unrated</option>
          {RATING_VALUES.map((value) => (
            <option key={value} value={value}>
              {ratingOptionLabel(value)}
            </option>
          ))}
        </select>
      </span>
    </td>
  );
}
