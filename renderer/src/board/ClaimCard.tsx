// One claim on the claims board: who claims it and how it is graded, its evidence counted and
// weighted, and on request its evidence in context. Reads the notebook; never changes it.
import { memo, useId, type MouseEvent } from 'react';
import { attributionOf, tallyEvidence, type LinkIndex } from '../../../notebook/common/analysis.js';
import type { Id, Notebook } from '../../../notebook/common/model.js';
import { ContradictedFlag, PolarityLabel } from '../claims/PolarityLabel.js';
import { RelationLabel } from '../claims/RelationLabel.js';
import { RELATION_ICON } from '../claims/relations.js';
import { excerptPages } from '../reader/structure.js';
import { formatLooseDate } from '../ui/format.js';
import { assessmentText, credibilityText, evidenceItems, formatWeight, type BoardCard, type EvidenceItem } from './board-model.js';

/** What a card can do; one stable object for every card, so a card re-renders only when it changes. */
export interface CardActions {
  inspectClaim: (id: Id) => void;
  showExcerpt: (id: Id) => void;
  openEntity: (id: Id) => void;
  toggleEvidence: (id: Id) => void;
}

export interface ClaimCardProps {
  notebook: Notebook;
  /** The live links into (at least) this card's claim. */
  index: LinkIndex;
  card: BoardCard;
  /** The claim the inspector shows. */
  current: boolean;
  evidenceOpen: boolean;
  /** Set on a claim not grouped under a proposition that another claim contradicts by a link. */
  contradicted?: boolean;
  actions: CardActions;
}

export const ClaimCard = memo(function ClaimCard({ notebook, index, card, current, evidenceOpen, contradicted, actions }: ClaimCardProps) {
  const id = useId();
  const { claim } = card;
  const tally = tallyEvidence(notebook, claim.id, index);
  const claimant = claim.claimantId ? notebook.entities[claim.claimantId] : undefined;
  const attribution = attributionOf(notebook, claim);
  const evidenceCount = tally.supports + tally.refutes + tally.other;

  // A click anywhere on the card inspects the claim, except on its own controls and when the
  // analyst is selecting text to copy. The statement button is the same action for the keyboard.
  const cardClick = (event: MouseEvent<HTMLLIElement>) => {
    const target = event.target as HTMLElement;
    if (target.closest('button, a, input, select, textarea')) return;
    if (window.getSelection()?.toString()) return;
    actions.inspectClaim(claim.id);
  };

  return (
    <li className="claim-card" data-current={current || undefined} onClick={cardClick}>
      <button type="button" className="claim-card-statement" aria-current={current ? 'true' : undefined} onClick={() => actions.inspectClaim(claim.id)}>
        {claim.statement}
      </button>
      <p className="claim-card-who">
        {claimant ? (
          <button type="button" className="link-button claim-card-claimant" onClick={() => actions.openEntity(claimant.id)}>
            {claimant.name}
          </button>
        ) : (
          <span className="muted">No claimant recorded</span>
        )}
        <PolarityLabel polarity={claim.polarity} />
        {claim.claimedAt && (
          <span className="claim-card-date">
            claimed <time dateTime={claim.claimedAt}>{formatLooseDate(claim.claimedAt)}</time>
          </span>
        )}
        {contradicted && <ContradictedFlag />}
      </p>
      {attribution.text && (
        <p className="claim-card-attribution">
          <span className="claim-card-attribution-kind">{attribution.firstHand ? 'First-hand' : 'Reported'}</span> {attribution.text}
        </p>
      )}
      <dl className="claim-card-facts">
        <div>
          <dt>Credibility</dt>
          <dd>{credibilityText(claim)}</dd>
        </div>
        <div>
          <dt>Assessment</dt>
          <dd>{assessmentText(claim)}</dd>
        </div>
        <div>
          <dt>Status</dt>
          <dd>{claim.status}</dd>
        </div>
      </dl>
      <div className="claim-board-evidence">
        {evidenceCount === 0 ? (
          <p className="board-tally-line muted">No evidence linked yet</p>
        ) : (
          <p className="board-tally-line">
            <span className="board-tally tally-supports">
              <span aria-hidden="true" className="board-tally-icon">
                {RELATION_ICON.supports}
              </span>
              {tally.supports} supporting{tally.supports > 0 && <span className="board-tally-weight"> (weighted {formatWeight(tally.weightedSupports)})</span>}
            </span>
            <span className="board-tally tally-refutes">
              <span aria-hidden="true" className="board-tally-icon">
                {RELATION_ICON.refutes}
              </span>
              {tally.refutes} refuting{tally.refutes > 0 && <span className="board-tally-weight"> (weighted {formatWeight(tally.weightedRefutes)})</span>}
            </span>
            {tally.other > 0 && <span className="board-tally">{tally.other} qualifying or context</span>}
          </p>
        )}
        {evidenceCount > 0 && (
          <button type="button" className="button button-small claim-card-toggle" aria-expanded={evidenceOpen} aria-controls={evidenceOpen ? `${id}-evidence` : undefined} onClick={() => actions.toggleEvidence(claim.id)}>
            <span aria-hidden="true" className="board-disclosure-icon">
              {evidenceOpen ? '▾' : '▸'}
            </span>
            {evidenceOpen ? 'Hide evidence' : 'Show evidence'}
          </button>
        )}
      </div>
      {evidenceOpen && evidenceCount > 0 && (
        <ol id={`${id}-evidence`} className="board-evidence" aria-label={`Evidence for “${claim.statement}”`}>
          {evidenceItems(notebook, claim.id, index).map((item) => (
            <li key={item.link.id}>
              <EvidenceButton notebook={notebook} item={item} actions={actions} />
            </li>
          ))}
        </ol>
      )}
    </li>
  );
});

function EvidenceButton({ notebook, item, actions }: { notebook: Notebook; item: EvidenceItem; actions: CardActions }) {
  if (item.kind === 'claim') {
    const claimant = item.claim.claimantId ? notebook.entities[item.claim.claimantId]?.name : undefined;
    return (
      <button type="button" className="board-evidence-item" onClick={() => actions.inspectClaim(item.claim.id)}>
        <RelationLabel relation={item.link.relation} />
        <span className="board-evidence-quote">{item.claim.statement}</span>
        <span className="board-evidence-source">Claim{claimant ? ` by ${claimant}` : ''}</span>
      </button>
    );
  }
  const { before, exact, after } = item.context;
  const pages = excerptPages(item.source, item.excerpt);
  return (
    <button type="button" className="board-evidence-item" onClick={() => actions.showExcerpt(item.excerpt.id)}>
      <RelationLabel relation={item.link.relation} />
      <span className="board-evidence-quote">
        {before && <span className="board-evidence-context">{before}</span>}
        <mark>{exact}</mark>
        {after && <span className="board-evidence-context">{after}</span>}
      </span>
      <span className="board-evidence-source">{[item.source?.title ?? 'Unknown source', pages].filter(Boolean).join(' · ')}</span>
    </button>
  );
}
