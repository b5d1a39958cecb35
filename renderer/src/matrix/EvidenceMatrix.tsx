// The evidence matrix: claims (rows) × the sources that hold evidence for them (columns), each
// cell the relations of that source's excerpts to that claim. A cell opens its excerpts below the
// table. On a big notebook it lays out the claims with the most evidence (or those a filter finds)
// and their busiest sources, says what it leaves out, and shows more on request. Only shows; never
// changes the notebook.
import './matrix.css';
import { useDeferredValue, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { cellKey } from '../../../notebook/common/analysis.js';
import { RELIABILITY, type Claim, type Id, type Source } from '../../../notebook/common/model.js';
import { RelationLabel } from '../claims/RelationLabel.js';
import { RELATION_ICON } from '../claims/relations.js';
import { libraryIndex } from '../library/library-index.js';
import { formatCount, plural } from '../ui/format.js';
import type { ViewProps } from '../views/views.js';
import { cellExcerpts, cellName, COLUMN_PAGE, GRID_KEYS, hasSourceEvidence, matrixWindow, nextCell, relationCounts, ROW_PAGE, summaryLine, type GridKey } from './matrix-model.js';

interface Selected {
  claimId: Id;
  sourceId: Id;
}

export function EvidenceMatrix({ notebook, revision, inspectedClaimId, onInspectClaim, onShowExcerpt, onOpenSource }: ViewProps) {
  const id = useId();
  const [grouped, setGrouped] = useState(true);
  const [selected, setSelected] = useState<Selected | null>(null);
  const [text, setText] = useState('');
  const [rows, setRows] = useState(ROW_PAGE);
  const [columns, setColumns] = useState(COLUMN_PAGE);
  // Typing in the filter stays responsive on a big notebook: the rows follow a moment later.
  const appliedText = useDeferredValue(text);
  const tableRef = useRef<HTMLTableElement>(null);

  // The notebook is changed in place; `revision` says when. The library index keeps the links by
  // claim up to date per change, so a change costs a pass over the claims' evidence counts and the
  // links of the claims shown, never a walk over every link.
  const lookup = libraryIndex(notebook);
  const hasEvidence = useMemo(() => {
    void revision;
    return hasSourceEvidence(notebook, lookup);
  }, [notebook, lookup, revision]);
  const matrix = useMemo(() => {
    void revision;
    return matrixWindow(notebook, lookup, { grouped, text: appliedText, rows, columns });
  }, [notebook, lookup, revision, grouped, appliedText, rows, columns]);
  const { groups, sources } = matrix;

  const rowClaims = groups.flatMap((g) => g.claims);
  // Which cells hold a button, for the arrow keys: column 0 is the claim, then one per shown source.
  const focusable = rowClaims.map((claim) => [true, ...sources.map((s) => matrix.cells.has(cellKey(claim.id, s.id)))]);
  // The open cell's links, from all the evidence: it stays open while rows and columns come and go.
  const selectedLinks = selected
    ? lookup.linksInto(selected.claimId).filter((link) => link.fromKind === 'excerpt' && notebook.excerpts[link.fromId]?.sourceId === selected.sourceId)
    : undefined;

  const onGridKeyDown = (event: KeyboardEvent<HTMLTableElement>) => {
    if (!GRID_KEYS.includes(event.key) || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    const at = (event.target as HTMLElement).closest<HTMLElement>('[data-cell]')?.dataset.cell;
    if (!at) return;
    const [row, col] = at.split(':').map(Number) as [number, number];
    const next = nextCell(focusable, row, col, event.key as GridKey);
    event.preventDefault();
    if (next) tableRef.current?.querySelector<HTMLElement>(`[data-cell="${next[0]}:${next[1]}"]`)?.focus();
  };

  // Another filter is another set of rows: it starts again at one page of each.
  const changeText = (value: string) => {
    setText(value);
    setRows(ROW_PAGE);
    setColumns(COLUMN_PAGE);
  };
  // The filter is offered only where the matrix cannot show everything: a small notebook looks as it always did.
  const offerFilter = text !== '' || matrix.totalClaims > ROW_PAGE || matrix.rowSources > COLUMN_PAGE;
  const moreClaims = matrix.matchingClaims - matrix.shownClaims;
  const moreSources = matrix.rowSources - sources.length;

  const claimantName = (claim: Claim) => (claim.claimantId ? notebook.entities[claim.claimantId]?.name : undefined);
  // Each group's first row number, so every button knows its place in the grid.
  const firstRow: number[] = [];
  groups.reduce((n, group, g) => ((firstRow[g] = n), n + group.claims.length), 0);

  return (
    <main className="pane view matrix-view" aria-label="Evidence matrix">
      <div className="view-head">
        <h2>Evidence matrix</h2>
        {hasEvidence && (
          <p className="view-summary" aria-live="polite">
            {summaryLine(matrix)}
          </p>
        )}
        {hasEvidence && (
          <div className="matrix-controls">
            {offerFilter && (
              <span className="matrix-filter">
                <label htmlFor={`${id}-filter`}>Filter claims</label>
                <input
                  id={`${id}-filter`}
                  type="search"
                  value={text}
                  onChange={(e) => changeText(e.target.value)}
                  placeholder="Words to find"
                  autoComplete="off"
                  spellCheck={false}
                />
              </span>
            )}
            <label className="check-label">
              <input type="checkbox" checked={grouped} onChange={(e) => setGrouped(e.target.checked)} />
              Group by proposition
            </label>
          </div>
        )}
      </div>
      {!hasEvidence ? (
        <div className="view-body">
          <div className="empty-state empty-state-small">
            <h3>No evidence to lay out yet</h3>
            <p>
              {matrix.totalClaims === 0
                ? 'Record a claim, then link excerpts of your sources to it: each claim becomes a row, each source a column.'
                : 'Link excerpts of your sources to the claims: each source that holds evidence becomes a column.'}
            </p>
          </div>
        </div>
      ) : matrix.shownClaims === 0 ? (
        <div className="view-body">
          <div className="empty-state empty-state-small">
            <h3>No claims match “{appliedText.trim()}”</h3>
            <p>The filter looks for every word in a claim’s statement, its proposition or its claimant’s name.</p>
            <button type="button" className="button" onClick={() => changeText('')}>
              Clear the filter
            </button>
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
                  {sources.map((source) => (
                    <SourceHead key={source.id} source={source} onOpenSource={onOpenSource} />
                  ))}
                </tr>
              </thead>
              {groups.map((group, g) => (
                <tbody key={group.key} className="matrix-group">
                  {(group.statement !== null || groups.length > 1) && (
                    <tr className="matrix-group-row">
                      <th scope="rowgroup" colSpan={sources.length + 1}>
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
                    const hidden = matrix.hiddenLinks.get(claim.id) ?? 0;
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
                            {hidden > 0 && <span className="matrix-claim-meta matrix-claim-hidden">{plural(hidden, 'more link')} in sources not shown</span>}
                          </button>
                        </th>
                        {sources.map((source, s) => {
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
          {(moreClaims > 0 || moreSources > 0) && (
            <div className="matrix-more">
              {moreClaims > 0 && (
                <button type="button" className="button button-small" onClick={() => setRows((n) => n + ROW_PAGE)} aria-describedby={`${id}-more-claims`}>
                  Show more claims
                </button>
              )}
              {moreClaims > 0 && (
                <span id={`${id}-more-claims`} className="hint">
                  {formatCount(moreClaims)} not shown
                </span>
              )}
              {moreSources > 0 && (
                <button type="button" className="button button-small" onClick={() => setColumns((n) => n + COLUMN_PAGE)} aria-describedby={`${id}-more-sources`}>
                  Show more sources
                </button>
              )}
              {moreSources > 0 && (
                <span id={`${id}-more-sources`} className="hint">
                  {formatCount(moreSources)} not shown
                </span>
              )}
            </div>
          )}
          <p id={`${id}-how`} className="hint matrix-hint">
            Each cell counts the excerpts of a source linked to a claim, by relation. Open a cell to read them; arrow keys move between cells.
            {moreClaims > 0 && ' To find a claim that is not shown, filter the claims above.'}
          </p>
          <section id={`${id}-detail`} className="matrix-detail" aria-labelledby={`${id}-detail-title`} hidden={!selected || !selectedLinks?.length}>
            {selected && selectedLinks && selectedLinks.length > 0 && (
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
