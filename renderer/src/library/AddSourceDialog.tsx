// "Add source": pasted text with its title and where it came from, or a .txt/.md file read in
// the page and handed to the notebook as bytes. On an error the dialog stays open with
// everything typed still there.
import { useId, useRef, useState, type FormEvent } from 'react';
import type { Id } from '../../../notebook/common/model.js';
import { LooseDate } from '../../../notebook/common/model.js';
import { errorMessage } from '../client.js';
import { addTextSource, importFile } from '../state.js';
import { Dialog, DialogError } from '../ui/Dialog.js';

/** Files bigger than this are refused before reading: the API caps a file at ~50 MB of base64. */
const MAX_FILE_BYTES = 50 * 1024 * 1024;

function toBase64(bytes: Uint8Array): string {
  // btoa takes a "binary string"; building it in chunks keeps String.fromCharCode's argument
  // list well under the engine's limit.
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function AddSourceDialog({ onCancel, onAdded }: { onCancel: () => void; onAdded: (sourceId: Id) => void }) {
  const id = useId();
  const [fields, setFields] = useState({ title: '', text: '', publisher: '', published: '', url: '' });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const fileRef = useRef<HTMLInputElement>(null);
  const set = (name: keyof typeof fields) => (event: { target: { value: string } }) => setFields((f) => ({ ...f, [name]: event.target.value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const problems: string[] = [];
    if (!fields.title.trim()) problems.push('Give the source a title.');
    if (!fields.text.trim()) problems.push('Paste the source’s text (or open a .txt or .md file).');
    const published = fields.published.trim();
    if (published && !LooseDate.safeParse(published).success) problems.push(`Published “${published}” is not a date like 2024-03-05, 2024-03 or 2024.`);
    if (problems.length) {
      setError(problems.join(' '));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const sourceId = await addTextSource({
        title: fields.title.trim(),
        text: fields.text,
        publisher: fields.publisher.trim(),
        published,
        url: fields.url.trim(),
      });
      onAdded(sourceId);
    } catch (e) {
      setError(errorMessage(e));
      setBusy(false);
    }
  };

  const openFile = async (file: File | undefined) => {
    if (!file || busy) return;
    if (file.size > MAX_FILE_BYTES) {
      setError(`${file.name} is ${(file.size / 1024 / 1024).toFixed(0)} MB; files up to 50 MB can be added.`);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const sourceId = await importFile({ filename: file.name, dataBase64: toBase64(bytes) });
      onAdded(sourceId);
    } catch (e) {
      setError(errorMessage(e));
      setBusy(false);
      // Clear the chooser so choosing the same file again (after fixing it) fires a change.
      if (fileRef.current) fileRef.current.value = '';
    }
  };

  return (
    <Dialog title="Add source" onCancel={onCancel} wide>
      <form className="dialog-form" noValidate onSubmit={submit} aria-busy={busy}>
        <div className="file-choice">
          <label htmlFor={`${id}-file`} className="file-label">
            Open a .txt or .md file
          </label>
          <input
            ref={fileRef}
            id={`${id}-file`}
            type="file"
            className="file-input"
            accept=".txt,.md,.markdown,text/plain,text/markdown"
            disabled={busy}
            onChange={(e) => void openFile(e.target.files?.[0])}
          />
          <span className="hint">Its title and text come from the file. Or paste the text below.</span>
        </div>
        <div className="field">
          <label htmlFor={`${id}-title`}>Title</label>
          <input id={`${id}-title`} type="text" required data-autofocus value={fields.title} onChange={set('title')} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-text`}>Text</label>
          <textarea id={`${id}-text`} className="source-text-input" required rows={8} value={fields.text} onChange={set('text')} />
        </div>
        <div className="field-row">
          <div className="field field-grow">
            <label htmlFor={`${id}-publisher`}>Publisher</label>
            <input id={`${id}-publisher`} type="text" value={fields.publisher} onChange={set('publisher')} />
          </div>
          <div className="field field-date">
            <div className="label-row">
              <label htmlFor={`${id}-published`}>Published</label>
              <span id={`${id}-published-hint`} className="hint hint-inline">
                2024-03-05, 2024-03 or 2024
              </span>
            </div>
            <input
              id={`${id}-published`}
              type="text"
              inputMode="numeric"
              placeholder="YYYY-MM-DD"
              aria-describedby={`${id}-published-hint`}
              value={fields.published}
              onChange={set('published')}
            />
          </div>
        </div>
        <div className="field">
          <label htmlFor={`${id}-url`}>URL</label>
          <input id={`${id}-url`} type="url" inputMode="url" value={fields.url} onChange={set('url')} />
        </div>
        <DialogError message={error} />
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={busy}>
            Add
          </button>
        </div>
      </form>
    </Dialog>
  );
}
