// File ▸ Import notebook bundle…: what merging the chosen bundle would add and skip, and each
// object both notebooks have in different versions, for the analyst to keep theirs or take the
// bundle's. Nothing is written until Merge, and Merge waits for a choice on every conflict: an
// edit is never overwritten silently.
import { useId, useState, type FormEvent } from 'react';
import type { MergePlan, MergeResult } from '../../../notebook/common/api.js';
import type { Id } from '../../../notebook/common/model.js';
import { errorMessage } from '../client.js';
import { mergeBundle } from '../state.js';
import { Dialog, DialogError } from '../ui/Dialog.js';
import { plural } from '../ui/format.js';
import { chooseAll, describeCounts, describeFields, everyConflictChosen, formatInstant, kindLabel, newer, total, type Resolution } from './exchange-model.js';
import './exchange.css';

export function MergeDialog({
  filename,
  json,
  plan,
  onCancel,
  onMerged,
}: {
  /** The bundle file's name, to say what is being merged. */
  filename: string;
  /** Its text, sent again with the choices (the host plans afresh and checks them). */
  json: string;
  plan: MergePlan;
  onCancel: () => void;
  onMerged: (result: MergeResult, choices: Record<Id, Resolution>) => void;
}) {
  const id = useId();
  const [choices, setChoices] = useState<Record<Id, Resolution>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { conflicts } = plan;
  const ready = everyConflictChosen(conflicts, choices);
  const open = conflicts.filter((c) => !choices[c.id]).length;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy || !ready) return;
    setBusy(true);
    setError(null);
    try {
      onMerged(await mergeBundle(json, choices), choices);
    } catch (e) {
      setError(`The bundle was not merged: ${errorMessage(e)}`);
      setBusy(false);
    }
  };

  const nothingToDo = total(plan.added) === 0 && conflicts.length === 0;

  return (
    <Dialog title="Merge notebook bundle" onCancel={onCancel} wide>
      <form className="dialog-form merge-dialog" noValidate onSubmit={(e) => void submit(e)}>
        <p className="merge-file">
          From <span className="merge-filename">{filename}</span>
        </p>
        <dl className="merge-counts">
          <div>
            <dt>To add</dt>
            <dd>{describeCounts(plan.added)}</dd>
          </div>
          <div>
            <dt>Already here (skipped)</dt>
            <dd>{total(plan.skipped) ? plural(total(plan.skipped), 'object') : 'nothing'}</dd>
          </div>
          <div>
            <dt>In both, but different</dt>
            <dd>{conflicts.length ? plural(conflicts.length, 'object') : 'none'}</dd>
          </div>
        </dl>
        {nothingToDo && <p className="muted">Everything in this bundle is already in the notebook: merging it changes nothing.</p>}
        {conflicts.length > 0 && (
          <section className="merge-conflicts" aria-labelledby={`${id}-conflicts`}>
            <div className="merge-conflicts-head">
              <h3 id={`${id}-conflicts`} className="merge-conflicts-title">
                Conflicts
              </h3>
              <div className="merge-all">
                <button type="button" className="button button-small" onClick={() => setChoices(chooseAll(conflicts, 'mine'))}>
                  Keep all mine
                </button>
                <button type="button" className="button button-small" onClick={() => setChoices(chooseAll(conflicts, 'theirs'))}>
                  Take all theirs
                </button>
              </div>
            </div>
            <p className="hint">
              Each of these is in this notebook and in the bundle, in different versions. Keep mine leaves this notebook’s version; Take theirs replaces it with
              the bundle’s.
            </p>
            <ul className="merge-conflict-list">
              {conflicts.map((c, i) => {
                const later = newer(c);
                return (
                  <li key={c.id}>
                    <fieldset className="merge-conflict">
                      <legend>
                        <span className="merge-kind">{kindLabel(c.kind)}:</span> {c.label}
                      </legend>
                      <p className="merge-differs">Differs in its {describeFields(c.fields)}.</p>
                      <p className="merge-dates">
                        <span>
                          Mine saved {formatInstant(c.mineUpdatedAt)}
                          {later === 'mine' && ' (newer)'}
                        </span>
                        <span>
                          Theirs saved {formatInstant(c.theirsUpdatedAt)}
                          {later === 'theirs' && ' (newer)'}
                        </span>
                      </p>
                      <div className="merge-choice">
                        {(['mine', 'theirs'] as const).map((which) => (
                          <label key={which} className="merge-radio">
                            <input
                              type="radio"
                              name={`${id}-conflict-${i}`}
                              value={which}
                              checked={choices[c.id] === which}
                              onChange={() => setChoices((current) => ({ ...current, [c.id]: which }))}
                            />
                            {which === 'mine' ? 'Keep mine' : 'Take theirs'}
                          </label>
                        ))}
                      </div>
                    </fieldset>
                  </li>
                );
              })}
            </ul>
          </section>
        )}
        <DialogError message={error} />
        <div className="dialog-actions">
          {!ready && (
            <p id={`${id}-waiting`} className="hint merge-waiting">
              Choose a version for {open === 1 ? 'the last conflict' : `${open} conflicts`} to merge.
            </p>
          )}
          <button type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={busy || !ready} aria-describedby={ready ? undefined : `${id}-waiting`}>
            Merge
          </button>
        </div>
      </form>
    </Dialog>
  );
}
