// Plans the import of W3C Web Annotation JSON (https://www.w3.org/TR/annotation-model/) as excerpts
// of the notebook's sources: what to create, what is already there, and what cannot be anchored.
// Pure: changes nothing (the caller applies the operation). Never drops an annotation and never
// places one on a guess: whatever cannot be anchored with certainty comes back orphaned, with why.
//
// Anchoring an annotation's text target, in order:
// 1. By position: the TextPositionSelector's range (code points, as the W3C model counts them) when
//    the source's text there is exactly the TextQuoteSelector's `exact`.
// 2. By quote: every place the quote occurs, verbatim, or else with any run of whitespace matching
//    any other (a tool that counted a line break as a space). One place: there. Several: the one
//    whose surroundings agree best with the selector's prefix and suffix (1 − edit distance /
//    length, in code points, averaged over the contexts given); among equally good ones, the one
//    nearest the old position. Orphaned when the quote occurs nowhere, when several places are
//    left tied (no context and no position, or the same context and distance), or when the best
//    context agrees with the stored one less than half (MIN_CONTEXT_AGREEMENT): then it is no
//    evidence for any of the places, and picking one would be a guess.
// This differs from anchoring.ts `resolve`, which must always give an excerpt the analyst made its
// best place and breaks ties by taking the earlier occurrence; an imported annotation was made by
// somebody else on some other copy of the text, so a tie is a question for the analyst instead.
//
// An annotation has a text target when one of its targets has a TextQuoteSelector or a
// TextPositionSelector (at the top level of its `selector`; a TextQuoteSelector may also refine
// another selector, say a PDF page fragment, since a quote means the same anywhere, while a
// refining position counts from the fragment, not from the start of the text). The source is the
// one the caller names, else the one the target names: its `state.cached` or `source` as
// urn:uuid:<source id> (what Corroborate's own export writes), else a source whose URL is the
// target's `source`.
import { describe, type CodePointRange } from '../anchoring.js';
import { isNotebookError, NotebookError } from '../errors.js';
import type { OrphanedAnnotation } from '../api.js';
import { newId } from '../ids.js';
import type { Excerpt, Id, Instant, Notebook, Source } from '../model.js';
import type { Operation } from '../operations.js';
import { CodePointIndex, normaliseText } from '../text.js';

export interface AnnotationImportPlan {
  /** A batch creating the new excerpts (one undo step), or null when there are none. */
  op: Operation | null;
  /** Excerpts to create (anchored by position or by quote). */
  anchored: number;
  /** Of those, how many were found by quote rather than at their stated position. */
  fuzzy: number;
  /** Annotations whose excerpt is already in the notebook (same source, same range). */
  skipped: number;
  orphaned: OrphanedAnnotation[];
}

export interface AnnotationImportOptions {
  /** Put every annotation on this source, whatever its target names. */
  sourceId?: Id;
  /** Stamped on the new excerpts. */
  at: Instant;
}

/** The least context agreement (0–1) that may choose between several places of a quote. */
export const MIN_CONTEXT_AGREEMENT = 0.5;
/** Most code points of stored context compared each side (others keep 32; longer only costs time). */
const MAX_CONTEXT = 64;

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]);
const hasType = (v: Json, type: string): boolean => list(v.type ?? v['@type']).includes(type);

// ── Reading the file ───────────────────────────────────────────────────────────────────────────

function parse(json: unknown): unknown {
  if (typeof json !== 'string') return json;
  try {
    return JSON.parse(json) as unknown;
  } catch (e) {
    throw new NotebookError('invalid', `the annotations are not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
}

const NOT_ANNOTATIONS =
  'this is not W3C Web Annotation JSON: expected an Annotation, an array of annotations, an AnnotationCollection or an AnnotationPage';

/** The items of a page, and of the pages that follow it when they are embedded. */
function pageItems(page: Json, where: string): unknown[] {
  const items: unknown[] = [];
  const seen = new Set<Json>();
  for (let p: unknown = page; isObject(p) && !seen.has(p); p = p.next) {
    seen.add(p);
    if (p.items !== undefined && !Array.isArray(p.items)) throw new NotebookError('invalid', `${where}: "items" must be an array of annotations`);
    items.push(...list(p.items));
  }
  return items;
}

/** Every annotation in the file, in file order. */
export function annotationsIn(json: unknown): unknown[] {
  const data = parse(json);
  if (Array.isArray(data)) return data;
  if (!isObject(data)) throw new NotebookError('invalid', NOT_ANNOTATIONS);
  if (hasType(data, 'AnnotationCollection')) {
    if (typeof data.first === 'string') {
      throw new NotebookError(
        'invalid',
        `the collection's annotations are not in the file: its first page is only a link (${data.first}); export it with its pages embedded`,
      );
    }
    if (isObject(data.first)) return pageItems(data.first, 'the collection\'s first page');
    if (data.items !== undefined) return pageItems(data, 'the collection');
    return [];
  }
  if (hasType(data, 'AnnotationPage')) return pageItems(data, 'the page');
  if (hasType(data, 'Annotation') || data.target !== undefined) return [data];
  throw new NotebookError('invalid', NOT_ANNOTATIONS);
}

// ── Selectors ──────────────────────────────────────────────────────────────────────────────────

interface Quote {
  exact: string;
  prefix: string;
  suffix: string;
}

interface TextTarget {
  quote?: Quote;
  position?: CodePointRange;
  /** IRIs naming the source, most specific first. */
  iris: string[];
}

function quoteOf(s: Json): Quote | undefined {
  if (!hasType(s, 'TextQuoteSelector') || typeof s.exact !== 'string' || !s.exact) return undefined;
  // The source texts are normalised (CRLF → LF, NFC), so the quote is compared the same way.
  const text = (v: unknown) => (typeof v === 'string' ? normaliseText(v) : '');
  return { exact: text(s.exact), prefix: text(s.prefix), suffix: text(s.suffix) };
}

function positionOf(s: Json): CodePointRange | undefined {
  if (!hasType(s, 'TextPositionSelector')) return undefined;
  const { start, end } = s;
  if (typeof start !== 'number' || typeof end !== 'number' || !Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end <= start) return undefined;
  return { start, end };
}

function iriOf(v: unknown): string | undefined {
  if (typeof v === 'string' && v.trim()) return v.trim();
  if (isObject(v) && typeof v.id === 'string' && v.id.trim()) return v.id.trim();
  return undefined;
}

function textTargetOf(target: unknown): TextTarget | undefined {
  if (!isObject(target)) return undefined;
  const top = list(target.selector).filter(isObject);
  let quote: Quote | undefined;
  let position: CodePointRange | undefined;
  for (const s of top) {
    quote ??= quoteOf(s);
    position ??= positionOf(s);
  }
  // A quote that refines another selector (a page fragment, say) still names the same words.
  const seen = new Set<Json>();
  const refinements = top.flatMap((s) => list(s.refinedBy));
  while (!quote && refinements.length) {
    const s = refinements.shift();
    if (!isObject(s) || seen.has(s)) continue;
    seen.add(s);
    quote = quoteOf(s);
    refinements.push(...list(s.refinedBy));
  }
  if (!quote && !position) return undefined;
  const cached = list(target.state).flatMap((state) => (isObject(state) ? list(state.cached).map(iriOf) : []));
  const iris = [...cached, iriOf(target.source)].filter((iri): iri is string => iri !== undefined);
  return { ...(quote ? { quote } : {}), ...(position ? { position } : {}), iris };
}

// ── Finding the source ─────────────────────────────────────────────────────────────────────────

const UUID_URN = /^urn:uuid:([0-9a-f-]{36})$/i;

/**
 * A URL as compared with a source's: percent-escapes decoded (an export encodes what a URI may
 * not hold), scheme and host in lower case, http the same as https (one page served both ways), no
 * fragment, no trailing slash.
 */
export function comparableUrl(url: string): string {
  let decoded = url.trim();
  try {
    decoded = decodeURI(decoded);
  } catch {
    // A stray % that starts no escape: compare the URL as it is.
  }
  const bare = decoded.replace(/#.*$/, '');
  const m = /^([a-z][a-z0-9+.-]*:\/\/[^/?]*)(.*)$/i.exec(bare);
  const joined = m ? m[1]!.toLowerCase().replace(/^http:/, 'https:') + m[2]! : bare;
  return joined.replace(/\/+$/, '');
}

type SourceMatch = { source: Source } | { reason: string };

function findSource(notebook: Notebook, iris: readonly string[]): SourceMatch {
  const live = Object.values(notebook.sources).filter((s) => !s.deletedAt);
  const inTrash: string[] = [];
  for (const iri of iris) {
    const uuid = UUID_URN.exec(iri)?.[1]?.toLowerCase();
    if (uuid) {
      const source = notebook.sources[uuid];
      if (source && !source.deletedAt) return { source };
      if (source) inTrash.push(source.title);
      continue;
    }
    const url = comparableUrl(iri);
    const matches = live.filter((s) => s.url.trim() && comparableUrl(s.url) === url);
    if (matches.length === 1) return { source: matches[0]! };
    if (matches.length > 1) {
      return { reason: `${matches.length} sources have the URL ${iri} (“${matches[0]!.title}”, “${matches[1]!.title}”); import onto the one you mean` };
    }
  }
  if (inTrash.length) return { reason: `the source it was made on, “${inTrash[0]}”, is in the trash` };
  if (!iris.length) return { reason: 'its target names no source; import onto a chosen source' };
  return { reason: `no source in the notebook has the URL or id ${iris.at(-1)}; import onto a chosen source` };
}

// ── Anchoring ──────────────────────────────────────────────────────────────────────────────────

type Anchor = { range: CodePointRange; fuzzy: boolean } | { reason: string };

/** The code points of s. */
const codePoints = (s: string): number[] => Array.from(s, (c) => c.codePointAt(0)!);

/** Levenshtein distance, one row at a time; contexts are short (MAX_CONTEXT). */
function editDistance(a: readonly number[], b: readonly number[]): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1), row[j]! + 1, next[j - 1]! + 1);
    row = next;
  }
  return row[b.length]!;
}

/** 1 − edit distance / length: 1 when the text beside a place is the stored context. */
function agreement(stored: readonly number[], actual: string): number {
  const b = codePoints(actual);
  return 1 - editDistance(stored, b) / Math.max(stored.length, b.length, 1);
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Every place the quote occurs: verbatim, else with whitespace runs matching any whitespace run. */
function occurrences(text: string, index: CodePointIndex, exact: string): CodePointRange[] {
  const found: CodePointRange[] = [];
  for (let u = text.indexOf(exact); u !== -1; u = text.indexOf(exact, u + 1)) {
    found.push({ start: index.toCodePoint(u), end: index.toCodePoint(u + exact.length) });
  }
  if (found.length) return found;
  const words = exact.trim().split(/\s+/u).filter(Boolean);
  if (!words.length) return found;
  const pattern = new RegExp(words.map(escapeRegExp).join('\\s+'), 'gu');
  for (const m of text.matchAll(pattern)) found.push({ start: index.toCodePoint(m.index), end: index.toCodePoint(m.index + m[0].length) });
  return found;
}

/** A quote as an orphan's reason shows it: at most 60 code points. */
/** The places of exact with prefix right before it and suffix right after it. */
function wholeContextPlaces(text: string, index: CodePointIndex, prefix: string, exact: string, suffix: string): CodePointRange[] {
  const found: CodePointRange[] = [];
  const whole = prefix + exact + suffix;
  for (let u = text.indexOf(whole); u !== -1; u = text.indexOf(whole, u + 1)) {
    const u0 = u + prefix.length;
    found.push({ start: index.toCodePoint(u0), end: index.toCodePoint(u0 + exact.length) });
  }
  return found;
}

const short = (s: string): string => {
  const chars = Array.from(s);
  return chars.length > 60 ? `“${chars.slice(0, 57).join('')}…”` : `“${s}”`;
};

/**
 * Where the quote goes in the text (see the module comment): its range and whether it took the
 * quote search (fuzzy), or why it cannot be placed.
 */
export function anchorQuote(text: string, index: CodePointIndex, quote: Quote, position?: CodePointRange): Anchor {
  if (position && position.end <= index.length && index.slice(position.start, position.end) === quote.exact) {
    return { range: { start: position.start, end: position.end }, fuzzy: false };
  }
  const places = occurrences(text, index, quote.exact);
  if (!places.length) return { reason: `the quote ${short(quote.exact)} does not occur in the source's text` };
  if (places.length === 1) return { range: places[0]!, fuzzy: true };

  const prefix = codePoints(quote.prefix).slice(-MAX_CONTEXT);
  const suffix = codePoints(quote.suffix).slice(0, MAX_CONTEXT);
  const contexts = (prefix.length ? 1 : 0) + (suffix.length ? 1 : 0);
  // The places with the whole context verbatim beside them agree fully, as none can do better:
  // when there are any, only they compete, and the edit distances need not be computed.
  const whole = contexts ? wholeContextPlaces(text, index, String.fromCodePoint(...prefix), quote.exact, String.fromCodePoint(...suffix)) : [];
  const distance = (range: CodePointRange) => (position ? Math.abs(range.start - position.start) : 0);
  const scored = whole.length
    ? whole.map((range) => ({ range, context: 1, distance: distance(range) }))
    : places.map((range) => {
        let context = 0;
        if (prefix.length) context += agreement(prefix, index.slice(range.start - prefix.length, range.start));
        if (suffix.length) context += agreement(suffix, index.slice(range.end, range.end + suffix.length));
        return { range, context: contexts ? context / contexts : 0, distance: distance(range) };
      });
  const EPSILON = 1e-9;
  // reduce, not Math.max(...): a short quote can occur more times than a call takes arguments.
  const best = scored.reduce((m, s) => Math.max(m, s.context), -Infinity);
  const occurs = `the quote ${short(quote.exact)} occurs ${places.length} times`;
  if (contexts && best < MIN_CONTEXT_AGREEMENT) return { reason: `${occurs} and its context matches none of them` };
  const tied = scored.filter((s) => s.context > best - EPSILON);
  if (tied.length === 1) return { range: tied[0]!.range, fuzzy: true };
  if (position) {
    const nearest = tied.reduce((m, s) => Math.min(m, s.distance), Infinity);
    const closest = tied.filter((s) => s.distance === nearest);
    if (closest.length === 1) return { range: closest[0]!.range, fuzzy: true };
  }
  if (!contexts && !position) return { reason: `${occurs} and nothing (no prefix, suffix or position) tells which one is meant` };
  const equally = position ? 'fit its context equally well and lie as near its old position' : 'fit its context equally well';
  return { reason: `${occurs}; ${tied.length} of them ${equally}, so which one is meant cannot be told` };
}

// ── Bodies ─────────────────────────────────────────────────────────────────────────────────────

/** The note (commenting, describing or purposeless text bodies) and tags (tagging bodies) of an annotation. */
function notesAndTags(annotation: Json): { note: string; tags: string[] } {
  const notes: string[] = [];
  const tags: string[] = [];
  const motivations = list(annotation.motivation);
  if (typeof annotation.bodyValue === 'string' && annotation.bodyValue.trim()) notes.push(annotation.bodyValue.trim());
  for (const body of list(annotation.body)) {
    if (!isObject(body) || typeof body.value !== 'string' || !body.value.trim()) continue;
    const purposes = list(body.purpose).length ? list(body.purpose) : motivations;
    if (purposes.includes('tagging')) tags.push(body.value.trim().slice(0, 200));
    else if (!purposes.length || purposes.some((p) => p === 'commenting' || p === 'describing' || p === 'highlighting')) notes.push(body.value.trim());
  }
  return { note: notes.join('\n\n').slice(0, 1_000_000), tags: [...new Set(tags)].slice(0, 200) };
}

// ── The plan ───────────────────────────────────────────────────────────────────────────────────

/**
 * What importing these annotations would do. `json` is the file's text or its parsed JSON; `textOf`
 * gives a source's normalised text. Throws NotebookError('invalid') when the file is not JSON or
 * holds no annotations in a form the W3C model defines, and ('not-found') when options.sourceId
 * names no live source.
 */
export function planAnnotationImport(
  notebook: Notebook,
  json: unknown,
  textOf: (sourceId: Id) => string,
  options: AnnotationImportOptions,
): AnnotationImportPlan {
  let chosen: Source | undefined;
  if (options.sourceId !== undefined) {
    chosen = notebook.sources[options.sourceId];
    if (!chosen || chosen.deletedAt) throw new NotebookError('not-found', `no source with id ${options.sourceId} to import the annotations onto`);
  }
  const annotations = annotationsIn(json);
  const texts = new Map<Id, { text: string; index: CodePointIndex }>();
  const textFor = (id: Id) => {
    let entry = texts.get(id);
    if (!entry) {
      const text = textOf(id);
      entry = { text, index: new CodePointIndex(text) };
      texts.set(id, entry);
    }
    return entry;
  };
  const present = new Set(
    Object.values(notebook.excerpts)
      .filter((e) => !e.deletedAt)
      .map((e) => `${e.sourceId} ${e.selectors.position.start} ${e.selectors.position.end}`),
  );

  const creates: Excerpt[] = [];
  const orphaned: OrphanedAnnotation[] = [];
  let fuzzy = 0;
  let skipped = 0;

  annotations.forEach((annotation, i) => {
    const ref = isObject(annotation) && typeof annotation.id === 'string' && annotation.id ? annotation.id : `annotation ${i + 1}`;
    const orphan = (reason: string, exact = '') => orphaned.push({ ref, exact, reason });
    if (!isObject(annotation)) return orphan('not an annotation (a JSON object)');
    const targets = list(annotation.target);
    if (!targets.length) return orphan('it has no target');
    const textTargets = targets.map(textTargetOf).filter((t): t is TextTarget => t !== undefined);
    if (!textTargets.length) {
      return orphan(
        list(annotation.motivation).includes('linking')
          ? 'it links to another resource (motivation linking) rather than marking a passage; only passages become excerpts'
          : 'it selects no text (no TextQuoteSelector or TextPositionSelector), so it marks no passage',
      );
    }
    const { note, tags } = notesAndTags(annotation);
    textTargets.forEach((target, t) => {
      const where = textTargets.length > 1 ? `${ref} (target ${t + 1})` : ref;
      const exact = target.quote?.exact ?? '';
      const fail = (reason: string) => orphaned.push({ ref: where, exact, reason });
      if (!target.quote) return fail('it has a TextPositionSelector but no TextQuoteSelector, so the text at that position cannot be checked');
      const match: SourceMatch = chosen ? { source: chosen } : findSource(notebook, target.iris);
      if ('reason' in match) return fail(match.reason);
      const { source } = match;
      const { text, index } = textFor(source.id);
      const anchor = anchorQuote(text, index, target.quote, target.position);
      if ('reason' in anchor) return fail(anchor.reason);
      let selectors;
      try {
        selectors = describe(text, anchor.range, index);
      } catch (e) {
        if (isNotebookError(e)) return fail(e.message);
        throw e;
      }
      const key = `${source.id} ${selectors.position.start} ${selectors.position.end}`;
      if (present.has(key)) {
        skipped++;
        return;
      }
      present.add(key);
      if (anchor.fuzzy) fuzzy++;
      creates.push({ id: newId(), createdAt: options.at, updatedAt: options.at, sourceId: source.id, selectors, note, tags, color: '', mentions: [] });
    });
  });

  const op: Operation | null = creates.length
    ? {
        type: 'batch',
        label: `Import ${creates.length} annotation${creates.length === 1 ? '' : 's'}`,
        ops: creates.map((excerpt) => ({ type: 'create', kind: 'excerpt', object: excerpt })),
      }
    : null;
  return { op, anchored: creates.length, fuzzy, skipped, orphaned };
}
