// The one definition of the API between the UI and the notebook: each method's name, the zod
// schema of its input, and the type of its result. Electron IPC, the preload bridge, the HTTP host
// and the renderer's client are all derived from this table; adding a method means adding a row
// here and a handler in notebook/node/service.ts. Runs anywhere.
import { z } from 'zod';
import { describeIssues, isNotebookError, type ErrorCode } from './errors.js';
import { Id, LooseDate, SourceType, type Kind, type Notebook, type Source } from './model.js';
import { ExportFormat, type ExportFile } from './export/formats.js';
import { Operation } from './operations.js';
import { SearchQuery, type SearchResults } from './search/query.js';
import type { Suggestions } from './suggest/types.js';

/** A row of the table: the input schema, with the result type carried along for the compiler. */
export interface Method<I extends z.ZodType, R> {
  input: I;
  /** Never set: only here so `ResultOf` can read R. */
  readonly result?: R;
}
const method = <R>() => <I extends z.ZodType>(input: I): Method<I, R> => ({ input });

export interface NotebookInfo {
  /** Absolute path of the notebook folder. */
  path: string;
  id: Id;
  name: string;
  /** Set when the notebook could only be opened for reading, with the reason. */
  readOnly: string | null;
  /** What opening had to repair (a damaged notebook.json restored from a backup, a damaged journal cut back), naming where the originals were kept. */
  notice: string | null;
}

export interface NotebookView {
  info: NotebookInfo;
  notebook: Notebook;
  seq: number;
  canUndo: boolean;
  canRedo: boolean;
}

/** What a change did: the operation as applied (the client applies the same one to its copy). */
export interface Applied {
  seq: number;
  op: Operation;
  canUndo: boolean;
  canRedo: boolean;
}

/** A source added; when its text was already in the notebook, nothing changed (an empty batch) and duplicateOf names the existing source. */
export type SourceAdded = Applied & { source: Source; duplicateOf: Id | null };

export interface HostInfo {
  host: 'electron' | 'browser';
  /** Native open/save dialogs exist (Electron); otherwise the UI asks for a path itself. */
  nativeDialogs: boolean;
  version: string;
}

/** The original of an imported source, as sourceFile returns it. */
export interface SourceFile {
  dataBase64: string;
  /** IANA media type of the original, e.g. application/pdf. */
  mediaType: string;
  /** The name the file had when imported; null for pasted text. */
  filename: string | null;
}

export interface ImportFormats {
  /** Lower case, with the dot: ".txt", ".pdf", … */
  extensions: string[];
  /** The largest file importFile takes, in bytes. */
  maxBytes: number;
}

/** base64 of a 200 MB file (4 characters per 3 bytes), the most importFile accepts. */
export const MAX_IMPORT_BASE64 = 280_000_000;

/** Where a name occurs in a source's text: offsets in code points, with context, ready to become an excerpt's selectors. */
export interface Mention {
  sourceId: Id;
  /** The name or alias that matched, as the analyst wrote it. */
  name: string;
  start: number;
  end: number;
  exact: string;
  prefix: string;
  suffix: string;
}

export interface Mentions {
  mentions: Mention[];
  /** More occurrences exist than `limit` allowed. */
  truncated: boolean;
}

/** How many objects of each kind an import added or skipped. */
export type KindCounts = Record<Kind, number>;

/** One object that exists in both notebooks with different content: the analyst decides. */
export interface MergeConflict {
  kind: Kind;
  id: Id;
  /** What the analyst reads to recognise it: a title, a statement, a quote, a name. */
  label: string;
  /** The top-level fields that differ (updatedAt left out). */
  fields: string[];
  /** updatedAt of the notebook's version and of the bundle's. */
  mineUpdatedAt: string;
  theirsUpdatedAt: string;
}

/** What merging a bundle would do (nothing is changed by planning). */
export interface MergePlan {
  added: KindCounts;
  /** Identical objects already in the notebook. */
  skipped: KindCounts;
  conflicts: MergeConflict[];
}

export type MergeResult = MergePlan & { applied: Applied | null };

/** A W3C annotation that could not be anchored: shown to the analyst, never dropped or placed elsewhere. */
export interface OrphanedAnnotation {
  /** The annotation's id (IRI) if it had one, else its index in the file. */
  ref: string;
  /** The quote it carried, if any. */
  exact: string;
  reason: string;
}

export interface AnnotationImport {
  /** Excerpts created (anchored exactly or by fuzzy quote match). */
  anchored: number;
  /** Of those, how many needed the fuzzy fallback. */
  fuzzy: number;
  /** Already in the notebook (same source, same range). */
  skipped: number;
  orphaned: OrphanedAnnotation[];
  applied: Applied | null;
}

export interface CslImport {
  /** Sources whose metadata was updated from a CSL item (matched by URL, DOI or title). */
  updated: number;
  /** CSL items that matched no source, by their title or id. */
  unmatched: string[];
  applied: Applied | null;
}

/** A notebook the analyst opened before, newest first (kept by the host, not in any notebook). */
export interface RecentNotebook {
  path: string;
  name: string;
  /** When it was last opened (ISO instant). */
  openedAt: string;
  /** The folder is still there and holds a notebook. */
  available: boolean;
}

export const AddTextSourceInput = z.object({
  title: z.string().trim().min(1, 'a source needs a title').max(2000),
  text: z.string().max(50_000_000),
  publisher: z.string().max(500).default(''),
  published: LooseDate.or(z.literal('')).default(''),
  url: z.string().max(4000).default(''),
  type: SourceType.default('article'),
});

export const api = {
  hostInfo: method<HostInfo>()(z.object({})),
  /** The open notebook, whole, with what undo and redo can do. */
  getNotebook: method<NotebookView>()(z.object({})),
  /** Opens (or, with create, makes) the notebook folder at path, closing the current one. */
  openNotebook: method<NotebookView>()(z.object({ path: z.string().min(1, 'give a folder path').max(4096), create: z.boolean().default(false) })),
  /** Asks the analyst for a folder with a native dialog; null when cancelled or not available. */
  chooseNotebookFolder: method<string | null>()(z.object({ create: z.boolean().default(false) })),
  /** Carries out an operation: journaled and fsync'd before this answers. */
  apply: method<Applied>()(z.object({ op: Operation })),
  undo: method<Applied | null>()(z.object({})),
  redo: method<Applied | null>()(z.object({})),
  /** The normalised text of a source, as its excerpts' offsets count it. */
  sourceText: method<{ text: string }>()(z.object({ sourceId: Id })),
  /** Adds a source from pasted text. Text a live source already has gives that source back (duplicateOf). */
  addTextSource: method<SourceAdded>()(AddTextSourceInput),
  /**
   * Imports a file the analyst chose (.txt, .md, .html, .mhtml, .pdf, .docx: see importFormats): its
   * name and its bytes, base64 (up to 280,000,000 characters: 200 MB of file). The same text as a
   * live source gives that source back (duplicateOf).
   */
  importFile: method<SourceAdded>()(
    z.object({ filename: z.string().min(1).max(1000), dataBase64: z.string().max(MAX_IMPORT_BASE64, 'the file is larger than 200 MB') }),
  ),
  /** The original bytes of a live source's imported file (for "Download original"), base64. */
  sourceFile: method<SourceFile>()(z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be a sha256 in hex') })),
  /** Which files importFile takes, so the UI can filter and check sizes before reading a file. */
  importFormats: method<ImportFormats>()(z.object({})),
  /** The notebook in one of the export formats (see export/formats.ts). */
  exportNotebook: method<ExportFile>()(z.object({ format: ExportFormat })),
  /**
   * The printable report as PDF, where the host can print (Electron's printToPDF); the browser host
   * answers 'invalid' and the page offers the HTML report to print instead.
   */
  exportPdf: method<{ filename: string; dataBase64: string }>()(z.object({})),
  /** What merging this bundle (its JSON text) would add, skip and where it conflicts; changes nothing. */
  planMerge: method<MergePlan>()(z.object({ json: z.string().max(MAX_IMPORT_BASE64) })),
  /**
   * Merges a bundle by id: new objects added, identical ones skipped; each conflict resolved as the
   * analyst chose ('mine' keeps the notebook's version, 'theirs' takes the bundle's). A conflict
   * left without a choice refuses the merge. One undo step.
   */
  mergeBundle: method<MergeResult>()(
    z.object({ json: z.string().max(MAX_IMPORT_BASE64), resolutions: z.record(Id, z.enum(['mine', 'theirs'])).default({}) }),
  ),
  /**
   * Imports W3C Web Annotation JSON (one annotation, an array or an AnnotationCollection) as
   * excerpts of a source: by position when the quote there matches, else by fuzzy quote match with
   * prefix/suffix; the rest come back orphaned. sourceId: the source they target (else each
   * annotation's target source IRI is matched to a source's URL or id). One undo step.
   */
  importAnnotations: method<AnnotationImport>()(z.object({ json: z.string().max(MAX_IMPORT_BASE64), sourceId: Id.optional() })),
  /** Imports CSL-JSON as metadata of the sources it matches (URL, DOI, then title). One undo step. */
  importCsl: method<CslImport>()(z.object({ json: z.string().max(50_000_000) })),
  /**
   * Where any of these names (an entity's name and aliases) occurs in the live sources' texts, as
   * a whole word, ignoring case; in source order, then text order; at most `limit`.
   */
  findMentions: method<Mentions>()(
    z.object({
      names: z.array(z.string().trim().min(1, 'a name cannot be empty').max(500)).min(1, 'give at least one name').max(200),
      limit: z.number().int().positive().max(5000).default(500),
    }),
  ),
  /**
   * Searches the whole notebook (source texts, excerpts, claims, notes, entities, metadata) by
   * prefix and with typos, grouped by kind, with filters. The index is built off the main thread
   * and follows every change.
   */
  search: method<SearchResults>()(SearchQuery),
  /** Suggested claims and entities for a source, found off the UI thread; changes nothing. */
  suggestions: method<Suggestions>()(z.object({ sourceId: Id })),
  /** Notebooks opened before on this machine, newest first (at most 10). */
  recentNotebooks: method<RecentNotebook[]>()(z.object({})),
  /** Takes a notebook off the recent list (the folder is not touched). */
  forgetRecentNotebook: method<RecentNotebook[]>()(z.object({ path: z.string().min(1).max(4096) })),
} as const;

export type Api = typeof api;
export type MethodName = keyof Api;
export type InputOf<M extends MethodName> = z.input<Api[M]['input']>;
export type ParsedInputOf<M extends MethodName> = z.output<Api[M]['input']>;
export type ResultOf<M extends MethodName> = Exclude<Api[M]['result'], undefined>;
export const METHOD_NAMES = Object.keys(api) as MethodName[];

/** The client's view of the API: one async function per method. */
export type Client = { [M in MethodName]: (input: InputOf<M>) => Promise<ResultOf<M>> };

/** The host's side: one handler per method, given the parsed input. */
export type Handlers = { [M in MethodName]: (input: ParsedInputOf<M>) => Promise<ResultOf<M>> | ResultOf<M> };

/** How an error crosses a transport. */
export interface WireError {
  code: ErrorCode;
  message: string;
}

export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(api, name);
}

export type Outcome = { ok: true; result: unknown } | { ok: false; error: WireError };

/**
 * Runs one call as every transport must: the method must exist, its input must pass its schema,
 * and any failure comes back as a WireError. An error that is not a NotebookError is a bug: its
 * message is passed on, under code 'io', so the analyst sees something rather than nothing.
 */
export async function dispatch(handlers: Handlers, name: string, rawInput: unknown): Promise<Outcome> {
  if (!isMethodName(name)) return { ok: false, error: { code: 'not-found', message: `there is no API method "${name}"` } };
  const parsed = api[name].input.safeParse(rawInput ?? {});
  if (!parsed.success) return { ok: false, error: { code: 'invalid', message: `${name}: ${describeIssues(parsed.error.issues)}` } };
  try {
    const handler = handlers[name] as (input: unknown) => unknown;
    return { ok: true, result: await handler(parsed.data) };
  } catch (e) {
    if (isNotebookError(e)) return { ok: false, error: { code: e.code, message: e.message } };
    return { ok: false, error: { code: 'io', message: e instanceof Error ? e.message : String(e) } };
  }
}
