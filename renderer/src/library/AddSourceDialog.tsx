// "Add source": pasted text with its title and where it came from, or a .txt/.md file read in
// the page and handed to the notebook as bytes. On an error the dialog stays open with
// everything typed still there.
import { useId, useRef, useState, type FormEvent } from 'react';
import type { SourceAdded } from '../../../notebook/common/api.js';
import { LooseDate } from '../../../notebook/common/model.js';
import { errorMessage } from '../client.js';
import { DEFAULT_FORMATS, extensionOf, readAsBase64, refusal } from '../import/import-files.js';
import { addTextSource, importFile, importFormats } from '../state.js';
import { Dialog, DialogActions, DialogError } from '../ui/Dialog.js';

/** The dialog's file chooser takes text files; File ▸ Import files… takes every format. */
const TEXT_EXTENSIONS = ['.txt', '.text', '.md', '.markdown'];

export function AddSourceDialog({ initialText = '', onCancel, onAdded }: { initialText?: string; onCancel: () => void; onAdded: (added: SourceAdded) => void }) {
  const id = useId();
  const [fields, setFields] = useState({ title: '', text: initialText, publisher: '', published: '', url: '' });
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
      const added = await addTextSource({
        title: fields.title.trim(),
        text: fields.text,
        publisher: fields.publisher.trim(),
        published,
        url: fields.url.trim(),
      });
      onAdded(added);
    } catch (e) {
      setError(errorMessage(e));
      setBusy(false);
    }
  };

  const openFile = async (file: File | undefined) => {
    if (!file || busy) return;
    const formats = await importFormats().catch(() => DEFAULT_FORMATS);
    const refused = refusal(file, formats) ?? (TEXT_EXTENSIONS.includes(extensionOf(file.name)) ? null : `${file.name} is not a text file: import it with File ▸ Import files…`);
    if (refused) {
      setError(refused.endsWith('…') ? refused : `${refused}.`);
      if (fileRef.current) fileRef.current.value = '';
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const added = await importFile({ filename: file.name, dataBase64: await readAsBase64(file) });
      onAdded(added);
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
        <DialogActions submit="Add" busy={busy} onCancel={onCancel} />
      </form>
    </Dialog>
  );
}
