// A textbox that names an entity: a known one (by name or alias; matches are offered as the analyst
// types) or a new one, whose kind the analyst chooses (or, for an attribution step, a plain label).
// The field stays a plain textbox; what it will save is said in words under it, never guessed silently.
import './claims.css';
import { useId, useRef, type ReactNode } from 'react';
import type { Notebook } from '../../../notebook/common/model.js';
import { ENTITY_KINDS, entityMatches, entityNamed, type EntityKind } from './claim-ops.js';

export interface EntityPickerProps {
  notebook: Notebook;
  /** The field's label, e.g. "Claimant". */
  label: string;
  value: string;
  onChange: (value: string) => void;
  onBlur?: () => void;
  /** What a name that is no entity yet becomes. */
  kind: EntityKind | 'label';
  onKindChange: (kind: EntityKind | 'label') => void;
  /** The label of the choice of kind for a new name, e.g. "Kind of new claimant". */
  kindLabel: string;
  /** Offer "label only" for a new name, besides the entity kinds. */
  allowLabel?: boolean;
  /** The name of the group of suggestions, e.g. "Known claimants". */
  suggestionsLabel: string;
  hint?: ReactNode;
  error?: string | undefined;
  autoFocus?: boolean;
  /** The id for the textbox, when a form needs to focus it. */
  inputId?: string;
}

export function EntityPicker(props: EntityPickerProps) {
  const { notebook, label, value, onChange, onBlur, kind, onKindChange, kindLabel, allowLabel, suggestionsLabel, hint, error, autoFocus } = props;
  const ownId = useId();
  const id = props.inputId ?? `${ownId}-input`;
  const input = useRef<HTMLInputElement>(null);
  const typed = value.trim();
  const known = entityNamed(notebook, typed);
  const suggestions = entityMatches(notebook, typed);
  const isNew = typed !== '' && !known;
  const kindChoice = allowLabel ? kind : kind === 'label' ? 'person' : kind;
  const describedBy = [hint && `${id}-hint`, typed && `${id}-status`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;

  const pick = (name: string) => {
    onChange(name);
    // The chosen suggestion disappears (it is now the exact match); typing goes on in the field.
    input.current?.focus();
  };

  return (
    <div className="field entity-picker">
      <label htmlFor={id}>{label}</label>
      <input
        ref={input}
        id={id}
        type="text"
        autoComplete="off"
        spellCheck={false}
        data-autofocus={autoFocus || undefined}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        onChange={(e) => onChange(e.target.value)}
        onBlur={onBlur}
      />
      {hint && (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      )}
      {suggestions.length > 0 && (
        <div className="suggestions" role="group" aria-label={suggestionsLabel}>
          {suggestions.map(({ entity, alias }) => (
            <button key={entity.id} type="button" className="chip" onClick={() => pick(entity.name)}>
              {alias ? `${alias} → ${entity.name}` : entity.name}
              <span className="chip-kind"> · {entity.kind}</span>
            </button>
          ))}
        </div>
      )}
      {known && (
        <p id={`${id}-status`} className="picker-status">
          <span aria-hidden="true">✓ </span>
          Known {known.kind}: <strong>{known.name}</strong>
          {known.name.trim().toLocaleLowerCase() !== typed.toLocaleLowerCase() && <> (“{typed}” is an alias)</>}
        </p>
      )}
      {isNew && (
        <div className="picker-new">
          <span id={`${id}-status`} className="picker-status">
            {allowLabel && kindChoice === 'label' ? <>“{typed}” is kept as a label.</> : <>No entity is named “{typed}”: {suggestions.length > 0 ? 'unless you pick one above, a new one is added.' : 'a new one is added.'}</>}
          </span>
          <label htmlFor={`${id}-kind`}>{kindLabel}</label>
          <select id={`${id}-kind`} value={kindChoice} onChange={(e) => onKindChange(e.target.value as EntityKind | 'label')}>
            {allowLabel && <option value="label">label only (no entity)</option>}
            {ENTITY_KINDS.map((k) => (
              <option key={k} value={k}>
                {allowLabel ? `new ${k}` : k}
              </option>
            ))}
          </select>
        </div>
      )}
      {error && (
        <span id={`${id}-error`} className="field-error">
          {error}
        </span>
      )}
    </div>
  );
}
