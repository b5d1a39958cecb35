// Builds a new source from pasted text or an imported file, and stores its files: shared by the
// service and the CLI. Never adds a second live source with the same text, and writes nothing
// until the source has passed its schema.
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import type { Applied, ParsedInputOf } from '../common/api.js';
import { describeIssues, NotebookError } from '../common/errors.js';
import { newId, now } from '../common/ids.js';
import { Source, type Notebook, type SourceDate } from '../common/model.js';
import type { Operation } from '../common/operations.js';
import { codePointLength, normaliseText } from '../common/text.js';
import { readTextFile, type TextMediaType } from './import-text.js';
import type { Store } from './store.js';

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

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
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
    published: input.published ? { value: input.published, from: 'analyst' } : undefined,
  });
}

/** A source from a .txt or .md file; its original bytes are kept beside the normalised text. */
export function prepareFileSource(notebook: Notebook, filename: string, bytes: Uint8Array): PreparedSource {
  const read = readTextFile(filename, bytes);
  return prepare(notebook, {
    original: bytes,
    text: read.text,
    mediaType: read.mediaType,
    filename: basename(filename),
    title: read.title,
    type: 'article',
    publisher: read.publisher ?? '',
    url: read.url ?? '',
    authors: read.authors ?? [],
    published: read.published ? { value: read.published, from: 'file' } : undefined,
  });
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
  mediaType: TextMediaType;
  filename?: string;
  title: string;
  type: Source['type'];
  publisher: string;
  url: string;
  authors: string[];
  published: SourceDate | undefined;
}

function prepare(notebook: Notebook, draft: Draft): PreparedSource {
  const textBytes = utf8.encode(draft.text);
  const textSha256 = sha256Hex(textBytes);
  const existing = Object.values(notebook.sources).find((s) => !s.deletedAt && s.content.textSha256 === textSha256);
  if (existing) return { source: existing, duplicateOf: existing, op: null, files: [], text: draft.text };

  const originalSha256 = sha256Hex(draft.original);
  const at = now();
  const parsed = Source.safeParse({
    id: newId(),
    createdAt: at,
    updatedAt: at,
    title: draft.title,
    type: draft.type,
    authors: draft.authors,
    publisher: draft.publisher,
    url: draft.url,
    dates: draft.published ? { published: draft.published } : {},
    content: {
      textSha256,
      originalSha256,
      mediaType: draft.mediaType,
      ...(draft.filename !== undefined ? { filename: draft.filename } : {}),
      length: codePointLength(draft.text),
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
