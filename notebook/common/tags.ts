// Tags: hierarchical paths ("weapons/artillery") on sources, excerpts and claims, what the notebook
// holds of them, and the operations that change them. Pure and runs anywhere; never applies an
// operation itself (the caller sends it through the store, so every change is one undo step).
//
// A tag's parents are the paths above it: "weapons/artillery" sits under "weapons", so filtering by
// "weapons" finds it, and it takes the colour of "weapons" unless it has one of its own.
import { NotebookError } from './errors.js';
import { type Claim, type Excerpt, type Id, type Instant, type Notebook, type Source } from './model.js';
import type { Operation, SingleOperation } from './operations.js';

/** The kinds of object that carry tags. */
export const TAGGABLE_KINDS = ['source', 'excerpt', 'claim'] as const;
export type TaggableKind = (typeof TAGGABLE_KINDS)[number];
type Tagged = Source | Excerpt | Claim;

/** The longest tag (model.ts `Tag`), in UTF-16 units as the schema counts them. */
export const MAX_TAG_LENGTH = 200;
/** The most tags one object carries (model.ts `Tags`). */
export const MAX_TAGS = 200;

const COLLECTIONS = { source: 'sources', excerpt: 'excerpts', claim: 'claims' } as const satisfies Record<TaggableKind, keyof Notebook>;

/** Why `raw` cannot be a tag, in words an analyst can act on; null when it can (after normaliseTag). */
export function tagProblem(raw: string): string | null {
  const tag = collapse(raw);
  if (!tag) return raw.trim() ? `“${raw.trim()}” has no name between its slashes` : 'A tag needs a name';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(tag)) return 'A tag is one line of text: no line breaks or tabs';
  // The comma separates tags wherever several are typed at once (the tag field, the claim form).
  if (tag.includes(',')) return `“${tag}” has a comma, which separates tags: type it as two tags, or use “/” for levels`;
  if (tag.length > MAX_TAG_LENGTH) return `A tag is at most ${MAX_TAG_LENGTH} characters; this one has ${tag.length}`;
  return null;
}

/**
 * The tag as stored: each level trimmed, repeated "/" collapsed, no empty level
 * (" weapons // artillery/ " → "weapons/artillery"). Throws NotebookError('invalid') saying why
 * when nothing sensible is left, or the tag has a line break or a comma, or is too long.
 */
export function normaliseTag(raw: string): string {
  const problem = tagProblem(raw);
  if (problem) throw new NotebookError('invalid', `Tag: ${problem}`);
  return collapse(raw);
}

function collapse(raw: string): string {
  return raw
    .split('/')
    .map((level) => level.trim())
    .filter(Boolean)
    .join('/');
}

/** The tag and every path above it, the top first: "a/b/c" → ["a", "a/b", "a/b/c"]. */
export function tagPaths(tag: string): string[] {
  const levels = tag.split('/');
  return levels.map((_, i) => levels.slice(0, i + 1).join('/'));
}

/** The path above a tag ("weapons" for "weapons/artillery"), or null at the top. */
export function parentTag(tag: string): string | null {
  const slash = tag.lastIndexOf('/');
  return slash < 0 ? null : tag.slice(0, slash);
}

/** Whether `tag` is `under` itself or a tag below it: "weapons/artillery" is under "weapons", "weaponsmith" is not. */
export function isTagUnder(tag: string, under: string): boolean {
  return tag === under || tag.startsWith(`${under}/`);
}

/** Whether any of `tags` is `tag` or below it: an object tagged weapons/artillery is under weapons. */
export function hasTagUnder(tags: readonly string[], tag: string): boolean {
  return tags.some((t) => isTagUnder(t, tag));
}

// ── What the notebook holds ────────────────────────────────────────────────────────────────────

export interface TagCounts {
  source: number;
  excerpt: number;
  claim: number;
}

export interface TagNode {
  /** The whole path, "weapons/artillery". */
  path: string;
  /** Its last level, "artillery". */
  name: string;
  /** 0 at the top. */
  depth: number;
  parent: string | null;
  /** Live objects tagged with this path or one below it, each counted once. */
  counts: TagCounts;
  /** Live objects tagged with exactly this path. */
  own: TagCounts;
}

const noCounts = (): TagCounts => ({ source: 0, excerpt: 0, claim: 0 });

/** Whether an object is live: not in the trash, nor an excerpt of a source in the trash. */
function isLiveTagged(notebook: Notebook, kind: TaggableKind, object: Tagged): boolean {
  if (object.deletedAt) return false;
  if (kind === 'excerpt') {
    const source = notebook.sources[(object as Excerpt).sourceId];
    return Boolean(source && !source.deletedAt);
  }
  return true;
}

/**
 * Every tag on a live source, excerpt or claim and every path above one, each with its counts,
 * in tree order (a parent right before its children, siblings alphabetical, case-insensitively).
 * `also` adds paths that need a place in the tree even when nothing carries them (a coloured tag
 * nobody uses any more, a filter that is still chosen); they count zero.
 */
export function tagTree(notebook: Notebook, also: Iterable<string> = []): TagNode[] {
  const nodes = new Map<string, TagNode>();
  const node = (path: string): TagNode => {
    let found = nodes.get(path);
    if (!found) {
      const parent = parentTag(path);
      found = { path, name: parent === null ? path : path.slice(parent.length + 1), depth: path.split('/').length - 1, parent, counts: noCounts(), own: noCounts() };
      nodes.set(path, found);
    }
    return found;
  };
  for (const kind of TAGGABLE_KINDS) {
    for (const object of Object.values(notebook[COLLECTIONS[kind]]) as Tagged[]) {
      if (object.tags.length === 0 || !isLiveTagged(notebook, kind, object)) continue;
      // An object tagged both weapons and weapons/artillery counts once under weapons.
      const under = new Set<string>();
      for (const tag of object.tags) {
        node(tag).own[kind]++;
        for (const path of tagPaths(tag)) under.add(path);
      }
      for (const path of under) node(path).counts[kind]++;
    }
  }
  for (const extra of also) for (const path of tagPaths(extra)) node(path);
  return sortTree([...nodes.values()]);
}

/** Parents before children, siblings by name: sorting by levels, not by the whole string, keeps "a/b" right after "a" even when "a b" exists. */
function sortTree(nodes: TagNode[]): TagNode[] {
  const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });
  const keyed = nodes.map((n) => ({ n, levels: n.path.split('/') }));
  keyed.sort((a, b) => {
    const shared = Math.min(a.levels.length, b.levels.length);
    for (let i = 0; i < shared; i++) {
      const c = collator.compare(a.levels[i]!, b.levels[i]!) || (a.levels[i]! < b.levels[i]! ? -1 : a.levels[i]! > b.levels[i]! ? 1 : 0);
      if (c) return c;
    }
    return a.levels.length - b.levels.length;
  });
  return keyed.map((k) => k.n);
}

/** The total of a node's counts: how many live objects are under the tag. */
export function countAll(counts: TagCounts): number {
  return counts.source + counts.excerpt + counts.claim;
}

/** The live sources under a tag: tagged so themselves, or (withExcerpts) holding a live excerpt that is. */
export function sourcesUnderTag(notebook: Notebook, tag: string, withExcerpts: boolean): Set<Id> {
  const ids = new Set<Id>();
  for (const source of Object.values(notebook.sources)) if (!source.deletedAt && hasTagUnder(source.tags, tag)) ids.add(source.id);
  if (withExcerpts) {
    for (const excerpt of Object.values(notebook.excerpts)) {
      if (isLiveTagged(notebook, 'excerpt', excerpt) && hasTagUnder(excerpt.tags, tag)) ids.add(excerpt.sourceId);
    }
  }
  return ids;
}

// ── Operations ─────────────────────────────────────────────────────────────────────────────────

function tagged(notebook: Notebook, kind: TaggableKind, id: Id): Tagged {
  const object = (notebook[COLLECTIONS[kind]] as Record<Id, Tagged>)[id];
  if (!object) throw new NotebookError('not-found', `no ${kind} with id ${id}`);
  return object;
}

const sameTags = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((t, i) => t === b[i]);

/**
 * The update that adds a tag (normalised) to an object; null when it has that tag already. Throws
 * NotebookError('invalid') for what cannot be a tag, or when the object has MAX_TAGS already.
 */
export function addTagOp(notebook: Notebook, kind: TaggableKind, id: Id, raw: string, at: Instant): Operation | null {
  const tag = normaliseTag(raw);
  const object = tagged(notebook, kind, id);
  if (object.tags.includes(tag)) return null;
  if (object.tags.length >= MAX_TAGS) throw new NotebookError('invalid', `Tag: a ${kind} has at most ${MAX_TAGS} tags, and this one has ${object.tags.length}`);
  return { type: 'update', kind, id, set: { tags: [...object.tags, tag], updatedAt: at }, unset: [] };
}

/** The update that takes a tag off an object; null when it does not have it. */
export function removeTagOp(notebook: Notebook, kind: TaggableKind, id: Id, tag: string, at: Instant): Operation | null {
  const object = tagged(notebook, kind, id);
  if (!object.tags.includes(tag)) return null;
  return { type: 'update', kind, id, set: { tags: object.tags.filter((t) => t !== tag), updatedAt: at }, unset: [] };
}

/**
 * The settings operation that gives a tag a colour, or (null) takes its own colour away so it
 * inherits its parent's again. The whole map is replaced, so undo puts back exactly the old one.
 * Null when nothing changes. Colours are names the renderer knows (tag-colors.ts); the notebook
 * keeps any short name so a colour from a newer Corroborate survives a round trip.
 */
export function setTagColorOp(notebook: Notebook, raw: string, color: string | null): Operation | null {
  const tag = normaliseTag(raw);
  const colors = notebook.settings.tagColors;
  const current = Object.hasOwn(colors, tag) ? colors[tag] : undefined;
  if ((current ?? null) === color) return null;
  const next: Record<string, string> = {};
  for (const [path, c] of Object.entries(colors)) if (path !== tag) next[path] = c;
  if (color !== null) next[tag] = color;
  return { type: 'settings', set: { tagColors: next } };
}

/** What renaming a tag would do, for the analyst to see before it happens. */
export interface TagRename {
  from: string;
  to: string;
  /** The operation (one batch: one undo step), or null when nothing carries the tag. */
  op: Operation | null;
  /** Objects whose tags change, live or in the trash. */
  objects: number;
}

/**
 * Renames a tag everywhere, with the tags below it ("weapons" → "arms" makes "weapons/artillery"
 * "arms/artillery"), on every source, excerpt and claim, in the trash too (so a restore brings
 * back the new name), and moves their colours along. An object that ends up with a tag twice keeps
 * it once. Renaming onto an existing tag merges the two; a colour the target already has wins.
 * Throws NotebookError('invalid') for a target that cannot be a tag or that lies under the tag
 * itself ("weapons" → "weapons/old" would rename its own children again on every rename).
 */
export function renameTag(notebook: Notebook, rawFrom: string, rawTo: string, at: Instant): TagRename {
  const from = normaliseTag(rawFrom);
  const to = normaliseTag(rawTo);
  if (to !== from && isTagUnder(to, from)) throw new NotebookError('invalid', `Tag: “${from}” cannot move under itself (“${to}”)`);
  const rename = (tag: string) => (isTagUnder(tag, from) ? to + tag.slice(from.length) : tag);
  const ops: SingleOperation[] = [];
  let objects = 0;
  if (to !== from) {
    for (const kind of TAGGABLE_KINDS) {
      for (const object of Object.values(notebook[COLLECTIONS[kind]]) as Tagged[]) {
        if (!hasTagUnder(object.tags, from)) continue;
        const next = [...new Set(object.tags.map(rename))];
        if (sameTags(next, object.tags)) continue;
        ops.push({ type: 'update', kind, id: object.id, set: { tags: next, updatedAt: at }, unset: [] });
        objects++;
      }
    }
    const colors = notebook.settings.tagColors;
    const moved = Object.keys(colors).some((path) => isTagUnder(path, from));
    if (moved) {
      const next: Record<string, string> = {};
      for (const [path, color] of Object.entries(colors)) if (!isTagUnder(path, from)) next[path] = color;
      for (const [path, color] of Object.entries(colors)) if (isTagUnder(path, from) && !Object.hasOwn(next, rename(path))) next[rename(path)] = color;
      ops.push({ type: 'settings', set: { tagColors: next } });
    }
  }
  return { from, to, objects, op: ops.length ? { type: 'batch', label: `rename tag ${from}`, ops } : null };
}
