// The fields of an entity, shared by the New entity dialog and the entity page's Edit form:
// Name, Kind, Aliases, each with its problem named beside it.
import { ENTITY_KINDS, type EntityDraft, type EntityKind, type EntityProblems } from './entity-ops.js';

export function EntityFields({
  idPrefix,
  draft,
  problems,
  onChange,
  autoFocus,
}: {
  /** Prefix of the fields' ids (from useId): the name field is `${idPrefix}-name`, so an owner can focus it. */
  idPrefix: string;
  draft: EntityDraft;
  /** Only those to show now. */
  problems: EntityProblems;
  onChange: (draft: EntityDraft) => void;
  autoFocus?: boolean;
}) {
  const id = idPrefix;
  const describedBy = (...ids: (string | false | undefined)[]) => ids.filter(Boolean).join(' ') || undefined;
  return (
    <>
      <div className="field-row">
        <div className="field field-grow">
          <label htmlFor={`${id}-name`}>Name</label>
          <input
            id={`${id}-name`}
            type="text"
            autoComplete="off"
            data-autofocus={autoFocus || undefined}
            value={draft.name}
            aria-invalid={problems.name ? true : undefined}
            aria-describedby={describedBy(problems.name && `${id}-name-error`)}
            onChange={(e) => onChange({ ...draft, name: e.target.value })}
          />
          {problems.name && (
            <p id={`${id}-name-error`} className="entity-field-error">
              {problems.name}
            </p>
          )}
        </div>
        <div className="field">
          <label htmlFor={`${id}-kind`}>Kind</label>
          <select id={`${id}-kind`} value={draft.kind} onChange={(e) => onChange({ ...draft, kind: e.target.value as EntityKind })}>
            {ENTITY_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {kind}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="field">
        <label htmlFor={`${id}-aliases`}>Aliases</label>
        <textarea
          id={`${id}-aliases`}
          rows={3}
          value={draft.aliases}
          aria-invalid={problems.aliases ? true : undefined}
          aria-describedby={describedBy(`${id}-aliases-hint`, problems.aliases && `${id}-aliases-error`)}
          onChange={(e) => onChange({ ...draft, aliases: e.target.value })}
        />
        <p id={`${id}-aliases-hint`} className="hint">
          Other names the sources use, one per line or separated by commas: “DPRK, Pyongyang”. Find mentions looks for these too.
        </p>
        {problems.aliases && (
          <p id={`${id}-aliases-error`} className="entity-field-error">
            {problems.aliases}
          </p>
        )}
      </div>
    </>
  );
}
