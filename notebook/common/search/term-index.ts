// The inverted index under the search: for each term, the documents and fields it occurs in and how
// often, scored with BM25, words completed from their beginning and forgiven their typos. Runs
// anywhere; knows nothing of the notebook (search-index.ts numbers its objects as documents here).
//
// Why not MiniSearch, which this replaced: measured on the 100k-excerpt bench notebook (200,000
// documents, nine million words), MiniSearch took 31–41 s to build (every word walks its radix tree
// and a Map per field) and 440 ms to answer two common words (a result object with a Map of
// matched terms for each of 60,000 matching passages). What costs here, and how it is kept down:
// - A word is hashed as it is read (words.ts scanRuns) and looked up in an open-addressing table
//   of term numbers: no string is made for a term already seen, and no Map hashes one.
// - Its posting is appended to one pending buffer, not to a list per term: pushing onto 15,000
//   growing lists touched memory all over and cost three times the rest of the build together.
//   The buffer is fixed-size chunks, never grown by copying (that alone cost a second at 100k).
//   It is sorted by term (a counting sort) into a segment when it is full or a query comes: typed
//   arrays, each term's postings side by side, in document order. Later additions make small
//   segments, merged with their neighbours when about as large (Lucene's way): only a handful.
// - A query adds scores into a typed array indexed by document, checks a word that matches many
//   documents against few candidates by binary search, and builds objects for the hits it
//   returns only.
// MiniSearch's radix tree (SearchableMap) is still used, for what it is good at: the terms that
// begin with a prefix or lie within a typo or two of a word. The scores are MiniSearch's (BM25+,
// its weights for prefix and typo matches, field length in distinct terms), so the ranking stays
// what it was.
import SearchableMap from 'minisearch/SearchableMap';
import { drain, type Steps } from '../steps.js';
import { hashTerm, LATIN, sameLowered, samePlain, scanRuns, termOfPlain, type PlainKind } from './words.js';

/**
 * BM25+ as MiniSearch scores it: k saturates repeated words, b weighs a field's length against
 * the average, d is the floor every matching field gets (so a match in a long field still counts).
 */
const K = 1.2;
const B = 0.7;
const D = 0.5;
/**
 * A match by a word's beginning or with typos counts less than the word itself, the more so the
 * more letters differ (MiniSearch's weights): prefix 0.375 × n / (n + 0.3 × letters added), typo
 * 0.45 × n / (n + edits), n the matched term's length.
 */
const PREFIX_WEIGHT = 0.375;
const TYPO_WEIGHT = 0.45;

/** A posting's key is doc × 16 + field (so at most 16 fields, and 2^27 document numbers). */
const FIELD_BITS = 4;
const MAX_FIELDS = 1 << FIELD_BITS;
const FIELD_MASK = MAX_FIELDS - 1;
/** A term's count in a field is kept in 8 bits; more occurrences score as this many (BM25 saturates long before). */
const MAX_COUNT = 255;
/** Field lengths are kept in 16 bits: a field of more distinct terms scores as one of this many. */
const MAX_LENGTH = 65_535;
/** Pending postings are kept in chunks of this many, each [term, key, count] × CHUNK in an Int32Array. */
const CHUNK_BITS = 16;
const CHUNK = 1 << CHUNK_BITS;
const CHUNK_MASK = CHUNK - 1;
/**
 * Pending postings made into a segment once this many (12 bytes each): bounds the buffer at 12 MB,
 * and the time sorting it into a segment takes, which holds up the thread the index runs on (at
 * 4 M postings a time, building the 100k-excerpt bench notebook held it up to ~200 ms; at 1 M,
 * ~50 ms), while queries find a term in each segment no slower for there being ten of them.
 */
const FLUSH_AT = 1 << 20;
/** A segment of more postings (a build's) is not merged to keep the segments few, only when they are too many. */
const LARGE_SEGMENT = 1 << 19;
/** A build of up to about this many million postings (the 100k bench notebook has 9) merges none of its segments. */
const MAX_SEGMENTS = 32;
/** Postings checked between two steps of restoring() (a power of two, less one). */
const STEP_MASK = (1 << 16) - 1;
/** Removed documents' postings are swept out once they are this many and as many as half the live ones. */
const SWEEP_AT = 100_000;
/** A word whose postings are this many times the candidates is looked up per candidate (binary search), not read through. */
const SEEK_RATIO = 16;

/** A term of the index that a word of a query matches, and how much a match counts. */
export interface Expansion {
  term: string;
  /** The term's number in the index. */
  id: number;
  weight: number;
}

/** How a query word is matched: by its beginning (prefix) and within `typos` edits. */
export interface ExpandOptions {
  prefix: boolean;
  typos: number;
}

/**
 * Postings sorted by term, then by key (so by document): the postings of terms[i] are
 * keys/counts[starts[i], starts[i + 1]), and df[i × fields + f] is how many are in field f.
 * Never changed once made; a removed document's postings stay (skipped, and counted in df) until a
 * merge leaves them out.
 */
export interface Segment {
  terms: Int32Array;
  starts: Int32Array;
  keys: Int32Array;
  counts: Uint8Array;
  df: Int32Array;
}

/**
 * All a TermIndex holds, as plain values and typed arrays (a cache file stores it; see
 * notebook/node/search/index-cache.ts). The per-document arrays run to the next document number.
 */
export interface TermIndexSnapshot {
  fields: number;
  terms: string[];
  segments: Segment[];
  kinds: Uint8Array;
  lengths: Uint16Array;
  postingCount: Uint32Array;
  live: number;
  livePostings: number;
  deadPostings: number;
  fieldWords: Float64Array;
  fieldDocs: Float64Array;
}

/** Where a term's postings are in one segment. */
interface Slice {
  segment: Segment;
  /** The term's place in segment.terms. */
  at: number;
  from: number;
  to: number;
}

export class TermIndex {
  readonly #fields: number;
  // The terms, by number: the term, and for the document being added, which addition of a field
  // the term was last seen in and where that posting is in the pending buffer (a repeat in the
  // same field adds to its count), side by side so one look at memory finds both.
  readonly #termText: string[] = [];
  #seen = new Int32Array(2048);
  /** Open addressing, linear probing: pairs of (term number + 1, hash); 0 is free. Kept at most half full. */
  #slots = new Int32Array(4096);
  /** The same terms (to their numbers) as a radix tree, for prefixes and typos. */
  readonly #tree = new SearchableMap<number>();
  /** Postings not yet in a segment, in the order added. */
  readonly #chunks: Int32Array[] = [];
  #pending = 0;
  /** Oldest (and largest) first; a newer segment holds only documents numbered after an older one's. */
  #segments: Segment[] = [];
  /** Per document number: its kind (1–255), 0 when there is no document (removed). */
  #kinds = new Uint8Array(1024);
  /** Per document and field: the field's length in distinct terms. */
  #lengths: Uint16Array;
  /** Per document: its postings, so that removing it can count them as dead. */
  #postingCount = new Uint32Array(1024);
  /** Document numbers only grow (so postings stay in document order) until a sweep numbers them afresh. */
  #next = 0;
  #live = 0;
  #livePostings = 0;
  #deadPostings = 0;
  #additions = 0;
  readonly #fieldWords: Float64Array;
  readonly #fieldDocs: Float64Array;
  /** Per document, during a query: how many query words it matched so far, and its score. */
  #matched = new Uint8Array(1024);
  #score = new Float64Array(1024);

  /** An empty index of documents with `fields` fields each (at most 16). */
  constructor(fields: number) {
    if (fields > MAX_FIELDS) throw new RangeError(`a TermIndex holds at most ${MAX_FIELDS} fields`);
    this.#fields = fields;
    this.#lengths = new Uint16Array(1024 * fields);
    this.#fieldWords = new Float64Array(fields);
    this.#fieldDocs = new Float64Array(fields);
  }

  /** Documents in the index. */
  get size(): number {
    return this.#live;
  }

  /** Distinct terms the index has seen (some may be only in removed documents). */
  get terms(): number {
    return this.#termText.length;
  }

  /** What the index holds, pending postings made into a segment first. Shares its arrays with the index: encode it before changing the index. */
  snapshot(): TermIndexSnapshot {
    this.#flush();
    const next = this.#next;
    return {
      fields: this.#fields,
      terms: [...this.#termText],
      segments: [...this.#segments],
      kinds: this.#kinds.subarray(0, next),
      lengths: this.#lengths.subarray(0, next * this.#fields),
      postingCount: this.#postingCount.subarray(0, next),
      live: this.#live,
      livePostings: this.#livePostings,
      deadPostings: this.#deadPostings,
      fieldWords: this.#fieldWords,
      fieldDocs: this.#fieldDocs,
    };
  }

  /**
   * The index a snapshot was taken of. Throws a RangeError when the snapshot does not hang together
   * (a cache file that is not what it claims to be): lengths that disagree, postings outside the
   * documents, terms out of order.
   */
  static restore(snapshot: TermIndexSnapshot): TermIndex {
    return drain(TermIndex.restoring(snapshot));
  }

  /** restore() in steps of some 65,000 postings or 4,096 terms each (see steps.ts). */
  static *restoring(snapshot: TermIndexSnapshot): Steps<TermIndex> {
    const s = snapshot;
    const fields = s.fields;
    const next = s.kinds.length;
    const bad = (why: string) => new RangeError(`the search index snapshot is inconsistent: ${why}`);
    if (s.lengths.length !== next * fields || s.postingCount.length !== next) throw bad('per-document arrays of different lengths');
    if (s.fieldWords.length !== fields || s.fieldDocs.length !== fields) throw bad('field totals');
    let live = 0;
    for (const kind of s.kinds) if (kind) live++;
    if (live !== s.live) throw bad(`${live} documents, not ${s.live}`);
    yield;
    for (const segment of s.segments) {
      const { terms, starts, keys, counts, df } = segment;
      if (starts.length !== terms.length + 1 || starts[0] !== 0 || starts[terms.length] !== keys.length || counts.length !== keys.length || df.length !== terms.length * fields) throw bad('a segment');
      for (let i = 0; i < terms.length; i++) {
        if (terms[i]! < 0 || terms[i]! >= s.terms.length || (i > 0 && terms[i]! <= terms[i - 1]!) || starts[i + 1]! < starts[i]!) throw bad('a segment’s terms');
      }
      for (let i = 0; i < keys.length; i++) {
        const key = keys[i]!;
        if (key < 0 || key >>> FIELD_BITS >= next || (key & FIELD_MASK) >= fields) throw bad('a posting');
        if ((i & STEP_MASK) === STEP_MASK) yield;
      }
      yield;
    }
    const index = new TermIndex(fields);
    index.#next = next;
    index.#reserve(next);
    index.#kinds.set(s.kinds);
    index.#lengths.set(s.lengths);
    index.#postingCount.set(s.postingCount);
    index.#live = s.live;
    index.#livePostings = s.livePostings;
    index.#deadPostings = s.deadPostings;
    index.#fieldWords.set(s.fieldWords);
    index.#fieldDocs.set(s.fieldDocs);
    index.#segments = [...s.segments];
    for (let i = 0; i < s.terms.length; i++) {
      if ((i & 4095) === 4095) yield;
      const term = s.terms[i]!;
      const h = hashTerm(term);
      const slots = index.#slots;
      const mask = (slots.length >>> 1) - 1;
      let slot = h & mask;
      while (slots[slot * 2] !== 0) slot = (slot + 1) & mask;
      index.#newTerm(term, h, slot);
    }
    if (index.#termText.length !== new Set(s.terms).size) throw bad('a term twice');
    return index;
  }

  /** Segments the postings are in now (after any pending ones are made into one). */
  get segments(): number {
    this.#flush();
    return this.#segments.length;
  }

  /**
   * Makes the postings added since the last time into a segment now, rather than at the next query
   * (a build ends with this, so that its cost is the build's, not the first search's).
   */
  commit(): void {
    this.#flush();
  }

  /** Removed documents' postings are many enough that sweep() should drop them. */
  get wasteful(): boolean {
    return this.#deadPostings >= SWEEP_AT && this.#deadPostings * 2 >= this.#livePostings;
  }

  /**
   * Adds a document of `kind` (1–255) with the texts of its fields (by field number; missing or
   * empty fields hold nothing); returns its number, which remove() takes.
   */
  add(kind: number, fields: ReadonlyArray<string | undefined>): number {
    if (this.#pending >= FLUSH_AT) this.#flush();
    const doc = this.#next++;
    this.#reserve(doc + 1);
    this.#kinds[doc] = kind;
    let postings = 0;
    for (let field = 0; field < this.#fields; field++) {
      const text = fields[field];
      if (!text) continue;
      const addition = ++this.#additions | 0;
      const key = doc * MAX_FIELDS + field;
      // A field's length is its number of distinct terms, as MiniSearch counts it.
      let length = 0;
      const occurs = (id: number) => {
        const seen = this.#seen;
        if (seen[id * 2] === addition) {
          const at = seen[id * 2 + 1]!;
          const chunk = this.#chunks[at >>> CHUNK_BITS]!;
          const count = (at & CHUNK_MASK) * 3 + 2;
          if (chunk[count]! < MAX_COUNT) chunk[count]!++;
          return;
        }
        const at = this.#pending++;
        if ((at & CHUNK_MASK) === 0 && this.#chunks.length === at >>> CHUNK_BITS) this.#chunks.push(new Int32Array(CHUNK * 3));
        const chunk = this.#chunks[at >>> CHUNK_BITS]!;
        const slot = (at & CHUNK_MASK) * 3;
        chunk[slot] = id;
        chunk[slot + 1] = key;
        chunk[slot + 2] = 1;
        seen[id * 2] = addition;
        seen[id * 2 + 1] = at;
        length++;
      };
      scanRuns(
        text,
        0,
        (start, end, kind, hash) => occurs(this.#plainTerm(text, start, end, kind, hash)),
        (_start, _end, term) => occurs(this.#term(term)),
      );
      postings += length;
      length = Math.min(length, MAX_LENGTH);
      this.#lengths[doc * this.#fields + field] = length;
      if (length) {
        this.#fieldWords[field] = this.#fieldWords[field]! + length;
        this.#fieldDocs[field] = this.#fieldDocs[field]! + 1;
      }
    }
    this.#postingCount[doc] = postings;
    this.#livePostings += postings;
    this.#live++;
    return doc;
  }

  /**
   * Removes document `doc`. Its postings stay in the segments, skipped, until a merge leaves them
   * out; when they are many (`wasteful`), the owner calls sweep().
   */
  remove(doc: number): void {
    if (!this.#kinds[doc]) return;
    this.#kinds[doc] = 0;
    this.#live--;
    for (let field = 0; field < this.#fields; field++) {
      const length = this.#lengths[doc * this.#fields + field]!;
      if (!length) continue;
      this.#fieldWords[field] = this.#fieldWords[field]! - length;
      this.#fieldDocs[field] = this.#fieldDocs[field]! - 1;
      this.#lengths[doc * this.#fields + field] = 0;
    }
    const postings = this.#postingCount[doc]!;
    this.#livePostings -= postings;
    this.#deadPostings += postings;
  }

  /**
   * Merges every segment into one without the postings of removed documents, and numbers the
   * documents afresh, 0 up, in the same order. Returns the new number of each old one (-1: removed).
   * A few hundred ms at 100k excerpts, and rare: half the notebook must have changed.
   */
  sweep(): Int32Array {
    this.#flush();
    const renumber = new Int32Array(this.#next).fill(-1);
    let next = 0;
    for (let doc = 0; doc < this.#next; doc++) {
      if (!this.#kinds[doc]) continue;
      renumber[doc] = next;
      this.#kinds[next] = this.#kinds[doc]!;
      this.#postingCount[next] = this.#postingCount[doc]!;
      this.#lengths.copyWithin(next * this.#fields, doc * this.#fields, (doc + 1) * this.#fields);
      next++;
    }
    let merged: Segment | null = null;
    for (const segment of this.#segments) merged = this.#merge(merged, segment, renumber);
    this.#segments = merged ? [merged] : [];
    this.#kinds.fill(0, next, this.#next);
    this.#lengths.fill(0, next * this.#fields, this.#next * this.#fields);
    this.#next = next;
    this.#deadPostings = 0;
    return renumber;
  }

  /**
   * The terms a query word matches: itself (weight 1), with `prefix` the longer terms it begins,
   * with `typos` the terms within that many edits; each with the weight of its match.
   */
  expand(word: string, options: ExpandOptions): Expansion[] {
    const out: Expansion[] = [];
    const exact = this.#tree.get(word);
    if (exact !== undefined) out.push({ term: word, id: exact, weight: 1 });
    if (options.prefix) {
      for (const [term, id] of this.#tree.atPrefix(word)) {
        if (term.length === word.length) continue;
        out.push({ term, id, weight: (PREFIX_WEIGHT * term.length) / (term.length + 0.3 * (term.length - word.length)) });
      }
    }
    if (options.typos > 0) {
      for (const [term, [id, distance]] of this.#tree.fuzzyGet(word, options.typos)) {
        if (distance === 0 || (options.prefix && term.startsWith(word))) continue;
        out.push({ term, id, weight: (TYPO_WEIGHT * term.length) / (term.length + distance) });
      }
    }
    return out;
  }

  /**
   * Calls visit(doc, kind, score) for each document that every query word matches (each word
   * given as its expansions), with its BM25+ score: for each matching term and field, the term's
   * weight × the field's boost × idf × the saturated count. Words are taken rarest first, so the
   * candidates are as few as they can be from the start and each further word only looks them up.
   */
  match(words: readonly (readonly Expansion[])[], boost: ArrayLike<number>, visit: (doc: number, kind: number, score: number) => void): void {
    if (!words.length || words.length > 255) return;
    this.#flush();
    const sliced = words.map((expansions) => expansions.map((e) => ({ weight: e.weight, slices: this.#slices(e.id) })));
    const size = (word: (typeof sliced)[number]) => word.reduce((n, e) => n + e.slices.reduce((m, s) => m + s.to - s.from, 0), 0);
    sliced.sort((a, b) => size(a) - size(b));
    const candidates = new Candidates();
    const matched = this.#matched;
    const score = this.#score;
    const kinds = this.#kinds;
    try {
      for (let w = 0; w < sliced.length; w++) {
        // After the first word, a word with far more postings than there are candidates left is
        // looked up per candidate.
        const seek = w > 0 && size(sliced[w]!) > candidates.length * SEEK_RATIO;
        let found = 0;
        for (const { weight, slices } of sliced[w]!) found += this.#scoreTerm(slices, weight, boost, w, candidates, seek);
        if (!found) return;
      }
      const all = sliced.length;
      const docs = candidates.docs;
      for (let c = 0; c < candidates.length; c++) {
        const doc = docs[c]!;
        if (matched[doc] === all) visit(doc, kinds[doc]!, score[doc]!);
      }
    } finally {
      const docs = candidates.docs;
      for (let c = 0; c < candidates.length; c++) matched[docs[c]!] = 0;
    }
  }

  /**
   * For each of `docs` (a few, the hits shown): the terms of the expansions it holds, each with the
   * fields it is in. Found by binary search in each term's postings, so a query need not remember
   * this for the thousands of documents it scored.
   */
  explain(words: readonly (readonly Expansion[])[], docs: readonly number[]): Map<number, Map<string, number[]>> {
    this.#flush();
    const out = new Map<number, Map<string, number[]>>(docs.map((doc) => [doc, new Map()]));
    for (const expansions of words) {
      for (const { term, id } of expansions) {
        for (const { segment, from, to } of this.#slices(id)) {
          const keys = segment.keys;
          for (const doc of docs) {
            if (!this.#kinds[doc]) continue;
            for (let i = lowerBound(keys, from, to, doc * MAX_FIELDS); i < to && keys[i]! >>> FIELD_BITS === doc; i++) {
              const terms = out.get(doc)!;
              const fields = terms.get(term);
              const field = keys[i]! & FIELD_MASK;
              if (!fields) terms.set(term, [field]);
              else if (!fields.includes(field)) fields.push(field);
            }
          }
        }
      }
    }
    return out;
  }

  /** Where the postings of term `id` are, segment by segment. */
  #slices(id: number): Slice[] {
    const out: Slice[] = [];
    for (const segment of this.#segments) {
      const at = find(segment.terms, id);
      if (at >= 0) out.push({ segment, at, from: segment.starts[at]!, to: segment.starts[at + 1]! });
    }
    return out;
  }

  /**
   * Adds one term's scores to the documents that matched every word before it (word w); the first
   * word makes the candidates. With `seek`, each candidate is looked up in the postings rather than
   * every posting read. Returns how many documents this term took a step further.
   */
  #scoreTerm(slices: readonly Slice[], weight: number, boost: ArrayLike<number>, w: number, candidates: Candidates, seek: boolean): number {
    const fields = this.#fields;
    // Documents with the term per field, for idf: as each segment counted them when it was made
    // (a removed document counts until a merge drops it, as in MiniSearch until it vacuums).
    const factor = new Float64Array(fields);
    const norm = new Float64Array(fields);
    for (let f = 0; f < fields; f++) {
      let df = 0;
      for (const { segment, at } of slices) df += segment.df[at * fields + f]!;
      if (!df) continue;
      df = Math.min(df, this.#live);
      const idf = Math.log(1 + (this.#live - df + 0.5) / (df + 0.5));
      factor[f] = weight * (boost[f] ?? 1) * idf;
      norm[f] = (K * B) / (this.#fieldWords[f]! / this.#fieldDocs[f]!);
    }
    let stepped = 0;
    for (const { segment, from, to } of slices) {
      stepped += seek
        ? seekPostings(segment.keys, segment.counts, from, to, w, candidates, this.#state, factor, norm, fields)
        : readPostings(segment.keys, segment.counts, from, to, w, candidates, this.#state, factor, norm, fields);
    }
    return stepped;
  }

  /** The per-document arrays a query reads and writes, as the scoring loops take them. */
  get #state(): QueryState {
    return { kinds: this.#kinds, lengths: this.#lengths, matched: this.#matched, score: this.#score };
  }

  // ── Terms ────────────────────────────────────────────────────────────────────────────────

  /** The number of the term of the plain word text[start, end) (see scanRuns); made when new. */
  #plainTerm(text: string, start: number, end: number, kind: PlainKind, h: number): number {
    const slots = this.#slots;
    const mask = (slots.length >>> 1) - 1;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const id = slots[slot * 2]! - 1;
      if (id < 0) return this.#newTerm(termOfPlain(text, start, end, kind), h, slot);
      if (slots[slot * 2 + 1] !== h) continue;
      const term = this.#termText[id]!;
      if (kind === LATIN ? samePlain(text, start, end, kind, term) : sameLowered(text, start, end, term)) return id;
    }
  }

  /** The number of term; made when new. */
  #term(term: string): number {
    const h = hashTerm(term);
    const slots = this.#slots;
    const mask = (slots.length >>> 1) - 1;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const id = slots[slot * 2]! - 1;
      if (id < 0) return this.#newTerm(term, h, slot);
      if (slots[slot * 2 + 1] === h && this.#termText[id] === term) return id;
    }
  }

  #newTerm(term: string, h: number, slot: number): number {
    const id = this.#termText.length;
    this.#termText.push(term);
    if (id * 2 >= this.#seen.length) this.#seen = grown(this.#seen, this.#seen.length * 2);
    this.#slots[slot * 2] = id + 1;
    this.#slots[slot * 2 + 1] = h;
    this.#tree.set(term, id);
    if ((id + 1) * 4 > this.#slots.length) this.#rehash();
    return id;
  }

  #rehash(): void {
    const old = this.#slots;
    const slots = new Int32Array(old.length * 2);
    const mask = (slots.length >>> 1) - 1;
    for (let s = 0; s < old.length; s += 2) {
      if (!old[s]) continue;
      let slot = old[s + 1]! & mask;
      while (slots[slot * 2] !== 0) slot = (slot + 1) & mask;
      slots[slot * 2] = old[s]!;
      slots[slot * 2 + 1] = old[s + 1]!;
    }
    this.#slots = slots;
  }

  // ── Segments ─────────────────────────────────────────────────────────────────────────────

  /** Makes the pending postings into a segment (those of documents removed meanwhile left out), merging as needed. */
  #flush(): void {
    const n = this.#pending;
    if (!n) return;
    const chunks = this.#chunks;
    const kinds = this.#kinds;
    const fields = this.#fields;
    const termCount = this.#termText.length;
    // The postings in term order, and in the order added (document order) within a term, without
    // those of documents removed meanwhile. Many (the build): a counting sort, linear, each posting
    // read once in order and written once to its place. Few (a query after an edit): a sort.
    let segment: Segment | null;
    if (n * 4 >= termCount || n > CHUNK) {
      const next = new Int32Array(termCount + 1);
      for (let i = 0; i < n; i++) {
        const chunk = chunks[i >>> CHUNK_BITS]!;
        const slot = (i & CHUNK_MASK) * 3;
        if (kinds[chunk[slot + 1]! >>> FIELD_BITS]) next[chunk[slot]! + 1]!++;
      }
      let present = 0;
      for (let t = 0; t < termCount; t++) {
        if (next[t + 1]) present++;
        next[t + 1]! += next[t]!;
      }
      const total = next[termCount]!;
      const terms = new Int32Array(present);
      const starts = new Int32Array(present + 1);
      /** Each present term's place in terms, by term number. */
      const place = new Int32Array(termCount);
      for (let t = 0, k = 0; t < termCount; t++) {
        if (next[t + 1] === next[t]) continue;
        terms[k] = t;
        place[t] = k;
        starts[k++] = next[t]!;
      }
      starts[present] = total;
      const keys = new Int32Array(total);
      const counts = new Uint8Array(total);
      const df = new Int32Array(present * fields);
      for (let i = 0; i < n; i++) {
        const chunk = chunks[i >>> CHUNK_BITS]!;
        const slot = (i & CHUNK_MASK) * 3;
        const key = chunk[slot + 1]!;
        if (!kinds[key >>> FIELD_BITS]) continue;
        const term = chunk[slot]!;
        const at = next[term]!++;
        keys[at] = key;
        counts[at] = chunk[slot + 2]!;
        df[place[term]! * fields + (key & FIELD_MASK)]!++;
      }
      segment = total ? { terms, starts, keys, counts, df } : null;
    } else {
      // Few: all in the first chunk.
      const chunk = chunks[0]!;
      const order = new Int32Array(n);
      for (let i = 0; i < n; i++) order[i] = i;
      order.sort((a, b) => chunk[a * 3]! - chunk[b * 3]! || a - b);
      segment = build(n, fields, (emit) => {
        for (let k = 0; k < n; k++) {
          const slot = order[k]! * 3;
          if (kinds[chunk[slot + 1]! >>> FIELD_BITS]) emit(chunk[slot]!, chunk[slot + 1]!, chunk[slot + 2]!);
        }
      });
    }
    this.#pending = 0;
    // The first chunk is kept for the next additions; the rest, from a build, go.
    this.#chunks.length = Math.min(this.#chunks.length, 1);
    if (segment) this.#push(segment);
  }

  /**
   * Adds a segment, then merges the newest two while the newer is at least half the older and the
   * older is not large, or while they are too many: the segments stay few, from large to small, and
   * a posting is copied only a few times however the index grew. Large segments (a build's) are
   * left as they are: a query looks a term up in each with a binary search, far cheaper than
   * copying millions of postings.
   */
  #push(segment: Segment): void {
    const segments = this.#segments;
    segments.push(segment);
    while (segments.length >= 2) {
      const newer = segments.at(-1)!;
      const older = segments.at(-2)!;
      if ((newer.keys.length * 2 < older.keys.length || older.keys.length > LARGE_SEGMENT) && segments.length <= MAX_SEGMENTS) break;
      const merged = this.#merge(older, newer, null);
      segments.splice(-2, 2, ...(merged ? [merged] : []));
    }
  }

  /**
   * One segment with the postings of a, then b (whose documents are all numbered after a's), per
   * term, without those of removed documents; with `renumber`, keys take the documents' new
   * numbers. Null when nothing is left. Typed arrays only, each posting read once and written
   * once: a merge of the two halves of a 100k-excerpt build is a few hundred ms.
   */
  #merge(a: Segment | null, b: Segment, renumber: Int32Array | null): Segment | null {
    const kinds = this.#kinds;
    const fields = this.#fields;
    const parts = a ? [a, b] : [b];
    let capacity = 0;
    let termCapacity = 0;
    for (const part of parts) {
      capacity += part.keys.length;
      termCapacity += part.terms.length;
    }
    const terms = new Int32Array(termCapacity);
    const starts = new Int32Array(termCapacity + 1);
    const keys = new Int32Array(capacity);
    const counts = new Uint8Array(capacity);
    const df = new Int32Array(termCapacity * fields);
    let n = 0;
    let k = 0;
    const cursor = new Int32Array(parts.length);
    for (;;) {
      // The smallest term number not yet copied, in either part.
      let term = -1;
      for (let p = 0; p < parts.length; p++) {
        const t = cursor[p]! < parts[p]!.terms.length ? parts[p]!.terms[cursor[p]!]! : -1;
        if (t >= 0 && (term < 0 || t < term)) term = t;
      }
      if (term < 0) break;
      const first = n;
      for (let p = 0; p < parts.length; p++) {
        const part = parts[p]!;
        const at = cursor[p]!;
        if (at >= part.terms.length || part.terms[at] !== term) continue;
        cursor[p] = at + 1;
        const partKeys = part.keys;
        for (let i = part.starts[at]!, end = part.starts[at + 1]!; i < end; i++) {
          let key = partKeys[i]!;
          if (renumber) {
            const doc = renumber[key >>> FIELD_BITS]!;
            if (doc < 0) continue;
            key = doc * MAX_FIELDS + (key & FIELD_MASK);
          } else if (!kinds[key >>> FIELD_BITS]) {
            continue;
          }
          keys[n] = key;
          counts[n] = part.counts[i]!;
          df[k * fields + (key & FIELD_MASK)]!++;
          n++;
        }
      }
      if (n === first) continue;
      terms[k] = term;
      starts[k] = first;
      k++;
    }
    if (!n) return null;
    starts[k] = n;
    // Copies, not views: a view would keep the whole buffers (sized for the dropped postings too).
    return { terms: terms.slice(0, k), starts: starts.slice(0, k + 1), keys: keys.slice(0, n), counts: counts.slice(0, n), df: df.slice(0, k * fields) };
  }

  #reserve(docs: number): void {
    if (docs <= this.#kinds.length) return;
    const size = Math.max(docs, this.#kinds.length * 2);
    this.#kinds = grown(this.#kinds, size);
    this.#postingCount = grown(this.#postingCount, size);
    this.#matched = grown(this.#matched, size);
    this.#score = grown(this.#score, size);
    this.#lengths = grown(this.#lengths, size * this.#fields);
  }
}

/**
 * A segment of at most `capacity` postings from fill, which emits them in term order (and document
 * order within a term); null when it emits none.
 */
/** The per-document arrays of a TermIndex that scoring reads and writes. */
interface QueryState {
  kinds: Uint8Array;
  lengths: Uint16Array;
  matched: Uint8Array;
  score: Float64Array;
}

/**
 * Scores the postings keys/counts[from, to) of one term for word w (see TermIndex #scoreTerm),
 * reading them all: the first word's make the candidates. Outside the class, with its arrays as
 * arguments, so the loop is compiled on its own, tight.
 */
function readPostings(keys: Int32Array, counts: Uint8Array, from: number, to: number, w: number, candidates: Candidates, state: QueryState, factor: Float64Array, norm: Float64Array, fields: number): number {
  const { kinds, lengths, matched, score } = state;
  let stepped = 0;
  for (let i = from; i < to; i++) {
    const key = keys[i]!;
    const doc = key >>> FIELD_BITS;
    if (!kinds[doc]) continue;
    const m = matched[doc]!;
    if (m === w) {
      matched[doc] = w + 1;
      stepped++;
      if (w === 0) {
        candidates.push(doc);
        score[doc] = 0;
      }
    } else if (m !== w + 1) {
      continue;
    }
    const field = key & FIELD_MASK;
    const tf = counts[i]!;
    score[doc] = score[doc]! + factor[field]! * (D + (tf * (K + 1)) / (tf + K * (1 - B) + norm[field]! * lengths[doc * fields + field]!));
  }
  return stepped;
}

/** readPostings for a word after the first with far more postings than candidates: each candidate looked up by binary search. */
function seekPostings(keys: Int32Array, counts: Uint8Array, from: number, to: number, w: number, candidates: Candidates, state: QueryState, factor: Float64Array, norm: Float64Array, fields: number): number {
  const { lengths, matched, score } = state;
  let stepped = 0;
  const docs = candidates.docs;
  for (let c = 0; c < candidates.length; c++) {
    const doc = docs[c]!;
    const m = matched[doc]!;
    if (m !== w && m !== w + 1) continue;
    let i = lowerBound(keys, from, to, doc * MAX_FIELDS);
    if (i >= to || keys[i]! >>> FIELD_BITS !== doc) continue;
    if (m === w) {
      matched[doc] = w + 1;
      stepped++;
    }
    for (; i < to && keys[i]! >>> FIELD_BITS === doc; i++) {
      const field = keys[i]! & FIELD_MASK;
      const tf = counts[i]!;
      score[doc] = score[doc]! + factor[field]! * (D + (tf * (K + 1)) / (tf + K * (1 - B) + norm[field]! * lengths[doc * fields + field]!));
    }
  }
  return stepped;
}

/** The documents the first word of a query matched: a typed array grown as needed. */
class Candidates {
  docs = new Int32Array(1024);
  length = 0;
  push(doc: number): void {
    if (this.length === this.docs.length) this.docs = grown(this.docs, this.docs.length * 2);
    this.docs[this.length++] = doc;
  }
}

function build(capacity: number, fields: number, fill: (emit: (term: number, key: number, count: number) => void) => void): Segment | null {
  const keys = new Int32Array(capacity);
  const counts = new Uint8Array(capacity);
  const terms: number[] = [];
  const starts: number[] = [];
  const df: number[] = [];
  let n = 0;
  let last = -1;
  fill((term, key, count) => {
    if (term !== last) {
      terms.push(term);
      starts.push(n);
      for (let f = 0; f < fields; f++) df.push(0);
      last = term;
    }
    keys[n] = key;
    counts[n] = count;
    df[df.length - fields + (key & FIELD_MASK)]!++;
    n++;
  });
  if (!n) return null;
  starts.push(n);
  // Copies, not views: a view would keep the whole buffer (sized for the postings of dropped documents too).
  return { terms: Int32Array.from(terms), starts: Int32Array.from(starts), keys: keys.slice(0, n), counts: counts.slice(0, n), df: Int32Array.from(df) };
}

/** Where term is in the ascending terms, or -1. */
function find(terms: Int32Array, term: number): number {
  let lo = 0;
  let hi = terms.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const t = terms[mid]!;
    if (t < term) lo = mid + 1;
    else if (t > term) hi = mid - 1;
    else return mid;
  }
  return -1;
}

/** The first i in [from, to) with keys[i] ≥ key (keys ascending there), or to. */
function lowerBound(keys: Int32Array, from: number, to: number, key: number): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keys[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function grown<T extends Uint8Array | Uint16Array | Int32Array | Uint32Array | Float64Array>(array: T, size: number): T {
  const next = new (array.constructor as new (n: number) => T)(size);
  next.set(array);
  return next;
}
