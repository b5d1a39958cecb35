// Imports a notebook bundle (see notebook/common/bundle.ts and docs/format.md) into a notebook as
// one batch operation, so one undo takes it all back: a merge by id. New objects are added,
// identical ones skipped, and an object both have in different versions is a conflict that the
// analyst resolves ('mine' keeps the notebook's, 'theirs' takes the bundle's); one left without a
// choice refuses the whole merge. Checks everything first: a bundle that does not fit (a bad
// field, a quote that is not in its text, a reference to nothing) is refused whole and nothing is
// written. A bundle of an older schemaVersion is upgraded first, as notebook.json is.
import { Buffer } from 'node:buffer';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Applied, KindCounts, MergeConflict, MergePlan } from '../common/api.js';
import { BUNDLE_FORMAT, BUNDLE_INPUT_SCHEMAS, BUNDLE_KEY, BUNDLE_SCHEMA_VERSION, BundleEnvelope, type BundleInputObject } from '../common/bundle.js';
import { describeIssues, NotebookError } from '../common/errors.js';
import { now } from '../common/ids.js';
import { migrateNotebook } from '../common/migrations.js';
import { find, KINDS, OBJECT_SCHEMAS, type AnyObject, type Id, type Instant, type Kind, type Notebook, type ObjectOf } from '../common/model.js';
import { apply, type Operation, type SingleOperation } from '../common/operations.js';
import { codePointLength, sliceCodePoints } from '../common/text.js';
import { sha256Hex } from './store/files.js';
import type { Store } from './store.js';

export type { KindCounts };

/** Which version of a conflicting object the merge keeps: the notebook's ('mine') or the bundle's ('theirs'). */
export type Resolution = 'mine' | 'theirs';

export interface BundlePlan {
  /** One batch creating everything new and taking the bundle's version where chosen; null when nothing changes. */
  op: Operation | null;
  /** Files to store before the operation: originals (when carried), then texts, each missing from the notebook. */
  files: Uint8Array[];
  /** The normalised texts of the sources to add, by sha256. */
  texts: Map<string, string>;
  added: KindCounts;
  skipped: KindCounts;
  /** Objects both have in different versions, each resolved as chosen. */
  conflicts: MergeConflict[];
}

export interface PlanOptions {
  /** The text stored under sha256 in the notebook, or undefined when there is none. */
  textOf(sha256: string): string | undefined;
  /** Whether the notebook has a file stored under sha256. */
  hasFile(sha256: string): boolean;
  /** Time stamped on objects that came without createdAt/updatedAt; default now. */
  at?: Instant;
}

export interface MergeChoices {
  /** The analyst's choice for each conflict, by the object's id. */
  resolutions?: Readonly<Record<Id, Resolution>>;
  /** The choice for every conflict without its own (the CLI's --prefer). */
  prefer?: Resolution;
}

export interface BundleImportResult {
  added: KindCounts;
  skipped: KindCounts;
  conflicts: MergeConflict[];
  /** How many conflicts kept the notebook's version and how many took the bundle's. */
  kept: number;
  taken: number;
  applied: Applied | null;
}

/**
 * A bundle that differs from the notebook in objects nobody chose a version of. The merge is
 * refused whole; `conflicts` lists every one, so a caller can ask and try again.
 */
export class UnresolvedConflicts extends NotebookError {
  constructor(readonly conflicts: MergeConflict[]) {
    const [first] = conflicts;
    const more = conflicts.length > 1 ? `, and ${conflicts.length - 1} more object${conflicts.length === 2 ? '' : 's'} differ` : '';
    super(
      'conflict',
      `${first!.kind} ${first!.id} ${first!.kind === 'excerpt' || first!.kind === 'link' ? clip(first!.label, 120) : `"${clip(first!.label, 120)}"`} is already in this notebook and differs in its ${listFields(first!.fields)}${more}; ` +
        'choose which version to keep (mine or theirs) for each',
    );
  }
}

/** What merging `json` into the store's notebook would add, skip, and where it conflicts. Changes nothing. */
export function planMerge(store: Store, json: unknown): MergePlan {
  const analysis = analyse(store.notebook, json, storeFiles(store));
  return { added: analysis.added, skipped: analysis.skipped, conflicts: analysis.differing.map((d) => d.conflict) };
}

/**
 * Imports `json` (a parsed bundle) into the store's notebook, resolving conflicts as `choices`
 * say; without choices, a bundle that conflicts is refused (UnresolvedConflicts).
 */
export function importBundle(store: Store, json: unknown, choices: MergeChoices = {}): BundleImportResult {
  const plan = planBundleImport(store.notebook, json, { ...storeFiles(store), ...choices });
  const taken = plan.conflicts.filter((c) => resolutionOf(c, choices) === 'theirs').length;
  const result = { added: plan.added, skipped: plan.skipped, conflicts: plan.conflicts, kept: plan.conflicts.length - taken, taken };
  if (!plan.op && plan.files.length === 0) return { ...result, applied: null };
  if (store.readOnly) throw new NotebookError('read-only', `the notebook is open read-only: ${store.readOnly}`);
  // A trial on a copy first: the store checks the batch again, but only after the texts are on
  // disk, and a refused bundle must leave no files behind.
  if (plan.op) tryMerge(structuredClone(store.notebook), plan.op);
  // Files the notebook lacks are stored even when no object changes: the bundle mends them.
  for (const file of plan.files) store.putFile(file);
  return { ...result, applied: plan.op ? store.apply(plan.op) : null };
}

/** Applies the merge to `notebook` (a copy), saying, when it does not fit, that the merge as chosen cannot be made. */
export function tryMerge(notebook: Notebook, op: Operation): void {
  try {
    apply(notebook, op);
  } catch (e) {
    if (e instanceof NotebookError) throw new NotebookError(e.code, `the bundle cannot be merged as chosen: ${e.message}`);
    throw e;
  }
}

function storeFiles(store: Store): PlanOptions {
  return {
    textOf: (sha) => readOr(() => store.readText(sha)),
    // Asked of every source in the bundle: whether the file is there, without reading a 200 MB original.
    hasFile: (sha) => /^[0-9a-f]{64}$/.test(sha) && existsSync(join(store.dir, 'sources', sha)),
  };
}

function readOr<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}

const zeroCounts = (): KindCounts => ({ source: 0, excerpt: 0, claim: 0, link: 0, entity: 0, proposition: 0, question: 0, hypothesis: 0 });

const byKind = <T>(make: () => T): Record<Kind, T> => Object.fromEntries(KINDS.map((k) => [k, make()])) as Record<Kind, T>;

/**
 * The order objects are written in, so every reference points at something already there:
 * entities (excerpts mention them, claims name them), propositions, sources (parents first),
 * excerpts, claims (their attribution may cite excerpts), links, questions (their rows are
 * excerpts and claims), hypotheses. Objects go to the trash in the reverse order.
 */
const WRITE_ORDER: readonly Kind[] = ['entity', 'proposition', 'source', 'excerpt', 'claim', 'link', 'question', 'hypothesis'];

/**
 * What an object is anchored to: it never changes (operations refuse it), so a bundle whose version
 * differs there is another object under the same id, and its version cannot be taken.
 */
const ANCHORS: Partial<Record<Kind, readonly string[]>> = {
  source: ['content.textSha256'],
  excerpt: ['sourceId'],
  link: ['fromKind', 'fromId', 'toKind', 'toId'],
  hypothesis: ['questionId'],
};

interface Incoming<K extends Kind> {
  object: ObjectOf<K>;
  /** What the producer left out, so an identical re-import is not taken for a conflict. */
  gaveCreatedAt: boolean;
  gaveUpdatedAt: boolean;
  gaveContent: boolean;
}

/** A conflict with both versions, for building the operations that take the bundle's. */
interface Differing {
  kind: Kind;
  mine: AnyObject;
  theirs: AnyObject;
  conflict: MergeConflict;
}

interface Analysis {
  incoming: { [K in Kind]: Incoming<K>[] };
  toAdd: { [K in Kind]: ObjectOf<K>[] };
  differing: Differing[];
  added: KindCounts;
  skipped: KindCounts;
  /** Source id → its text in the bundle. */
  texts: Map<Id, string>;
  /** Source id → the original the bundle carries. */
  originals: Map<Id, Uint8Array>;
}

/**
 * Works out what importing `json` into `notebook` would do, and checks it: every object against its
 * schema, every reference, every new excerpt's quote. Pure apart from reading the notebook's texts
 * through `options`; throws NotebookError naming the object and field.
 */
function analyse(notebook: Notebook, json: unknown, options: PlanOptions): Analysis {
  const at = options.at ?? now();
  const envelope = parseEnvelope(json);

  const incoming = byKind(() => []) as { [K in Kind]: Incoming<K>[] };
  const texts = new Map<Id, string>();
  const originals = new Map<Id, Uint8Array>();
  for (const kind of KINDS) {
    const seen = new Set<Id>();
    envelope[BUNDLE_KEY[kind]].forEach((raw, index) => {
      const item = parseObject(kind, raw, index, at, texts, originals, options);
      if (seen.has(item.object.id)) throw new NotebookError('invalid', `two ${BUNDLE_KEY[kind]} have the id ${item.object.id}`);
      seen.add(item.object.id);
      (incoming[kind] as Incoming<Kind>[]).push(item);
    });
  }

  const added = zeroCounts();
  const skipped = zeroCounts();
  const toAdd = byKind(() => []) as { [K in Kind]: ObjectOf<K>[] };
  const differing: Differing[] = [];
  for (const kind of KINDS) {
    for (const item of incoming[kind] as Incoming<Kind>[]) {
      const existing = find(notebook, kind, item.object.id);
      if (!existing) {
        (toAdd[kind] as AnyObject[]).push(item.object);
        added[kind]++;
        continue;
      }
      const theirs = comparable(item, existing);
      const fields = differingFields(existing, theirs);
      if (fields.length === 0) {
        skipped[kind]++;
        continue;
      }
      differing.push({ kind, mine: existing, theirs, conflict: conflictOf(kind, existing, theirs, fields, notebook, incoming) });
    }
  }

  const textsBySha = new Map(incoming.source.map((i) => [i.object.content.textSha256, texts.get(i.object.id)!]));
  const inBundle = (kind: Kind, id: Id) => (incoming[kind] as Incoming<Kind>[]).some((i) => i.object.id === id);
  const resolves = (kind: Kind, id: Id | undefined, owner: string, field: string) => {
    if (id === undefined || inBundle(kind, id) || find(notebook, kind, id)) return;
    throw new NotebookError('invalid', `${owner}: ${field} ${id} is neither in the bundle nor in the notebook`);
  };
  // The bundle's versions that may be written: the new objects and the other side of each conflict.
  const written = <K extends Kind>(kind: K): ObjectOf<K>[] => [...toAdd[kind], ...differing.filter((d) => d.kind === kind).map((d) => d.theirs as ObjectOf<K>)];
  for (const s of written('source')) resolves('source', s.parentSourceId, describe('source', s), 'parentSourceId');
  for (const e of toAdd.excerpt) {
    const owner = describe('excerpt', e);
    resolves('source', e.sourceId, owner, 'sourceId');
    checkQuote(e, owner, sourceText(e.sourceId, texts, textsBySha, notebook, options, owner));
  }
  for (const e of written('excerpt')) e.mentions.forEach((id, i) => resolves('entity', id, describe('excerpt', e), `mentions[${i}]`));
  for (const c of written('claim')) {
    const owner = describe('claim', c);
    resolves('entity', c.claimantId, owner, 'claimantId');
    resolves('proposition', c.propositionId, owner, 'propositionId');
    c.attribution.forEach((step, i) => {
      resolves('entity', step.entityId, owner, `attribution[${i}].entityId`);
      resolves('excerpt', step.excerptId, owner, `attribution[${i}].excerptId`);
    });
  }
  for (const l of toAdd.link) {
    const owner = describe('link', l);
    resolves(l.fromKind, l.fromId, owner, 'fromId');
    resolves(l.toKind, l.toId, owner, 'toId');
  }
  for (const q of written('question')) {
    const owner = describe('question', q);
    q.evidence.forEach((row, i) => resolves(row.kind, row.id, owner, `evidence[${i}].id`));
  }
  for (const h of toAdd.hypothesis) resolves('question', h.questionId, describe('hypothesis', h), 'questionId');

  return { incoming, toAdd, differing, added, skipped, texts, originals };
}

/**
 * Plans the import of `json` into `notebook`: the batch to apply and the files to store first.
 * Every conflict must be resolved by `options` (resolutions, or prefer for all): otherwise it
 * throws UnresolvedConflicts and nothing is planned.
 */
export function planBundleImport(notebook: Notebook, json: unknown, options: PlanOptions & MergeChoices): BundlePlan {
  const analysis = analyse(notebook, json, options);
  const unresolved = analysis.differing.filter((d) => resolutionOf(d.conflict, options) === undefined);
  if (unresolved.length) throw new UnresolvedConflicts(unresolved.map((d) => d.conflict));
  const taken = analysis.differing.filter((d) => resolutionOf(d.conflict, options) === 'theirs');
  for (const d of taken) checkTakeable(d, notebook, options);

  const { toAdd, texts, originals } = analysis;
  const files: Uint8Array[] = [];
  const addedTexts = new Map<string, string>();
  const needed = new Set<Id>([...toAdd.source.map((s) => s.id), ...taken.filter((d) => d.kind === 'source').map((d) => d.mine.id)]);
  const stored = new Set<string>();
  const store = (sha: string, bytes: () => Uint8Array) => {
    // A file the notebook lacks is stored even for a source it already has: the bundle mends it.
    if (stored.has(sha) || options.hasFile(sha)) return;
    stored.add(sha);
    files.push(bytes());
  };
  for (const item of analysis.incoming.source) {
    const s = item.object;
    const original = originals.get(s.id);
    if (original) store(s.content.originalSha256, () => original);
    const text = texts.get(s.id)!;
    store(s.content.textSha256, () => new TextEncoder().encode(text));
    if (needed.has(s.id)) addedTexts.set(s.content.textSha256, text);
  }

  const ops: SingleOperation[] = [];
  const takenOf = (kind: Kind) => taken.filter((d) => d.kind === kind);
  for (const kind of WRITE_ORDER) {
    const added = kind === 'source' ? parentsFirst(toAdd.source) : (toAdd[kind] as AnyObject[]);
    ops.push(...added.map((o) => create(kind, o)));
    // The bundle's version of what stays or becomes live: its fields first (a trashed object is
    // updated without its references being checked), then out of the trash, where they are.
    for (const d of takenOf(kind)) {
      if (d.theirs.deletedAt && !d.mine.deletedAt) continue;
      const update = updateTo(d);
      if (update) ops.push(update);
      if (d.mine.deletedAt && !d.theirs.deletedAt) ops.push({ type: 'restore', kind, id: d.mine.id });
    }
  }
  // What the bundle has in the trash goes there last, what depends on it first; then its fields.
  for (const kind of [...WRITE_ORDER].reverse()) {
    const trashed = takenOf(kind).filter((d) => d.theirs.deletedAt && !d.mine.deletedAt);
    const ordered = kind === 'source' ? childrenFirst(trashed) : trashed;
    for (const d of ordered) {
      ops.push({ type: 'delete', kind, id: d.mine.id, at: d.theirs.deletedAt! });
      const update = updateTo(d);
      if (update) ops.push(update);
    }
  }
  return {
    op: ops.length ? { type: 'batch', label: 'import bundle', ops } : null,
    files,
    texts: addedTexts,
    added: analysis.added,
    skipped: analysis.skipped,
    conflicts: analysis.differing.map((d) => d.conflict),
  };
}

function resolutionOf(conflict: MergeConflict, choices: MergeChoices): Resolution | undefined {
  return choices.resolutions?.[conflict.id] ?? choices.prefer;
}

/** The bundle's version can be taken only where the object is still the same one: its anchors equal, an excerpt's quote in its text. */
function checkTakeable(d: Differing, notebook: Notebook, options: PlanOptions): void {
  const owner = describe(d.kind, d.mine);
  for (const path of ANCHORS[d.kind] ?? []) {
    if (canonical(valueAt(d.mine, path)) !== canonical(valueAt(d.theirs, path))) {
      throw new NotebookError(
        'conflict',
        `${owner}: the bundle's version cannot be taken: its ${path} differs, and a ${d.kind}'s ${path} never changes (it is another ${d.kind} under the same id); keep this notebook's version`,
      );
    }
  }
  if (d.kind === 'excerpt') {
    const excerpt = d.theirs as ObjectOf<'excerpt'>;
    const source = find(notebook, 'source', excerpt.sourceId)!;
    const text = options.textOf(source.content.textSha256);
    if (text === undefined) throw new NotebookError('io', `${owner}: the text of source ${source.id} (sources/${source.content.textSha256}) cannot be read`);
    checkQuote(excerpt, owner, text);
  }
}

function valueAt(object: AnyObject, path: string): unknown {
  return path.split('.').reduce<unknown>((value, key) => (value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined), object);
}

/** The update that turns the notebook's version into the bundle's (trash state aside), or null when only that differs. */
function updateTo(d: Differing): SingleOperation | null {
  const mine = d.mine as Record<string, unknown>;
  const theirs = d.theirs as Record<string, unknown>;
  const set: Record<string, unknown> = {};
  const unset: string[] = [];
  for (const field of new Set([...Object.keys(mine), ...Object.keys(theirs)])) {
    if (field === 'id' || field === 'createdAt' || field === 'deletedAt') continue;
    if (canonical(mine[field]) === canonical(theirs[field])) continue;
    if (theirs[field] === undefined) unset.push(field);
    else set[field] = theirs[field];
  }
  if (Object.keys(set).length === 0 && unset.length === 0) return null;
  return { type: 'update', kind: d.kind, id: d.mine.id, set, unset };
}

/**
 * The fields in which two versions of one object differ. Times are not content: createdAt names
 * the same moment of the same object, and updatedAt only says when each copy was last saved, so
 * neither makes a conflict alone. Being in the trash is, under "deletedAt"; when both are in the
 * trash, when each went there is not.
 */
function differingFields(mine: AnyObject, theirs: AnyObject): string[] {
  const a = mine as Record<string, unknown>;
  const b = theirs as Record<string, unknown>;
  const fields: string[] = [];
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (key === 'createdAt' || key === 'updatedAt') continue;
    if (key === 'deletedAt') {
      if (Boolean(a.deletedAt) !== Boolean(b.deletedAt)) fields.push(key);
      continue;
    }
    if (canonical(a[key]) !== canonical(b[key])) fields.push(key);
  }
  return fields;
}

function conflictOf(kind: Kind, mine: AnyObject, theirs: AnyObject, fields: string[], notebook: Notebook, incoming: Analysis['incoming']): MergeConflict {
  return { kind, id: mine.id, label: labelOf(kind, mine, notebook, incoming), fields, mineUpdatedAt: mine.updatedAt, theirsUpdatedAt: theirs.updatedAt };
}

/**
 * What the analyst recognises an object by: a source's title, an excerpt's quote, a link's ends.
 * Long enough to tell objects apart (`max` characters), short enough for a list.
 */
function labelOf(kind: Kind, object: AnyObject, notebook: Notebook, incoming: Analysis['incoming'], max = 200): string {
  const lookup = (k: Kind, id: Id): AnyObject | undefined => find(notebook, k, id) ?? (incoming[k] as Incoming<Kind>[]).find((i) => i.object.id === id)?.object;
  switch (kind) {
    case 'excerpt':
      return `“${clip((object as ObjectOf<'excerpt'>).selectors.quote.exact, max)}”`;
    case 'link': {
      const link = object as ObjectOf<'link'>;
      const end = (k: Kind, id: Id) => {
        const o = lookup(k, id);
        return o ? labelOf(k, o, notebook, incoming, 80) : `${k} ${id}`;
      };
      return `${end(link.fromKind, link.fromId)} ${link.relation} ${end(link.toKind, link.toId)}`;
    }
    default: {
      const o = object as Partial<Record<'title' | 'statement' | 'name' | 'text', string>>;
      return clip(o.title ?? o.statement ?? o.name ?? o.text ?? object.id, max);
    }
  }
}

/** "statement", "statement and credibility", "statement, credibility and notes". */
function listFields(fields: readonly string[]): string {
  return fields.length < 2 ? (fields[0] ?? '') : `${fields.slice(0, -1).join(', ')} and ${fields.at(-1)}`;
}

function parseEnvelope(json: unknown) {
  if (typeof json !== 'object' || json === null || Array.isArray(json) || (json as { format?: unknown }).format !== BUNDLE_FORMAT) {
    throw new NotebookError('invalid', `not a Corroborate bundle ("format" must be "${BUNDLE_FORMAT}")`);
  }
  const version = (json as { schemaVersion?: unknown }).schemaVersion;
  if (typeof version === 'number' && version > BUNDLE_SCHEMA_VERSION) {
    throw new NotebookError('newer-schema', `schemaVersion ${version} was written by a newer Corroborate (this one reads ${BUNDLE_SCHEMA_VERSION}); update Corroborate`);
  }
  const parsed = BundleEnvelope.safeParse(upgrade(json));
  if (!parsed.success) throw new NotebookError('invalid', `${describeIssues(parsed.error.issues)}`);
  return parsed.data;
}

/**
 * An older bundle brought up to the current version by the steps notebook.json takes (bundle
 * versions follow notebook.json's). A bundle without a usable schemaVersion is left as it is, for
 * the envelope to refuse in its own words.
 */
function upgrade(json: object): unknown {
  const version = (json as { schemaVersion?: unknown }).schemaVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) return json;
  return migrateNotebook(json, 'the bundle').value;
}

function parseObject<K extends Kind>(
  kind: K,
  raw: unknown,
  index: number,
  at: Instant,
  texts: Map<Id, string>,
  originals: Map<Id, Uint8Array>,
  options: PlanOptions,
): Incoming<K> {
  const rawId = typeof raw === 'object' && raw !== null && typeof (raw as { id?: unknown }).id === 'string' ? ` ${(raw as { id: string }).id}` : '';
  const where = `${BUNDLE_KEY[kind]}[${index}] (${kind}${rawId})`;
  const input = BUNDLE_INPUT_SCHEMAS[kind].safeParse(raw);
  if (!input.success) throw new NotebookError('invalid', `${where}: ${describeIssues(input.error.issues)}`);
  const data = input.data as BundleInputObject<Kind>;
  const draft: Record<string, unknown> = { ...data, createdAt: data.createdAt ?? at, updatedAt: data.updatedAt ?? data.createdAt ?? at };
  let gaveContent = true;
  if (kind === 'source') {
    const source = data as BundleInputObject<'source'>;
    const content = sourceContent(source, where, originals, options);
    gaveContent = source.content?.textSha256 !== undefined;
    texts.set(source.id, source.text);
    delete draft.text;
    delete draft.originalBase64;
    draft.content = content;
  }
  const object = OBJECT_SCHEMAS[kind].safeParse(draft);
  if (!object.success) throw new NotebookError('invalid', `${where}: ${describeIssues(object.error.issues)}`);
  return {
    object: object.data as ObjectOf<K>,
    gaveCreatedAt: data.createdAt !== undefined,
    gaveUpdatedAt: data.updatedAt !== undefined,
    gaveContent,
  };
}

/** A source's content, computed from its text, checked against what the bundle says. */
function sourceContent(source: BundleInputObject<'source'>, where: string, originals: Map<Id, Uint8Array>, options: PlanOptions) {
  const given = source.content ?? {};
  const textSha256 = sha256Hex(new TextEncoder().encode(source.text));
  if (given.textSha256 !== undefined && given.textSha256 !== textSha256) {
    throw new NotebookError('invalid', `${where}: content.textSha256 does not match the sha256 of its text (${textSha256})`);
  }
  const length = codePointLength(source.text);
  if (given.length !== undefined && given.length !== length) {
    throw new NotebookError('invalid', `${where}: content.length is ${given.length} but its text is ${length} characters long`);
  }
  let originalSha256 = given.originalSha256 ?? textSha256;
  if (source.originalBase64 !== undefined) {
    const original = Buffer.from(source.originalBase64, 'base64');
    const sha = sha256Hex(original);
    if (given.originalSha256 !== undefined && given.originalSha256 !== sha) {
      throw new NotebookError('invalid', `${where}: originalBase64 does not match content.originalSha256`);
    }
    originalSha256 = sha;
    if (sha !== textSha256) originals.set(source.id, new Uint8Array(original));
  } else if (originalSha256 !== textSha256 && !options.hasFile(originalSha256)) {
    throw new NotebookError('invalid', `${where}: content.originalSha256 names an original the bundle does not carry (add originalBase64, or leave originalSha256 out)`);
  }
  return {
    ...given,
    textSha256,
    originalSha256,
    mediaType: given.mediaType ?? 'text/plain',
    length,
  };
}

/** The text a new excerpt must quote: the notebook's, when it has the source already (that is what it will anchor to), else the bundle's. */
function sourceText(sourceId: Id, texts: Map<Id, string>, bySha: Map<string, string>, notebook: Notebook, options: PlanOptions, owner: string): string {
  const source = find(notebook, 'source', sourceId);
  if (!source) return texts.get(sourceId)!;
  const text = options.textOf(source.content.textSha256) ?? bySha.get(source.content.textSha256);
  if (text === undefined) throw new NotebookError('io', `${owner}: the text of source ${sourceId} (sources/${source.content.textSha256}) cannot be read`);
  return text;
}

function checkQuote(excerpt: ObjectOf<'excerpt'>, owner: string, text: string): void {
  const { start, end } = excerpt.selectors.position;
  const length = codePointLength(text);
  if (end > length) throw new NotebookError('invalid', `${owner}: selectors.position ends at ${end}, past the end of its source's text (${length} characters)`);
  const actual = sliceCodePoints(text, start, end);
  if (actual !== excerpt.selectors.quote.exact) {
    throw new NotebookError(
      'invalid',
      `${owner}: selectors.quote.exact ${JSON.stringify(clip(excerpt.selectors.quote.exact))} does not match its source's text at ${start}–${end} (${JSON.stringify(clip(actual))})`,
    );
  }
}

const clip = (s: string, max = 60) => (s.length > max ? `${s.slice(0, max - 3)}…` : s);

function describe(kind: Kind, object: AnyObject): string {
  const o = object as Partial<Record<'title' | 'statement' | 'name' | 'text', string>>;
  const label = o.title ?? o.statement ?? o.name ?? o.text;
  return label !== undefined ? `${kind} ${object.id} "${clip(label)}"` : `${kind} ${object.id}`;
}

/** The incoming object with whatever the producer left out taken from the existing one. */
function comparable(item: Incoming<Kind>, existing: AnyObject): AnyObject {
  const object = { ...item.object } as Record<string, unknown>;
  if (!item.gaveCreatedAt) object.createdAt = existing.createdAt;
  if (!item.gaveUpdatedAt) object.updatedAt = existing.updatedAt;
  if (!item.gaveContent && 'content' in existing) {
    const content = (existing as ObjectOf<'source'>).content;
    if (content.textSha256 === (item.object as ObjectOf<'source'>).content.textSha256) object.content = content;
  }
  return object as AnyObject;
}

/** JSON with object keys sorted, so key order never counts as a difference. */
function canonical(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function parentsFirst(sources: ObjectOf<'source'>[]): ObjectOf<'source'>[] {
  const byId = new Map(sources.map((s) => [s.id, s]));
  const ordered: ObjectOf<'source'>[] = [];
  const placed = new Set<Id>();
  const place = (s: ObjectOf<'source'>, depth: number) => {
    if (placed.has(s.id) || depth > sources.length) return; // a cycle: apply refuses it with its own message
    const parent = s.parentSourceId !== undefined ? byId.get(s.parentSourceId) : undefined;
    if (parent) place(parent, depth + 1);
    if (!placed.has(s.id)) {
      placed.add(s.id);
      ordered.push(s);
    }
  };
  for (const s of sources) place(s, 0);
  return ordered;
}

/** Sources in the reverse order: one that reports another goes to the trash before the one it reports. */
function childrenFirst(differing: Differing[]): Differing[] {
  const order = parentsFirst(differing.map((d) => d.mine as ObjectOf<'source'>)).map((s) => s.id);
  return [...differing].sort((a, b) => order.indexOf(b.mine.id) - order.indexOf(a.mine.id));
}

function create(kind: Kind, object: AnyObject): SingleOperation {
  return { type: 'create', kind, object: object as Record<string, unknown> };
}
