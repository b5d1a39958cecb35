// The library pane: the notebook's sources and claims, each a button that opens it, and the two
// ways in: Add source, New claim. On top, the notebook's note and a filter by tag (hierarchical:
// "weapons" shows what is tagged weapons/artillery too). Lists only what is live (not in the trash).
import { SectionHead } from '../ui/SectionHead.js';
import './library.css';
import { useId, useMemo, useState } from 'react';
import type { Id, Notebook } from '../../../notebook/common/model.js';
import { hasTagUnder, sourcesUnderTag } from '../../../notebook/common/tags.js';
import { EntityList } from '../entities/EntityList.js';
import { reliabilityLabel } from '../inspector/source-edit.js';
import { prefetchSourceText } from '../state.js';
import { tagFilterChoices } from '../tags/tag-suggest.js';
import { formatLooseDate, plural } from '../ui/format.js';
import { VirtualList } from '../ui/VirtualList.js';
import { libraryIndex } from './library-index.js';

/** Rows' heights before they are measured: a title line and a metadata line; a claim's statement often takes two. */
const SOURCE_ROW_PX = 52;
const CLAIM_ROW_PX = 70;

export interface LibraryProps {
  notebook: Notebook;
  /** Changes whenever the notebook does (it is changed in place). */
  revision: number;
  readOnly: boolean;
  openSourceId: Id | null;
  inspectedClaimId: Id | null;
  onOpenSource: (id: Id) => void;
  onInspectClaim: (id: Id) => void;
  onAddSource: () => void;
  onNewClaim: () => void;
  openEntityId: Id | null;
  onOpenEntity: (id: Id) => void;
  /** Opens the notebook's own note; without it, the button is not shown. */
  onOpenNotebookNote?: () => void;
}

export function Library(props: LibraryProps) {
  const { notebook, revision, readOnly, openSourceId, inspectedClaimId, onOpenSource, onInspectClaim, onAddSource, onNewClaim, openEntityId, onOpenEntity, onOpenNotebookNote } = props;
  const id = useId();
  // The tag the lists are filtered by ('' for none). A source is shown when it, or one of its
  // excerpts, has the tag: an analyst filtering by "weapons" wants the sources the weapons passages are in.
  const [tag, setTag] = useState('');
  // Kept current from each applied operation (library-index.ts): nothing here walks the whole
  // notebook on a change, except the tag filter's choices when a tag may have changed.
  const index = libraryIndex(notebook);
  const { excerptCounts, evidenceCounts, tagsVersion } = index;
  const { sourceIds, claimIds } = useMemo(() => {
    void revision;
    if (!tag) return { sourceIds: [...index.sourceIds], claimIds: [...index.claimIds] };
    const tagged = sourcesUnderTag(notebook, tag, true);
    return {
      sourceIds: index.sourceIds.filter((id) => tagged.has(id)),
      claimIds: index.claimIds.filter((id) => hasTagUnder(notebook.claims[id]!.tags, tag)),
    };
  }, [notebook, revision, tag, index]);
  const tagChoices = useMemo(() => {
    void tagsVersion;
    return tagFilterChoices(notebook, tag);
  }, [notebook, tagsVersion, tag]);
  const openSourceIndex = openSourceId ? sourceIds.indexOf(openSourceId) : -1;
  const inspectedClaimIndex = inspectedClaimId ? claimIds.indexOf(inspectedClaimId) : -1;

  return (
    <aside className="pane library" aria-label="Library">
      <h2 className="visually-hidden">Library</h2>
      <div className="library-top">
        {onOpenNotebookNote && (
          <button type="button" className="button button-small library-note-button" onClick={onOpenNotebookNote}>
            <span aria-hidden="true">✎ </span>Notebook note
          </button>
        )}
        {(tagChoices.length > 0 || tag) && (
          <div className="library-tag-filter">
            <label htmlFor={`${id}-tag`}>Filter by tag</label>
            <select id={`${id}-tag`} value={tag} onChange={(e) => setTag(e.target.value)} aria-describedby={`${id}-tag-hint`}>
              <option value="">All sources and claims</option>
              {tagChoices.map((choice) => (
                // Indented under its parent; the whole path is what a screen reader reads.
                <option key={choice.path} value={choice.path} title={choice.detail}>
                  {'\u00a0\u00a0'.repeat(choice.depth) + choice.label}
                </option>
              ))}
            </select>
            {tag ? (
              <p id={`${id}-tag-hint`} className="library-filter-note">
                <span>
                  Showing sources and claims tagged <strong>{tag}</strong> or a tag under it, and sources with an excerpt so tagged.
                </span>
                <button type="button" className="link-button" onClick={() => setTag('')}>
                  Clear filter
                </button>
              </p>
            ) : (
              <span id={`${id}-tag-hint`} className="visually-hidden">
                A tag also shows what is tagged under it; a source shows when one of its excerpts has the tag.
              </span>
            )}
          </div>
        )}
      </div>
      <section className="library-section library-sources">
        <SectionHead labelId={`${id}-sources`} label="Sources" count={sourceIds.length}>
          <button type="button" className="button button-small" onClick={onAddSource} disabled={readOnly}>
            <span aria-hidden="true">+ </span>Add source
          </button>
        </SectionHead>
        <VirtualList
          className="item-scroll"
          listClassName="item-list"
          labelledBy={`${id}-sources`}
          count={sourceIds.length}
          keyOf={(i) => sourceIds[i]!}
          currentIndex={openSourceIndex}
          estimateSize={SOURCE_ROW_PX}
          renderRow={(i, tabIndex) => {
            const source = notebook.sources[sourceIds[i]!]!;
            const n = excerptCounts.get(source.id) ?? 0;
            const origin = [source.publisher, formatLooseDate(source.dates.published?.value)].filter(Boolean).join(' · ');
            return (
              <button
                type="button"
                className="item"
                tabIndex={tabIndex}
                aria-current={source.id === openSourceId ? 'true' : undefined}
                onClick={() => onOpenSource(source.id)}
                // Pointing at or tabbing to a source starts fetching its text, so opening it usually finds it here.
                onPointerEnter={() => prefetchSourceText(source.id)}
                onFocus={() => prefetchSourceText(source.id)}
              >
                <span className="item-title">{source.title}</span>
                <span className="item-meta">
                  {source.reliability && (
                    <span role="img" className="grade-badge" aria-label={reliabilityLabel(source.reliability.grade)} title={reliabilityLabel(source.reliability.grade)}>
                      {source.reliability.grade}
                    </span>
                  )}
                  <span className="item-meta-main">{origin}</span>
                  <span className="item-meta-count">{plural(n, 'excerpt')}</span>
                </span>
              </button>
            );
          }}
        />
        {sourceIds.length === 0 &&
          (tag ? (
            <p className="empty">No source is tagged {tag}, nor has an excerpt so tagged.</p>
          ) : (
            <p className="empty">Add a source, or import files: drop them on the window, paste them, or use Import files… in the File menu.</p>
          ))}
      </section>
      <section className="library-section library-claims">
        <SectionHead labelId={`${id}-claims`} label="Claims" count={claimIds.length}>
          <button type="button" className="button button-small" onClick={onNewClaim} disabled={readOnly}>
            <span aria-hidden="true">+ </span>New claim
          </button>
        </SectionHead>
        <VirtualList
          className="item-scroll"
          listClassName="item-list"
          labelledBy={`${id}-claims`}
          count={claimIds.length}
          keyOf={(i) => claimIds[i]!}
          currentIndex={inspectedClaimIndex}
          estimateSize={CLAIM_ROW_PX}
          renderRow={(i, tabIndex) => {
            const claim = notebook.claims[claimIds[i]!]!;
            const claimant = claim.claimantId ? notebook.entities[claim.claimantId]?.name : undefined;
            const evidence = evidenceCounts.get(claim.id) ?? 0;
            return (
              <button
                type="button"
                className="item"
                tabIndex={tabIndex}
                aria-current={claim.id === inspectedClaimId ? 'true' : undefined}
                onClick={() => onInspectClaim(claim.id)}
              >
                <span className="item-title item-statement">{claim.statement}</span>
                <span className="item-meta">
                  <span className="item-meta-main">{[claimant, claim.polarity === 'denies' ? 'denies' : ''].filter(Boolean).join(' · ')}</span>
                  <span className="item-meta-count">{evidence ? plural(evidence, 'link') : 'no evidence'}</span>
                </span>
              </button>
            );
          }}
        />
        {claimIds.length === 0 && tag && <p className="empty">No claim is tagged {tag}.</p>}
        {claimIds.length === 0 && !tag && (
          <p className="empty">No claims yet. Select a passage in a source, save it as an excerpt, then link it to a claim — or write one with New claim.</p>
        )}
      </section>
      <EntityList notebook={notebook} revision={revision} readOnly={readOnly} openEntityId={openEntityId} onOpenEntity={onOpenEntity} />
    </aside>
  );
}
