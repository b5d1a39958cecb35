// "Add evidence": the linked excerpts and claims a question does not have as rows yet, to tick and
// add (or add all at once) as one undoable step.
import { useId, useState, type FormEvent } from 'react';
import { rowOrigin } from '../../../notebook/common/analysis.js';
import type { EvidenceRow, Id, Notebook } from '../../../notebook/common/model.js';
import { errorMessage } from '../client.js';
import { Dialog, DialogError } from '../ui/Dialog.js';
import { ellipsise } from '../ui/format.js';

export function AddEvidenceDialog({
  notebook,
  candidates,
  hasRows,
  onAdd,
  onCancel,
}: {
  notebook: Notebook;
  candidates: EvidenceRow[];
  /** Whether the question has rows already: it changes what an empty list means. */
  hasRows: boolean;
  /** Adds the rows (one operation); resolves when done, rejects to show why not. */
  onAdd: (rows: EvidenceRow[]) => Promise<void>;
  onCancel: () => void;
}) {
  const id = useId();
  const [checked, setChecked] = useState<ReadonlySet<Id>>(new Set());
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const add = async (rows: EvidenceRow[]) => {
    if (busy) return;
    if (!rows.length) {
      setError('Tick the evidence to add, or use Add all.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await onAdd(rows);
    } catch (e) {
      setError(errorMessage(e));
      setBusy(false);
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void add(candidates.filter((c) => checked.has(c.id)));
  };

  const toggle = (rowId: Id, on: boolean) => {
    const next = new Set(checked);
    if (on) next.add(rowId);
    else next.delete(rowId);
    setChecked(next);
  };

  const labelOf = (row: EvidenceRow) =>
    row.kind === 'excerpt' ? (notebook.excerpts[row.id]?.selectors.quote.exact ?? '') : (notebook.claims[row.id]?.statement ?? '');

  return (
    <Dialog title="Add evidence" onCancel={onCancel} wide>
      <form className="dialog-form" noValidate onSubmit={submit}>
        {candidates.length === 0 ? (
          <p className="muted">
            {hasRows
              ? 'Every excerpt and claim linked as evidence is already a row of this question. Link more excerpts to claims in the reader to add them here.'
              : 'Nothing is linked as evidence yet. In the reader, save excerpts and link them to claims: those excerpts and claims can then be rows here.'}
          </p>
        ) : (
          <fieldset className="evidence-choices">
            <legend id={`${id}-legend`}>Linked excerpts and claims ({candidates.length})</legend>
            <ul className="evidence-choice-list">
              {candidates.map((row) => {
                const origin = rowOrigin(notebook, row);
                return (
                  <li key={row.id}>
                    <label className="evidence-choice">
                      <input type="checkbox" checked={checked.has(row.id)} onChange={(e) => toggle(row.id, e.target.checked)} />
                      <span className="evidence-choice-text">
                        <span className={row.kind === 'excerpt' ? 'evidence-choice-label quote-text' : 'evidence-choice-label'}>{ellipsise(labelOf(row), 240)}</span>
                        <span className="evidence-choice-meta">
                          {row.kind === 'excerpt' ? 'Excerpt' : 'Claim'}
                          {origin && ` · ${row.kind === 'excerpt' ? origin : `claimed by ${origin}`}`}
                        </span>
                      </span>
                    </label>
                  </li>
                );
              })}
            </ul>
          </fieldset>
        )}
        <DialogError message={error} />
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
          {candidates.length > 0 && (
            <>
              <button type="button" className="button" disabled={busy} onClick={() => void add(candidates)}>
                Add all
              </button>
              <button type="submit" className="button button-primary" disabled={busy}>
                Add
              </button>
            </>
          )}
        </div>
      </form>
    </Dialog>
  );
}
