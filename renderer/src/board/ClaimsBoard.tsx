// The claims board: every live claim grouped by proposition, what is asserted beside what is
// denied, filtered by claimant, status, tag, grades and words. Reads the notebook; never changes it.
import './board.css';
import { useCallback, useDeferredValue, useEffect, useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { Id, Notebook } from '../../../notebook/common/model.js';
import { weightsExplanation } from '../claims/grading.js';
import { ContradictedFlag, POLARITY_ICON } from '../claims/PolarityLabel.js';
import { plural } from '../ui/format.js';
import { NoteEditor } from '../ui/NoteEditor.js';
import type { ViewProps } from '../views/views.js';
import { libraryIndex } from '../library/library-index.js';
import { BOARD_PAGE, boardHead, boardPage, buildBoard, isFiltered, limitShowing, NO_FILTER, pageClaimIds, pageLinks, type BoardCard, type BoardFilter, type LooseCard, type PageGroup } from './board-model.js';
import { BoardFilters } from './BoardFilters.js';
import { ClaimCard, type CardActions, type ClaimCardProps } from './ClaimCard.js';

/** A proposition to bring into view (a search hit, a restore); a new nonce asks again. */
export interface BoardReveal {
  propositionId: Id;
  nonce: number;
}

export function ClaimsBoard({ notebook, revision, readOnly, inspectedClaimId, onInspectClaim, onShowExcerpt, onOpenEntity, reveal }: ViewProps & { reveal?: BoardReveal | null }) {
  const [filter, setFilterState] = useState<BoardFilter>(NO_FILTER);
  const [limit, setLimit] = useState(BOARD_PAGE);
  // Another filter is another list: it starts again at one page.
  const setFilter = (next: BoardFilter) => {
    setFilterState(next);
    setLimit(BOARD_PAGE);
  };
  const [openEvidence, setOpenEvidence] = useState<ReadonlySet<Id>>(() => new Set());
  // Typing in the filter box stays responsive on a big board: the cards follow a moment later.
  const appliedFilter = useDeferredValue(filter);

  // The notebook is changed in place; `revision` says when. A filter is the analyst asking for a
  // scan of every claim; without one only what the page shows is read, from the library index.
  const headLimit = isFiltered(appliedFilter) ? 0 : limit;
  const board = useMemo(() => {
    void revision;
    return headLimit ? boardHead(notebook, libraryIndex(notebook), headLimit) : buildBoard(notebook, appliedFilter);
  }, [notebook, revision, appliedFilter, headLimit]);
  const page = useMemo(() => boardPage(board, limit), [board, limit]);
  // Only the cards on the page count their evidence: the links into their claims, from the library index.
  const index = useMemo(() => {
    const library = libraryIndex(notebook);
    return pageLinks(notebook, (id) => library.linksInto(id), pageClaimIds(page));
  }, [notebook, page]);

  // Bringing a proposition into view: render enough of the board to include its group (clearing
  // filters that hide it), then scroll to it once it is on screen.
  // Adjusted while rendering when a new reveal arrives (React's pattern for state that follows a prop).
  const [revealed, setRevealed] = useState<BoardReveal | null>(null);
  if (reveal && reveal.nonce !== revealed?.nonce) {
    setRevealed(reveal);
    // The whole board: the page's head may not reach the proposition.
    let needed = limitShowing(buildBoard(notebook, appliedFilter), reveal.propositionId, limit);
    if (needed === null && isFiltered(filter)) {
      needed = limitShowing(buildBoard(notebook, NO_FILTER), reveal.propositionId, BOARD_PAGE);
      if (needed !== null) setFilterState(NO_FILTER);
    }
    if (needed !== null) setLimit(needed);
  }
  const scrolled = useRef(0);
  useEffect(() => {
    if (!revealed || scrolled.current === revealed.nonce) return;
    const section = document.querySelector(`section[data-proposition-id="${CSS.escape(revealed.propositionId)}"]`);
    if (!section) return;
    section.scrollIntoView({ block: 'start' });
    scrolled.current = revealed.nonce;
  }, [revealed, page]);

  // The window's callbacks change every render; the cards get stable ones so each re-renders only when its own claim does.
  const latest = useRef({ onInspectClaim, onShowExcerpt, onOpenEntity });
  useLayoutEffect(() => {
    latest.current = { onInspectClaim, onShowExcerpt, onOpenEntity };
  });
  const toggleEvidence = useCallback((claimId: Id) => {
    setOpenEvidence((open) => {
      const next = new Set(open);
      if (!next.delete(claimId)) next.add(claimId);
      return next;
    });
  }, []);
  const actions = useMemo<CardActions>(
    () => ({
      inspectClaim: (claimId) => latest.current.onInspectClaim(claimId),
      showExcerpt: (excerptId) => latest.current.onShowExcerpt(excerptId),
      openEntity: (entityId) => latest.current.onOpenEntity(entityId),
      toggleEvidence,
    }),
    [toggleEvidence],
  );

  const filtered = isFiltered(filter);
  // What the cards show may trail the controls by a moment (useDeferredValue): counts follow the cards.
  const shownFiltered = isFiltered(appliedFilter);
  const clear = () => setFilter(NO_FILTER);
  const cardProps = (card: BoardCard) => ({
    notebook,
    index,
    card,
    current: card.claim.id === inspectedClaimId,
    evidenceOpen: openEvidence.has(card.claim.id),
    actions,
  });

  return (
    <main className="pane view board" aria-label="Claims board">
      <div className="view-head board-head">
        <h2>Claims board</h2>
        <p className="board-count" role="status">
          {shownFiltered ? `${board.shown} of ${plural(board.total, 'claim')} shown` : plural(board.total, 'claim')}
        </p>
        {board.total > 0 && (
          <>
            <button type="button" className="button button-small board-clear" onClick={clear} disabled={!filtered}>
              Clear filters
            </button>
            <BoardFilters notebook={notebook} revision={revision} filter={filter} onChange={setFilter} />
          </>
        )}
      </div>
      <div className="view-body board-body">
        {board.total === 0 ? (
          <div className="empty-state empty-state-small">
            <h3>No claims yet</h3>
            <p>
              Claims appear here grouped by what they are about, each assertion beside its denial. Open a source in the Reader, select a passage and use Save
              excerpt, then Link to claim — or write a claim with New claim in the library.
            </p>
          </div>
        ) : board.shown === 0 ? (
          <div className="empty-state empty-state-small">
            <h3>No claims match these filters</h3>
            <p>Loosen a filter above, or clear them all to see every claim again.</p>
            <button type="button" className="button" onClick={clear}>
              Show all claims
            </button>
          </div>
        ) : (
          <>
            <details className="hint board-legend">
              <summary>Evidence figures in brackets are weighted by source grades and link strength.</summary>
              {weightsExplanation().map((line) => (
                <p key={line}>{line}</p>
              ))}
            </details>
            {page.groups.map((group) => (
              <PropositionSection key={group.key} notebook={notebook} readOnly={readOnly} group={group} cardProps={cardProps} filtered={shownFiltered} />
            ))}
            {page.loose.length > 0 && <LooseSection cards={page.loose} total={board.looseCount} cardProps={cardProps} hasGroups={board.groupCount > 0} />}
            {page.more > 0 && (
              <div className="board-more">
                <p className="hint">{plural(page.more, 'more claim')} not shown yet.</p>
                <button type="button" className="button" onClick={() => setLimit((n) => n + BOARD_PAGE)}>
                  Show more claims
                </button>
              </div>
            )}
          </>
        )}
      </div>
    </main>
  );
}

type CardPropsOf = (card: BoardCard) => Omit<ClaimCardProps, 'contradicted'>;

function PropositionSection({ notebook, readOnly, group, cardProps, filtered }: { notebook: Notebook; readOnly: boolean; group: PageGroup; cardProps: CardPropsOf; filtered: boolean }) {
  const id = useId();
  const shown = group.asserting.length + group.denying.length + group.moreAsserting + group.moreDenying;
  return (
    <section className="board-group" aria-labelledby={`${id}-title`} data-proposition-id={group.proposition.id} data-contradicted={group.contradicted || undefined}>
      <div className="board-group-head">
        <p className="board-kicker">Proposition</p>
        <h3 id={`${id}-title`}>{group.proposition.statement}</h3>
        <p className="board-group-meta">
          {group.contradicted && <ContradictedFlag />}
          <span>{filtered && shown < group.total ? `${shown} of ${plural(group.total, 'claim')} shown` : plural(group.total, 'claim')}</span>
        </p>
      </div>
      <div className="board-columns">
        <PolarityColumn polarity="asserts" heading="Asserting" cards={group.asserting} more={group.moreAsserting} cardProps={cardProps} filtered={filtered} />
        <PolarityColumn polarity="denies" heading="Denying" cards={group.denying} more={group.moreDenying} cardProps={cardProps} filtered={filtered} />
      </div>
      <div className="board-group-note">
        <NoteEditor notebook={notebook} target={{ kind: 'proposition', id: group.proposition.id }} readOnly={readOnly} title="Note on the proposition" label={`Note on the proposition: ${group.proposition.statement}`} headingLevel={4} headingClassName="board-note-head" rows={4} />
      </div>
    </section>
  );
}

function PolarityColumn({
  polarity,
  heading,
  cards,
  more,
  cardProps,
  filtered,
}: {
  polarity: 'asserts' | 'denies';
  heading: string;
  cards: BoardCard[];
  /** Cards of the column beyond the page. */
  more: number;
  cardProps: CardPropsOf;
  filtered: boolean;
}) {
  const id = useId();
  return (
    <div className={`board-column board-column-${polarity}`}>
      <h4 id={`${id}-head`} className="board-column-head">
        <span aria-hidden="true" className="polarity-icon">
          {POLARITY_ICON[polarity]}
        </span>
        {heading} <span className="board-column-count">({(cards.length + more).toLocaleString('en')})</span>
      </h4>
      {cards.length > 0 ? (
        <>
          <ul className="board-card-list" aria-labelledby={`${id}-head`}>
            {cards.map((card) => (
              <ClaimCard key={card.claim.id} {...cardProps(card)} />
            ))}
          </ul>
          {more > 0 && <p className="view-cut">+ {more.toLocaleString('en')} more {polarity === 'asserts' ? 'asserting' : 'denying'}</p>}
        </>
      ) : more > 0 ? (
        <p className="view-cut">+ {more.toLocaleString('en')} more {polarity === 'asserts' ? 'asserting' : 'denying'}</p>
      ) : (
        <p className="empty board-column-empty">{polarity === 'asserts' ? 'No claim asserts it' : 'No claim denies it'}{filtered ? ' among those shown.' : ' yet.'}</p>
      )}
    </div>
  );
}

function LooseSection({ cards, total, cardProps, hasGroups }: { cards: LooseCard[]; total: number; cardProps: CardPropsOf; hasGroups: boolean }) {
  const id = useId();
  return (
    <section className="board-group board-loose" aria-labelledby={`${id}-title`}>
      <div className="board-group-head">
        <h3 id={`${id}-title`}>{hasGroups ? 'Claims without a proposition' : 'Claims'}</h3>
        <p className="board-group-meta">
          <span>{plural(total, 'claim')}</span>
        </p>
      </div>
      <p className="hint board-loose-hint">Each stands alone until it is grouped with the claims about the same proposition, where its assertion or denial sits beside the others.</p>
      <ul className="board-card-list board-card-grid" aria-labelledby={`${id}-title`}>
        {cards.map((card) => (
          <ClaimCard key={card.claim.id} {...cardProps(card)} contradicted={card.contradicted} />
        ))}
      </ul>
    </section>
  );
}
