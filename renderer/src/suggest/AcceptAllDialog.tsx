// "Accept all": says what accepting every open suggestion of a source will record (claims, new
// entities, excerpts) before doing it, as ONE change that one Undo takes back. A failure keeps the
// dialog open with the reason; every edit stays as it was.
import { useState, type FormEvent } from 'react';
import { errorMessage } from '../client.js';
import { Dialog, DialogActions, DialogError } from '../ui/Dialog.js';
import { isMac, plural } from '../ui/format.js';

export interface AcceptAllSummary {
  claims: number;
  entities: number;
  excerpts: number;
}

export function AcceptAllDialog({ sourceTitle, summary, onAccept, onCancel }: { sourceTitle: string; summary: AcceptAllSummary; onAccept: () => Promise<void>; onCancel: () => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await onAccept();
    } catch (e) {
      setError(`Nothing was recorded: ${errorMessage(e)}`);
      setBusy(false);
    }
  };
  const parts = [plural(summary.claims, 'claim'), summary.excerpts ? plural(summary.excerpts, 'new excerpt') : '', summary.entities ? plural(summary.entities, 'new entity', 'new entities') : ''].filter(Boolean);
  return (
    <Dialog title="Accept all suggestions" onCancel={onCancel}>
      <form className="dialog-form" noValidate onSubmit={submit}>
        <p>
          This records {parts.join(', ').replace(/, ([^,]*)$/, ' and $1')} from “{sourceTitle}”, each claim linked to its excerpt, with your edits. {isMac ? '⌘Z' : 'Ctrl+Z'} takes all of it back in one step.
        </p>
        <DialogError message={error} />
        <DialogActions submit="Accept all" busy={busy} onCancel={onCancel} />
      </form>
    </Dialog>
  );
}
