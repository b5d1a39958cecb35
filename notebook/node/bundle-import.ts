// Imports a notebook bundle (see notebook/common/bundle.ts and docs/format.md) into a notebook as
// one batch operation, so one undo takes it all back. Checks everything first: a bundle that does
// not fit (a bad field, a quote that is not in its text, a reference to nothing, an id that
// already means something else) is refused whole and nothing is written. A bundle of an older
// schemaVersion is upgraded first, as notebook.json is.
import { Buffer } from 'node:buffer';
import type { Applied } from '../common/api.js';
import { BUNDLE_FORMAT, BUNDLE_INPUT_SCHEMAS, BUNDLE_KEY, BUNDLE_SCHEMA_VERSION, BundleEnvelope, type BundleInputObject } from '../common/bundle.js';
import { describeIssues, NotebookError } from '../common/errors.js';
import { now } from '../common/ids.js';
import { migrateNotebook } from '../common/migrations.js';
import { find, KINDS, OBJECT_SCHEMAS, type AnyObject, type Id, type Instant, type Kind, type Notebook, type ObjectOf } from '../common/model.js';
import { apply, type Operation, type SingleOperation } from '../common/operations.js';
import { codePointLength, sliceCodePoints } from '../common/text.js';
import { sha256Hex } from './add-source.js';
import type { Store } from './store.js';

export type KindCounts = Record<Kind, number>;

export interface BundlePlan {
  /** One batch creating everything new; null when the notebook already has it all. */
  op: Operation | null;
  /** Files to store before the operation: each source's original (when carried), then its text. */
  files: Uint8Array[];
  /** The normalised texts of the sources to add, by sha256. */
  texts: Map<string, string>;
  added: KindCounts;
  skipped: KindCounts;
}

export interface PlanOptions {
  /** The text stored under sha256 in the notebook, or undefined when there is none. */
  textOf(sha256: string): string | undefined;
  /** Whether the notebook has a file stored under sha256. */
  hasFile(sha256: string): boolean;
  /** Time stamped on objects that came without createdAt/updatedAt; default now. */
  at?: Instant;
}

export interface BundleImportResult {
  added: KindCounts;
  skipped: KindCounts;
  applied: Applied | null;
}

/** Imports `json` (a parsed bundle) into the store's notebook. */
export function importBundle(store: Store, json: unknown): BundleImportResult {
  const plan = planBundleImport(store.notebook, json, {
    textOf: (sha) => readOr(() => store.readText(sha)),
    hasFile: (sha) => readOr(() => store.readFile(sha)) !== undefined,
  });
  if (!plan.op) return { added: plan.added, skipped: plan.skipped, applied: null };
  if (store.readOnly) throw new NotebookError('read-only', `the notebook is open read-only: ${store.readOnly}`);
  // A trial on a copy first: the store checks the batch again, but only after the texts are on
  // disk, and a refused bundle must leave no files behind.
  apply(structuredClone(store.notebook), plan.op);
  for (const file of plan.files) store.putFile(file);
  return { added: plan.added, skipped: plan.skipped, applied: store.apply(plan.op) };
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

interface Incoming<K extends Kind> {
  object: ObjectOf<K>;
  /** What the producer left out, so an identical re-import is not taken for a conflict. */
  gaveCreatedAt: boolean;
  gaveUpdatedAt: boolean;
  gaveContent: boolean;
}

/**
 * Works out what importing `json` into `notebook` would add, and checks it. Pure apart from
 * reading the notebook's texts through `options`; throws NotebookError naming the object and field.
 */
export function planBundleImport(notebook: Notebook, json: unknown, options: PlanOptions): BundlePlan {
  const at = options.at ?? now();
  const envelope = parseEnvelope(json);

  const incoming = byKind(() => []) as { [K in Kind]: Incoming<K>[] };
  const texts = new Map<Id, string>(); // source id → its text
  const originals = new Map<Id, Uint8Array>(); // source id → its carried original
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
  for (const kind of KINDS) {
    for (const item of incoming[kind] as Incoming<Kind>[]) {
      const existing = find(notebook, kind, item.object.id);
      if (!existing) {
        (toAdd[kind] as AnyObject[]).push(item.object);
        added[kind]++;
        continue;
      }
      const difference = firstDifference(comparable(item, existing), existing);
      if (difference !== null) {
        throw new NotebookError(
          'conflict',
          `${describe(kind, item.object)} is already in this notebook and differs in its ${difference}; merging differing objects is not supported yet`,
        );
      }
      skipped[kind]++;
    }
  }

  const inBundle = (kind: Kind, id: Id) => (incoming[kind] as Incoming<Kind>[]).some((i) => i.object.id === id);
  const resolves = (kind: Kind, id: Id | undefined, owner: string, field: string) => {
    if (id === undefined || inBundle(kind, id) || find(notebook, kind, id)) return;
    throw new NotebookError('invalid', `${owner}: ${field} ${id} is neither in the bundle nor in the notebook`);
  };
  for (const s of toAdd.source) resolves('source', s.parentSourceId, describe('source', s), 'parentSourceId');
  for (const e of toAdd.excerpt) {
    const owner = describe('excerpt', e);
    resolves('source', e.sourceId, owner, 'sourceId');
    checkQuote(e, owner, sourceText(e.sourceId, texts, notebook, options, owner));
    e.mentions.forEach((id, i) => resolves('entity', id, owner, `mentions[${i}]`));
  }
  for (const c of toAdd.claim) {
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
  for (const q of toAdd.question) {
    const owner = describe('question', q);
    q.evidence.forEach((row, i) => resolves(row.kind, row.id, owner, `evidence[${i}].id`));
  }
  for (const h of toAdd.hypothesis) resolves('question', h.questionId, describe('hypothesis', h), 'questionId');

  const files: Uint8Array[] = [];
  const addedTexts = new Map<string, string>();
  for (const s of toAdd.source) {
    const original = originals.get(s.id);
    if (original) files.push(original);
    const text = texts.get(s.id)!;
    files.push(new TextEncoder().encode(text));
    addedTexts.set(s.content.textSha256, text);
  }

  // Order so every reference points at something already there: entities (excerpts mention them,
  // claims name them), propositions, sources (parents first), excerpts, claims (their attribution
  // may cite excerpts), links, questions (their rows are excerpts and claims), hypotheses.
  const ops: SingleOperation[] = [
    ...toAdd.entity.map((o) => create('entity', o)),
    ...toAdd.proposition.map((o) => create('proposition', o)),
    ...parentsFirst(toAdd.source).map((o) => create('source', o)),
    ...toAdd.excerpt.map((o) => create('excerpt', o)),
    ...toAdd.claim.map((o) => create('claim', o)),
    ...toAdd.link.map((o) => create('link', o)),
    ...toAdd.question.map((o) => create('question', o)),
    ...toAdd.hypothesis.map((o) => create('hypothesis', o)),
  ];
  return { op: ops.length ? { type: 'batch', label: 'import bundle', ops } : null, files, texts: addedTexts, added, skipped };
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

function sourceText(sourceId: Id, texts: Map<Id, string>, notebook: Notebook, options: PlanOptions, owner: string): string {
  const inBundle = texts.get(sourceId);
  if (inBundle !== undefined) return inBundle;
  const source = find(notebook, 'source', sourceId)!;
  const text = options.textOf(source.content.textSha256);
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

const clip = (s: string) => (s.length > 60 ? `${s.slice(0, 57)}…` : s);

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

/** The first top-level field whose value differs, or null when both are the same JSON. */
function firstDifference(a: AnyObject, b: AnyObject): string | null {
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  for (const key of new Set([...Object.keys(ra), ...Object.keys(rb)])) {
    if (canonical(ra[key]) !== canonical(rb[key])) return key;
  }
  return null;
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

function create(kind: Kind, object: AnyObject): SingleOperation {
  return { type: 'create', kind, object: object as Record<string, unknown> };
}
