// What the inspector shows around a claim or a source (its evidence tally, the claims that
// contradict it, the claims a source bears on), read from the library index instead of walking
// every link and claim of the notebook on each change. The same answers as notebook/common/analysis.ts
// (tests/unit/renderer/claim-links.test.ts compares them). Never changes the notebook.
import { tallyEvidence, type EvidenceTally } from '../../../notebook/common/analysis.js';
import type { Claim, Id, Link, Notebook } from '../../../notebook/common/model.js';
import type { LibraryIndex } from '../library/library-index.js';

const isLive = <T extends { deletedAt?: string }>(o: T | undefined): o is T => o !== undefined && !o.deletedAt;
const byCreation = <T extends { createdAt: string; id: string }>(a: T, b: T) => a.createdAt.localeCompare(b.createdAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Whether a link counts in the analysis: its claim and what it comes from (an excerpt in a live source, or a claim) are live. */
export function linkCounts(notebook: Notebook, link: Link): boolean {
  if (!isLive(notebook.claims[link.toId])) return false;
  if (link.fromKind === 'claim') return isLive(notebook.claims[link.fromId]);
  const excerpt = notebook.excerpts[link.fromId];
  return isLive(excerpt) && isLive(notebook.sources[excerpt.sourceId]);
}

/** tallyEvidence for one claim, from its own links only. */
export function tallyOf(notebook: Notebook, index: LibraryIndex, claimId: Id): EvidenceTally {
  const into = new Map([[claimId, index.linksInto(claimId).filter((l) => linkCounts(notebook, l))]]);
  return tallyEvidence(notebook, claimId, { into, from: new Map() });
}

/** contradictionsOf: the live claims about the same live proposition with the other polarity, and those linked to it (either way) as contradicting it. */
export function contradictionsOfClaim(notebook: Notebook, index: LibraryIndex, claimId: Id): Claim[] {
  const claim = notebook.claims[claimId];
  if (!isLive(claim)) return [];
  const found = new Map<Id, Claim>();
  if (claim.propositionId && isLive(notebook.propositions[claim.propositionId])) {
    for (const other of index.claimsOfProposition(claim.propositionId)) if (other.polarity !== claim.polarity) found.set(other.id, other);
  }
  for (const link of [...index.linksInto(claimId), ...index.linksOutOf(claimId)]) {
    if (link.relation !== 'contradicts' || link.fromKind !== 'claim') continue;
    const other = notebook.claims[link.fromId === claimId ? link.toId : link.fromId];
    if (isLive(other)) found.set(other.id, other);
  }
  return [...found.values()].sort(byCreation);
}

/** claimsOfSource: the live claims a live source's excerpts bear on, oldest first, each with the links (oldest first) that tie them. */
export function claimsOfSourceIndexed(notebook: Notebook, index: LibraryIndex, sourceId: Id): { claim: Claim; links: Link[] }[] {
  if (!isLive(notebook.sources[sourceId])) return [];
  const byClaim = new Map<Id, Link[]>();
  for (const excerpt of index.excerptsOf(sourceId)) {
    for (const link of index.linksOutOf(excerpt.id)) {
      if (!isLive(notebook.claims[link.toId])) continue;
      (byClaim.get(link.toId) ?? byClaim.set(link.toId, []).get(link.toId)!).push(link);
    }
  }
  return [...byClaim.entries()].map(([id, links]) => ({ claim: notebook.claims[id]!, links: links.sort(byCreation) })).sort((a, b) => byCreation(a.claim, b.claim));
}
