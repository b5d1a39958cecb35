// The search index of one notebook: every live object's words, and its sources' texts cut into
// passages, on MiniSearch; answers a SearchQuery (query.ts) and follows every operation. Runs
// anywhere (the app runs it in a worker thread, notebook/node/search/); never changes the notebook.
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
// thread running it can take messages in between; `ready` turns true once the first build is done.
// Until then search answers ready: false. A source added later has its passages queued as well
// (call work() again); its metadata is searchable at once.
import MiniSearch, { type SearchResult } from 'minisearch';
import { NotebookError } from '../errors.js';
import { collection, find, type Id, type Kind, type Notebook } from '../model.js';
import type { Operation } from '../operations.js';
import { CodePointIndex, codePointLength } from '../text.js';
import { cutPassages, type PassageSpan } from './passages.js';
import { SEARCH_KINDS, SearchQuery, type SearchGroup, type SearchHit, type SearchKind, type SearchQueryInput, type SearchResults } from './query.js';
import { hasFilters, makeFilter } from './search-filters.js';
import { cutSnippet } from './snippet.js';
import { isUnspaced, termsOf } from './words.js';

/** The fields of the index. `question` is a question's text; hits name it 'text', as the model does. */
const FIELDS = ['title', 'statement', 'name', 'question', 'quote', 'text', 'aliases', 'claimant', 'authors', 'tags', 'publisher', 'note', 'notes', 'url'] as const;
type Field = (typeof FIELDS)[number];

/**
 * How much a match in each field counts (MiniSearch multiplies the field's BM25 score): what names
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

/** A search takes at most this many words; more add nothing to an AND but time. */
const MAX_TERMS = 32;
/** An excerpt's quote as a hit's title is cut to this many UTF-16 units. */
const TITLE_LENGTH = 200;
/** Queued items done between two looks at the clock. */
const ITEMS_PER_CLOCK_CHECK = 16;

/** The kinds of the notebook that are indexed: all but links, which only filter. */
type ObjectKind = Exclude<Kind, 'link'>;
const OBJECT_KINDS: readonly ObjectKind[] = ['source', 'excerpt', 'claim', 'entity', 'proposition', 'question', 'hypothesis'];

interface IndexDoc {
  /** The document's id in MiniSearch: `<kind>:<id>`, `passage:<source id>:<n>`, `notebook`. */
  key: string;
  kind: SearchKind;
  /** The object's id (a passage's source id, the notebook's id for its note). */
  id: Id;
  /** A passage's first code point in its source's text. */
  start?: number;
  fields: Partial<Record<Field, string>>;
}

/** The passages of one live source: indexed, or still being indexed by a queued job. */
interface PassageState {
  sha: string;
  keys: string[];
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

type QueueItem = { kind: ObjectKind; id: Id } | { kind: 'notebook' };

/** Reads a source's normalised text by its sha256 (the store's readText). */
export type TextOf = (sha256: string) => string;

const clock: () => number = (() => {
  const performance = (globalThis as { performance?: { now(): number } }).performance;
  return performance ? () => performance.now() : () => Date.now();
})();

export class SearchIndex {
  #notebook: Notebook;
  readonly #textOf: TextOf;
  readonly #mini: MiniSearch<IndexDoc>;
  readonly #docs = new Map<string, IndexDoc>();
  readonly #passages = new Map<Id, PassageState>();
  readonly #queue: QueueItem[] = [];
  #queued = 0;
  readonly #jobs: PassageJob[] = [];
  #jobsDone = 0;
  #built = false;
  /** Sources whose text file could not be read: their metadata is indexed, their text is not. */
  readonly #unreadable = new Map<Id, string>();

  /** An empty index with the whole notebook queued: call work() until it returns true (or use buildIndex). */
  constructor(notebook: Notebook, textOf: TextOf) {
    this.#notebook = notebook;
    this.#textOf = textOf;
    this.#mini = new MiniSearch<IndexDoc>({
      fields: [...FIELDS],
      idField: 'key',
      extractField: (doc, field) => (field === 'key' ? doc.key : doc.fields[field as Field]),
      // Terms come out of termsOf already folded: MiniSearch's own lower-casing is not wanted twice.
      tokenize: (text) => termsOf(text),
      processTerm: (term) => term,
      searchOptions: {
        combineWith: 'AND',
        prefix: (term) => prefixAllowed(term),
        fuzzy: (term) => typoBudget(term),
        boost: BOOST,
      },
    });
    this.#queue.push({ kind: 'notebook' });
    for (const kind of OBJECT_KINDS) {
      for (const object of Object.values(collection(notebook, kind))) if (!object.deletedAt) this.#queue.push({ kind, id: object.id });
    }
  }

  /** The first build is done: searches answer. */
  get ready(): boolean {
    return this.#built;
  }

  /** Documents in the index: passages, sources, excerpts, claims, … */
  get indexed(): number {
    return this.#mini.documentCount;
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
        const item = this.#queue[this.#queued++]!;
        if (item.kind === 'notebook') this.#syncNotebook();
        else this.#sync(item.kind, item.id);
        continue;
      }
      if (this.#queue.length) this.#queue.length = this.#queued = 0;
      const job = this.#jobs[this.#jobsDone];
      if (job) {
        if (this.#stepPassages(job)) this.#jobsDone++;
        continue;
      }
      this.#jobs.length = this.#jobsDone = 0;
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
  }

  /** Answers a query (see query.ts). Throws NotebookError('invalid') for a query that does not parse. */
  search(input: SearchQueryInput): SearchResults {
    const began = clock();
    const parsed = SearchQuery.safeParse(input);
    if (!parsed.success) throw new NotebookError('invalid', `search: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'query'} ${i.message}`).join('; ')}`);
    const query = parsed.data;
    const answer = (groups: SearchGroup[], ready = true): SearchResults => ({ groups, ready, indexed: this.indexed, tookMs: Math.round((clock() - began) * 10) / 10 });
    if (!this.#built) return answer([], false);
    const terms = termsOf(query.query).slice(0, MAX_TERMS);
    const filter = makeFilter(this.#notebook, query);
    if (!terms.length) return answer(hasFilters(query) ? this.#browse(query, filter) : []);

    // Words as typed (and their beginnings) first; typos are forgiven only when that finds little.
    // Trying every spelling within one or two edits of common words costs ten times as much, and
    // adds nothing an analyst who typed them correctly wants.
    const options = { filter: (r: SearchResult) => filter(this.#docs.get(r.id as string)!) };
    let results = this.#mini.search(terms.join(' '), { ...options, fuzzy: false });
    if (results.length < FORGIVE_TYPOS_BELOW) results = this.#mini.search(terms.join(' '), options);
    const groups = new Map<SearchKind, SearchGroup>();
    for (const result of results) {
      const doc = this.#docs.get(result.id as string)!;
      let group = groups.get(doc.kind);
      if (!group) groups.set(doc.kind, (group = { kind: doc.kind, hits: [], total: 0 }));
      group.total++;
      if (group.hits.length < query.limit) group.hits.push(this.#hit(doc, result));
    }
    return answer(SEARCH_KINDS.flatMap((kind) => groups.get(kind) ?? []));
  }

  // ── Documents ──────────────────────────────────────────────────────────────────────────────

  /** Makes the index hold what the notebook has for (kind, id) now: added, replaced, or removed. */
  #sync(kind: ObjectKind, id: Id): void {
    const object = find(this.#notebook, kind, id);
    const key = `${kind}:${id}`;
    const fields = object && !object.deletedAt ? this.#fieldsOf(kind, id) : null;
    this.#put(key, fields && { key, kind, id, fields });
    if (kind === 'source') this.#syncPassages(id);
  }

  #syncNotebook(): void {
    const notes = this.#notebook.settings.notes;
    this.#put('notebook', notes.trim() ? { key: 'notebook', kind: 'notebook', id: this.#notebook.id, fields: { notes } } : null);
  }

  /** Replaces the document under key (null: removes it); a document that did not change is left alone. */
  #put(key: string, doc: IndexDoc | null): void {
    const old = this.#docs.get(key);
    if (old && doc && sameFields(old.fields, doc.fields)) return;
    if (old) {
      this.#mini.remove(old);
      this.#docs.delete(key);
    }
    if (doc) {
      this.#mini.add(doc);
      this.#docs.set(key, doc);
    }
  }

  #fieldsOf(kind: ObjectKind, id: Id): IndexDoc['fields'] {
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
      for (const key of state.keys) this.#put(key, null);
      this.#passages.delete(sourceId);
    }
    this.#unreadable.delete(sourceId);
    if (sha === null) return;
    const job: PassageJob = { sourceId, sha, cancelled: false, text: null, spans: null, points: null, next: 0 };
    this.#passages.set(sourceId, { sha, keys: [], job });
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
      const key = `passage:${job.sourceId}:${job.next}`;
      this.#put(key, { key, kind: 'passage', id: job.sourceId, start: job.points!.toCodePoint(span.start), fields: { text: job.text.slice(span.start, span.end) } });
      state.keys.push(key);
      job.next++;
    }
    if (job.next < job.spans!.length) return false;
    state.job = null;
    job.text = null;
    job.points = null;
    return true;
  }

  // ── Answers ────────────────────────────────────────────────────────────────────────────────

  #hit(doc: IndexDoc, result: SearchResult): SearchHit {
    const field = bestField(doc, result);
    const text = doc.fields[field] ?? '';
    const { snippet, first } = cutSnippet(text, new Set(result.terms));
    const hit: SearchHit = { kind: doc.kind, id: doc.id, title: this.#titleOf(doc), field: field === 'question' ? 'text' : field, snippet, score: result.score };
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

  /** Empty query, some filter: every object the filters let through, newest first (passages are not listed). */
  #browse(query: SearchQuery, filter: (doc: IndexDoc) => boolean): SearchGroup[] {
    const found = [...this.#docs.values()].filter((d) => d.kind !== 'passage' && filter(d));
    const created = new Map(found.map((d) => [d.key, this.#createdAt(d)]));
    found.sort((a, b) => (created.get(b.key)! < created.get(a.key)! ? -1 : created.get(b.key)! > created.get(a.key)! ? 1 : 0));
    const groups = new Map<SearchKind, SearchGroup>();
    for (const doc of found) {
      let group = groups.get(doc.kind);
      if (!group) groups.set(doc.kind, (group = { kind: doc.kind, hits: [], total: 0 }));
      group.total++;
      if (group.hits.length >= query.limit) continue;
      // The title already shows the naming field: the snippet shows the next field with text.
      const order = FIELD_ORDER[doc.kind];
      const field = order.slice(1).find((f) => doc.fields[f]?.trim()) ?? order[0]!;
      const { snippet } = cutSnippet(doc.fields[field] ?? '', new Set());
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
        return shorten(doc.fields.quote ?? '', TITLE_LENGTH);
      case 'claim':
      case 'proposition':
      case 'hypothesis':
        return doc.fields.statement ?? '';
      case 'entity':
        return doc.fields.name ?? '';
      case 'question':
        return doc.fields.question ?? '';
      case 'notebook':
        return nb.name;
    }
  }
}

/** Builds the whole index at once (tests, the command line); the app builds in slices with work(). */
export function buildIndex(notebook: Notebook, textOf: TextOf): SearchIndex {
  const index = new SearchIndex(notebook, textOf);
  index.work();
  return index;
}

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

/** The field of doc where the most matched words are, each weighed by the field's boost. */
function bestField(doc: IndexDoc, result: SearchResult): Field {
  const order = FIELD_ORDER[doc.kind];
  let best = order[0]!;
  let bestScore = 0;
  for (const field of order) {
    let score = 0;
    for (const fields of Object.values(result.match)) if (fields.includes(field)) score += BOOST[field];
    if (score > bestScore) {
      best = field;
      bestScore = score;
    }
  }
  return best;
}

function sameFields(a: IndexDoc['fields'], b: IndexDoc['fields']): boolean {
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
