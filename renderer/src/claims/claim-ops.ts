// Builds the operations that record a claim: the claimant entity (reused by name, or created in
// the same batch) and the claim itself, so one Undo takes back the whole step. Pure.
import type { Claim, Entity, Id, Notebook } from '../../../notebook/common/model.js';
import { newId, now } from '../../../notebook/common/ids.js';
import type { SingleOperation } from '../../../notebook/common/operations.js';

export interface ClaimDraft {
  statement: string;
  claimant: string;
  polarity: Claim['polarity'];
}

/** The live entity with this name or alias, compared without case, or undefined. */
export function entityNamed(notebook: Notebook, name: string): Entity | undefined {
  const wanted = name.trim().toLocaleLowerCase();
  if (!wanted) return undefined;
  const live = Object.values(notebook.entities).filter((e) => !e.deletedAt);
  return (
    live.find((e) => e.name.toLocaleLowerCase() === wanted) ?? live.find((e) => e.aliases.some((a) => a.toLocaleLowerCase() === wanted))
  );
}

export function liveEntityNames(notebook: Notebook): string[] {
  return Object.values(notebook.entities)
    .filter((e) => !e.deletedAt)
    .map((e) => e.name)
    .sort((a, b) => a.localeCompare(b));
}

/** The ops that create the claim (and its claimant if new), and the new claim's id. */
export function createClaimOps(notebook: Notebook, draft: ClaimDraft): { ops: SingleOperation[]; claimId: Id } {
  const at = now();
  const ops: SingleOperation[] = [];
  let claimantId: Id | undefined;
  const name = draft.claimant.trim();
  if (name) {
    const existing = entityNamed(notebook, name);
    if (existing) claimantId = existing.id;
    else {
      claimantId = newId();
      ops.push({ type: 'create', kind: 'entity', object: { id: claimantId, createdAt: at, updatedAt: at, name } });
    }
  }
  const claimId = newId();
  const claim: Record<string, unknown> = { id: claimId, createdAt: at, updatedAt: at, statement: draft.statement.trim(), polarity: draft.polarity };
  if (claimantId) claim.claimantId = claimantId;
  ops.push({ type: 'create', kind: 'claim', object: claim });
  return { ops, claimId };
}
