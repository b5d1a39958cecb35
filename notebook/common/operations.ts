// Every change to a notebook is an operation: a plain, serialisable value that the store journals
// and `apply` carries out. `apply` returns the inverse operation, which is how undo works.
// Runs anywhere. Never does I/O.
//
// Design note: `apply` changes the notebook in place, replacing whole objects (an object itself is
// never mutated) and returning the inverse. Copying a 100k-object collection per edit would make
// every keystroke O(n); in place it is O(1). It checks everything before it writes, so an
// operation that throws leaves the notebook exactly as it was, and a batch that fails midway is
// rolled back. Deterministic: all times and ids are in the operation, so replaying the journal
// rebuilds the same notebook.
import { z } from 'zod';
import { describeIssues, NotebookError } from './errors.js';
import {
  COLLECTION,
  collection,
  find,
  Id,
  Instant,
  KindSchema,
  OBJECT_SCHEMAS,
  Tag,
  TagColor,
  type AnyObject,
  type Kind,
  type Notebook,
  type ObjectOf,
} from './model.js';

/** Fields an update may never touch: identity, and the trash (delete/restore own it). */
const FIXED_FIELDS = ['id', 'createdAt', 'deletedAt'] as const;

const CreateOp = z.object({ type: z.literal('create'), kind: KindSchema, object: z.record(z.string(), z.unknown()) });
const UpdateOp = z.object({
  type: z.literal('update'),
  kind: KindSchema,
  id: Id,
  /** Fields to set. `updatedAt` is set from here too, so undo restores it exactly. */
  set: z.record(z.string(), z.unknown()),
  /** Optional fields to clear. */
  unset: z.array(z.string()).default([]),
});
const DeleteOp = z.object({ type: z.literal('delete'), kind: KindSchema, id: Id, at: Instant });
const RestoreOp = z.object({ type: z.literal('restore'), kind: KindSchema, id: Id });
/** Removes an object for good. Only ever the inverse of `create` (undoing an addition). */
const RemoveOp = z.object({ type: z.literal('remove'), kind: KindSchema, id: Id });

/** Changes the notebook's own name or settings; `set` holds only the fields that change. */
const SettingsOp = z.object({
  type: z.literal('settings'),
  set: z
    .object({
      name: z.string().max(500),
      organisation: z.string().max(500),
      publicationUrl: z.string().max(4000),
      notes: z.string().max(1_000_000),
      /** The whole map of tag colours, replaced at once. */
      tagColors: z.record(Tag, TagColor),
    })
    .partial(),
});

const SingleOp = z.discriminatedUnion('type', [CreateOp, UpdateOp, DeleteOp, RestoreOp, RemoveOp, SettingsOp]);
/** Several operations that succeed or fail together and undo as one step. */
const BatchOp = z.object({ type: z.literal('batch'), label: z.string().max(200).default(''), ops: z.array(SingleOp) });

export const Operation = z.discriminatedUnion('type', [CreateOp, UpdateOp, DeleteOp, RestoreOp, RemoveOp, SettingsOp, BatchOp]);
export type Operation = z.infer<typeof Operation>;
export type SingleOperation = z.infer<typeof SingleOp>;

// ── apply ──────────────────────────────────────────────────────────────────────────────────────

/**
 * Carries out `op` on `notebook` (in place) and returns the operation that undoes it.
 * Throws NotebookError ('invalid', 'not-found' or 'conflict') and changes nothing when the
 * operation does not fit the notebook.
 */
export function apply(notebook: Notebook, op: Operation): Operation {
  if (op.type !== 'batch') return applySingle(notebook, op);
  const inverses: SingleOperation[] = [];
  try {
    for (const single of op.ops) inverses.push(applySingle(notebook, single));
  } catch (e) {
    for (const inverse of inverses.reverse()) applySingle(notebook, inverse);
    throw e;
  }
  return { type: 'batch', label: op.label, ops: inverses.reverse() };
}

function applySingle(notebook: Notebook, op: SingleOperation): SingleOperation {
  switch (op.type) {
    case 'create': {
      const object = parseObject(op.kind, op.object);
      if (find(notebook, op.kind, object.id)) {
        throw new NotebookError('conflict', `${op.kind} ${object.id} already exists`);
      }
      checkReferences(notebook, op.kind, object);
      put(notebook, op.kind, object);
      return { type: 'remove', kind: op.kind, id: object.id };
    }
    case 'update': {
      const before = existing(notebook, op.kind, op.id);
      for (const field of FIXED_FIELDS) {
        if (field in op.set || op.unset.includes(field)) throw new NotebookError('invalid', `${op.kind} field "${field}" cannot be updated`);
      }
      const draft: Record<string, unknown> = { ...before, ...op.set };
      for (const field of op.unset) delete draft[field];
      const after = parseObject(op.kind, draft);
      checkImmutableReferences(op.kind, before, after);
      checkReferences(notebook, op.kind, after);
      put(notebook, op.kind, after);
      const set: Record<string, unknown> = {};
      const unset: string[] = [];
      const previous = before as Record<string, unknown>;
      for (const field of [...Object.keys(op.set), ...op.unset]) {
        if (field in previous) set[field] = previous[field];
        else unset.push(field);
      }
      return { type: 'update', kind: op.kind, id: op.id, set, unset };
    }
    case 'delete': {
      const before = existing(notebook, op.kind, op.id);
      if (before.deletedAt) throw new NotebookError('conflict', `${op.kind} ${op.id} is already in the trash`);
      const dependents = liveDependents(notebook, op.kind, op.id);
      if (dependents.length) {
        throw new NotebookError(
          'conflict',
          `${op.kind} ${op.id} cannot go to the trash while ${dependents.length} live object(s) depend on it (first: ${dependents[0]!.kind} ${dependents[0]!.id})`,
        );
      }
      put(notebook, op.kind, { ...before, deletedAt: op.at });
      return { type: 'restore', kind: op.kind, id: op.id };
    }
    case 'restore': {
      const before = existing(notebook, op.kind, op.id);
      if (!before.deletedAt) throw new NotebookError('conflict', `${op.kind} ${op.id} is not in the trash`);
      const after = { ...before };
      delete after.deletedAt;
      checkReferences(notebook, op.kind, after);
      put(notebook, op.kind, after);
      return { type: 'delete', kind: op.kind, id: op.id, at: before.deletedAt };
    }
    case 'settings': {
      const { name, ...settings } = op.set;
      const inverse: typeof op.set = {};
      if (name !== undefined) inverse.name = notebook.name;
      for (const key of Object.keys(settings) as (keyof typeof settings)[]) Object.assign(inverse, { [key]: notebook.settings[key] });
      if (name !== undefined) notebook.name = name;
      notebook.settings = { ...notebook.settings, ...settings };
      return { type: 'settings', set: inverse };
    }
    case 'remove': {
      const before = existing(notebook, op.kind, op.id);
      const dependents = allDependents(notebook, op.kind, op.id);
      if (dependents.length) {
        throw new NotebookError('conflict', `${op.kind} ${op.id} cannot be removed: ${dependents[0]!.kind} ${dependents[0]!.id} refers to it`);
      }
      take(notebook, op.kind, op.id);
      return { type: 'create', kind: op.kind, object: before as Record<string, unknown> };
    }
    default: {
      const unreachable: never = op;
      throw new NotebookError('invalid', `unknown operation ${JSON.stringify(unreachable)}`);
    }
  }
}

function parseObject<K extends Kind>(kind: K, value: unknown): ObjectOf<K> {
  const parsed = OBJECT_SCHEMAS[kind].safeParse(value);
  if (!parsed.success) throw new NotebookError('invalid', `${kind}: ${describeIssues(parsed.error.issues)}`);
  return parsed.data as ObjectOf<K>;
}

function existing<K extends Kind>(notebook: Notebook, kind: K, id: Id): ObjectOf<K> {
  const object = find(notebook, kind, id);
  if (!object) throw new NotebookError('not-found', `no ${kind} with id ${id}`);
  return object;
}

function put(notebook: Notebook, kind: Kind, object: AnyObject): void {
  const objects = notebook[COLLECTION[kind]] as Record<Id, AnyObject>;
  referrersIfBuilt(notebook)?.replace(kind, objects[object.id], object);
  objects[object.id] = object;
}

function take(notebook: Notebook, kind: Kind, id: Id): void {
  const objects = collection(notebook, kind) as Record<Id, AnyObject>;
  referrersIfBuilt(notebook)?.replace(kind, objects[id], undefined);
  delete objects[id];
}

/** A soft reference: the object must exist, but may be in the trash (it is then simply not shown). */
function known<K extends Kind>(notebook: Notebook, kind: K, id: Id, what: string): void {
  if (!find(notebook, kind, id)) throw new NotebookError('not-found', `${what}: no ${kind} with id ${id}`);
}

function live<K extends Kind>(notebook: Notebook, kind: K, id: Id | undefined, what: string): void {
  if (id === undefined) return;
  const object = find(notebook, kind, id);
  if (!object) throw new NotebookError('not-found', `${what}: no ${kind} with id ${id}`);
  if (object.deletedAt) throw new NotebookError('conflict', `${what}: ${kind} ${id} is in the trash`);
}

/** Every id an object refers to must name a live object of the right kind. */
function checkReferences(notebook: Notebook, kind: Kind, object: AnyObject): void {
  if (object.deletedAt) return;
  switch (kind) {
    case 'source': {
      const source = object as ObjectOf<'source'>;
      live(notebook, 'source', source.parentSourceId, 'parent source');
      for (let id = source.parentSourceId, hops = 0; id !== undefined; hops++) {
        if (id === source.id || hops > 1000) throw new NotebookError('conflict', 'a source cannot report itself, even through other sources');
        id = find(notebook, 'source', id)?.parentSourceId;
      }
      return;
    }
    case 'excerpt': {
      const excerpt = object as ObjectOf<'excerpt'>;
      live(notebook, 'source', excerpt.sourceId, 'excerpt source');
      const length = find(notebook, 'source', excerpt.sourceId)!.content.length;
      if (excerpt.selectors.position.end > length) {
        throw new NotebookError('invalid', `excerpt ends at ${excerpt.selectors.position.end}, past the end of its source (${length} characters)`);
      }
      for (const entityId of excerpt.mentions) known(notebook, 'entity', entityId, 'mention');
      return;
    }
    case 'claim': {
      const claim = object as ObjectOf<'claim'>;
      live(notebook, 'entity', claim.claimantId, 'claimant');
      live(notebook, 'proposition', claim.propositionId, 'proposition');
      for (const step of claim.attribution) {
        live(notebook, 'entity', step.entityId, 'attribution');
        live(notebook, 'excerpt', step.excerptId, 'attribution excerpt');
      }
      return;
    }
    case 'link': {
      const link = object as ObjectOf<'link'>;
      live(notebook, link.fromKind, link.fromId, 'link from');
      live(notebook, link.toKind, link.toId, 'link to');
      if (link.fromId === link.toId) throw new NotebookError('conflict', 'a claim cannot be evidence for itself');
      for (const otherId of referrers(notebook).of('link', link.fromId)) {
        if (otherId === link.id) continue;
        const other = notebook.links[otherId]!;
        if (!other.deletedAt && other.fromId === link.fromId && other.toId === link.toId && other.relation === link.relation) {
          throw new NotebookError('conflict', `this ${link.fromKind} already ${link.relation} that claim`);
        }
      }
      return;
    }
    case 'question': {
      const question = object as ObjectOf<'question'>;
      const seen = new Set<Id>();
      for (const row of question.evidence) {
        known(notebook, row.kind, row.id, 'evidence row');
        if (seen.has(row.id)) throw new NotebookError('conflict', `that ${row.kind} is already a row of this question`);
        seen.add(row.id);
      }
      return;
    }
    case 'hypothesis':
      live(notebook, 'question', (object as ObjectOf<'hypothesis'>).questionId, 'hypothesis question');
      return;
    case 'entity':
    case 'proposition':
      return;
  }
}

/** What an object is anchored to cannot move: an excerpt stays in its source, a link keeps its ends. */
function checkImmutableReferences(kind: Kind, before: AnyObject, after: AnyObject): void {
  const fixed = kind === 'excerpt' ? ['sourceId'] : kind === 'link' ? ['fromKind', 'fromId', 'toKind', 'toId'] : kind === 'hypothesis' ? ['questionId'] : [];
  for (const field of fixed) {
    if ((before as Record<string, unknown>)[field] !== (after as Record<string, unknown>)[field]) {
      throw new NotebookError('invalid', `${kind} field "${field}" cannot be changed; create a new ${kind} instead`);
    }
  }
}

interface Ref {
  kind: Kind;
  id: Id;
  /** A soft reference (a mention, an evidence row): it never keeps its target out of the trash, only from being removed. */
  soft?: boolean;
}

/** The kinds of object that may refer to an object of each kind, in the order dependents are listed. */
const REFERRER_KINDS: Record<Kind, readonly Kind[]> = {
  source: ['excerpt', 'source'],
  excerpt: ['link', 'claim', 'question'],
  claim: ['link', 'question'],
  entity: ['claim', 'excerpt'],
  proposition: ['claim'],
  question: ['hypothesis'],
  link: [],
  hypothesis: [],
};

/** A soft reference (a mention, an evidence row): it never keeps its target out of the trash, only from being removed. */
function isSoft(referrer: Kind, target: Kind): boolean {
  return referrer === 'question' || (referrer === 'excerpt' && target === 'entity');
}

/** Objects that refer to (kind, id), in the trash or not. */
function allDependents(notebook: Notebook, kind: Kind, id: Id): Ref[] {
  const index = referrers(notebook);
  const refs: Ref[] = [];
  for (const k of REFERRER_KINDS[kind]) {
    for (const referrer of index.of(k, id)) refs.push(isSoft(k, kind) ? { kind: k, id: referrer, soft: true } : { kind: k, id: referrer });
  }
  return refs;
}

/** The ids an object refers to: what makes it a dependent of another. */
function referencesOf(kind: Kind, object: AnyObject): Id[] {
  switch (kind) {
    case 'source': {
      const parent = (object as ObjectOf<'source'>).parentSourceId;
      return parent === undefined ? [] : [parent];
    }
    case 'excerpt': {
      const excerpt = object as ObjectOf<'excerpt'>;
      return [excerpt.sourceId, ...excerpt.mentions];
    }
    case 'claim': {
      const claim = object as ObjectOf<'claim'>;
      const ids: Id[] = [];
      if (claim.claimantId !== undefined) ids.push(claim.claimantId);
      if (claim.propositionId !== undefined) ids.push(claim.propositionId);
      for (const step of claim.attribution) {
        if (step.entityId !== undefined) ids.push(step.entityId);
        if (step.excerptId !== undefined) ids.push(step.excerptId);
      }
      return ids;
    }
    case 'link': {
      const link = object as ObjectOf<'link'>;
      return [link.fromId, link.toId];
    }
    case 'question':
      return (object as ObjectOf<'question'>).evidence.map((row) => row.id);
    case 'hypothesis':
      return [(object as ObjectOf<'hypothesis'>).questionId];
    case 'entity':
    case 'proposition':
      return [];
  }
}

/**
 * Who refers to whom, so that finding an object's dependents (to trash or remove it, or to refuse
 * a duplicate link) looks at those objects only: walking every collection instead took ~1 s to
 * trash a source at 100k excerpts, in the notebook's process and again in the page. Kept per kind
 * of referrer, each built the first time it is asked about (links for a new link, excerpts for a
 * source: one pass over that collection alone), then kept up to date by put/take, which every
 * change goes through: `apply` is the only writer of a notebook. Its collections are remembered,
 * so a notebook whose collections were replaced wholesale is indexed afresh.
 */
class Referrers {
  /** Kind of referrer → target id → the ids of the objects of that kind that refer to it. */
  readonly #by = new Map<Kind, Map<Id, Set<Id>>>();
  readonly collections: readonly object[];

  constructor(private readonly notebook: Notebook) {
    this.collections = KIND_ORDER.map((kind) => notebook[COLLECTION[kind]]);
  }

  /** The objects of `kind` that refer to `id`, in the trash or not. */
  of(kind: Kind, id: Id): ReadonlySet<Id> {
    let byTarget = this.#by.get(kind);
    if (!byTarget) {
      this.#by.set(kind, (byTarget = new Map()));
      for (const object of Object.values(collection(this.notebook, kind) as Record<Id, AnyObject>)) this.replace(kind, undefined, object);
    }
    return byTarget.get(id) ?? NONE;
  }

  replace(kind: Kind, before: AnyObject | undefined, after: AnyObject | undefined): void {
    const byTarget = this.#by.get(kind);
    if (!byTarget) return; // not asked about yet: built from the collection when it is
    if (before) {
      for (const target of referencesOf(kind, before)) {
        const ids = byTarget.get(target);
        ids?.delete(before.id);
        if (ids?.size === 0) byTarget.delete(target);
      }
    }
    if (after) {
      for (const target of referencesOf(kind, after)) {
        let ids = byTarget.get(target);
        if (!ids) byTarget.set(target, (ids = new Set()));
        ids.add(after.id);
      }
    }
  }
}

const NONE: ReadonlySet<Id> = new Set();
const KIND_ORDER = Object.keys(COLLECTION) as Kind[];
const referrerIndexes = new WeakMap<Notebook, Referrers>();

function referrersIfBuilt(notebook: Notebook): Referrers | undefined {
  const index = referrerIndexes.get(notebook);
  if (index && KIND_ORDER.every((kind, i) => notebook[COLLECTION[kind]] === index.collections[i])) return index;
  if (index) referrerIndexes.delete(notebook);
  return undefined;
}

function referrers(notebook: Notebook): Referrers {
  let index = referrersIfBuilt(notebook);
  if (!index) referrerIndexes.set(notebook, (index = new Referrers(notebook)));
  return index;
}

function liveDependents(notebook: Notebook, kind: Kind, id: Id): Ref[] {
  return allDependents(notebook, kind, id).filter((r) => !r.soft && !find(notebook, r.kind, r.id)?.deletedAt);
}

/**
 * The batch that moves an object and everything that hangs from it to the trash:
 * a source with its excerpts and their links, an excerpt with its links, a claim with its links,
 * a question with its hypotheses. An entity that is still somebody's claimant, or a proposition
 * that still groups claims, is refused by `apply` with a message saying so.
 */
export function trashWithDependents(notebook: Notebook, kind: Kind, id: Id, at: Instant): Operation {
  const ops: SingleOperation[] = [];
  const seen = new Set<string>();
  const visit = (k: Kind, i: Id) => {
    if (seen.has(i)) return;
    seen.add(i);
    for (const dep of liveDependents(notebook, k, i)) {
      // A claim citing an excerpt in its attribution, a claim whose claimant this is, a source
      // reporting this one: each stands on its own, so it is not trashed along; apply refuses and
      // names it, and the analyst decides.
      if (dep.kind === 'claim' || dep.kind === 'source') continue;
      visit(dep.kind, dep.id);
    }
    ops.push({ type: 'delete', kind: k, id: i, at });
  };
  visit(kind, id);
  return { type: 'batch', label: `trash ${kind}`, ops };
}
