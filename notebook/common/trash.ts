// What is in the trash, as an analyst recognises it, and the one operation that brings a trashed
// thing back with everything that went with it. Pure, runs anywhere; never changes the notebook.
//
// Deletes are soft (`deletedAt`), and one step of the analyst trashes several objects with the same
// instant (operations.ts trashWithDependents: a source with its excerpts and their links). So the
// trash is read back as items: objects trashed at the same instant that hang from one another
// (an excerpt from its source, a link from its excerpt or claim) form one item, named by the one
// they hang from, the item's root. Restoring an item restores the whole of it.
//
// What a restored object cannot live without (its source, its claimant, its proposition, the
// question of a hypothesis, both ends of a link) must be live. When that is itself in the trash,
// trashed by an earlier step, we restore it too, as its whole item, rather than refuse: the analyst
// asked for the thing back, and the trash dialog says beforehand what comes back along
// ("needs the source “Wire report”, which comes back too"). Only the roots pull their needs in;
// a link that went with an item but whose other end was trashed separately stays in the trash
// (it then shows as an item of its own), so restoring a claim never drags back an excerpt the
// analyst trashed later for its own reasons.
import { NotebookError } from './errors.js';
import { collection, find, KINDS, type AnyObject, type Id, type Instant, type Kind, type Notebook, type ObjectOf } from './model.js';
import type { Operation, SingleOperation } from './operations.js';

/** A trashed object named as the analyst would recognise it. */
export interface TrashedRef {
  kind: Kind;
  id: Id;
  /** A source's title, an excerpt's quote, a claim's statement, an entity's name… on one line. */
  label: string;
}

export interface TrashItem extends TrashedRef {
  /** When it went to the trash. */
  deletedAt: Instant;
  /** What went to the trash with it in the same step and comes back with it (a source's excerpts and their links), in kind order. */
  with: TrashedRef[];
  /** How many of each kind `with` holds. */
  withCounts: Partial<Record<Kind, number>>;
  /**
   * Other trash items it cannot live without (an excerpt's source, a claim's claimant), trashed in
   * an earlier step: restoring this item restores them too, each with what went with it.
   */
  needs: TrashedRef[];
}

/** Kinds in the order the trash lists them and a batch restores them (what others refer to first). */
export const TRASH_KINDS = ['source', 'excerpt', 'claim', 'entity', 'proposition', 'question', 'hypothesis', 'link'] as const satisfies readonly Kind[];

/** The order a restore batch brings kinds back in, so each object's references are live before it is. */
const RESTORE_RANK: Record<Kind, number> = { entity: 0, proposition: 1, source: 2, excerpt: 3, question: 4, claim: 5, hypothesis: 6, link: 7 };

const key = (kind: Kind, id: Id) => `${kind}:${id}`;

/** One line, at most `max` characters, cut at a word where it can be. */
function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > max * 0.6 ? cut.slice(0, space) : cut}…`;
}

/** What an analyst reads to recognise an object, live or trashed. */
export function labelOf(notebook: Notebook, kind: Kind, id: Id): string {
  const object = find(notebook, kind, id);
  if (!object) return `(a missing ${kind})`;
  switch (kind) {
    case 'source':
      return oneLine((object as ObjectOf<'source'>).title, 300);
    case 'excerpt':
      return oneLine((object as ObjectOf<'excerpt'>).selectors.quote.exact, 300);
    case 'claim':
    case 'proposition':
    case 'hypothesis':
      return oneLine((object as ObjectOf<'claim' | 'proposition' | 'hypothesis'>).statement, 300);
    case 'entity':
      return oneLine((object as ObjectOf<'entity'>).name, 300);
    case 'question':
      return oneLine((object as ObjectOf<'question'>).text, 300);
    case 'link': {
      const link = object as ObjectOf<'link'>;
      return `“${oneLine(labelOf(notebook, link.fromKind, link.fromId), 60)}” ${link.relation} “${oneLine(labelOf(notebook, link.toKind, link.toId), 60)}”`;
    }
  }
}

/** The objects `object` cannot be live without (the references `apply` checks are live); soft references (mentions, evidence rows) are not among them. */
function hardReferences(kind: Kind, object: AnyObject): { kind: Kind; id: Id }[] {
  switch (kind) {
    case 'source': {
      const parent = (object as ObjectOf<'source'>).parentSourceId;
      return parent ? [{ kind: 'source', id: parent }] : [];
    }
    case 'excerpt':
      return [{ kind: 'source', id: (object as ObjectOf<'excerpt'>).sourceId }];
    case 'claim': {
      const claim = object as ObjectOf<'claim'>;
      const refs: { kind: Kind; id: Id }[] = [];
      if (claim.claimantId) refs.push({ kind: 'entity', id: claim.claimantId });
      if (claim.propositionId) refs.push({ kind: 'proposition', id: claim.propositionId });
      for (const step of claim.attribution) {
        if (step.entityId) refs.push({ kind: 'entity', id: step.entityId });
        if (step.excerptId) refs.push({ kind: 'excerpt', id: step.excerptId });
      }
      return refs;
    }
    case 'link': {
      const link = object as ObjectOf<'link'>;
      return [
        { kind: link.fromKind, id: link.fromId },
        { kind: link.toKind, id: link.toId },
      ];
    }
    case 'hypothesis':
      return [{ kind: 'question', id: (object as ObjectOf<'hypothesis'>).questionId }];
    case 'entity':
    case 'proposition':
    case 'question':
      return [];
  }
}

interface Node {
  kind: Kind;
  id: Id;
  object: AnyObject;
  /** Trashed objects it refers to (hard references), in its own step or not. */
  parents: Node[];
  /** Trashed objects that refer to it and were trashed in the same step. */
  children: Node[];
}

/** Every trashed object, linked to the trashed objects it refers to and, within one step, to those that hang from it. */
class TrashGraph {
  readonly nodes = new Map<string, Node>();

  constructor(readonly notebook: Notebook) {
    for (const kind of KINDS) {
      for (const object of Object.values(collection(notebook, kind) as Record<Id, AnyObject>)) {
        if (object.deletedAt) this.nodes.set(key(kind, object.id), { kind, id: object.id, object, parents: [], children: [] });
      }
    }
    for (const node of this.nodes.values()) {
      for (const ref of hardReferences(node.kind, node.object)) {
        const parent = this.nodes.get(key(ref.kind, ref.id));
        if (!parent || node.parents.includes(parent)) continue;
        node.parents.push(parent);
        if (parent.object.deletedAt === node.object.deletedAt) parent.children.push(node);
      }
    }
  }

  /** Went to the trash on its own, or is what the rest of its step hangs from. */
  isRoot(node: Node): boolean {
    return !node.parents.some((p) => p.object.deletedAt === node.object.deletedAt);
  }

  /** The roots of the item(s) a node belongs to: itself when it is a root, else the roots its step's parents lead up to. */
  rootsOf(node: Node): Node[] {
    const roots: Node[] = [];
    const seen = new Set<Node>();
    const up = (n: Node) => {
      if (seen.has(n)) return;
      seen.add(n);
      if (this.isRoot(n)) roots.push(n);
      else for (const p of n.parents) if (p.object.deletedAt === n.object.deletedAt) up(p);
    };
    up(node);
    return roots;
  }

  /** The root and everything of its step that hangs from it, the root first. */
  members(root: Node): Node[] {
    const out: Node[] = [];
    const seen = new Set<Node>();
    const down = (n: Node) => {
      if (seen.has(n)) return;
      seen.add(n);
      out.push(n);
      for (const c of n.children) down(c);
    };
    down(root);
    return out;
  }

  ref(node: Node): TrashedRef {
    return { kind: node.kind, id: node.id, label: labelOf(this.notebook, node.kind, node.id) };
  }

  /**
   * What restoring the items of `asked` (roots) brings back: the items, the items their roots need (recursively),
   * less members that still could not be live (a link whose other end stays in the trash). In an
   * order `apply` accepts.
   */
  plan(asked: readonly Node[]): { restore: Node[]; needs: Node[] } {
    const chosen = new Set<Node>();
    const needRoots: Node[] = [];
    const addItem = (r: Node) => {
      if (chosen.has(r)) return;
      for (const m of this.members(r)) chosen.add(m);
      // What the root cannot live without comes back with it, as the whole item it belongs to.
      for (const p of r.parents) {
        if (chosen.has(p)) continue;
        for (const needed of this.rootsOf(p)) {
          if (!chosen.has(needed)) needRoots.push(needed);
          addItem(needed);
        }
      }
    };
    for (const root of asked) addItem(root);
    const roots = new Set<Node>([...asked, ...needRoots]);

    // A member that could not be live after all stays in the trash, and so does what hangs from it.
    for (let changed = true; changed; ) {
      changed = false;
      for (const n of chosen) {
        if (roots.has(n)) continue;
        if (n.parents.some((p) => !chosen.has(p))) {
          chosen.delete(n);
          changed = true;
        }
      }
    }
    return { restore: this.order([...chosen]), needs: needRoots };
  }

  /** Each object after the objects it refers to: kinds by rank, sources after the sources they report. */
  private order(nodes: Node[]): Node[] {
    const inSet = new Set(nodes);
    const out: Node[] = [];
    const placed = new Set<Node>();
    const place = (n: Node) => {
      if (placed.has(n)) return;
      placed.add(n);
      for (const p of n.parents) if (inSet.has(p)) place(p);
      out.push(n);
    };
    for (const n of [...nodes].sort((a, b) => RESTORE_RANK[a.kind] - RESTORE_RANK[b.kind] || byCreation(a, b))) place(n);
    return out;
  }
}

function byCreation(a: Node, b: Node): number {
  return a.object.createdAt.localeCompare(b.object.createdAt) || a.id.localeCompare(b.id);
}

const kindOrder = (kind: Kind) => (TRASH_KINDS as readonly Kind[]).indexOf(kind);

/** What is in the trash, newest first: each item with what went with it and what it needs. */
export function trashedItems(notebook: Notebook): TrashItem[] {
  const graph = new TrashGraph(notebook);
  const items: TrashItem[] = [];
  for (const node of graph.nodes.values()) {
    if (!graph.isRoot(node)) continue;
    const { restore, needs } = graph.plan([node]);
    const own = new Set(graph.members(node));
    const went = restore.filter((n) => n !== node && own.has(n)).sort((a, b) => kindOrder(a.kind) - kindOrder(b.kind) || byCreation(a, b));
    const withCounts: Partial<Record<Kind, number>> = {};
    for (const n of went) withCounts[n.kind] = (withCounts[n.kind] ?? 0) + 1;
    items.push({
      ...graph.ref(node),
      deletedAt: node.object.deletedAt!,
      with: went.map((n) => graph.ref(n)),
      withCounts,
      needs: needs.map((n) => graph.ref(n)),
    });
  }
  return items.sort((a, b) => b.deletedAt.localeCompare(a.deletedAt) || kindOrder(a.kind) - kindOrder(b.kind) || a.label.localeCompare(b.label));
}

/**
 * The one batch operation (one undo step) that brings `kind` `id` back from the trash with what
 * went with it, and with the trashed things it needs (see the top of this file). An object that
 * went to the trash with another (an excerpt with its source) brings back the whole of that item.
 * Throws 'not-found' for an unknown object and 'conflict' for one that is not in the trash.
 */
export function restoreOp(notebook: Notebook, kind: Kind, id: Id): Operation {
  const object = find(notebook, kind, id);
  if (!object) throw new NotebookError('not-found', `no ${kind} with id ${id}`);
  if (!object.deletedAt) throw new NotebookError('conflict', `the ${kind} “${labelOf(notebook, kind, id)}” is not in the trash`);
  const graph = new TrashGraph(notebook);
  const node = graph.nodes.get(key(kind, id))!;
  const { restore } = graph.plan(graph.rootsOf(node));
  const ops: SingleOperation[] = restore.map((n) => ({ type: 'restore', kind: n.kind, id: n.id }));
  return { type: 'batch', label: `restore ${kind}`, ops };
}
