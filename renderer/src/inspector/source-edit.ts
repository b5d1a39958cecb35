// Editing a source's metadata: the form's draft (strings, as the fields hold them), its checks,
// where each date came from in words, and the one update operation that saves what changed.
// Pure. Never puts a field into the operation that the analyst did not change.
import { LooseDate, RELIABILITY, SOURCE_TYPES, type Id, type Notebook, type Source, type SourceDate, type SourceType } from '../../../notebook/common/model.js';
import type { Operation } from '../../../notebook/common/operations.js';

export const DATE_FIELDS = ['published', 'modified', 'accessed', 'captured'] as const;
export type DateField = (typeof DATE_FIELDS)[number];
export const DATE_LABELS: Record<DateField, string> = { published: 'Published', modified: 'Modified', accessed: 'Accessed', captured: 'Captured' };

export type Grade = keyof typeof RELIABILITY;
export const GRADES = Object.keys(RELIABILITY) as Grade[];

/** "Reliability B: Usually reliable": the grade with its Admiralty meaning, as a screen reader should hear it. */
export function reliabilityLabel(grade: Grade): string {
  return `Reliability ${grade}: ${RELIABILITY[grade]}`;
}

/** The form's fields, as text. */
export interface SourceDraft {
  title: string;
  type: SourceType;
  /** One author per line. */
  authors: string;
  publisher: string;
  language: string;
  url: string;
  dates: Record<DateField, string>;
  /** '' for not graded. */
  grade: Grade | '';
  rationale: string;
  /** '' for none. */
  parentSourceId: Id | '';
  notes: string;
}

export function draftOf(source: Source): SourceDraft {
  return {
    title: source.title,
    type: source.type,
    authors: source.authors.join('\n'),
    publisher: source.publisher,
    language: source.language,
    url: source.url,
    dates: {
      published: source.dates.published?.value ?? '',
      modified: source.dates.modified?.value ?? '',
      accessed: source.dates.accessed?.value ?? '',
      captured: source.dates.captured?.value ?? '',
    },
    grade: source.reliability?.grade ?? '',
    rationale: source.reliability?.rationale ?? '',
    parentSourceId: source.parentSourceId ?? '',
    notes: source.notes,
  };
}

const MAX_DAY = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** Why a date as typed is not one (null when it is, or is empty): the shape, then the calendar. */
export function dateProblem(value: string): string | null {
  const v = value.trim();
  if (!v) return null;
  if (!LooseDate.safeParse(v).success) return `“${v}” is not a date like 2024-03-05, 2024-03 or 2024`;
  const [year, month, day] = v.slice(0, 10).split('-').map(Number);
  if (month !== undefined && (month < 1 || month > 12)) return `“${v}” has no month ${String(month).padStart(2, '0')}: months run 01 to 12`;
  if (day !== undefined && month !== undefined && (day < 1 || day > MAX_DAY(year!, month))) return `“${v}” is not a day of that month`;
  return null;
}

export type DraftProblems = Partial<Record<'title' | 'language' | DateField, string>>;

/** What must be fixed before the draft can be saved, by field. */
export function draftProblems(draft: SourceDraft): DraftProblems {
  const problems: DraftProblems = {};
  if (!draft.title.trim()) problems.title = 'A source needs a title';
  if (draft.language.trim().length > 35) problems.language = 'A language is a short tag like en, ko or pt-BR';
  for (const field of DATE_FIELDS) {
    const problem = dateProblem(draft.dates[field]);
    if (problem) problems[field] = problem;
  }
  return problems;
}

const authorsOf = (text: string): string[] =>
  text
    .split('\n')
    .map((a) => a.trim())
    .filter(Boolean);

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** The noun for the document a date was read from, by its media type: "page", "PDF", "document", "file". */
function documentNoun(mediaType: string): string {
  if (/html|mhtml|multipart\/related/.test(mediaType)) return 'page';
  if (mediaType === 'application/pdf') return 'PDF';
  if (/wordprocessingml|msword/.test(mediaType)) return 'document';
  return 'file';
}

/** What kind of file the original was, as an analyst names it: "PDF", "Web page (HTML)", "Word document". */
export function mediaTypeName(mediaType: string): string {
  const type = mediaType.split(';')[0]!.trim().toLowerCase();
  if (type === 'application/pdf') return 'PDF';
  if (type === 'text/html' || type === 'application/xhtml+xml') return 'Web page (HTML)';
  if (type === 'multipart/related' || type === 'message/rfc822' || type === 'application/x-mimearchive') return 'Web archive (MHTML)';
  if (/wordprocessingml/.test(type)) return 'Word document';
  if (type === 'text/markdown') return 'Markdown';
  if (type === 'text/plain') return 'Plain text';
  return 'File';
}

/**
 * Where a date came from, in words: "typed by you", "from the page's JSON-LD datePublished",
 * "from the PDF's info CreationDate" (a detail that names the format again does not repeat it),
 * "from the file's front matter", "set when it was imported".
 */
export function dateOrigin(date: SourceDate | undefined, mediaType: string): string {
  if (!date) return '';
  const noun = documentNoun(mediaType);
  const detail = date.detail?.trim().replace(/^(PDF|docx|DOCX|HTML|page)\s+/i, '');
  switch (date.from) {
    case 'analyst':
      return 'typed by you';
    case 'metadata':
      return detail ? `from the ${noun}'s ${detail}` : `from the ${noun}'s metadata`;
    case 'file':
      return detail ? `from the ${noun}'s ${detail}` : noun === 'file' ? 'from the file' : `from the ${noun}`;
    case 'import':
      return detail ? `set when it was imported (${detail})` : 'set when it was imported';
  }
}

/**
 * The one update operation that saves the draft: only the fields that changed, with updatedAt;
 * null when nothing changed. A date the analyst changed is theirs ("from: analyst", no detail);
 * a date left alone keeps where it came from; an emptied date, grade or parent is removed.
 * Values are trimmed as the schema would want them; the notes are kept exactly as typed.
 */
export function sourceUpdate(source: Source, draft: SourceDraft, at: string): Operation | null {
  const set: Record<string, unknown> = {};
  const unset: string[] = [];

  const title = draft.title.trim();
  if (title !== source.title) set.title = title;
  if (draft.type !== source.type) set.type = draft.type;
  const authors = authorsOf(draft.authors);
  if (!sameList(authors, source.authors)) set.authors = authors;
  for (const field of ['publisher', 'language', 'url'] as const) {
    const value = draft[field].trim();
    if (value !== source[field]) set[field] = value;
  }

  const dates: Source['dates'] = {};
  let datesChanged = false;
  for (const field of DATE_FIELDS) {
    const value = draft.dates[field].trim();
    const before = source.dates[field];
    if (value === (before?.value ?? '')) {
      if (before) dates[field] = before;
      continue;
    }
    datesChanged = true;
    if (value) dates[field] = { value, from: 'analyst' };
  }
  if (datesChanged) set.dates = dates;

  if (draft.grade === '') {
    if (source.reliability) unset.push('reliability');
  } else if (draft.grade !== source.reliability?.grade || draft.rationale !== (source.reliability?.rationale ?? '')) {
    set.reliability = { grade: draft.grade, rationale: draft.rationale };
  }

  if (draft.parentSourceId === '') {
    if (source.parentSourceId) unset.push('parentSourceId');
  } else if (draft.parentSourceId !== source.parentSourceId) {
    set.parentSourceId = draft.parentSourceId;
  }

  if (draft.notes !== source.notes) set.notes = draft.notes;

  if (Object.keys(set).length === 0 && unset.length === 0) return null;
  return { type: 'update', kind: 'source', id: source.id, set: { ...set, updatedAt: at }, unset };
}

/**
 * The sources this one may report: the other live sources, except those that already report it
 * (directly or through others), which would make a loop that the notebook refuses.
 */
export function parentChoices(notebook: Notebook, source: Source): Source[] {
  const reportsThis = (candidate: Source): boolean => {
    for (let id: Id | undefined = candidate.id, hops = 0; id !== undefined && hops <= 1000; hops++) {
      if (id === source.id) return true;
      id = notebook.sources[id]?.parentSourceId;
    }
    return false;
  };
  return Object.values(notebook.sources)
    .filter((s) => !s.deletedAt && s.id !== source.id && !reportsThis(s))
    .sort((a, b) => a.title.localeCompare(b.title));
}

/** At most this many sources are offered in Reports; a find box reaches the others. */
export const PARENT_CHOICE_LIMIT = 50;

export interface ParentChoices {
  /** The sources offered, by title. */
  sources: Source[];
  /** How many sources this one may report, in all. */
  total: number;
  /** Of those, how many match what was to be found. */
  matched: number;
  /** Whether some are left out: the form then offers a find box. */
  limited: boolean;
}

/**
 * Reports' choices in a notebook of any size: parentChoices while there are at most `limit`;
 * beyond that, the sources matching every word of `find` (in the title or the publisher), or with
 * nothing to find the newest. The source it reports now and the draft's choice (`keep`) are always
 * among them. `sourceIds`: the live sources in creation order (the library index's), so the whole
 * notebook is never walked.
 */
export function reportsChoices(notebook: Notebook, source: Source, sourceIds: readonly Id[], options: { find?: string; keep?: string; limit?: number } = {}): ParentChoices {
  const limit = options.limit ?? PARENT_CHOICE_LIMIT;
  const byTitle = (a: Source, b: Source) => a.title.localeCompare(b.title);
  const candidates: Source[] = [];
  for (const id of sourceIds) {
    const candidate = notebook.sources[id];
    if (candidate && !candidate.deletedAt && candidate.id !== source.id && !reports(notebook, candidate, source)) candidates.push(candidate);
  }
  const total = candidates.length;
  if (total <= limit) return { sources: candidates.sort(byTitle), total, matched: total, limited: false };
  const words = (options.find ?? '').toLocaleLowerCase().split(/\s+/u).filter(Boolean);
  let matched = 0;
  let picked: Source[];
  if (words.length) {
    picked = [];
    for (const candidate of candidates) {
      const text = `${candidate.title}\n${candidate.publisher}`.toLocaleLowerCase();
      if (!words.every((w) => text.includes(w))) continue;
      matched++;
      if (picked.length < limit) picked.push(candidate);
    }
  } else picked = candidates.slice(-limit).reverse();
  for (const id of [source.parentSourceId, options.keep]) {
    const kept = id ? candidates.find((c) => c.id === id) : undefined;
    if (kept && !picked.includes(kept)) picked.push(kept);
  }
  return { sources: picked.sort(byTitle), total, matched, limited: true };
}

/** Whether `candidate` reports `source`, directly or through others (so `source` reporting it would make a loop). */
function reports(notebook: Notebook, candidate: Source, source: Source): boolean {
  for (let id: Id | undefined = candidate.id, hops = 0; id !== undefined && hops <= 1000; hops++) {
    if (id === source.id) return true;
    id = notebook.sources[id]?.parentSourceId;
  }
  return false;
}

export { SOURCE_TYPES };
