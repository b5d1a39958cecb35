// Plans the import of CSL-JSON (a reference manager's export: Zotero, Pandoc, citeproc) as
// metadata of the notebook's sources. Pure: changes nothing (the caller applies the operation).
// Never creates a source and never guesses which one an item is: an item that matches none, or
// more than one, is listed as unmatched.
//
// Matching, per item, the first rule that finds anything decides: the item's URL equals a source's
// (scheme, host case, fragment and trailing slash aside); then its DOI (its `DOI`, or one in its
// URL) is in a source's URL; then its title equals a source's, ignoring case and spacing. What an
// item gives replaces the source's title, authors, publisher, URL, published date (from 'import',
// detail 'CSL-JSON issued') and language; fields it leaves out stay as they were.
import { z } from 'zod';
import { describeIssues, NotebookError } from '../errors.js';
import type { Instant, LooseDate, Notebook, Source } from '../model.js';
import type { Operation, SingleOperation } from '../operations.js';
import { doiOf } from './csl.js';
import { comparableUrl } from './web-annotation-import.js';

export interface CslImportPlan {
  /** A batch updating the matched sources (one undo step), or null when nothing changes. */
  op: Operation | null;
  /** Sources whose metadata changes. */
  updated: number;
  /** Items that matched no source (or several), by title, else id, with why when it is not plain. */
  unmatched: string[];
}

/** The item types of CSL 1.0.2: anything else is not a CSL item. */
const CSL_TYPES = new Set([
  'article', 'article-journal', 'article-magazine', 'article-newspaper', 'bill', 'book', 'broadcast', 'chapter', 'classic',
  'collection', 'dataset', 'document', 'entry', 'entry-dictionary', 'entry-encyclopedia', 'event', 'figure', 'graphic',
  'hearing', 'interview', 'legal_case', 'legislation', 'manuscript', 'map', 'motion_picture', 'musical_score', 'pamphlet',
  'paper-conference', 'patent', 'performance', 'periodical', 'personal_communication', 'post', 'post-weblog', 'regulation',
  'report', 'review', 'review-book', 'software', 'song', 'speech', 'standard', 'thesis', 'treaty', 'webpage',
]);

/** Types whose container-title names the outlet an analyst calls the publisher (the paper, the site, the journal). */
const CONTAINED = new Set(['article', 'article-journal', 'article-magazine', 'article-newspaper', 'post', 'post-weblog', 'webpage']);

const CslName = z.looseObject({
  family: z.string().optional(),
  given: z.string().optional(),
  'dropping-particle': z.string().optional(),
  'non-dropping-particle': z.string().optional(),
  suffix: z.string().optional(),
  literal: z.string().optional(),
});
const CslDate = z.looseObject({
  'date-parts': z.array(z.array(z.union([z.number(), z.string()]))).optional(),
  raw: z.string().optional(),
  literal: z.string().optional(),
});
const CslItem = z.looseObject({
  id: z.union([z.string(), z.number()]),
  type: z.string().refine((t) => CSL_TYPES.has(t), { message: 'is not a CSL item type' }),
  title: z.string().optional(),
  author: z.array(CslName).optional(),
  publisher: z.string().optional(),
  'container-title': z.string().optional(),
  URL: z.string().optional(),
  DOI: z.string().optional(),
  issued: CslDate.optional(),
  language: z.string().optional(),
});
type CslItem = z.infer<typeof CslItem>;

function parse(json: unknown): unknown {
  if (typeof json !== 'string') return json;
  try {
    return JSON.parse(json) as unknown;
  } catch (e) {
    throw new NotebookError('invalid', `the CSL-JSON is not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
}

/** The items of a CSL-JSON file: an array of items (or one item on its own). */
export function cslItemsIn(json: unknown): CslItem[] {
  const data = parse(json);
  if (typeof data === 'object' && data !== null && !Array.isArray(data) && (data as { format?: unknown }).format === 'corroborate-bundle') {
    throw new NotebookError('invalid', 'this is a Corroborate notebook bundle, not CSL-JSON: merge it into the notebook instead');
  }
  const items = Array.isArray(data) ? data : typeof data === 'object' && data !== null && 'type' in data ? [data] : null;
  if (!items) throw new NotebookError('invalid', 'this is not CSL-JSON: expected an array of CSL items (objects with "id" and "type")');
  return items.map((raw, i) => {
    const parsed = CslItem.safeParse(raw);
    if (parsed.success) return parsed.data;
    const title = typeof raw === 'object' && raw !== null && typeof (raw as { title?: unknown }).title === 'string' ? ` (“${(raw as { title: string }).title}”)` : '';
    throw new NotebookError('invalid', `this is not CSL-JSON: item ${i + 1}${title}: ${describeIssues(parsed.error.issues)}`);
  });
}

// ── From CSL to the source's fields ────────────────────────────────────────────────────────────

/** "Chloé Han", "Ludwig van Beethoven", "Martin Luther King, Jr.", or the literal name. */
export function nameText(name: z.infer<typeof CslName>): string {
  if (name.literal?.trim()) return name.literal.trim();
  const parts = [name.given, name['dropping-particle'], name['non-dropping-particle'], name.family].map((p) => p?.trim() ?? '').filter(Boolean);
  const text = parts.join(' ');
  return name.suffix?.trim() && text ? `${text}, ${name.suffix.trim()}` : text;
}

const two = (n: number) => String(n).padStart(2, '0');

/** A CSL date as a loose date (2023, 2023-10, 2023-10-14), or undefined when it holds none. */
export function looseDate(date: z.infer<typeof CslDate>): LooseDate | undefined {
  const parts = date['date-parts']?.[0]?.map((p) => (typeof p === 'number' ? p : Number.parseInt(p, 10)));
  if (parts?.length) {
    const [y, m, d] = parts;
    if (y === undefined || !Number.isInteger(y) || y < 1000 || y > 9999) return undefined;
    if (m === undefined || !Number.isInteger(m) || m < 1 || m > 12) return String(y);
    if (d === undefined || !Number.isInteger(d) || d < 1 || d > 31) return `${y}-${two(m)}`;
    return `${y}-${two(m)}-${two(d)}`;
  }
  const text = (date.raw ?? date.literal ?? '').trim();
  return /^\d{4}(-\d{2}(-\d{2})?)?(?=$|[T ])/.exec(text)?.[0];
}

const clip = (s: string, max: number) => s.trim().slice(0, max);
const sameText = (a: string) => a.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();

/** The fields of the source that the item changes (with their new values). */
function changes(source: Source, item: CslItem): Record<string, unknown> {
  const set: Record<string, unknown> = {};
  const title = clip(item.title ?? '', 2000);
  if (title && title !== source.title) set.title = title;
  const authors = (item.author ?? []).map((n) => clip(nameText(n), 500)).filter(Boolean).slice(0, 200);
  if (authors.length && JSON.stringify(authors) !== JSON.stringify(source.authors)) set.authors = authors;
  const [first, second] = CONTAINED.has(item.type) ? [item['container-title'], item.publisher] : [item.publisher, item['container-title']];
  const publisher = clip(first?.trim() ? first : (second ?? ''), 500);
  if (publisher && publisher !== source.publisher) set.publisher = publisher;
  const doi = item.DOI?.trim();
  const url = clip(item.URL?.trim() ? item.URL : doi && !source.url.trim() ? `https://doi.org/${doi}` : '', 4000);
  if (url && url !== source.url) set.url = url;
  const issued = item.issued ? looseDate(item.issued) : undefined;
  if (issued && issued !== source.dates.published?.value) {
    set.dates = { ...source.dates, published: { value: issued, from: 'import', detail: 'CSL-JSON issued' } };
  }
  const language = clip(item.language ?? '', 35);
  if (language && language !== source.language) set.language = language;
  return set;
}

// ── Matching ───────────────────────────────────────────────────────────────────────────────────

type Match = { source: Source } | { reason: string } | null;

function match(sources: readonly Source[], item: CslItem): Match {
  const pick = (found: Source[], by: string): Match =>
    found.length === 1 ? { source: found[0]! } : found.length > 1 ? { reason: `${found.length} sources match by ${by}` } : null;
  const url = item.URL?.trim();
  if (url) {
    const found = pick(sources.filter((s) => s.url.trim() && comparableUrl(s.url) === comparableUrl(url)), 'URL');
    if (found) return found;
  }
  const doi = (item.DOI?.trim() || (url ? doiOf(url) : undefined))?.toLowerCase();
  if (doi) {
    const found = pick(sources.filter((s) => doiOf(s.url)?.toLowerCase() === doi), 'DOI');
    if (found) return found;
  }
  const title = item.title?.trim();
  if (title) return pick(sources.filter((s) => sameText(s.title) === sameText(title)), 'title');
  return null;
}

/**
 * What importing this CSL-JSON (its text or parsed JSON) would change. Throws
 * NotebookError('invalid') when it is not JSON or not CSL-JSON; changes nothing itself.
 */
export function planCslImport(notebook: Notebook, json: unknown, at: Instant): CslImportPlan {
  const items = cslItemsIn(json);
  const sources = Object.values(notebook.sources)
    .filter((s) => !s.deletedAt)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  const ops: SingleOperation[] = [];
  const unmatched: string[] = [];
  const taken = new Set<string>();
  for (const item of items) {
    const label = item.title?.trim() || String(item.id);
    const found = match(sources, item);
    if (!found) {
      unmatched.push(label);
      continue;
    }
    if ('reason' in found) {
      unmatched.push(`${label} (${found.reason})`);
      continue;
    }
    if (taken.has(found.source.id)) {
      unmatched.push(`${label} (the same source as an earlier item)`);
      continue;
    }
    taken.add(found.source.id);
    const set = changes(found.source, item);
    if (Object.keys(set).length) ops.push({ type: 'update', kind: 'source', id: found.source.id, set: { ...set, updatedAt: at }, unset: [] });
  }
  const op: Operation | null = ops.length ? { type: 'batch', label: `Import metadata of ${ops.length} source${ops.length === 1 ? '' : 's'} from CSL-JSON`, ops } : null;
  return { op, updated: ops.length, unmatched };
}
