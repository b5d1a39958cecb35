// "Link excerpt to claim": chooses a claim (or writes a new one) and the relation, and records
// claimant, claim and link as ONE batch, so one Undo takes back the whole step.
import { useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { Excerpt, Id, Notebook, Relation } from '../../../notebook/common/model.js';
import { RELATIONS } from '../../../notebook/common/model.js';
import { newId, now } from '../../../notebook/common/ids.js';
import type { SingleOperation } from '../../../notebook/common/operations.js';
import { liveClaims } from '../../../notebook/common/queries.js';
import { errorMessage } from '../client.js';
import { ariaKeyShortcuts, cycle, formatShortcuts, LINK_DIALOG, matchesAny } from '../commands/commands.js';
import { applyOperation } from '../state.js';
import { Dialog, DialogActions, DialogError } from '../ui/Dialog.js';
import { ellipsise } from '../ui/format.js';
import { createClaimOps, emptyClaimDraft, type ClaimDraft } from './claim-ops.js';
import { ClaimFields } from './ClaimFields.js';
import { RELATION_ICON } from './relations.js';

const NEW = 'new';

const RELATION_HINT: Record<Relation, string> = {
  supports: 'The excerpt is evidence the claim is true.',
  refutes: 'The excerpt is evidence the claim is false.',
  qualifies: 'The excerpt narrows or conditions the claim.',
  context: 'The excerpt is background needed to judge the claim.',
  contradicts: 'The excerpt states the opposite of the claim.',
};

export function LinkDialog({
  notebook,
  excerpt,
  onCancel,
  onLinked,
}: {
  notebook: Notebook;
  excerpt: Excerpt;
  onCancel: () => void;
  onLinked: (claimId: Id) => void;
}) {
  const id = useId();
  const claims = liveClaims(notebook);
  const [claimChoice, setClaimChoice] = useState<string>(NEW);
  const [draft, setDraft] = useState<ClaimDraft>(emptyClaimDraft);
  const [relation, setRelation] = useState<Relation>('supports');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const isNew = claimChoice === NEW || !claims.some((c) => c.id === claimChoice);
  // Said aloud when a key changes the relation, since the focus stays where the analyst types.
  const [relationSaid, setRelationSaid] = useState('');

  const cycleRelation = (event: KeyboardEvent, step: 1 | -1) => {
    event.preventDefault();
    const next = cycle(RELATIONS, relation, step);
    setRelation(next);
    setRelationSaid(`Relation: ${next}`);
  };
  const onDialogKeyDown = (event: KeyboardEvent) => {
    if (matchesAny(event.nativeEvent, LINK_DIALOG.nextRelation)) cycleRelation(event, 1);
    else if (matchesAny(event.nativeEvent, LINK_DIALOG.previousRelation)) cycleRelation(event, -1);
  };
  const onRelationKeyDown = (event: KeyboardEvent) => {
    if (matchesAny(event.nativeEvent, LINK_DIALOG.fieldNext)) cycleRelation(event, 1);
    else if (matchesAny(event.nativeEvent, LINK_DIALOG.fieldPrevious)) cycleRelation(event, -1);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (isNew && !draft.statement.trim()) {
      setError('Write the new claim’s statement, or choose an existing claim.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const ops: SingleOperation[] = [];
      let claimId = claimChoice;
      if (isNew) {
        const created = createClaimOps(notebook, draft);
        ops.push(...created.ops);
        claimId = created.claimId;
      }
      const at = now();
      ops.push({
        type: 'create',
        kind: 'link',
        object: { id: newId(), createdAt: at, updatedAt: at, fromKind: 'excerpt', fromId: excerpt.id, toKind: 'claim', toId: claimId, relation },
      });
      await applyOperation({ type: 'batch', label: 'link excerpt to claim', ops });
      onLinked(claimId);
    } catch (e) {
      setError(errorMessage(e));
      setBusy(false);
    }
  };

  return (
    <Dialog title="Link excerpt to claim" onCancel={onCancel} wide>
      <form className="dialog-form" noValidate onSubmit={submit} onKeyDown={onDialogKeyDown}>
        <blockquote className="dialog-quote">{ellipsise(excerpt.selectors.quote.exact, 280)}</blockquote>
        <div className="field">
          <label htmlFor={`${id}-claim`}>Claim</label>
          <select id={`${id}-claim`} value={isNew ? NEW : claimChoice} onChange={(e) => setClaimChoice(e.target.value)} data-autofocus={claims.length > 0 || undefined}>
            <option value={NEW}>New claim…</option>
            {claims.map((claim) => (
              <option key={claim.id} value={claim.id}>
                {claim.statement}
              </option>
            ))}
          </select>
        </div>
        {isNew && (
          <fieldset className="fieldset">
            <legend>New claim</legend>
            <ClaimFields draft={draft} onChange={setDraft} notebook={notebook} autoFocus={claims.length === 0} />
          </fieldset>
        )}
        <div className="field">
          <label htmlFor={`${id}-relation`}>Relation</label>
          <select
            id={`${id}-relation`}
            value={relation}
            aria-describedby={`${id}-relation-hint`}
            onChange={(e) => setRelation(e.target.value as Relation)}
            onKeyDown={onRelationKeyDown}
            aria-keyshortcuts={ariaKeyShortcuts(LINK_DIALOG.nextRelation)}
          >
            {RELATIONS.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
          <p id={`${id}-relation-hint`} className="hint">
            <span aria-hidden="true">{RELATION_ICON[relation]} </span>
            {RELATION_HINT[relation]} {formatShortcuts(LINK_DIALOG.nextRelation)} changes it from anywhere in the dialog.
          </p>
          <p role="status" className="visually-hidden">
            {relationSaid}
          </p>
        </div>
        <DialogError message={error} />
        <DialogActions submit="Link" busy={busy} onCancel={onCancel} />
      </form>
    </Dialog>
  );
}
