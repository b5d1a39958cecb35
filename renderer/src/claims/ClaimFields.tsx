// The fields of a new claim, shared by the New claim and Link dialogs: Statement, Claimant (free
// text; a known claimant is offered as the analyst types, and reused by name), Polarity.
import { useId, type KeyboardEvent } from 'react';
import type { ClaimDraft } from './claim-ops.js';

const SUGGESTIONS = 5;

export function ClaimFields({
  draft,
  onChange,
  knownClaimants,
  autoFocus,
}: {
  draft: ClaimDraft;
  onChange: (draft: ClaimDraft) => void;
  knownClaimants: readonly string[];
  autoFocus?: boolean;
}) {
  const id = useId();
  const typed = draft.claimant.trim().toLocaleLowerCase();
  // A plain textbox with suggestion buttons, not a <datalist>: a datalist would make the field a
  // combobox, and the field is a textbox in the UI contract. Suggestions follow what was typed.
  const suggestions = knownClaimants
    .filter((name) => typed && name.toLocaleLowerCase() !== typed && name.toLocaleLowerCase().includes(typed))
    .slice(0, SUGGESTIONS);

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
        <div className="field field-grow">
          <label htmlFor={`${id}-claimant`}>Claimant</label>
          <input
            id={`${id}-claimant`}
            type="text"
            autoComplete="off"
            value={draft.claimant}
            aria-describedby={`${id}-claimant-hint`}
            onChange={(e) => onChange({ ...draft, claimant: e.target.value })}
          />
          <p id={`${id}-claimant-hint`} className="hint">
            Who makes the claim: a person, government or outlet. Optional; known claimants are offered as you type.
          </p>
          {suggestions.length > 0 && (
            <div className="suggestions" role="group" aria-label="Known claimants">
              {suggestions.map((name) => (
                <button key={name} type="button" className="chip" onClick={() => onChange({ ...draft, claimant: name })}>
                  {name}
                </button>
              ))}
            </div>
          )}
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
    </>
  );
}
