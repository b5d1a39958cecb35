// One suggested claim in the Suggestions panel: its quote with the claimant and the reporting verb
// marked, the claimant, the stance (word and icon), the statement; Edit opens the fields to change
// them before accepting; Accept and Dismiss. Pointing at the card (hover or focus) shows its passage
// in the reader. Changes nothing itself: the panel carries out Accept and Dismiss.
import { useId, useState, type FocusEvent, type KeyboardEvent } from 'react';
import type { Id, Notebook } from '../../../notebook/common/model.js';
import type { SuggestedClaim, SuggestedEntity } from '../../../notebook/common/suggest/types.js';
import { EntityPicker } from '../claims/EntityPicker.js';
import { PolarityLabel } from '../claims/PolarityLabel.js';
import { claimantOutcome, editedOf, isEdited, quoteParts, type Draft } from './suggest-model.js';

export interface SuggestionCardProps {
  notebook: Notebook;
  suggestion: SuggestedClaim;
  entities: readonly SuggestedEntity[];
  draft: Draft;
  onDraft: (draft: Draft) => void;
  /** The claim it became, when accepted. */
  claimId: Id | null;
  readOnly: boolean;
  busy: boolean;
  onAccept: () => void;
  onDismiss: () => void;
  onShowClaim: (id: Id) => void;
  /** The card is pointed at (true) or no longer (false): the reader shows its passage meanwhile. */
  onPoint: (pointing: boolean, how: 'hover' | 'focus') => void;
  /** Given the card's element (null when it goes), where the panel puts the focus after a neighbour is dismissed. */
  onElement?: (element: HTMLElement | null) => void;
}

export function SuggestionCard({ notebook, suggestion, entities, draft, onDraft, claimId, readOnly, busy, onAccept, onDismiss, onShowClaim, onPoint, onElement }: SuggestionCardProps) {
  const id = useId();
  const [editing, setEditing] = useState(false);
  const entity = entities.find((e) => e.key === suggestion.entityKey);
  const parts = quoteParts(suggestion.exact, suggestion.claimant, suggestion.verb, entity ? [entity.name, ...entity.aliases] : []);
  const edited = editedOf(notebook, suggestion, draft);
  const changed = isEdited(suggestion, draft);
  // Accepted, the card shows the claim as it was recorded (with the analyst's edits).
  const claim = claimId ? notebook.claims[claimId] : undefined;
  const accepted = claim !== undefined;
  const recordedClaimant = claim?.claimantId ? notebook.entities[claim.claimantId] : undefined;
  const claimant = recordedClaimant ? { name: recordedClaimant.name, known: true } : claimantOutcome(notebook, edited, entities);
  const stance = claim?.polarity ?? draft.stance;
  const statement = claim?.statement ?? draft.statement.trim();

  const onBlur = (event: FocusEvent) => {
    if (!event.currentTarget.contains(event.relatedTarget as Node | null)) onPoint(false, 'focus');
  };
  // Enter in the statement accepts (a statement is one sentence); Shift+Enter still breaks the line.
  const onStatementKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing && !readOnly && !busy) {
      event.preventDefault();
      onAccept();
    }
  };

  return (
    <li
      ref={onElement}
      tabIndex={-1}
      className={accepted ? 'sg-card sg-card-accepted' : 'sg-card'}
      aria-labelledby={`${id}-statement`}
      aria-describedby={`${id}-quote`}
      onMouseEnter={() => onPoint(true, 'hover')}
      onMouseLeave={() => onPoint(false, 'hover')}
      onFocus={() => onPoint(true, 'focus')}
      onBlur={onBlur}
    >
      <blockquote id={`${id}-quote`} className="sg-quote">
        {parts.map((part, i) =>
          part.mark === 'claimant' ? (
            <span key={i} className="sg-mark-claimant">
              {part.text}
            </span>
          ) : part.mark === 'verb' ? (
            <strong key={i} className="sg-mark-verb">
              {part.text}
            </strong>
          ) : (
            <span key={i}>{part.text}</span>
          ),
        )}
      </blockquote>
      <p className="sg-who">
        <span className="sg-claimant">{claimant.name}</span>
        {claimant.known ? (
          <span className="sg-badge sg-badge-known">in notebook</span>
        ) : (
          <span className="sg-badge">
            new<span className="visually-hidden"> entity</span>
          </span>
        )}
        <span className="sg-stance">
          <PolarityLabel polarity={stance} />
        </span>
      </p>
      <p id={`${id}-statement`} className="sg-statement">
        {statement || <em className="sg-missing">No statement yet</em>}
      </p>
      {changed && !accepted && <p className="sg-note">Edited: Accept records your version.</p>}
      {editing && !accepted && (
        <div className="sg-edit" role="group" aria-label="Edit the suggested claim">
          <div className="field">
            <label htmlFor={`${id}-statement-input`}>Statement</label>
            <textarea
              id={`${id}-statement-input`}
              rows={3}
              value={draft.statement}
              disabled={readOnly}
              onChange={(e) => onDraft({ ...draft, statement: e.target.value })}
              onKeyDown={onStatementKeyDown}
            />
          </div>
          <EntityPicker
            notebook={notebook}
            label="Claimant"
            value={draft.claimant}
            onChange={(name) => onDraft({ ...draft, claimant: name })}
            kind={draft.claimantKind}
            onKindChange={(kind) => onDraft({ ...draft, claimantKind: kind === 'label' ? 'person' : kind })}
            kindLabel="Kind of new claimant"
            suggestionsLabel="Known claimants"
          />
          <div className="field">
            <label htmlFor={`${id}-stance`}>Stance</label>
            <select id={`${id}-stance`} value={draft.stance} disabled={readOnly} onChange={(e) => onDraft({ ...draft, stance: e.target.value === 'denies' ? 'denies' : 'asserts' })}>
              <option value="asserts">asserts</option>
              <option value="denies">denies</option>
            </select>
          </div>
        </div>
      )}
      <div className="sg-actions">
        {accepted ? (
          <>
            <span className="sg-accepted">
              <span aria-hidden="true">✓ </span>Accepted as a claim
            </span>
            <button type="button" className="button button-small" onClick={() => onShowClaim(claim.id)}>
              Show claim
            </button>
          </>
        ) : (
          <>
            <button type="button" className="button button-small button-primary" disabled={readOnly || busy} onClick={onAccept}>
              Accept
            </button>
            {!readOnly && (
              <button type="button" className="button button-small" aria-expanded={editing} onClick={() => setEditing((open) => !open)}>
                Edit
              </button>
            )}
            <button type="button" className="button button-small sg-dismiss" disabled={readOnly || busy} onClick={onDismiss}>
              Dismiss
            </button>
          </>
        )}
      </div>
    </li>
  );
}
