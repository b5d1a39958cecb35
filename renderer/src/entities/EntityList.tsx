// The library's third list: the notebook's live entities (claimants, and whoever the sources
// mention), each a button that opens its page, and New entity. Lists only what is live.
import './entities.css';
import { useId, useMemo, useState } from 'react';
import type { Id, Notebook } from '../../../notebook/common/model.js';
import { SectionHead } from '../ui/SectionHead.js';
import { plural } from '../ui/format.js';
import { libraryIndex } from '../library/library-index.js';
import { VirtualList } from '../ui/VirtualList.js';
import { NewEntityDialog } from './NewEntityDialog.js';

/** A row's height before it is measured: the name and its metadata on one line. */
const ENTITY_ROW_PX = 32;

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
  // Kept current from each applied operation (library-index.ts), in entityRows' order.
  const { claimCounts } = libraryIndex(notebook);
  const entityIds = useMemo(() => {
    void revision;
    return [...libraryIndex(notebook).entityIds];
  }, [notebook, revision]);

  return (
    <section className="library-section library-entities">
      <SectionHead labelId={`${id}-entities`} label="Entities" count={entityIds.length}>
        <button type="button" className="button button-small" onClick={() => setCreating(true)} disabled={readOnly}>
          <span aria-hidden="true">+ </span>New entity
        </button>
      </SectionHead>
      <VirtualList
        className="item-scroll"
        listClassName="item-list entity-list"
        labelledBy={`${id}-entities`}
        count={entityIds.length}
        keyOf={(i) => entityIds[i]!}
        currentIndex={openEntityId ? entityIds.indexOf(openEntityId) : -1}
        estimateSize={ENTITY_ROW_PX}
        renderRow={(i, tabIndex) => {
          const entity = notebook.entities[entityIds[i]!]!;
          const claims = claimCounts.get(entity.id) ?? 0;
          return (
            <button
              type="button"
              className="item entity-item"
              tabIndex={tabIndex}
              aria-current={entity.id === openEntityId ? 'true' : undefined}
              onClick={() => onOpenEntity(entity.id)}
            >
              <span className="entity-item-name">{entity.name}</span>
              <span className="item-meta entity-item-meta">
                <span className="item-meta-main">{entity.kind}</span>
                <span className="item-meta-count">{claims ? plural(claims, 'claim') : 'no claims'}</span>
              </span>
            </button>
          );
        }}
      />
      {entityIds.length === 0 && <p className="empty">No entities yet. Name a claimant in a claim, or add a person, state or outlet with New entity.</p>}
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
