// The entities a source names, as the suggester found them: each with its other forms, how often it
// is named, and whether the notebook has it already ("in notebook", with a way to its page) or not
// ("new", with Add entity). Adding is the panel's: this list only asks.
import type { Id, Notebook } from '../../../notebook/common/model.js';
import type { SuggestedEntity } from '../../../notebook/common/suggest/types.js';
import { plural } from '../ui/format.js';

export function SuggestedEntities({
  notebook,
  entities,
  labelledBy,
  readOnly,
  busy,
  onAdd,
  onOpenEntity,
}: {
  notebook: Notebook;
  entities: readonly SuggestedEntity[];
  labelledBy: string;
  readOnly: boolean;
  busy: boolean;
  onAdd: (entity: SuggestedEntity) => void;
  onOpenEntity: (id: Id) => void;
}) {
  if (entities.length === 0) return <p className="empty sg-empty">No names of people, organisations, states or places were found.</p>;
  return (
    <ul className="sg-entities" aria-labelledby={labelledBy}>
      {entities.map((e) => {
        const known = e.entityId ? notebook.entities[e.entityId] : undefined;
        return (
          <li key={e.key} className="sg-entity">
            <div className="sg-entity-text">
              <span className="sg-entity-name">{e.name}</span>
              <span className="sg-entity-meta">
                {e.kind} · named {plural(e.mentions, 'time')}
                {!known && ' · new'}
              </span>
              {e.aliases.length > 0 && <span className="sg-entity-aliases">Also: {e.aliases.join(', ')}</span>}
            </div>
            {known ? (
              <button type="button" className="button button-small" aria-label={`Open ${known.name} (in notebook)`} onClick={() => onOpenEntity(known.id)}>
                <span aria-hidden="true">✓</span> In notebook
              </button>
            ) : (
              <button type="button" className="button button-small" aria-label={`Add entity ${e.name}`} disabled={readOnly || busy} onClick={() => onAdd(e)}>
                Add entity
              </button>
            )}
          </li>
        );
      })}
    </ul>
  );
}
