// The notebook's live sources as CSL-JSON (the Citation Style Language's data format, schema 1.0.2:
// https://github.com/citation-style-language/schema), so a reference manager (Zotero, Pandoc's
// citeproc) can import them. Pure; never splits a name it cannot split cleanly, never includes
// what is in the trash, and writes only keys the schema knows (it allows no others).
import { RELIABILITY, type Entity, type LooseDate, type Notebook, type Source, type SourceType } from '../model.js';
import { exportFilename } from './filename.js';
import { EXPORT_FORMATS, type ExportContext, type ExportFile } from './formats.js';

/** A CSL name: a person split into family and given names, or anything else kept whole. */
export type CslName = { family: string; given: string } | { literal: string };

/** A CSL date: year, month, day as far as they are known. */
export interface CslDate {
  'date-parts': [[number] | [number, number] | [number, number, number]];
}

export interface CslItem {
  id: string;
  type: string;
  title: string;
  author?: CslName[];
  publisher?: string;
  'container-title'?: string;
  URL?: string;
  DOI?: string;
  issued?: CslDate;
  accessed?: CslDate;
  language?: string;
  note?: string;
}

/**
 * The CSL item type of each source type. A news or web article (Corroborate's "article") is an
 * `article-newspaper` when it names its publisher (the paper or wire it ran in), a `webpage` when
 * it has only a URL, and a plain `article` otherwise. A written statement (a ministry's, an
 * agency's) is a `document`; a transcript records spoken words, so it is a `speech`.
 */
const CSL_TYPE: Record<Exclude<SourceType, 'article'>, string> = {
  report: 'report',
  statement: 'document',
  transcript: 'speech',
  'social post': 'post',
  document: 'document',
  book: 'book',
  dataset: 'dataset',
  other: 'document',
};

export function cslType(source: Source): string {
  if (source.type !== 'article') return CSL_TYPE[source.type];
  if (source.publisher.trim()) return 'article-newspaper';
  return source.url.trim() ? 'webpage' : 'article';
}

/** Types whose publisher is the work they appear in (the paper, the site, the platform): CSL's container-title. */
const CONTAINED = new Set(['article-newspaper', 'webpage', 'post', 'article']);

/**
 * Words that make a name an organisation's, not a person's: "Northwind Wire", "Open Freight
 * Monitor", "Ministry of National Defense". Matched as whole words, ignoring case.
 */
const ORGANISATION_WORDS = new Set(
  [
    'agency', 'army', 'assembly', 'associated', 'association', 'bank', 'board', 'broadcasting', 'bureau', 'center', 'centre',
    'co', 'command', 'commission', 'committee', 'company', 'corp', 'corporation', 'council', 'court', 'daily', 'department',
    'desk', 'editorial', 'editors', 'embassy', 'forces', 'foundation', 'fund', 'gazette', 'government', 'group', 'herald',
    'inc', 'institute', 'journal', 'lab', 'laboratory', 'ltd', 'llc', 'magazine', 'media', 'ministry', 'mission', 'monitor',
    'nations', 'network', 'news', 'newsroom', 'office', 'organisation', 'organization', 'parliament', 'party', 'police',
    'post', 'press', 'project', 'radio', 'reporters', 'research', 'review', 'service', 'services', 'society', 'staff',
    'team', 'television', 'times', 'tribune', 'trust', 'union', 'university', 'wire', 'writers',
  ],
);

/** A word of a personal name: a capital, then letters, marks, apostrophes or hyphens ("Chloé", "O'Neil", "Min-ji"). */
const NAME_WORD = /^\p{Lu}[\p{L}\p{M}'’-]*$/u;
/** An initial: "F." or "J.R.". */
const INITIAL = /^(\p{Lu}\.)+$/u;

/**
 * A person's name as CSL wants it, when it splits cleanly; else the name whole, as a literal.
 * Clean: "Given Family" (two name words), "Given I. Family" (initials between), "I. J. Family",
 * or "Family, Given". Anything else is kept whole: three or more full words, because the family
 * name may come first ("Kim Yo Jong") or span words ("Mary Ann Smith"), and a wrong guess would
 * misfile the source in every bibliography; organisations (a word from ORGANISATION_WORDS, an
 * acronym, a digit, or an entity of another kind than person by that name); single names.
 */
export function cslName(name: string, entities: readonly Entity[] = []): CslName {
  const whole = name.trim().replace(/\s+/g, ' ');
  const literal = { literal: whole };
  const lower = whole.toLowerCase();
  const entity = entities.find((e) => !e.deletedAt && [e.name, ...e.aliases].some((n) => n.trim().toLowerCase() === lower));
  if (entity && entity.kind !== 'person') return literal;
  let family: string;
  let given: string[];
  const comma = /^([^,]+),([^,]+)$/.exec(whole);
  if (comma) {
    family = comma[1]!.trim();
    given = comma[2]!.trim().split(' ');
  } else {
    const words = whole.split(' ');
    if (words.length < 2) return literal;
    family = words.at(-1)!;
    given = words.slice(0, -1);
  }
  const all = [...family.split(' '), ...given];
  const organisational = (w: string) => ORGANISATION_WORDS.has(w.toLowerCase()) || /\d/.test(w) || /^\p{Lu}{2,}$/u.test(w);
  if (all.some(organisational)) return literal;
  if (!NAME_WORD.test(family)) return literal;
  const [first, ...rest] = given as [string, ...string[]];
  if (!(NAME_WORD.test(first) || INITIAL.test(first)) || !rest.every((w) => INITIAL.test(w))) return literal;
  return { family, given: given.join(' ') };
}

/** The parts of a loose date (2023, 2023-10, 2023-10-14, or a full instant, whose time is dropped). */
export function cslDate(value: LooseDate): CslDate {
  const [y, m, d] = value.slice(0, 10).split('-').map(Number) as [number, number?, number?];
  if (m === undefined) return { 'date-parts': [[y]] };
  if (d === undefined) return { 'date-parts': [[y, m]] };
  return { 'date-parts': [[y, m, d]] };
}

/** A DOI in a URL (https://doi.org/10.1000/xyz), which CSL also wants on its own. */
export function doiOf(url: string): string | undefined {
  const match = /\b(10\.\d{4,9}\/[^\s?#]+)/.exec(decodeURIComponentSafe(url));
  return match?.[1];
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** The note: the source's Admiralty reliability grade and its meaning, and why, when graded. */
function reliabilityNote(source: Source): string | undefined {
  if (!source.reliability) return undefined;
  const { grade, rationale } = source.reliability;
  const note = `Reliability (Admiralty): ${grade}, ${RELIABILITY[grade].toLowerCase()}.`;
  return rationale.trim() ? `${note} ${rationale.trim()}` : note;
}

export function cslItem(source: Source, entities: readonly Entity[] = []): CslItem {
  const type = cslType(source);
  const item: CslItem = { id: source.id, type, title: source.title };
  if (source.authors.length) item.author = source.authors.map((a) => cslName(a, entities));
  const publisher = source.publisher.trim();
  if (publisher) {
    if (CONTAINED.has(type)) item['container-title'] = publisher;
    else item.publisher = publisher;
  }
  const url = source.url.trim();
  if (url) {
    item.URL = url;
    const doi = doiOf(url);
    if (doi) item.DOI = doi;
  }
  if (source.dates.published) item.issued = cslDate(source.dates.published.value);
  if (source.dates.accessed) item.accessed = cslDate(source.dates.accessed.value);
  if (source.language.trim()) item.language = source.language.trim();
  const note = reliabilityNote(source);
  if (note) item.note = note;
  return item;
}

/** The live sources, in the order they were added. */
export function cslItems(notebook: Notebook): CslItem[] {
  const entities = Object.values(notebook.entities);
  return Object.values(notebook.sources)
    .filter((s) => !s.deletedAt)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id))
    .map((s) => cslItem(s, entities));
}

export function writeCslJson(ctx: ExportContext): ExportFile {
  return { filename: exportFilename(ctx.notebook, 'csl-json'), mediaType: EXPORT_FORMATS['csl-json'].mediaType, text: `${JSON.stringify(cslItems(ctx.notebook), null, 2)}\n` };
}
