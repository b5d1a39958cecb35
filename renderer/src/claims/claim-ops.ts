// Builds the operations that record a claim: the claimant entity (reused by name or alias, or
// created in the same batch with the kind the analyst chose) and the claim itself, so one Undo takes
// back the whole step; and the entity look-ups the claimant picker offers. Pure.
import { ENTITY_KINDS, type Claim, type Entity, type Id, type Notebook, type Proposition } from '../../../notebook/common/model.js';
import { newId, now } from '../../../notebook/common/ids.js';
import type { SingleOperation } from '../../../notebook/common/operations.js';

export type EntityKind = (typeof ENTITY_KINDS)[number];
export { ENTITY_KINDS };

export interface ClaimDraft {
  statement: string;
  claimant: string;
  /** The kind the claimant is created with when no entity has that name; person when not given. */
  claimantKind?: EntityKind;
  polarity: Claim['polarity'];
  /** The proposition the claim is about ("About"); '' or absent for none. */
  propositionId?: Id | '';
}

export const emptyClaimDraft = (): ClaimDraft => ({ statement: '', claimant: '', claimantKind: 'person', polarity: 'asserts', propositionId: '' });

const liveEntities = (notebook: Notebook) => Object.values(notebook.entities).filter((e) => !e.deletedAt);
const fold = (text: string) => text.trim().toLocaleLowerCase();

/** The live entity with this name or alias, compared without case, or undefined. A name beats an alias. */
export function entityNamed(notebook: Notebook, name: string): Entity | undefined {
  const wanted = fold(name);
  if (!wanted) return undefined;
  const live = liveEntities(notebook);
  return live.find((e) => fold(e.name) === wanted) ?? live.find((e) => e.aliases.some((a) => fold(a) === wanted));
}

export interface EntityMatch {
  entity: Entity;
  /** The alias that matched, when the name itself did not. */
  alias?: string;
}

/**
 * Live entities whose name or an alias contains what was typed (ignoring case), for the picker's
 * suggestions: names that start with it first, then names that contain it, then alias matches;
 * alphabetical within each. An exact match is left out (the picker says it is known instead).
 */
export function entityMatches(notebook: Notebook, typed: string, limit = 6): EntityMatch[] {
  const wanted = fold(typed);
  if (!wanted) return [];
  const ranked: { match: EntityMatch; rank: number }[] = [];
  for (const entity of liveEntities(notebook)) {
    const name = fold(entity.name);
    if (name === wanted || entity.aliases.some((a) => fold(a) === wanted)) continue;
    if (name.includes(wanted)) ranked.push({ match: { entity }, rank: name.startsWith(wanted) ? 0 : 1 });
    else {
      const alias = entity.aliases.find((a) => fold(a).includes(wanted));
      if (alias) ranked.push({ match: { entity, alias }, rank: 2 });
    }
  }
  return ranked
    .sort((a, b) => a.rank - b.rank || a.match.entity.name.localeCompare(b.match.entity.name))
    .slice(0, limit)
    .map((r) => r.match);
}

/** Live propositions, alphabetical, for "About" and the inspector's Proposition choice. */
export function livePropositions(notebook: Notebook): Proposition[] {
  return Object.values(notebook.propositions)
    .filter((p) => !p.deletedAt)
    .sort((a, b) => a.statement.localeCompare(b.statement));
}

/**
 * Entities named in one step of editing, created at most once each: the claimant and an
 * attribution step naming the same new person make one entity, not two.
 */
export class EntityResolver {
  readonly ops: SingleOperation[] = [];
  private readonly created = new Map<string, Id>();

  constructor(
    private readonly notebook: Notebook,
    private readonly at: string,
  ) {}

  /** The id of the live entity with this name or alias, or of one already created in this step; undefined otherwise. */
  known(name: string): Id | undefined {
    const trimmed = name.trim();
    if (!trimmed) return undefined;
    return entityNamed(this.notebook, trimmed)?.id ?? this.created.get(fold(trimmed));
  }

  /** The id of the known entity with this name (see `known`), or of a new one created with `kind`; undefined for an empty name. */
  resolve(name: string, kind: EntityKind): Id | undefined {
    const trimmed = name.trim();
    if (!trimmed) return undefined;
    const existing = this.known(trimmed);
    if (existing) return existing;
    const key = fold(trimmed);
    const id = newId();
    this.created.set(key, id);
    this.ops.push({ type: 'create', kind: 'entity', object: { id, createdAt: this.at, updatedAt: this.at, name: trimmed, kind } });
    return id;
  }
}

/** The ops that create the claim (and its claimant if new), and the new claim's id. */
export function createClaimOps(notebook: Notebook, draft: ClaimDraft): { ops: SingleOperation[]; claimId: Id } {
  const at = now();
  const entities = new EntityResolver(notebook, at);
  const claimantId = entities.resolve(draft.claimant, draft.claimantKind ?? 'person');
  const claimId = newId();
  const claim: Record<string, unknown> = { id: claimId, createdAt: at, updatedAt: at, statement: draft.statement.trim(), polarity: draft.polarity };
  if (claimantId) claim.claimantId = claimantId;
  if (draft.propositionId) claim.propositionId = draft.propositionId;
  return { ops: [...entities.ops, { type: 'create', kind: 'claim', object: claim }], claimId };
}
