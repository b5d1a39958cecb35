// What the library lists, kept up to date from each applied operation instead of recomputed from
// the whole notebook on every change (at 100k objects that walk costs more than a frame): the live
// sources, claims and entities in list order, the counts beside them, and the live links of each
// claim and excerpt (the inspector asks for them on every change). Never changes the notebook.
import type { Claim, Entity, Excerpt, Id, Link, Notebook } from '../../../notebook/common/model.js';
import type { Operation } from '../../../notebook/common/operations.js';
import { byCreation, byCreationTime, inReadingOrder } from '../../../notebook/common/queries.js';

export interface LibraryIndex {
  /** Live sources by creation time (the order they were added). */
  readonly sourceIds: readonly Id[];
  /** Live claims by creation time. */
  readonly claimIds: readonly Id[];
  /** Live entities by name, then creation time. */
  readonly entityIds: readonly Id[];
  /** Live excerpts per source. */
  readonly excerptCounts: ReadonlyMap<Id, number>;
  /** Live links into each claim (its evidence). */
  readonly evidenceCounts: ReadonlyMap<Id, number>;
  /** Live claims per claimant. */
  readonly claimCounts: ReadonlyMap<Id, number>;
  /**
   * A source's live excerpts in reading order (as queries.ts excerptsOfSource gives them), without
   * walking every excerpt of the notebook: the reader can ask this on every change.
   */
  excerptsOf(sourceId: Id): Excerpt[];
  /** Live links out of each excerpt (or claim): how many claims it bears on, as the excerpt list shows. */
  readonly linkCountsFrom: ReadonlyMap<Id, number>;
  /** Live links into a claim (its evidence, as queries.ts evidenceFor), oldest first. */
  linksInto(claimId: Id): Link[];
  /** Live links out of an excerpt or a claim (the claims it bears on, as queries.ts linksFrom), oldest first. */
  linksOutOf(fromId: Id): Link[];
  /** Live claims that refer to a proposition (whether or not it is in the trash), oldest first. */
  claimsOfProposition(propositionId: Id): Claim[];
  /** How many live claims refer to each proposition. */
  readonly propositionCounts: ReadonlyMap<Id, number>;
  /** Whether another live claim is linked to this live one, either way, as contradicting it (the board's flag). */
  contradicted(claimId: Id): boolean;
  /**
   * Changes whenever what the timeline places may have changed (a date, a claim or source going or
   * coming back, the evidence of a claim), so an edit of a statement does not sort its events again.
   */
  readonly timelineVersion: number;
  /**
   * Changes whenever what the tag filter offers may have changed (a tagged object, or a source,
   * changed), so its choices are recounted only then.
   */
  readonly tagsVersion: number;
  /** Changes with every applied operation: what is computed from the index may be kept until it does. */
  readonly version: number;
}

type Listed = { deletedAt?: string; createdAt: string };

class Index implements LibraryIndex {
  sourceIds: Id[];
  claimIds: Id[];
  entityIds: Id[];
  excerptCounts = new Map<Id, number>();
  evidenceCounts = new Map<Id, number>();
  claimCounts = new Map<Id, number>();
  linkCountsFrom = new Map<Id, number>();
  propositionCounts = new Map<Id, number>();
  tagsVersion = 0;
  timelineVersion = 0;
  version = 0;
  /** Live excerpt ids per source, kept beside excerptCounts. */
  private readonly excerptIds = new Map<Id, Set<Id>>();
  /** Live link ids per claim they point to, beside evidenceCounts; per excerpt or claim they come from, beside linkCountsFrom. */
  private readonly intoIds = new Map<Id, Set<Id>>();
  private readonly fromIds = new Map<Id, Set<Id>>();
  /** Live claim ids per proposition, beside propositionCounts. */
  private readonly propositionClaims = new Map<Id, Set<Id>>();
  /** Live claim-to-claim "contradicts" links per claim at either end (whether or not the other end is live). */
  private readonly contradictionCounts = new Map<Id, number>();
  private readonly contradictionIds = new Map<Id, Set<Id>>();
  // What each object was last listed by (its sort key) and counted under, so a change is taken back
  // out of the index without knowing the object's former state. Ids are unique across kinds.
  private readonly listedAs = new Map<Id, string>();
  private readonly countedUnder = new Map<Id, Id>();
  private readonly taggedAs = new Map<Id, string>();

  constructor(private readonly notebook: Notebook) {
    const live = <T extends Listed>(objects: Record<Id, T>): T[] => Object.values(objects).filter((o) => !o.deletedAt);
    this.sourceIds = live(notebook.sources).sort(byCreationTime).map((s) => s.id);
    this.claimIds = live(notebook.claims).sort(byCreationTime).map((c) => c.id);
    this.entityIds = live(notebook.entities).sort(compareEntities).map((e) => e.id);
    for (const id of this.sourceIds) this.listedAs.set(id, notebook.sources[id]!.createdAt);
    for (const id of this.claimIds) this.listedAs.set(id, notebook.claims[id]!.createdAt);
    for (const id of this.entityIds) this.listedAs.set(id, entityKey(notebook.entities[id]!));
    for (const c of Object.values(notebook.claims)) this.recountClaim(c.id, c.deletedAt ? undefined : c);
    for (const e of Object.values(notebook.excerpts)) this.recountExcerpt(e.id, e.deletedAt ? undefined : e.sourceId);
    for (const l of Object.values(notebook.links)) this.recountLink(l.id, l.deletedAt ? undefined : l);
    for (const s of Object.values(notebook.sources)) this.retag(s.id, s);
    for (const c of Object.values(notebook.claims)) this.retag(c.id, c);
    for (const e of Object.values(notebook.excerpts)) this.retag(e.id, e);
    this.tagsVersion = 0;
  }

  /** Brings the index up to date with the objects an applied operation touched. */
  update(op: Operation): void {
    this.version++;
    for (const single of op.type === 'batch' ? op.ops : [op]) {
      if (single.type === 'settings') continue;
      this.refresh(single.kind, single.type === 'create' ? String(single.object.id) : single.id);
      if (movesOnTimeline(single)) this.timelineVersion++;
    }
  }

  private refresh(kind: string, id: Id): void {
    const nb = this.notebook;
    switch (kind) {
      case 'source': {
        const source = nb.sources[id];
        // A source's liveness decides whether its excerpts' tags count (only when it has any: a
        // source just imported changes no choice), and sources have tags of their own.
        const live = Boolean(source && !source.deletedAt);
        if (live !== this.listedAs.has(id) && (this.excerptIds.get(id)?.size ?? 0) > 0) this.tagsVersion++;
        this.retag(id, source);
        this.relist(this.sourceIds, id, source && !source.deletedAt ? source.createdAt : undefined, (a, b) => byCreationTime(nb.sources[a]!, nb.sources[b]!));
        return;
      }
      case 'claim': {
        const claim = nb.claims[id];
        const live = claim && !claim.deletedAt ? claim : undefined;
        this.relist(this.claimIds, id, live?.createdAt, (a, b) => byCreationTime(nb.claims[a]!, nb.claims[b]!));
        this.recountClaim(id, live);
        this.retag(id, claim);
        return;
      }
      case 'entity': {
        const entity = nb.entities[id];
        this.relist(this.entityIds, id, entity && !entity.deletedAt ? entityKey(entity) : undefined, (a, b) => compareEntities(nb.entities[a]!, nb.entities[b]!));
        return;
      }
      case 'excerpt': {
        const excerpt = nb.excerpts[id];
        this.recountExcerpt(id, excerpt && !excerpt.deletedAt ? excerpt.sourceId : undefined);
        this.retag(id, excerpt);
        return;
      }
      case 'link': {
        const link = nb.links[id];
        this.recountLink(id, link && !link.deletedAt ? link : undefined);
        return;
      }
    }
  }

  excerptsOf(sourceId: Id): Excerpt[] {
    const ids = this.excerptIds.get(sourceId);
    if (!ids) return [];
    return [...ids]
      .map((id) => this.notebook.excerpts[id]!)
      .sort(inReadingOrder);
  }

  linksInto(claimId: Id): Link[] {
    return this.objects(this.intoIds.get(claimId), this.notebook.links);
  }

  linksOutOf(fromId: Id): Link[] {
    return this.objects(this.fromIds.get(fromId), this.notebook.links);
  }

  claimsOfProposition(propositionId: Id): Claim[] {
    return this.objects(this.propositionClaims.get(propositionId), this.notebook.claims);
  }

  contradicted(claimId: Id): boolean {
    const live = (id: Id) => this.notebook.claims[id] !== undefined && !this.notebook.claims[id].deletedAt;
    if (!live(claimId)) return false;
    for (const linkId of this.contradictionIds.get(claimId) ?? []) {
      const link = this.notebook.links[linkId]!;
      if (live(link.fromId) && live(link.toId)) return true;
    }
    return false;
  }

  private objects<T extends { id: Id; createdAt: string }>(ids: Set<Id> | undefined, objects: Record<Id, T>): T[] {
    if (!ids) return [];
    return [...ids].map((id) => objects[id]!).sort(byCreation);
  }

  private recountClaim(id: Id, live: Claim | undefined): void {
    this.recount(this.claimCounts, id, live?.claimantId);
    this.recount(this.propositionCounts, propositionKey(id), live?.propositionId, this.propositionClaims, id);
  }

  private recountLink(id: Id, live: Link | undefined): void {
    this.recount(this.evidenceCounts, id, live?.toId, this.intoIds);
    this.recount(this.linkCountsFrom, fromKey(id), live?.fromId, this.fromIds, id);
    // Its relation can change: a link counts as a contradiction only while it is one.
    const contradiction = live?.relation === 'contradicts' && live.fromKind === 'claim' ? live : undefined;
    this.recount(this.contradictionCounts, `${id}>contradicts`, contradiction?.toId, this.contradictionIds, id);
    this.recount(this.contradictionCounts, `${id}>contradicted-by`, contradiction?.fromId, this.contradictionIds, id);
  }

  private recountExcerpt(id: Id, sourceId: Id | undefined): void {
    this.recount(this.excerptCounts, id, sourceId, this.excerptIds);
  }

  /**
   * Counts `key` under `under` (undefined: under nothing) instead of where it was counted before;
   * with `members`, also moves `member` (the object's id) between the sets kept beside the counts.
   */
  private recount(counts: Map<Id, number>, key: string, under: Id | undefined, members?: Map<Id, Set<Id>>, member: Id = key): void {
    const before = this.countedUnder.get(key);
    if (before === under) return;
    if (before !== undefined) {
      bump(counts, before, -1);
      const set = members?.get(before);
      set?.delete(member);
      if (set?.size === 0) members!.delete(before);
    }
    if (under !== undefined) {
      bump(counts, under, +1);
      if (members) (members.get(under) ?? members.set(under, new Set()).get(under)!).add(member);
      this.countedUnder.set(key, under);
    } else this.countedUnder.delete(key);
  }

  private retag(id: Id, object: { tags: readonly string[]; deletedAt?: string } | undefined): void {
    const now = object && object.tags.length > 0 ? `${object.deletedAt ? '-' : '+'}${object.tags.join('\n')}` : '';
    if ((this.taggedAs.get(id) ?? '') === now) return;
    if (now) this.taggedAs.set(id, now);
    else this.taggedAs.delete(id);
    this.tagsVersion++;
  }

  /** Takes an object out of its list and puts it back where it now belongs (`sortKey` undefined: not live, not listed). */
  private relist(list: Id[], id: Id, sortKey: string | undefined, compare: (a: Id, b: Id) => number): void {
    const before = this.listedAs.get(id);
    if (before === sortKey) return; // still listed in its place, or still not listed
    if (before !== undefined) {
      const at = list.indexOf(id);
      if (at >= 0) list.splice(at, 1);
      this.listedAs.delete(id);
    }
    if (sortKey === undefined) return;
    // After any equal ones: a new object goes last among those created at the same instant, as a stable sort puts it.
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compare(list[mid]!, id) <= 0) lo = mid + 1;
      else hi = mid;
    }
    list.splice(lo, 0, id);
    this.listedAs.set(id, sortKey);
  }
}

/**
 * Whether an operation may change what analysis.ts timeline() gives: a source, claim, excerpt or
 * link made, trashed, restored or removed (what is live, and which sources date a claim), or a
 * claim's or source's date changed. Not a new statement, tag or grade: the timeline keeps its order.
 */
function movesOnTimeline(op: Exclude<Operation, { type: 'batch' } | { type: 'settings' }>): boolean {
  if (op.kind !== 'source' && op.kind !== 'claim' && op.kind !== 'excerpt' && op.kind !== 'link') return false;
  if (op.type !== 'update') return true;
  const date = op.kind === 'claim' ? 'claimedAt' : op.kind === 'source' ? 'dates' : null;
  return date !== null && (date in op.set || op.unset.includes(date));
}

function bump(counts: Map<Id, number>, key: Id, by: number): void {
  const n = (counts.get(key) ?? 0) + by;
  if (n > 0) counts.set(key, n);
  else counts.delete(key);
}


/** A link is counted twice, into its claim and out of its excerpt: the second under this key. */
const fromKey = (linkId: Id): string => `${linkId}>from`;
/** A claim is counted twice, under its claimant and under its proposition: the second under this key. */
const propositionKey = (claimId: Id): string => `${claimId}>proposition`;

const entityKey = (entity: Entity): string => `${entity.name}\u0000${entity.createdAt}`;

function compareEntities(a: Entity, b: Entity): number {
  return a.name.localeCompare(b.name) || a.createdAt.localeCompare(b.createdAt);
}

// One index per notebook object: loading or opening a notebook gives a new object, hence a fresh index.
const indexes = new WeakMap<Notebook, Index>();

/** The library's index of a notebook, built on first use and kept current by `noteApplied`. */
export function libraryIndex(notebook: Notebook): LibraryIndex {
  let index = indexes.get(notebook);
  if (!index) {
    index = new Index(notebook);
    indexes.set(notebook, index);
  }
  return index;
}

/** Tells the index (if the notebook has one yet) that `op` has just been applied to the notebook. */
export function noteApplied(notebook: Notebook, op: Operation): void {
  indexes.get(notebook)?.update(op);
}
