// The evidence matrix: claims (rows) × the sources that hold evidence for them (columns), each
// cell the relations of that source's excerpts to that claim. A cell opens its excerpts below the
// table. Only shows; never changes the notebook.
import './matrix.css';
import { useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { cellKey, evidenceMatrix } from '../../../notebook/common/analysis.js';
import { RELIABILITY, type Claim, type Id, type Source } from '../../../notebook/common/model.js';
import { RelationLabel } from '../claims/RelationLabel.js';
import { RELATION_ICON } from '../claims/relations.js';
import { plural } from '../ui/format.js';
import type { ViewProps } from '../views/views.js';
import { cellExcerpts, cellName, GRID_KEYS, nextCell, relationCounts, rowGroups, type GridKey } from './matrix-model.js';

interface Selected {
  claimId: Id;
  sourceId: Id;
}

export function EvidenceMatrix({ notebook, revision, inspectedClaimId, onInspectClaim, onShowExcerpt, onOpenSource }: ViewProps) {
  const id = useId();
  const [grouped, setGrouped] = useState(true);
  const [selected, setSelected] = useState<Selected | null>(null);
  const tableRef = useRef<HTMLTableElement>(null);

  const { matrix, groups } = useMemo(() => {
    void revision;
    const matrix = evidenceMatrix(notebook);
    return { matrix, groups: rowGroups(notebook, matrix, grouped) };
  }, [notebook, revision, grouped]);

  const rows = groups.flatMap((g) => g.claims);
  // Which cells hold a button, for the arrow keys: column 0 is the claim, then one per source.
  const focusable = rows.map((claim) => [true, ...matrix.sources.map((s) => matrix.cells.has(cellKey(claim.id, s.id)))]);
  const selectedLinks = selected ? matrix.cells.get(cellKey(selected.claimId, selected.sourceId)) : undefined;

  const onGridKeyDown = (event: KeyboardEvent<HTMLTableElement>) => {
    if (!GRID_KEYS.includes(event.key) || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    const at = (event.target as HTMLElement).closest<HTMLElement>('[data-cell]')?.dataset.cell;
    if (!at) return;
    const [row, col] = at.split(':').map(Number) as [number, number];
    const next = nextCell(focusable, row, col, event.key as GridKey);
    event.preventDefault();
    if (next) tableRef.current?.querySelector<HTMLElement>(`[data-cell="${next[0]}:${next[1]}"]`)?.focus();
  };

  const claimantName = (claim: Claim) => (claim.claimantId ? notebook.entities[claim.claimantId]?.name : undefined);
  // Each group's first row number, so every button knows its place in the grid.
  const firstRow = groups.map((_, g) => groups.slice(0, g).reduce((n, group) => n + group.claims.length, 0));

  return (
    <main className="pane view matrix-view" aria-label="Evidence matrix">
      <div className="view-head">
        <h2>Evidence matrix</h2>
        {matrix.sources.length > 0 && (
          <p className="view-summary">
            {plural(matrix.claims.length, 'claim')} × {plural(matrix.sources.length, 'source')}
          </p>
        )}
        {matrix.sources.length > 0 && (
          <label className="check-label">
            <input type="checkbox" checked={grouped} onChange={(e) => setGrouped(e.target.checked)} />
            Group by proposition
          </label>
        )}
      </div>
      {matrix.sources.length === 0 ? (
        <div className="view-body">
          <div className="empty-state empty-state-small">
            <h3>No evidence to lay out yet</h3>
            <p>
              {matrix.claims.length === 0
                ? 'Record a claim, then link excerpts of your sources to it: each claim becomes a row, each source a column.'
                : 'Link excerpts of your sources to the claims: each source that holds evidence becomes a column.'}
            </p>
          </div>
        </div>
      ) : (
        <div className="view-body matrix-body">
          <div className="matrix-scroll">
            <table ref={tableRef} className="matrix-table" aria-describedby={`${id}-how`} onKeyDown={onGridKeyDown}>
              <caption className="visually-hidden">Claims against the sources that hold evidence for them</caption>
              <thead>
                <tr>
                  <th scope="col" className="matrix-corner">
                    Claim
                  </th>
                  {matrix.sources.map((source) => (
                    <SourceHead key={source.id} source={source} onOpenSource={onOpenSource} />
                  ))}
                </tr>
              </thead>
              {groups.map((group, g) => (
                <tbody key={group.key} className="matrix-group">
                  {(group.statement !== null || groups.length > 1) && (
                    <tr className="matrix-group-row">
                      <th scope="rowgroup" colSpan={matrix.sources.length + 1}>
                        <span className="matrix-group-head">
                          {group.statement === null ? (
                            <span className="matrix-group-title muted">Claims not grouped under a proposition</span>
                          ) : (
                            <>
                              <span className="matrix-group-title">{group.statement}</span>
                              <span className="matrix-group-counts">
                                {group.asserts} {group.asserts === 1 ? 'asserts' : 'assert'} · {group.denies} {group.denies === 1 ? 'denies' : 'deny'}
                              </span>
                              {group.contradicted && (
                                <span className="contradicted-flag">
                                  <span aria-hidden="true">{RELATION_ICON.contradicts}</span> Contradicted
                                </span>
                              )}
                            </>
                          )}
                        </span>
                      </th>
                    </tr>
                  )}
                  {group.claims.map((claim, i) => {
                    const r = firstRow[g]! + i;
                    const claimant = claimantName(claim);
                    return (
                      <tr key={claim.id}>
                        <th scope="row" className={claim.id === inspectedClaimId ? 'matrix-claim is-inspected' : 'matrix-claim'}>
                          <button
                            type="button"
                            className="matrix-claim-button"
                            data-cell={`${r}:0`}
                            aria-current={claim.id === inspectedClaimId ? 'true' : undefined}
                            onClick={() => onInspectClaim(claim.id)}
                          >
                            <span className="matrix-claim-statement">{claim.statement}</span>
                            <span className="matrix-claim-meta">
                              {claimant ?? 'Claimant not recorded'} · {claim.polarity}
                            </span>
                          </button>
                        </th>
                        {matrix.sources.map((source, s) => {
                          const links = matrix.cells.get(cellKey(claim.id, source.id));
                          if (!links) return <td key={source.id} className="matrix-cell-empty" />;
                          const isSelected = selected?.claimId === claim.id && selected.sourceId === source.id;
                          return (
                            <td key={source.id} className="matrix-cell">
                              <button
                                type="button"
                                className="matrix-cell-button"
                                data-cell={`${r}:${s + 1}`}
                                aria-pressed={isSelected}
                                aria-controls={`${id}-detail`}
                                onClick={() => setSelected(isSelected ? null : { claimId: claim.id, sourceId: source.id })}
                              >
                                {/* Read out whole (place, then counts); what is seen says the same in lines with icons. */}
                                <span className="visually-hidden">{cellName(claim.statement, source.title, links)}</span>
                                <span aria-hidden="true" className="matrix-cell-lines">
                                  {relationCounts(links).map(({ relation, count }) => (
                                    <span key={relation} className="matrix-cell-line">
                                      <span className="matrix-cell-count">{count}</span> <RelationLabel relation={relation} />
                                    </span>
                                  ))}
                                </span>
                              </button>
                            </td>
                          );
                        })}
                      </tr>
                    );
                  })}
                </tbody>
              ))}
            </table>
          </div>
          <p id={`${id}-how`} className="hint matrix-hint">
            Each cell counts the excerpts of a source linked to a claim, by relation. Open a cell to read them; arrow keys move between cells.
          </p>
          <section id={`${id}-detail`} className="matrix-detail" aria-labelledby={`${id}-detail-title`} hidden={!selected || !selectedLinks}>
            {selected && selectedLinks && (
              <CellDetail
                titleId={`${id}-detail-title`}
                claim={notebook.claims[selected.claimId]!}
                source={notebook.sources[selected.sourceId]!}
                excerpts={cellExcerpts(notebook, selectedLinks)}
                onShowExcerpt={onShowExcerpt}
                onClose={() => setSelected(null)}
              />
            )}
          </section>
        </div>
      )}
    </main>
  );
}

function SourceHead({ source, onOpenSource }: { source: Source; onOpenSource: (id: Id) => void }) {
  const grade = source.reliability?.grade;
  return (
    <th scope="col" className="matrix-source">
      <button type="button" className="link-button matrix-source-title" onClick={() => onOpenSource(source.id)}>
        {source.title}
      </button>
      {source.publisher && <span className="matrix-source-meta">{source.publisher}</span>}
      <span className="matrix-source-meta">
        {grade ? (
          <>
            <span className="matrix-grade">{grade}</span> {RELIABILITY[grade]}
          </>
        ) : (
          'Reliability not graded'
        )}
      </span>
    </th>
  );
}

function CellDetail({
  titleId,
  claim,
  source,
  excerpts,
  onShowExcerpt,
  onClose,
}: {
  titleId: string;
  claim: Claim;
  source: Source;
  excerpts: ReturnType<typeof cellExcerpts>;
  onShowExcerpt: (id: Id) => void;
  onClose: () => void;
}) {
  return (
    <>
      <div className="matrix-detail-head">
        <h3 id={titleId}>
          {plural(excerpts.length, 'excerpt')} of “{source.title}” on “{claim.statement}”
        </h3>
        <button type="button" className="button button-small" onClick={onClose}>
          Close
        </button>
      </div>
      <ul className="link-list matrix-excerpts" aria-label="Excerpts in this cell">
        {excerpts.map(({ link, excerpt, page }) => (
          <li key={link.id}>
            <button type="button" className="link-item" onClick={() => onShowExcerpt(excerpt.id)}>
              <span className="matrix-excerpt-meta">
                <RelationLabel relation={link.relation} />
                {link.strength && <span className="muted">{link.strength}</span>}
                {page !== undefined && <span className="muted">p. {page}</span>}
              </span>
              <span className="link-text link-quote">{excerpt.selectors.quote.exact}</span>
              {link.rationale && <span className="link-source">{link.rationale}</span>}
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}
