// Builds a new source from pasted text or an imported file (read in the import sandbox), and stores
// its files: shared by the service and the CLI. Never adds a second live source with the same text, and writes nothing
// until the source has passed its schema.
import { basename } from 'node:path';
import type { Applied, ParsedInputOf } from '../common/api.js';
import { describeIssues, NotebookError } from '../common/errors.js';
import { newId, now } from '../common/ids.js';
import { Source, type Notebook, type SourceDate } from '../common/model.js';
import type { Operation } from '../common/operations.js';
import { codePointLength, normaliseText } from '../common/text.js';
import { extractInWorker, type SandboxOptions } from './import/sandbox.js';
import { tooLargeMessage } from './import/extract.js';
import { DEFAULT_LIMITS, type ExtractedDate, type ExtractedSource } from './import/types.js';
import type { Store } from './store.js';
import { sha256Hex } from './store/files.js';

export interface PreparedSource {
  /** The source to add, or the live source that already has this text. */
  source: Source;
  /** Set when a live source already has exactly this text: then nothing is added. */
  duplicateOf: Source | null;
  /** The create operation; null for a duplicate. */
  op: Operation | null;
  /** What to store before the operation is applied, original first, then the normalised text. */
  files: Uint8Array[];
  /** The normalised text. */
  text: string;
}

const utf8 = new TextEncoder();

/** A source from text the analyst pasted, with the metadata typed beside it. */
export function prepareTextSource(notebook: Notebook, input: ParsedInputOf<'addTextSource'>): PreparedSource {
  const text = normaliseText(input.text);
  if (text.trim() === '') throw new NotebookError('invalid', 'the text is empty: paste the source text');
  return prepare(notebook, {
    original: utf8.encode(input.text),
    text,
    mediaType: 'text/plain',
    title: input.title,
    type: input.type,
    publisher: input.publisher,
    url: input.url,
    authors: [],
    dates: { published: input.published ? { value: input.published, from: 'analyst' } : undefined },
  });
}

/** A file read by an extractor (in the sandbox), ready to become a source in any notebook. */
export interface ReadFile {
  /** The name as the analyst gave it (a path, in the command line), used in messages. */
  filename: string;
  /** The original bytes, kept as they were. */
  bytes: Uint8Array;
  extracted: ExtractedSource;
}

/**
 * Reads a file (.txt, .md, .html, .mhtml, .pdf, .docx) in the import sandbox: a worker thread with
 * a time and memory bound. `bytes` may be left empty (transferred): use the result's.
 */
export async function readFileSource(filename: string, bytes: Uint8Array, options: SandboxOptions = {}): Promise<ReadFile> {
  const limits = options.limits ?? DEFAULT_LIMITS;
  // The callers check the size before reading the file whole; this catches bytes that came another way.
  if (bytes.length > limits.maxBytes) throw new NotebookError('invalid', tooLargeMessage(filename, bytes.length, limits.maxBytes));
  const read = await extractInWorker({ filename, bytes }, { ...options, limits });
  return { filename, bytes: read.bytes, extracted: read.extracted };
}

/** The source for a file already read; its original bytes are kept beside the normalised text. */
export function prepareReadFile(notebook: Notebook, file: ReadFile): PreparedSource {
  const x = file.extracted;
  const name = basename(file.filename);
  const from = x.datesFrom ?? 'metadata';
  const date = (d: ExtractedDate | undefined): SourceDate | undefined => (d ? { value: d.value, from, detail: d.detail.slice(0, 200) } : undefined);
  // Metadata comes from the file, which may say anything: what does not fit the model is cut or
  // dropped here rather than refusing the whole import.
  const authors = [...new Set((x.authors ?? []).map((a) => a.trim().slice(0, 500)).filter((a) => a !== ''))].slice(0, 200);
  return prepare(notebook, {
    original: file.bytes,
    text: x.text,
    mediaType: x.mediaType,
    filename: name,
    title: x.title?.trim().slice(0, 2000) || name.replace(/\.[^.]*$/, '') || name,
    type: x.type ?? 'article',
    publisher: x.publisher?.trim().slice(0, 500) ?? '',
    language: x.language && x.language.length <= 35 ? x.language : '',
    url: x.url && x.url.length <= 4000 ? x.url : '',
    authors,
    dates: { published: date(x.dates?.published), modified: date(x.dates?.modified) },
    ...(x.pageStarts ? { pageStarts: x.pageStarts } : {}),
    ...(x.headings ? { headings: x.headings } : {}),
    ...(x.notice ? { notice: x.notice.slice(0, 2000) } : {}),
  });
}

/** Reads a file in the sandbox and prepares its source against the notebook as it is then. */
export async function prepareFileSource(notebook: () => Notebook, filename: string, bytes: Uint8Array, options: SandboxOptions = {}): Promise<PreparedSource> {
  const file = await readFileSource(filename, bytes, options);
  return prepareReadFile(notebook(), file);
}

/** Stores the prepared files (originals first) and applies the operation; null for a duplicate. */
export function storeAndApply(store: Store, prepared: PreparedSource): Applied | null {
  if (!prepared.op) return null;
  if (store.readOnly) throw new NotebookError('read-only', `the notebook is open read-only: ${store.readOnly}`);
  for (const file of prepared.files) store.putFile(file);
  return store.apply(prepared.op);
}

interface Draft {
  original: Uint8Array;
  text: string;
  mediaType: string;
  filename?: string;
  title: string;
  type: Source['type'];
  publisher: string;
  language?: string;
  url: string;
  authors: string[];
  dates: { published?: SourceDate | undefined; modified?: SourceDate | undefined };
  pageStarts?: number[];
  headings?: { start: number; level: number }[];
  notice?: string;
}

function prepare(notebook: Notebook, draft: Draft): PreparedSource {
  const textBytes = utf8.encode(draft.text);
  const textSha256 = sha256Hex(textBytes);
  const originalSha256 = sha256Hex(draft.original);
  // Two scans without a text layer share an empty text but are different sources: without words,
  // only the same original is the same source.
  const hasWords = draft.text.trim() !== '';
  const existing = Object.values(notebook.sources).find(
    (s) => !s.deletedAt && s.content.textSha256 === textSha256 && (hasWords || s.content.originalSha256 === originalSha256),
  );
  if (existing) return { source: existing, duplicateOf: existing, op: null, files: [], text: draft.text };

  const at = now();
  const parsed = Source.safeParse({
    id: newId(),
    createdAt: at,
    updatedAt: at,
    title: draft.title,
    type: draft.type,
    authors: draft.authors,
    publisher: draft.publisher,
    ...(draft.language ? { language: draft.language } : {}),
    url: draft.url,
    dates: Object.fromEntries(Object.entries(draft.dates).filter(([, d]) => d !== undefined)),
    content: {
      textSha256,
      originalSha256,
      mediaType: draft.mediaType,
      ...(draft.filename !== undefined ? { filename: draft.filename } : {}),
      length: codePointLength(draft.text),
      ...(draft.pageStarts ? { pageStarts: draft.pageStarts } : {}),
      ...(draft.headings ? { headings: draft.headings } : {}),
      ...(draft.notice ? { notice: draft.notice } : {}),
    },
  });
  if (!parsed.success) throw new NotebookError('invalid', `source: ${describeIssues(parsed.error.issues)}`);
  const source = parsed.data;
  return {
    source,
    duplicateOf: null,
    op: { type: 'create', kind: 'source', object: source },
    files: originalSha256 === textSha256 ? [textBytes] : [draft.original, textBytes],
    text: draft.text,
  };
}
