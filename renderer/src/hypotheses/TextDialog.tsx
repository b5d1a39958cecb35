// One sentence asked for in a dialog: a new or edited question or hypothesis. The owner saves it
// (one operation); on failure the dialog stays open with the text as typed and the reason.
import { useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import { errorMessage } from '../client.js';
import { Dialog, DialogActions, DialogError } from '../ui/Dialog.js';

export function TextDialog({
  title,
  label,
  hint,
  initial = '',
  submit,
  emptyMessage,
  onSave,
  onCancel,
}: {
  title: string;
  label: string;
  hint: string;
  initial?: string;
  submit: string;
  /** What to say when the text is empty. */
  emptyMessage: string;
  /** Saves the text; resolves when done (the owner closes the dialog), rejects to show why not. */
  onSave: (text: string) => Promise<void>;
  onCancel: () => void;
}) {
  const id = useId();
  const [text, setText] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (!text.trim()) {
      setError(emptyMessage);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await onSave(text);
    } catch (e) {
      setError(errorMessage(e));
      setBusy(false);
    }
  };

  // Enter saves (it is one sentence); Shift+Enter still breaks the line.
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      event.currentTarget.form?.requestSubmit();
    }
  };

  return (
    <Dialog title={title} onCancel={onCancel}>
      <form className="dialog-form" noValidate onSubmit={save}>
        <div className="field">
          <label htmlFor={`${id}-text`}>{label}</label>
          <textarea
            id={`${id}-text`}
            rows={3}
            required
            data-autofocus
            value={text}
            aria-describedby={`${id}-hint`}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={onKeyDown}
          />
          <p id={`${id}-hint`} className="hint">
            {hint}
          </p>
        </div>
        <DialogError message={error} />
        <DialogActions submit={submit} busy={busy} onCancel={onCancel} />
      </form>
    </Dialog>
  );
}
