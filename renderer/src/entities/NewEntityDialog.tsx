// "New entity": a person, organisation, state, outlet or place, with its aliases, created as one
// undoable operation. Never closes on a failure: what was typed stays, and the reason is shown.
import { useId, useState, type FormEvent } from 'react';
import { newId, now } from '../../../notebook/common/ids.js';
import type { Id, Notebook } from '../../../notebook/common/model.js';
import { errorMessage } from '../client.js';
import { applyOperation } from '../state.js';
import { Dialog, DialogActions, DialogError } from '../ui/Dialog.js';
import { createEntityOp, emptyDraft, entityProblems, type EntityDraft, type EntityProblems } from './entity-ops.js';
import { EntityFields } from './EntityFields.js';

export function NewEntityDialog({ notebook, onCancel, onCreated }: { notebook: Notebook; onCancel: () => void; onCreated: (entityId: Id) => void }) {
  const id = useId();
  const [draft, setDraft] = useState<EntityDraft>(emptyDraft);
  const [shown, setShown] = useState<EntityProblems>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const problems = entityProblems(notebook, draft);
    setShown(problems);
    if (problems.name || problems.aliases) {
      document.getElementById(`${id}-${problems.name ? 'name' : 'aliases'}`)?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const entityId = newId();
      await applyOperation(createEntityOp(draft, entityId, now()));
      onCreated(entityId);
    } catch (e) {
      setError(`The entity was not created: ${errorMessage(e)}`);
      setBusy(false);
    }
  };

  return (
    <Dialog title="New entity" onCancel={onCancel}>
      <form className="dialog-form" noValidate onSubmit={submit}>
        <EntityFields
          idPrefix={id}
          draft={draft}
          problems={shown}
          onChange={(next) => {
            setDraft(next);
            // A problem stays until the field it names is changed.
            setShown((s) => ({ ...(next.name === draft.name ? { name: s.name } : {}), ...(next.aliases === draft.aliases ? { aliases: s.aliases } : {}) }));
          }}
          autoFocus
        />
        <DialogError message={error} />
        <DialogActions submit="Create" busy={busy} onCancel={onCancel} />
      </form>
    </Dialog>
  );
}
