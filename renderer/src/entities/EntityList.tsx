// The library's third list: the notebook's live entities (claimants, and whoever the sources
// mention), each a button that opens its page, and New entity. Lists only what is live.
import './entities.css';
import { useId, useMemo, useState } from 'react';
import type { Id, Notebook } from '../../../notebook/common/model.js';
import { SectionHead } from '../ui/SectionHead.js';
import { plural } from '../ui/format.js';
import { entityRows } from './entity-ops.js';
import { NewEntityDialog } from './NewEntityDialog.js';

export interface EntityListProps {
  notebook: Notebook;
  revision: number;
  readOnly: boolean;
  /** The entity whose page is open, if any. */
  openEntityId: Id | null;
  onOpenEntity: (id: Id) => void;
}

export function EntityList({ notebook, revision, readOnly, openEntityId, onOpenEntity }: EntityListProps) {
  const id = useId();
  const [creating, setCreating] = useState(false);
  const rows = useMemo(() => {
    void revision;
    return entityRows(notebook);
  }, [notebook, revision]);

  return (
    <section className="library-section library-entities">
      <SectionHead labelId={`${id}-entities`} label="Entities" count={rows.length}>
        <button type="button" className="button button-small" onClick={() => setCreating(true)} disabled={readOnly}>
          <span aria-hidden="true">+ </span>New entity
        </button>
      </SectionHead>
      <ul className="item-list entity-list" aria-labelledby={`${id}-entities`}>
        {rows.map(({ entity, claims }) => {
          const count = claims ? plural(claims, 'claim') : 'no claims';
          return (
            <li key={entity.id}>
              <button
                type="button"
                className="item entity-item"
                aria-current={entity.id === openEntityId ? 'true' : undefined}
                onClick={() => onOpenEntity(entity.id)}
              >
                <span className="entity-item-name">{entity.name}</span>
                <span className="item-meta entity-item-meta">
                  <span className="item-meta-main">{entity.kind}</span>
                  <span className="item-meta-count">{count}</span>
                </span>
              </button>
            </li>
          );
        })}
      </ul>
      {rows.length === 0 && <p className="empty">No entities yet. Name a claimant in a claim, or add a person, state or outlet with New entity.</p>}
      {creating && (
        <NewEntityDialog
          notebook={notebook}
          onCancel={() => setCreating(false)}
          onCreated={(entityId) => {
            setCreating(false);
            onOpenEntity(entityId);
          }}
        />
      )}
    </section>
  );
}
