// The library pane: the notebook's sources and claims, each a button that opens it, and the two
// ways in: Add source, New claim. On top, the notebook's note and a filter by tag (hierarchical:
// "weapons" shows what is tagged weapons/artillery too). Lists only what is live (not in the trash).
import { SectionHead } from '../ui/SectionHead.js';
import './library.css';
import { useId, useMemo, useState } from 'react';
import type { Id, Notebook } from '../../../notebook/common/model.js';
import { liveClaims, liveSources } from '../../../notebook/common/queries.js';
import { hasTagUnder, sourcesUnderTag } from '../../../notebook/common/tags.js';
import { EntityList } from '../entities/EntityList.js';
import { reliabilityLabel } from '../inspector/source-edit.js';
import { tagFilterChoices } from '../tags/tag-suggest.js';
import { formatLooseDate, plural } from '../ui/format.js';

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
  const { sources, excerptCounts, claims, evidenceCounts, tagChoices } = useMemo(() => {
    void revision;
    const excerptCounts = new Map<Id, number>();
    for (const e of Object.values(notebook.excerpts)) if (!e.deletedAt) excerptCounts.set(e.sourceId, (excerptCounts.get(e.sourceId) ?? 0) + 1);
    const evidenceCounts = new Map<Id, number>();
    for (const l of Object.values(notebook.links)) if (!l.deletedAt) evidenceCounts.set(l.toId, (evidenceCounts.get(l.toId) ?? 0) + 1);
    let sources = liveSources(notebook);
    let claims = liveClaims(notebook);
    if (tag) {
      const tagged = sourcesUnderTag(notebook, tag, true);
      sources = sources.filter((s) => tagged.has(s.id));
      claims = claims.filter((c) => hasTagUnder(c.tags, tag));
    }
    return { sources, excerptCounts, claims, evidenceCounts, tagChoices: tagFilterChoices(notebook, tag) };
  }, [notebook, revision, tag]);

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
        <SectionHead labelId={`${id}-sources`} label="Sources" count={sources.length}>
          <button type="button" className="button button-small" onClick={onAddSource} disabled={readOnly}>
            <span aria-hidden="true">+ </span>Add source
          </button>
        </SectionHead>
        <ul className="item-list" aria-labelledby={`${id}-sources`}>
          {sources.map((source) => {
            const n = excerptCounts.get(source.id) ?? 0;
            const origin = [source.publisher, formatLooseDate(source.dates.published?.value)].filter(Boolean).join(' · ');
            return (
              <li key={source.id}>
                <button
                  type="button"
                  className="item"
                  aria-current={source.id === openSourceId ? 'true' : undefined}
                  onClick={() => onOpenSource(source.id)}
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
              </li>
            );
          })}
        </ul>
        {sources.length === 0 &&
          (tag ? (
            <p className="empty">No source is tagged {tag}, nor has an excerpt so tagged.</p>
          ) : (
            <p className="empty">Add a source, or import files: drop them on the window, paste them, or use Import files… in the File menu.</p>
          ))}
      </section>
      <section className="library-section library-claims">
        <SectionHead labelId={`${id}-claims`} label="Claims" count={claims.length}>
          <button type="button" className="button button-small" onClick={onNewClaim} disabled={readOnly}>
            <span aria-hidden="true">+ </span>New claim
          </button>
        </SectionHead>
        <ul className="item-list" aria-labelledby={`${id}-claims`}>
          {claims.map((claim) => {
            const claimant = claim.claimantId ? notebook.entities[claim.claimantId]?.name : undefined;
            const evidence = evidenceCounts.get(claim.id) ?? 0;
            return (
              <li key={claim.id}>
                <button
                  type="button"
                  className="item"
                  aria-current={claim.id === inspectedClaimId ? 'true' : undefined}
                  onClick={() => onInspectClaim(claim.id)}
                >
                  <span className="item-title item-statement">{claim.statement}</span>
                  <span className="item-meta">
                    <span className="item-meta-main">{[claimant, claim.polarity === 'denies' ? 'denies' : ''].filter(Boolean).join(' · ')}</span>
                    <span className="item-meta-count">{evidence ? plural(evidence, 'link') : 'no evidence'}</span>
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
        {claims.length === 0 && tag && <p className="empty">No claim is tagged {tag}.</p>}
        {claims.length === 0 && !tag && (
          <p className="empty">No claims yet. Select a passage in a source, save it as an excerpt, then link it to a claim — or write one with New claim.</p>
        )}
      </section>
      <EntityList notebook={notebook} revision={revision} readOnly={readOnly} openEntityId={openEntityId} onOpenEntity={onOpenEntity} />
    </aside>
  );
}
