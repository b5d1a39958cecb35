// The search index of one notebook: every live object's words, and its sources' texts cut into
// passages, in a TermIndex (term-index.ts); answers a SearchQuery (query.ts) and follows every
// operation. Runs anywhere (the app runs it in a worker thread, notebook/node/search/); never
// changes the notebook.
//
// What is indexed, one document each (fields in the order they are preferred for a snippet):
//   source      title, authors, publisher, url, notes, tags     passage   text (see passages.ts)
//   excerpt     quote, note, tags                               claim     statement, claimant (the
//   entity      name, aliases, notes                                      entity's name), notes, tags
//   proposition statement, notes     question  text, notes      hypothesis statement, notes
//   notebook    notes (the notebook-level note)
// Trashed objects are not in the index. Filters are not indexed either: they are judged against the
// notebook at search time (search-filters.ts), so a new tag or grade filters at once.
//
// Matching: words fold to lower case without diacritics (words.ts); every word of the query must
// match (AND), each by prefix (from two letters on) or with typos: one edit in words of 4–7
// letters, two from 8, none below 4 or in words with digits (2023 is not a typo of 2024).
// Title-like fields weigh more than notes (BOOST).
//
// Building is incremental: `work(budgetMs)` does a slice of the queued work and returns, so the
// thread running it can take messages in between. A source added later has its passages queued as
// well (call work() again). The index is `ready` when nothing is queued: only then does a search
// answer (ready: false otherwise), so an answer never leaves out a text the notebook has.
//
// Answering: every matching document is scored (term-index.ts), but only the best `limit` of each
// kind are kept as they come (a top-k cut-off), and only those get a snippet and their matched
// terms. Measured at 100k excerpts, two words found in nearly every passage: 60,000 documents
// scored in a few ms, where MiniSearch, building a result object for each, took 440 ms.
//
// Memory: passages keep only their place in the source's text, which is read again (textOf) when a
// hit shows one. A ready index can be taken as a snapshot and restored with the same notebook
// (notebook/node/search/index-cache.ts keeps one beside the notebook), without reading any text.
import { NotebookError } from '../errors.js';
import { drain, type Steps } from '../steps.js';
import { collection, find, type Id, type Kind, type Notebook } from '../model.js';
import type { Operation } from '../operations.js';
import { CodePointIndex, codePointLength } from '../text.js';
import { cutPassages, type PassageSpan } from './passages.js';
import { parseSearchQuery, SEARCH_KINDS, type SearchGroup, type SearchQuery, type SearchHit, type SearchKind, type SearchQueryInput, type SearchResults } from './query.js';
import { hasFilters, makeFilter, type DocFilter } from './search-filters.js';
import { cutSnippet, termMatcher, type TermMatcher } from './snippet.js';
import { TermIndex, type Expansion, type TermIndexSnapshot } from './term-index.js';
import { isUnspaced, termsOf } from './words.js';

/** The fields of the index. `question` is a question's text; hits name it 'text', as the model does. */
const FIELDS = ['title', 'statement', 'name', 'question', 'quote', 'text', 'aliases', 'claimant', 'authors', 'tags', 'publisher', 'note', 'notes', 'url'] as const;
type Field = (typeof FIELDS)[number];

/**
 * How much a match in each field counts (the field's BM25 score is multiplied by it): what names
 * an object counts most, what describes it next, notes and URLs least. Only the order within a kind
 * matters, as hits are ranked within their kind.
 */
const BOOST: Record<Field, number> = {
  title: 3,
  statement: 3,
  name: 3,
  question: 3,
  quote: 2,
  aliases: 2,
  text: 1,
  claimant: 1.5,
  authors: 1.5,
  tags: 1.5,
  publisher: 1,
  note: 1,
  notes: 1,
  url: 0.5,
};

/** BOOST by field number, as the TermIndex takes it. */
const BOOSTS = FIELDS.map((f) => BOOST[f]);
/** The number the TermIndex knows each kind by (1–9: 0 is no document). */
const KIND_NUMBER = Object.fromEntries(SEARCH_KINDS.map((k, i) => [k, i + 1])) as Record<SearchKind, number>;

/** A search takes at most this many words; more add nothing to an AND but time. */
const MAX_TERMS = 32;
/** An excerpt's quote as a hit's title is cut to this many UTF-16 units. */
const TITLE_LENGTH = 200;
/** Told to the constructor by restoring(): nothing to queue, the snapshot fills the index. */
const RESTORING: unique symbol = Symbol('restoring');
/** Documents restored between two steps of SearchIndex.restoring(). */
const STEP_DOCUMENTS = 4_096;
/** Queued items done between two looks at the clock. */
const ITEMS_PER_CLOCK_CHECK = 16;

/** The kinds of the notebook that are indexed: all but links, which only filter. */
type ObjectKind = Exclude<Kind, 'link'>;
const OBJECT_KINDS: readonly ObjectKind[] = ['source', 'excerpt', 'claim', 'entity', 'proposition', 'question', 'hypothesis'];

interface IndexDoc {
  /** Its number in the TermIndex (set when it is added). */
  num: number;
  kind: SearchKind;
  /** The object's id (a passage's source id, the notebook's id for its note). */
  id: Id;
  /** A passage's first code point in its source's text. */
  start?: number;
  /**
   * The texts of its fields as indexed; empty for a passage, whose text is read from its source when
   * a hit shows it. Null for an object restored from a snapshot and unchanged since: read from the
   * notebook when needed (#fieldsOfDoc), as it is still what was indexed.
   */
  fields: Partial<Record<Field, string>> | null;
  /** A passage: its place among its source's passages, and its stretch [from, to) of the text in UTF-16 units. */
  passage?: { sha: string; n: number; from: number; to: number };
}

/** The passages of one live source: indexed, or still being indexed by a queued job. */
interface PassageState {
  sha: string;
  /** The passages' numbers in the TermIndex. */
  nums: number[];
  job: PassageJob | null;
}

interface PassageJob {
  sourceId: Id;
  sha: string;
  cancelled: boolean;
  text: string | null;
  spans: PassageSpan[] | null;
  points: CodePointIndex | null;
  next: number;
}

/** Work of the first build: the notebook note, then each kind's ids (as they are: trashed ones are skipped when their turn comes). */
type QueueItem = { kind: 'notebook' } | { kind: ObjectKind; ids: readonly Id[] };

/** The key of the notebook note among the documents of kind 'notebook'. */
const NOTE = 'note';

/** A document a search keeps as a hit: its number and score. */
interface Scored {
  num: number;
  score: number;
}

interface KindFound {
  total: number;
  /** The best `limit`, best first. */
  best: Scored[];
}

interface Found {
  /** The index terms each word of the query matched. */
  expansions: Expansion[][];
  /** By kind number. */
  kinds: (KindFound | undefined)[];
  total: number;
}

/** Whether a document scored `score` ranks before `other`: a higher score, or the same and indexed first. */
function better(score: number, num: number, other: Scored): boolean {
  return score > other.score || (score === other.score && num < other.num);
}

/** Reads a source's normalised text by its sha256 (the store's readText). */
export type TextOf = (sha256: string) => string;

const clock: () => number = (() => {
  const performance = (globalThis as { performance?: { now(): number } }).performance;
  return performance ? () => performance.now() : () => Date.now();
})();

export class SearchIndex {
  #notebook: Notebook;
  readonly #textOf: TextOf;
  #terms = new TermIndex(FIELDS.length);
  /**
   * The documents of objects (and the notebook note, under NOTE) by kind and id; passages are only
   * in #passages and #byNum. By kind, as ids are unique within a kind only (and a UUID is a string
   * the Map hashes once, where `${kind}:${id}` is a new one each time).
   */
  readonly #docs = new Map<SearchKind, Map<Id, IndexDoc>>(SEARCH_KINDS.map((k) => [k, new Map()]));
  /** The texts of a document being added, by field number (one array for all: no garbage per document). */
  readonly #texts: (string | undefined)[] = FIELDS.map(() => undefined);
  /** The documents by their number in the TermIndex. */
  readonly #byNum: (IndexDoc | undefined)[] = [];
  readonly #passages = new Map<Id, PassageState>();
  readonly #queue: QueueItem[] = [];
  /** Where the first build is in #queue: the item, and the id within it. */
  #queued = 0;
  #queuedId = 0;
  readonly #jobs: PassageJob[] = [];
  #jobsDone = 0;
  #built = false;
  /** Sources whose text file could not be read: their metadata is indexed, their text is not. */
  readonly #unreadable = new Map<Id, string>();

  /** An empty index with the whole notebook queued: call work() until it returns true (or use buildIndex). */
  constructor(notebook: Notebook, textOf: TextOf, nothingQueued?: typeof RESTORING) {
    this.#notebook = notebook;
    this.#textOf = textOf;
    if (nothingQueued === RESTORING) return;
    this.#queue.push({ kind: 'notebook' });
    for (const kind of OBJECT_KINDS) {
      this.#queue.push({ kind, ids: Object.keys(collection(notebook, kind)) });
    }
  }

  /** The first build is done: the notebook as it was opened is searchable, though work may be queued since. */
  get built(): boolean {
    return this.#built;
  }

  /** The index covers the whole notebook: the first build is done and nothing is queued. Searches answer only then. */
  get ready(): boolean {
    return this.#built && !this.pending;
  }

  /** Documents in the index: passages, sources, excerpts, claims, … */
  get indexed(): number {
    return this.#terms.size;
  }

  /** Work is queued: the first build, or the passages of a source added since. */
  get pending(): boolean {
    return this.#queued < this.#queue.length || this.#jobsDone < this.#jobs.length;
  }

  /** Sources whose text could not be read, with the reason; their metadata is still searchable. */
  get unreadable(): ReadonlyMap<Id, string> {
    return this.#unreadable;
  }

  /**
   * Does queued work for about budgetMs (at least one item), and returns whether none is left.
   * Objects go first, then passages, one passage at a time: a 1 MB source is a thousand small
   * steps, not one long one.
   */
  work(budgetMs = Infinity): boolean {
    const deadline = clock() + budgetMs;
    for (let n = 0; ; n++) {
      if (n % ITEMS_PER_CLOCK_CHECK === ITEMS_PER_CLOCK_CHECK - 1 && clock() >= deadline) return false;
      if (this.#queued < this.#queue.length) {
        const item = this.#queue[this.#queued]!;
        if (item.kind === 'notebook') {
          this.#syncNotebook();
          this.#queued++;
        } else if (this.#queuedId < item.ids.length) {
          this.#sync(item.kind, item.ids[this.#queuedId++]!);
        } else {
          this.#queued++;
          this.#queuedId = 0;
        }
        continue;
      }
      if (this.#queue.length) this.#queue.length = this.#queued = 0;
      const job = this.#jobs[this.#jobsDone];
      if (job) {
        if (this.#stepPassages(job)) this.#jobsDone++;
        continue;
      }
      this.#jobs.length = this.#jobsDone = 0;
      this.#terms.commit();
      this.#built = true;
      return true;
    }
  }

  /**
   * Follows an operation just applied to `notebook` (the same notebook, or a replica of it):
   * re-indexes exactly the objects it changed. An entity's change re-indexes the claims it makes
   * (they index its name). New source texts are queued: call work().
   */
  applyChange(notebook: Notebook, op: Operation): void {
    this.#notebook = notebook;
    for (const single of op.type === 'batch' ? op.ops : [op]) {
      if (single.type === 'settings') {
        this.#syncNotebook();
        continue;
      }
      if (single.kind === 'link') continue;
      const id = single.type === 'create' ? (single.object['id'] as Id) : single.id;
      this.#sync(single.kind, id);
      if (single.kind === 'entity' && single.type !== 'create') {
        for (const claim of Object.values(notebook.claims)) if (claim.claimantId === id) this.#sync('claim', claim.id);
      }
    }
    this.#sweepIfWasteful();
  }

  /** Answers a query (see query.ts). Throws NotebookError('invalid') for a query that does not parse. */
  search(input: SearchQueryInput): SearchResults {
    const began = clock();
    const query = parseSearchQuery(input);
    const answer = (groups: SearchGroup[], ready = true): SearchResults => ({ groups, ready, indexed: this.indexed, tookMs: Math.round((clock() - began) * 10) / 10 });
    if (!this.ready) return answer([], false);
    const words = termsOf(query.query).slice(0, MAX_TERMS);
    const filter = makeFilter(this.#notebook, query);
    if (!words.length) return answer(hasFilters(query) ? this.#browse(query, filter) : []);

    // Words as typed (and their beginnings) first; typos are forgiven only when that finds little.
    // Trying every spelling within one or two edits of common words costs ten times as much, and
    // adds nothing an analyst who typed them correctly wants.
    const filtered = hasFilters(query);
    let found = this.#find(words, false, query.limit, filtered ? filter : null);
    if (found.total < FORGIVE_TYPOS_BELOW) found = this.#find(words, true, query.limit, filtered ? filter : null);
    const shown = found.kinds.flatMap((k) => k?.best.map((b) => b.num) ?? []);
    const matches = this.#terms.explain(found.expansions, shown);
    // Every term the query matched, marked in every snippet: a term of the query found in a field
    // of a hit is one that hit matched, so this marks what each hit's own terms would, and is made once.
    const marks = termMatcher(found.expansions.flatMap((e) => e.map((x) => x.term)));
    const groups: SearchGroup[] = [];
    for (const kind of SEARCH_KINDS) {
      const k = found.kinds[KIND_NUMBER[kind]];
      if (k) groups.push({ kind, total: k.total, hits: k.best.map((b) => this.#hit(this.#byNum[b.num]!, b.score, matches.get(b.num)!, marks)) });
    }
    return answer(groups);
  }

  /**
   * Every document that all words match (and the filter lets through, when there is one), counted
   * by kind; the best `limit` of each kind kept, best first (ties: the one indexed first).
   */
  #find(words: readonly string[], typos: boolean, limit: number, filter: DocFilter | null): Found {
    const expansions = words.map((w) => this.#terms.expand(w, { prefix: prefixAllowed(w), typos: typos ? typoBudget(w) : 0 }));
    const kinds: (KindFound | undefined)[] = SEARCH_KINDS.map(() => undefined);
    let total = 0;
    this.#terms.match(expansions, BOOSTS, (num, kind, score) => {
      if (filter && !filter(this.#byNum[num]!)) return;
      total++;
      let k = kinds[kind];
      if (!k) kinds[kind] = k = { total: 0, best: [] };
      k.total++;
      const best = k.best;
      if (best.length === limit && !better(score, num, best[limit - 1]!)) return;
      // Insertion into a list of at most `limit` (500): far cheaper than sorting every match.
      let lo = 0;
      let hi = best.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (better(score, num, best[mid]!)) hi = mid;
        else lo = mid + 1;
      }
      best.splice(lo, 0, { num, score });
      if (best.length > limit) best.pop();
    });
    return { expansions, kinds, total };
  }

  // ── Snapshots ──────────────────────────────────────────────────────────────────────────────

  /**
   * What the index holds, to be stored (notebook/node/search/index-cache.ts) and restored with the
   * same notebook. Only of a ready index. Shares arrays with the index: encode it before changing it.
   */
  snapshot(): SearchIndexSnapshot {
    if (!this.ready) throw new NotebookError('invalid', 'the search index is still being built: it cannot be saved yet');
    const terms = this.#terms.snapshot();
    const count = terms.kinds.length;
    const ids: (Id | null)[] = new Array<Id | null>(count).fill(null);
    const passageN = new Int32Array(count).fill(-1);
    const passageFrom = new Int32Array(count);
    const passageTo = new Int32Array(count);
    const passageStart = new Int32Array(count);
    for (let num = 0; num < count; num++) {
      const doc = this.#byNum[num];
      if (!doc || !terms.kinds[num]) continue;
      ids[num] = doc.id;
      if (!doc.passage) continue;
      passageN[num] = doc.passage.n;
      passageFrom[num] = doc.passage.from;
      passageTo[num] = doc.passage.to;
      passageStart[num] = doc.start!;
    }
    return {
      format: INDEX_FORMAT,
      fields: FIELDS.join(','),
      terms,
      ids,
      passageN,
      passageFrom,
      passageTo,
      passageStart,
      passages: [...this.#passages].map(([sourceId, state]) => ({ sourceId, sha: state.sha, nums: state.nums })),
      unreadable: [...this.#unreadable],
    };
  }

  /**
   * The ready index of `notebook` from a snapshot taken of the index of this same notebook (the
   * caller makes sure of that: index-cache.ts keys the file by the notebook's seq and a fingerprint
   * of its objects). The objects' fields are read from the notebook again, not stored. Throws a
   * RangeError when the snapshot is of another format or does not fit the notebook: then build anew.
   */
  static restore(notebook: Notebook, textOf: TextOf, snapshot: SearchIndexSnapshot): SearchIndex {
    return drain(SearchIndex.restoring(notebook, textOf, snapshot));
  }

  /**
   * restore() in steps of some thousands of documents (see steps.ts). The notebook may change
   * between steps: what it holds is checked as the steps come to it, so a change either is still
   * to be checked or makes the snapshot not fit (RangeError, build anew); the caller then applies
   * the changes made meanwhile with applyChange.
   */
  static *restoring(notebook: Notebook, textOf: TextOf, snapshot: SearchIndexSnapshot): Steps<SearchIndex> {
    const snap = snapshot;
    const bad = (why: string) => new RangeError(`the search index snapshot does not fit the notebook: ${why}`);
    if (snap.format !== INDEX_FORMAT || snap.fields !== FIELDS.join(',')) throw bad('another format');
    const index = new SearchIndex(notebook, textOf, RESTORING);
    index.#terms = yield* TermIndex.restoring(snap.terms);
    const kinds = snap.terms.kinds;
    const count = kinds.length;
    if (snap.ids.length !== count || [snap.passageN, snap.passageFrom, snap.passageTo, snap.passageStart].some((a) => a.length !== count)) throw bad('per-document lists of different lengths');
    const shaOf = new Map<Id, string>();
    for (const p of snap.passages) {
      const source = notebook.sources[p.sourceId];
      if (!source || source.deletedAt || source.content.textSha256 !== p.sha) throw bad(`source ${p.sourceId}`);
      shaOf.set(p.sourceId, p.sha);
      index.#passages.set(p.sourceId, { sha: p.sha, nums: [...p.nums], job: null });
    }
    for (const [sourceId, reason] of snap.unreadable) index.#unreadable.set(sourceId, reason);
    let objects = 0;
    for (let num = 0; num < count; num++) {
      if (num % STEP_DOCUMENTS === STEP_DOCUMENTS - 1) yield;
      const k = kinds[num]!;
      if (!k) continue;
      const kind = SEARCH_KINDS[k - 1];
      const id = snap.ids[num];
      if (!kind || typeof id !== 'string') throw bad(`document ${num}`);
      let doc: IndexDoc;
      if (kind === 'passage') {
        const sha = shaOf.get(id);
        const n = snap.passageN[num]!;
        if (sha === undefined || n < 0) throw bad(`passage ${num}`);
        doc = { num, kind, id, start: snap.passageStart[num]!, fields: {}, passage: { sha, n, from: snap.passageFrom[num]!, to: snap.passageTo[num]! } };
      } else if (kind === 'notebook') {
        const notes = notebook.settings.notes;
        if (id !== notebook.id || !notes.trim()) throw bad('the notebook note');
        doc = { num, kind, id, fields: { notes } };
        index.#docs.get('notebook')!.set(NOTE, doc);
      } else {
        const object = find(notebook, kind, id);
        const docs = index.#docs.get(kind)!;
        if (!object || object.deletedAt || docs.has(id)) throw bad(`${kind} ${id}`);
        doc = { num, kind, id, fields: null };
        docs.set(id, doc);
        objects++;
      }
      index.#byNum[num] = doc;
    }
    for (const [sourceId, state] of index.#passages) {
      state.nums.forEach((num, n) => {
        const doc = index.#byNum[num];
        if (doc?.passage?.n !== n || doc.id !== sourceId) throw bad(`the passages of source ${sourceId}`);
      });
    }
    let counted = 0;
    for (const kind of OBJECT_KINDS) {
      const all = collection(notebook, kind);
      for (const id in all) {
        if (!all[id]!.deletedAt) objects--;
        if (++counted % STEP_DOCUMENTS === 0) yield;
      }
    }
    if (objects !== 0) throw bad('it does not hold every object');
    for (const source of Object.values(notebook.sources)) if (!source.deletedAt && !index.#passages.has(source.id)) throw bad(`the text of source ${source.id}`);
    index.#built = true;
    return index;
  }

  // ── Documents ──────────────────────────────────────────────────────────────────────────────

  /** Makes the index hold what the notebook has for (kind, id) now: added, replaced, or removed. */
  #sync(kind: ObjectKind, id: Id): void {
    const object = find(this.#notebook, kind, id);
    const fields = object && !object.deletedAt ? this.#fieldsOf(kind, id) : null;
    this.#put(kind, id, fields && { num: -1, kind, id, fields });
    if (kind === 'source') this.#syncPassages(id);
  }

  #syncNotebook(): void {
    const notes = this.#notebook.settings.notes;
    this.#put('notebook', NOTE, notes.trim() ? { num: -1, kind: 'notebook', id: this.#notebook.id, fields: { notes } } : null);
  }

  /** Replaces the document of (kind, id) (null: removes it); a document that did not change is left alone. */
  #put(kind: SearchKind, id: Id, doc: IndexDoc | null): void {
    const docs = this.#docs.get(kind)!;
    const old = docs.get(id);
    if (old?.fields && doc && sameFields(old.fields, doc.fields!)) return;
    if (old) {
      this.#drop(old.num);
      docs.delete(id);
    }
    if (doc) {
      this.#add(doc);
      docs.set(id, doc);
    }
  }

  /** Adds doc to the TermIndex and sets its number; a passage comes with its text. */
  #add(doc: IndexDoc, passageText?: string): void {
    const texts = this.#texts;
    const order = FIELD_ORDER[doc.kind];
    const fields = this.#fieldsOfDoc(doc);
    for (const field of order) texts[FIELD_NUMBER[field]] = fields[field];
    if (passageText !== undefined) texts[FIELD_NUMBER.text] = passageText;
    doc.num = this.#terms.add(KIND_NUMBER[doc.kind], texts);
    for (const field of order) texts[FIELD_NUMBER[field]] = undefined;
    this.#byNum[doc.num] = doc;
  }

  #drop(num: number): void {
    this.#terms.remove(num);
    this.#byNum[num] = undefined;
  }

  /** When removed documents have piled up, lets the TermIndex drop them and number what is left afresh. */
  #sweepIfWasteful(): void {
    if (!this.#terms.wasteful) return;
    const renumber = this.#terms.sweep();
    const byNum = this.#byNum;
    const kept: IndexDoc[] = [];
    for (const doc of byNum) {
      if (!doc) continue;
      doc.num = renumber[doc.num]!;
      kept[doc.num] = doc;
    }
    byNum.length = 0;
    kept.forEach((doc, num) => (byNum[num] = doc));
    for (const state of this.#passages.values()) state.nums = state.nums.map((num) => renumber[num]!).filter((num) => num >= 0);
  }

  /** doc's fields, read from the notebook the first time for one restored from a snapshot. */
  #fieldsOfDoc(doc: IndexDoc): Partial<Record<Field, string>> {
    if (doc.fields) return doc.fields;
    return (doc.fields = doc.kind === 'passage' || doc.kind === 'notebook' ? {} : this.#fieldsOf(doc.kind, doc.id));
  }

  #fieldsOf(kind: ObjectKind, id: Id): Partial<Record<Field, string>> {
    const nb = this.#notebook;
    switch (kind) {
      case 'source': {
        const s = nb.sources[id]!;
        return { title: s.title, authors: s.authors.join('; '), publisher: s.publisher, url: s.url, notes: s.notes, tags: s.tags.join(', ') };
      }
      case 'excerpt': {
        const e = nb.excerpts[id]!;
        return { quote: e.selectors.quote.exact, note: e.note, tags: e.tags.join(', ') };
      }
      case 'claim': {
        const c = nb.claims[id]!;
        const claimant = c.claimantId ? nb.entities[c.claimantId] : undefined;
        return { statement: c.statement, claimant: claimant?.name ?? '', notes: c.notes, tags: c.tags.join(', ') };
      }
      case 'entity': {
        const e = nb.entities[id]!;
        return { name: e.name, aliases: e.aliases.join('; '), notes: e.notes };
      }
      case 'proposition': {
        const p = nb.propositions[id]!;
        return { statement: p.statement, notes: p.notes };
      }
      case 'question': {
        const q = nb.questions[id]!;
        return { question: q.text, notes: q.notes };
      }
      case 'hypothesis': {
        const h = nb.hypotheses[id]!;
        return { statement: h.statement, notes: h.notes };
      }
    }
  }

  // ── Passages ───────────────────────────────────────────────────────────────────────────────

  /** Queues a live source's text when it is not indexed (or a different text is); drops a gone source's passages. */
  #syncPassages(sourceId: Id): void {
    const source = this.#notebook.sources[sourceId];
    const sha = source && !source.deletedAt ? source.content.textSha256 : null;
    const state = this.#passages.get(sourceId);
    if (state && state.sha === sha) return;
    if (state) {
      if (state.job) state.job.cancelled = true;
      for (const num of state.nums) this.#drop(num);
      this.#passages.delete(sourceId);
    }
    this.#unreadable.delete(sourceId);
    if (sha === null) return;
    const job: PassageJob = { sourceId, sha, cancelled: false, text: null, spans: null, points: null, next: 0 };
    this.#passages.set(sourceId, { sha, nums: [], job });
    this.#jobs.push(job);
  }

  /** Indexes the next passage of job (reading and cutting its text first); true when the job is done. */
  #stepPassages(job: PassageJob): boolean {
    if (job.cancelled) return true;
    const state = this.#passages.get(job.sourceId)!;
    if (job.text === null) {
      try {
        job.text = this.#textOf(job.sha);
      } catch (e) {
        this.#unreadable.set(job.sourceId, e instanceof Error ? e.message : String(e));
        state.job = null;
        return true;
      }
      job.spans = cutPassages(job.text);
      job.points = new CodePointIndex(job.text);
    }
    const span = job.spans![job.next];
    if (span) {
      const doc: IndexDoc = { num: -1, kind: 'passage', id: job.sourceId, start: job.points!.toCodePoint(span.start), fields: {}, passage: { sha: job.sha, n: job.next, from: span.start, to: span.end } };
      this.#add(doc, job.text.slice(span.start, span.end));
      state.nums.push(doc.num);
      job.next++;
    }
    if (job.next < job.spans!.length) return false;
    state.job = null;
    job.text = null;
    job.points = null;
    return true;
  }

  // ── Answers ────────────────────────────────────────────────────────────────────────────────

  /** A hit for doc, with the terms it matched (each with the fields, by number, it matched in). */
  #hit(doc: IndexDoc, score: number, match: ReadonlyMap<string, readonly number[]>, marks: TermMatcher): SearchHit {
    const field = bestField(doc, match);
    const text = this.#fieldText(doc, field);
    const { snippet, first } = cutSnippet(text, marks);
    const hit: SearchHit = { kind: doc.kind, id: doc.id, title: this.#titleOf(doc), field: field === 'question' ? 'text' : field, snippet, score };
    if (doc.kind === 'excerpt') hit.sourceId = this.#notebook.excerpts[doc.id]!.sourceId;
    if (doc.kind === 'passage') {
      hit.sourceId = doc.id;
      if (first) {
        const start = doc.start! + codePointLength(text.slice(0, first.start));
        hit.range = { start, end: start + codePointLength(text.slice(first.start, first.end)) };
      }
    }
    return hit;
  }

  /** The text of a field of doc; a passage's is read from its source (the store keeps the last few texts read). */
  #fieldText(doc: IndexDoc, field: Field): string {
    if (!doc.passage) return this.#fieldsOfDoc(doc)[field] ?? '';
    try {
      return this.#textOf(doc.passage.sha).slice(doc.passage.from, doc.passage.to);
    } catch {
      return '';
    }
  }

  /** Empty query, some filter: every object the filters let through, newest first (passages are not listed). */
  #browse(query: SearchQuery, filter: DocFilter): SearchGroup[] {
    const found = [...this.#docs.values()].flatMap((docs) => [...docs.values()].filter((d) => filter(d)));
    const created = new Map(found.map((d) => [d, this.#createdAt(d)]));
    found.sort((a, b) => (created.get(b)! < created.get(a)! ? -1 : created.get(b)! > created.get(a)! ? 1 : 0));
    const groups = new Map<SearchKind, SearchGroup>();
    for (const doc of found) {
      let group = groups.get(doc.kind);
      if (!group) groups.set(doc.kind, (group = { kind: doc.kind, hits: [], total: 0 }));
      group.total++;
      if (group.hits.length >= query.limit) continue;
      // The title already shows the naming field: the snippet shows the next field with text.
      const order = FIELD_ORDER[doc.kind];
      const fields = this.#fieldsOfDoc(doc);
      const field = order.slice(1).find((f) => fields[f]?.trim()) ?? order[0]!;
      const { snippet } = cutSnippet(fields[field] ?? '', new Set());
      const hit: SearchHit = { kind: doc.kind, id: doc.id, title: this.#titleOf(doc), field: field === 'question' ? 'text' : field, snippet, score: 0 };
      if (doc.kind === 'excerpt') hit.sourceId = this.#notebook.excerpts[doc.id]!.sourceId;
      group.hits.push(hit);
    }
    return SEARCH_KINDS.flatMap((kind) => groups.get(kind) ?? []);
  }

  #createdAt(doc: IndexDoc): string {
    if (doc.kind === 'notebook') return this.#notebook.createdAt;
    if (doc.kind === 'passage') return '';
    return find(this.#notebook, doc.kind, doc.id)?.createdAt ?? '';
  }

  #titleOf(doc: IndexDoc): string {
    const nb = this.#notebook;
    switch (doc.kind) {
      case 'passage':
      case 'source':
        return nb.sources[doc.id]?.title ?? '';
      case 'excerpt':
        return shorten(this.#fieldsOfDoc(doc).quote ?? '', TITLE_LENGTH);
      case 'claim':
      case 'proposition':
      case 'hypothesis':
        return this.#fieldsOfDoc(doc).statement ?? '';
      case 'entity':
        return this.#fieldsOfDoc(doc).name ?? '';
      case 'question':
        return this.#fieldsOfDoc(doc).question ?? '';
      case 'notebook':
        return nb.name;
    }
  }
}

/**
 * The version of what an index holds: words (words.ts), fields, passages, scores. A snapshot of
 * another version is not restored. Raise it with any change to any of these.
 */
export const INDEX_FORMAT = 1;

/** SearchIndex.snapshot(): plain values and typed arrays, by document number where it says so. */
export interface SearchIndexSnapshot {
  format: number;
  /** FIELDS, joined with commas. */
  fields: string;
  terms: TermIndexSnapshot;
  /** By document number: the object's id (a passage's source id, the notebook's for its note); null where none. */
  ids: (Id | null)[];
  /** By document number, for passages: n (-1 for other documents), [from, to) in UTF-16 units, start in code points. */
  passageN: Int32Array;
  passageFrom: Int32Array;
  passageTo: Int32Array;
  passageStart: Int32Array;
  passages: { sourceId: Id; sha: string; nums: number[] }[];
  unreadable: [Id, string][];
}

/** Builds the whole index at once (tests, the command line); the app builds in slices with work(). */
export function buildIndex(notebook: Notebook, textOf: TextOf): SearchIndex {
  const index = new SearchIndex(notebook, textOf);
  index.work();
  return index;
}

/** Each field's number in the TermIndex. */
const FIELD_NUMBER = Object.fromEntries(FIELDS.map((f, i) => [f, i])) as Record<Field, number>;

/** The fields of each kind, the naming field first: the order a snippet prefers them in a tie. */
const FIELD_ORDER: Record<SearchKind, readonly Field[]> = {
  passage: ['text'],
  source: ['title', 'authors', 'publisher', 'url', 'notes', 'tags'],
  excerpt: ['quote', 'note', 'tags'],
  claim: ['statement', 'claimant', 'notes', 'tags'],
  entity: ['name', 'aliases', 'notes'],
  proposition: ['statement', 'notes'],
  question: ['question', 'notes'],
  hypothesis: ['statement', 'notes'],
  notebook: ['notes'],
};

/**
 * A one-letter word is matched whole, not as the beginning of a twentieth of all the words in the
 * notebook (costly and useless); a Han or kana character on its own is a word and is a prefix.
 */
/** Fewer exact or prefix matches than this, and the search is run again forgiving typos. */
const FORGIVE_TYPOS_BELOW = 10;

function prefixAllowed(term: string): boolean {
  return codePointLength(term) >= 2 || isUnspaced(term);
}

/** Typos allowed in a query word (see the module comment). */
function typoBudget(term: string): number {
  if (/\p{N}/u.test(term)) return 0;
  const length = codePointLength(term);
  return length >= 8 ? 2 : length >= 4 ? 1 : 0;
}

/** The field of doc where the most matched terms are, each weighed by the field's boost. */
function bestField(doc: IndexDoc, match: ReadonlyMap<string, readonly number[]>): Field {
  const order = FIELD_ORDER[doc.kind];
  let best = order[0]!;
  let bestScore = 0;
  for (const field of order) {
    const number = FIELD_NUMBER[field];
    let score = 0;
    for (const fields of match.values()) if (fields.includes(number)) score += BOOST[field];
    if (score > bestScore) {
      best = field;
      bestScore = score;
    }
  }
  return best;
}

function sameFields(a: Partial<Record<Field, string>>, b: Partial<Record<Field, string>>): boolean {
  const keys = Object.keys(a) as Field[];
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}

/** s cut to about `max` UTF-16 units at a word boundary, with an ellipsis when cut. */
function shorten(s: string, max: number): string {
  const flat = s.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  let cut = flat.lastIndexOf(' ', max - 1);
  if (cut < max / 2) cut = max - 1;
  const code = flat.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut--;
  return `${flat.slice(0, cut).trimEnd()}…`;
}
