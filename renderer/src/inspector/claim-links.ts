// What the inspector shows around a claim or a source (its evidence tally, the claims that
// contradict it, the claims a source bears on): notebook/common/analysis.ts's own functions, given
// the library index to read from instead of walking every link and claim of the notebook on each
// change (tests/unit/renderer/claim-links.test.ts compares them with the walk). Never changes the notebook.
import { claimsOfSource, contradictionsOf, linkCounts, tallyEvidence, type EvidenceTally } from '../../../notebook/common/analysis.js';
import type { Claim, Id, Link, Notebook } from '../../../notebook/common/model.js';
import type { LibraryIndex } from '../library/library-index.js';

/** tallyEvidence for one claim, from its own links only. */
export function tallyOf(notebook: Notebook, index: LibraryIndex, claimId: Id): EvidenceTally {
  const into = new Map([[claimId, index.linksInto(claimId).filter((l) => linkCounts(notebook, l))]]);
  return tallyEvidence(notebook, claimId, { into, from: new Map() });
}

export function contradictionsOfClaim(notebook: Notebook, index: LibraryIndex, claimId: Id): Claim[] {
  return contradictionsOf(notebook, claimId, {
    linksOf: (id) => [...index.linksInto(id), ...index.linksOutOf(id)],
    claimsOfProposition: (id) => index.claimsOfProposition(id),
  });
}

export function claimsOfSourceIndexed(notebook: Notebook, index: LibraryIndex, sourceId: Id): { claim: Claim; links: Link[] }[] {
  return claimsOfSource(notebook, sourceId, (id) => index.linksOutOf(id), index.excerptsOf(sourceId));
}
