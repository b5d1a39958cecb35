// The fields of a new claim, shared by the New claim and Link dialogs: Statement, Claimant (an
// entity picked by name or alias, or created with the kind the analyst chooses), Polarity, and
// About (the proposition it is about, if one exists yet).
import { useId, type KeyboardEvent } from 'react';
import type { Notebook } from '../../../notebook/common/model.js';
import { ellipsise } from '../ui/format.js';
import { livePropositions, type ClaimDraft } from './claim-ops.js';
import { EntityPicker } from './EntityPicker.js';

export function ClaimFields({
  draft,
  onChange,
  notebook,
  autoFocus,
}: {
  draft: ClaimDraft;
  onChange: (draft: ClaimDraft) => void;
  notebook: Notebook;
  autoFocus?: boolean;
}) {
  const id = useId();
  const propositions = livePropositions(notebook);

  // Enter records the claim (a statement is one sentence); Shift+Enter still breaks the line.
  const onStatementKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      event.currentTarget.form?.requestSubmit();
    }
  };

  return (
    <>
      <div className="field">
        <label htmlFor={`${id}-statement`}>Statement</label>
        <textarea
          id={`${id}-statement`}
          rows={3}
          required
          data-autofocus={autoFocus || undefined}
          value={draft.statement}
          aria-describedby={`${id}-statement-hint`}
          onChange={(e) => onChange({ ...draft, statement: e.target.value })}
          onKeyDown={onStatementKeyDown}
        />
        <p id={`${id}-statement-hint`} className="hint">
          The proposition as one sentence, e.g. “North Korea shipped artillery shells to Russia.”
        </p>
      </div>
      <div className="field-row">
        <div className="field-grow">
          <EntityPicker
            notebook={notebook}
            label="Claimant"
            value={draft.claimant}
            onChange={(claimant) => onChange({ ...draft, claimant })}
            kind={draft.claimantKind ?? 'person'}
            onKindChange={(kind) => onChange({ ...draft, claimantKind: kind === 'label' ? 'person' : kind })}
            kindLabel="Kind of new claimant"
            suggestionsLabel="Known claimants"
            hint="Who makes the claim: a person, government or outlet. Optional; known ones are offered as you type."
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-polarity`}>Polarity</label>
          <select
            id={`${id}-polarity`}
            value={draft.polarity}
            onChange={(e) => onChange({ ...draft, polarity: e.target.value === 'denies' ? 'denies' : 'asserts' })}
          >
            <option value="asserts">asserts</option>
            <option value="denies">denies</option>
          </select>
        </div>
      </div>
      {propositions.length > 0 && (
        <div className="field">
          <label htmlFor={`${id}-about`}>About</label>
          <select id={`${id}-about`} value={draft.propositionId ?? ''} aria-describedby={`${id}-about-hint`} onChange={(e) => onChange({ ...draft, propositionId: e.target.value })}>
            <option value="">No proposition yet</option>
            {propositions.map((p) => (
              <option key={p.id} value={p.id}>
                {ellipsise(p.statement, 90)}
              </option>
            ))}
          </select>
          <p id={`${id}-about-hint`} className="hint">
            Claims about the same proposition sit side by side, and an assertion meeting a denial is flagged. The inspector can group it later too.
          </p>
        </div>
      )}
    </>
  );
}
