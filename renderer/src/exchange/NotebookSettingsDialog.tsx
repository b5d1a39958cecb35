// File ▸ Notebook settings…: the notebook's name, the analyst's organisation (the author of
// exported assessments) and the notebook's own note (the same settings.notes that the Notebook note
// dialog shows rendered and edits), saved as one settings operation, so one undo takes it back.
// What the analyst typed stays when saving fails.
import { useId, useState, type FormEvent } from 'react';
import type { Notebook } from '../../../notebook/common/model.js';
import { errorMessage } from '../client.js';
import { applyOperation } from '../state.js';
import { Dialog, DialogActions, DialogError } from '../ui/Dialog.js';
import { settingsOperation, settingsProblem, type SettingsDraft } from './exchange-model.js';
import './exchange.css';

export function NotebookSettingsDialog({ notebook, onCancel, onSaved }: { notebook: Notebook; onCancel: () => void; onSaved: (changed: boolean) => void }) {
  const id = useId();
  const [draft, setDraft] = useState<SettingsDraft>({
    name: notebook.name,
    organisation: notebook.settings.organisation,
    publicationUrl: notebook.settings.publicationUrl,
    notes: notebook.settings.notes,
  });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const problem = settingsProblem(draft);
    if (problem) {
      setError(problem);
      return;
    }
    const op = settingsOperation(notebook, draft);
    if (!op) {
      onSaved(false);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await applyOperation(op);
      onSaved(true);
    } catch (e) {
      setError(`The settings were not saved: ${errorMessage(e)}`);
      setBusy(false);
    }
  };

  const field = (key: keyof SettingsDraft) => ({
    id: `${id}-${key}`,
    value: draft[key],
    onChange: (e: { target: { value: string } }) => setDraft((d) => ({ ...d, [key]: e.target.value })),
  });

  return (
    <Dialog title="Notebook settings" onCancel={onCancel} wide>
      <form className="dialog-form" noValidate onSubmit={(e) => void submit(e)}>
        <div className="field">
          <label htmlFor={`${id}-name`}>Name</label>
          <input type="text" data-autofocus maxLength={500} autoComplete="off" {...field('name')} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-organisation`}>Organisation</label>
          <input type="text" maxLength={500} autoComplete="organization" aria-describedby={`${id}-organisation-hint`} {...field('organisation')} />
          <p id={`${id}-organisation-hint`} className="hint">
            Named as the author of the assessments you export (schema.org ClaimReview). Left empty, the notebook’s name stands in.
          </p>
        </div>
        <div className="field">
          <label htmlFor={`${id}-publicationUrl`}>Publication page</label>
          <input type="url" maxLength={4000} autoComplete="url" aria-describedby={`${id}-publicationUrl-hint`} {...field('publicationUrl')} />
          <p id={`${id}-publicationUrl-hint`} className="hint">
            Where your organisation publishes its assessments, e.g. https://example.org/fact-checks. Each exported ClaimReview points to it.
          </p>
        </div>
        <div className="field">
          <label htmlFor={`${id}-notes`}>Notebook note</label>
          <textarea rows={8} aria-describedby={`${id}-notes-hint`} className="settings-notes" {...field('notes')} />
          <p id={`${id}-notes-hint`} className="hint">
            Markdown. What the notebook is for, open questions, how to read it. The same note that Notebook note (at the top of the library) shows rendered.
          </p>
        </div>
        <DialogError message={error} />
        <DialogActions submit="Save" busy={busy} onCancel={onCancel} />
      </form>
    </Dialog>
  );
}
