// A claim in the inspector: what it says and who says it, through whom (the attribution chain,
// first-hand or reported), its grades with their published meanings, the proposition it shares
// with other claims and those that contradict it, its evidence (weighted) and the claims it is
// evidence for, its tags and its note (each change one undo step). "Edit claim" turns the top into a
// form saved as one undoable operation.
// Never drops what the analyst typed: a draft left behind when the selection changes is kept.
import { useEffect, useId, useRef, useState, type RefObject } from 'react';
import { attributionOf, linkWeight } from '../../../notebook/common/analysis.js';
import type { Claim, Id, Notebook } from '../../../notebook/common/model.js';
import { BASIS_MEANING, credibilityLabel, likelihoodLabel, tallyText, weightsExplanation } from '../claims/grading.js';
import { ContradictedFlag, PolarityLabel } from '../claims/PolarityLabel.js';
import { RelationLabel } from '../claims/RelationLabel.js';
import { excerptPages } from '../reader/structure.js';
import { TagInput } from '../tags/TagInput.js';
import { NoteEditor } from '../ui/NoteEditor.js';
import { formatLooseDate } from '../ui/format.js';
import { libraryIndex } from '../library/library-index.js';
import { ClaimEditForm } from './ClaimEditForm.js';
import { contradictionsOfClaim, tallyOf } from './claim-links.js';
import { ClaimLinkList } from './ClaimLinkList.js';
import { keptDraft } from './kept-drafts.js';
import type { ClaimEditDraft } from './claim-edit.js';

export interface ClaimDetailsProps {
  notebook: Notebook;
  claim: Claim;
  readOnly: boolean;
  onInspectClaim: (id: Id) => void;
  onShowExcerpt: (id: Id) => void;
  /** Opens an entity's page; without it, names are plain text. */
  onOpenEntity?: ((id: Id) => void) | undefined;
  onTrash: (target: { kind: 'claim'; id: Id }) => void;
}

export const claimDraftKey = (id: Id) => `claim:${id}`;

export function ClaimDetails(props: ClaimDetailsProps) {
  const { claim, readOnly } = props;
  // A draft kept from before reopens the form where the analyst left it.
  const [editing, setEditing] = useState(() => keptDraft<ClaimEditDraft>(claimDraftKey(claim.id)) !== undefined);
  const editButton = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);
  useEffect(() => {
    if (!editing && returnFocus.current) {
      returnFocus.current = false;
      editButton.current?.focus();
    }
  }, [editing]);
  const closeForm = () => {
    returnFocus.current = true;
    setEditing(false);
  };

  return (
    <div className="inspector-body claim-details">
      <div className="inspector-kind">
        <h2>Claim</h2>
      </div>
      {editing && !readOnly ? (
        <ClaimEditForm notebook={props.notebook} claim={claim} draftKey={claimDraftKey(claim.id)} onClose={closeForm} />
      ) : (
        <ClaimSummary {...props} editButton={editButton} onEdit={() => setEditing(true)} />
      )}
      <NoteEditor notebook={props.notebook} target={{ kind: 'claim', id: claim.id }} readOnly={readOnly} />
      <EvidenceSection {...props} />
    </div>
  );
}

function ClaimSummary({
  notebook,
  claim,
  readOnly,
  onInspectClaim,
  onShowExcerpt,
  onOpenEntity,
  onTrash,
  onEdit,
  editButton,
}: ClaimDetailsProps & { onEdit: () => void; editButton: RefObject<HTMLButtonElement | null> }) {
  const id = useId();
  const claimant = claim.claimantId ? notebook.entities[claim.claimantId] : undefined;
  const chain = attributionOf(notebook, claim);
  const cited = claim.attribution.filter((s) => s.excerptId && notebook.excerpts[s.excerptId] && !notebook.excerpts[s.excerptId]!.deletedAt);
  const proposition = claim.propositionId ? notebook.propositions[claim.propositionId] : undefined;
  const grouped = proposition && !proposition.deletedAt ? proposition : undefined;
  // From the index kept per applied operation: a walk of every link and claim here cost a frame and more per change at 100k.
  const index = libraryIndex(notebook);
  const contradictions = contradictionsOfClaim(notebook, index, claim.id);
  const contradicted = contradictions.length > 0;
  // The group's other claims that do not contradict this one; those that do are listed apart.
  const others = grouped ? index.claimsOfProposition(grouped.id).filter((c) => c.id !== claim.id) : [];
  const agreeing = others.filter((c) => !contradictions.includes(c));
  const { credibility, assessment } = claim;
  const entityName = (entityId: Id | undefined, fallback: string) => {
    const entity = entityId ? notebook.entities[entityId] : undefined;
    if (!entity) return fallback;
    return onOpenEntity ? (
      <button type="button" className="link-button" onClick={() => onOpenEntity(entity.id)}>
        {entity.name}
      </button>
    ) : (
      entity.name
    );
  };

  return (
    <>
      <p className="statement">{claim.statement}</p>
      <dl className="facts">
        <div>
          <dt>Claimant</dt>
          <dd>
            {claimant ? (
              <>
                {entityName(claimant.id, claimant.name)} <span className="muted">· {claimant.kind}</span>
              </>
            ) : (
              <span className="muted">Not recorded</span>
            )}
          </dd>
        </div>
        <div>
          <dt>Polarity</dt>
          <dd>
            <PolarityLabel polarity={claim.polarity} />
          </dd>
        </div>
        <div>
          <dt>Claimed</dt>
          <dd>{claim.claimedAt ? formatLooseDate(claim.claimedAt) : <span className="muted">Date not recorded</span>}</dd>
        </div>
        <div>
          <dt>Status</dt>
          <dd>{claim.status}</dd>
        </div>
      </dl>
      <div className="inspector-actions">
        <button ref={editButton} type="button" className="button button-primary" onClick={onEdit} disabled={readOnly}>
          Edit claim
        </button>
        <button type="button" className="button" onClick={() => onTrash({ kind: 'claim', id: claim.id })} disabled={readOnly}>
          Move to trash
        </button>
      </div>
      <ClaimTags notebook={notebook} claim={claim} readOnly={readOnly} />

      <div className="inspector-section">
        <h3 id={`${id}-attribution`} className="inspector-subhead">
          Attribution
        </h3>
        {claim.attribution.length > 0 ? (
          <>
            <p className="chain">
              <span className={chain.firstHand ? 'chain-marker chain-first-hand' : 'chain-marker chain-reported'}>
                <span aria-hidden="true">{chain.firstHand ? '●' : '↪'} </span>
                {chain.firstHand ? 'First-hand' : 'Reported'}
              </span>
              <span className="chain-text">{chain.text}</span>
            </p>
            <ol className="chain-steps" aria-label="Attribution chain">
              {claim.attribution.map((step, i) => {
                const excerpt = step.excerptId ? notebook.excerpts[step.excerptId] : undefined;
                return (
                  <li key={i}>
                    <span className="step-role">{step.role}</span> {entityName(step.entityId, step.label)}
                    {excerpt && !excerpt.deletedAt && (
                      <button type="button" className="link-item step-excerpt" onClick={() => onShowExcerpt(excerpt.id)}>
                        <span className="link-text link-quote">{excerpt.selectors.quote.exact}</span>
                        <span className="link-source">Shown by this excerpt</span>
                      </button>
                    )}
                  </li>
                );
              })}
            </ol>
            {cited.length === 0 && <p className="hint">No step is tied to an excerpt yet.</p>}
          </>
        ) : (
          <p className="empty">No attribution chain. For reported speech, Edit claim to record who published it, who relayed it and who said it.</p>
        )}
      </div>

      <div className="inspector-section">
        <h3 id={`${id}-grading`} className="inspector-subhead">
          Grading
        </h3>
        <dl className="facts grading-facts">
          <div>
            <dt>Credibility</dt>
            <dd>
              {credibility ? credibilityLabel(credibility.grade) : <span className="muted">Not graded</span>}
              {credibility?.rationale && <span className="fact-note">{credibility.rationale}</span>}
            </dd>
          </div>
          <div>
            <dt>Likelihood</dt>
            <dd>{assessment?.likelihood ? likelihoodLabel(assessment.likelihood) : <span className="muted">Not assessed</span>}</dd>
          </div>
          <div>
            <dt>Confidence</dt>
            <dd>{assessment?.confidence ? `${assessment.confidence} confidence` : <span className="muted">Not stated</span>}</dd>
          </div>
          <div>
            <dt>Basis</dt>
            <dd>{assessment?.basis ? `${assessment.basis}: ${BASIS_MEANING[assessment.basis]}` : <span className="muted">Not stated</span>}</dd>
          </div>
          {assessment?.rationale && (
            <div>
              <dt>Rationale</dt>
              <dd className="fact-prose">{assessment.rationale}</dd>
            </div>
          )}
        </dl>
        <p className="hint grading-scales">Credibility: Admiralty scale 1–6. Likelihood: ICD 203 terms with their probability ranges; confidence is stated apart from it.</p>
      </div>

      <div className="inspector-section">
        <div className="subhead-row">
          <h3 id={`${id}-proposition`} className="inspector-subhead">
            Proposition
          </h3>
          {contradicted && <ContradictedFlag />}
        </div>
        {grouped ? (
          <p className="proposition-statement">{grouped.statement}</p>
        ) : (
          <p className="empty">Not grouped. Edit claim to group it with claims about the same proposition, so an assertion and its denial sit side by side.</p>
        )}
        {contradicted && (
          <>
            <h4 id={`${id}-contradictions`} className="inspector-minorhead">
              Contradicted by
            </h4>
            <ClaimButtons notebook={notebook} claims={contradictions} labelledBy={`${id}-contradictions`} onInspectClaim={onInspectClaim} />
          </>
        )}
        {agreeing.length > 0 && (
          <>
            <h4 id={`${id}-others`} className="inspector-minorhead">
              Other claims about it
            </h4>
            <ClaimButtons notebook={notebook} claims={agreeing} labelledBy={`${id}-others`} onInspectClaim={onInspectClaim} />
          </>
        )}
        {grouped && others.length === 0 && <p className="empty">No other claim about it yet.</p>}
      </div>
    </>
  );
}

/** The claim's tags, each added or removed at once (one undo step each); shown in the summary and in the Edit claim form alike. */
export function ClaimTags({ notebook, claim, readOnly }: { notebook: Notebook; claim: Claim; readOnly: boolean }) {
  const id = useId();
  return (
    <section className="inspector-tags" aria-labelledby={`${id}-tags`}>
      <h3 id={`${id}-tags`} className="inspector-subhead">
        Tags
      </h3>
      <TagInput notebook={notebook} kind="claim" id={claim.id} tags={claim.tags} readOnly={readOnly} labelledBy={`${id}-tags`} />
    </section>
  );
}

function ClaimButtons({ notebook, claims, labelledBy, onInspectClaim }: { notebook: Notebook; claims: Claim[]; labelledBy: string; onInspectClaim: (id: Id) => void }) {
  if (claims.length === 0) return null;
  return (
    <ul className="link-list" aria-labelledby={labelledBy}>
      {claims.map((other) => {
        const claimant = other.claimantId ? notebook.entities[other.claimantId] : undefined;
        return (
          <li key={other.id}>
            <button type="button" className="link-item" onClick={() => onInspectClaim(other.id)}>
              <PolarityLabel polarity={other.polarity} />
              <span className="link-text">{other.statement}</span>
              {claimant && <span className="link-source">{claimant.name}</span>}
            </button>
          </li>
        );
      })}
    </ul>
  );
}

const weight = (n: number) => (Math.round(n * 100) / 100).toLocaleString('en');

function EvidenceSection({ notebook, claim, onInspectClaim, onShowExcerpt }: ClaimDetailsProps) {
  const id = useId();
  const index = libraryIndex(notebook);
  const evidence = index.linksInto(claim.id);
  const tally = tallyOf(notebook, index, claim.id);
  const bearsOn = index.linksOutOf(claim.id).filter((l) => l.toKind === 'claim' && notebook.claims[l.toId] && !notebook.claims[l.toId]!.deletedAt);
  return (
    <>
      <div className="inspector-section">
        <h3 id={`${id}-evidence`} className="inspector-subhead">
          Evidence
        </h3>
        {evidence.length > 0 && (
          <div className="tally">
            <p className="tally-text">{tallyText(tally)}</p>
            <details className="weights">
              <summary>How evidence is weighted</summary>
              {weightsExplanation().map((line) => (
                <p key={line}>{line}</p>
              ))}
            </details>
          </div>
        )}
        <ul className="link-list" aria-labelledby={`${id}-evidence`}>
          {evidence.map((link) => {
            if (link.fromKind === 'claim') {
              const from = notebook.claims[link.fromId];
              if (!from) return null;
              return (
                <li key={link.id}>
                  <button type="button" className="link-item" onClick={() => onInspectClaim(from.id)}>
                    <RelationLabel relation={link.relation} />
                    <span className="link-text">{from.statement}</span>
                    <span className="link-source">Claim · weight {weight(linkWeight(notebook, link))}</span>
                  </button>
                </li>
              );
            }
            const excerpt = notebook.excerpts[link.fromId];
            if (!excerpt) return null;
            const source = notebook.sources[excerpt.sourceId];
            const pages = excerptPages(source, excerpt);
            const grade = source?.reliability?.grade;
            const where = [source?.title, pages, grade && `reliability ${grade}`, `weight ${weight(linkWeight(notebook, link))}`].filter(Boolean).join(' · ');
            return (
              <li key={link.id}>
                <button type="button" className="link-item" onClick={() => onShowExcerpt(excerpt.id)}>
                  <RelationLabel relation={link.relation} />
                  <span className="link-text link-quote">{excerpt.selectors.quote.exact}</span>
                  <span className="link-source">{where}</span>
                </button>
              </li>
            );
          })}
        </ul>
        {evidence.length === 0 && <p className="empty">No evidence yet. Select an excerpt in a source and use Link to claim.</p>}
      </div>
      {bearsOn.length > 0 && (
        <div className="inspector-section">
          <h3 id={`${id}-bears-on`} className="inspector-subhead">
            Evidence for other claims
          </h3>
          <ClaimLinkList notebook={notebook} links={bearsOn} labelledBy={`${id}-bears-on`} onInspectClaim={onInspectClaim} />
        </div>
      )}
    </>
  );
}
