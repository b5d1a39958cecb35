// "Open notebook" / "New notebook" where there is no native folder dialog (the browser host):
// the analyst types the folder's path. The notebook is opened by the host, never by the page.
import { useId, useState, type FormEvent } from 'react';
import { errorMessage } from '../client.js';
import { openNotebook } from '../state.js';
import { Dialog, DialogActions, DialogError } from '../ui/Dialog.js';

export function NotebookFolderDialog({ create, onCancel, onOpened }: { create: boolean; onCancel: () => void; onOpened: () => void }) {
  const id = useId();
  const [path, setPath] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (!path.trim()) {
      setError('Type the path of the notebook folder.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await openNotebook(path.trim(), create);
      onOpened();
    } catch (e) {
      setError(errorMessage(e));
      setBusy(false);
    }
  };

  return (
    <Dialog title={create ? 'New notebook' : 'Open notebook'} onCancel={onCancel}>
      <form className="dialog-form" noValidate onSubmit={submit}>
        <div className="field">
          <label htmlFor={`${id}-path`}>Folder path</label>
          <input
            id={`${id}-path`}
            type="text"
            data-autofocus
            spellCheck={false}
            autoComplete="off"
            placeholder={create ? '/home/me/Research/Korea artillery.corroborate' : '/home/me/Research/…corroborate'}
            aria-describedby={`${id}-hint`}
            value={path}
            onChange={(e) => setPath(e.target.value)}
          />
          <p id={`${id}-hint`} className="hint">
            {create
              ? 'A new folder for the notebook; by convention its name ends in .corroborate.'
              : 'The notebook’s folder (it holds notebook.json).'}
          </p>
        </div>
        <DialogError message={error} />
        <DialogActions submit={create ? 'Create' : 'Open'} busy={busy} onCancel={onCancel} />
      </form>
    </Dialog>
  );
}
