// "New claim": records a claim (and its claimant, when new) as one undoable step.
import { useState, type FormEvent } from 'react';
import type { Id, Notebook } from '../../../notebook/common/model.js';
import { errorMessage } from '../client.js';
import { applyOperation } from '../state.js';
import { Dialog, DialogActions, DialogError } from '../ui/Dialog.js';
import { createClaimOps, emptyClaimDraft, type ClaimDraft } from './claim-ops.js';
import { ClaimFields } from './ClaimFields.js';

export function NewClaimDialog({ notebook, onCancel, onCreated }: { notebook: Notebook; onCancel: () => void; onCreated: (claimId: Id) => void }) {
  const [draft, setDraft] = useState<ClaimDraft>(emptyClaimDraft);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (!draft.statement.trim()) {
      setError('Write the claim’s statement: the proposition as one sentence.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const { ops, claimId } = createClaimOps(notebook, draft);
      await applyOperation({ type: 'batch', label: 'new claim', ops });
      onCreated(claimId);
    } catch (e) {
      setError(errorMessage(e));
      setBusy(false);
    }
  };

  return (
    <Dialog title="New claim" onCancel={onCancel}>
      <form className="dialog-form" noValidate onSubmit={submit}>
        <ClaimFields draft={draft} onChange={setDraft} notebook={notebook} autoFocus />
        <DialogError message={error} />
        <DialogActions submit="Create" busy={busy} onCancel={onCancel} />
      </form>
    </Dialog>
  );
}
