// The search index of a notebook kept beside it, in <dir>/search-index.cache, so that opening a
// large notebook has its search ready in about a second instead of after a full build (3 s for the
// 100k-excerpt bench notebook on a quiet 2-core machine, three times that with the CPU shared, plus
// reading every source text). Never trusted unless it parses, its contents match their sha256,
// it is of this index format, and it was saved from this notebook at this seq with these objects
// (a fingerprint); any doubt means a build from scratch, whose save then replaces the file. Never
// written anywhere but that file (through a temporary file renamed over it).
//
// Loading and saving are jobs in steps (notebook/common/steps.ts): the search host runs them a
// slice at a time on the notebook's own thread, which keeps answering meanwhile (at 100k excerpts
// each is about a second of work in all); loadIndexCache and saveIndexCache do one at once.
//
// The file: 8 bytes "CRBSIDX2", the header's length (4 bytes, little-endian), the header (JSON:
// fingerprint, sha256 and length of the payload, where each typed array is; padded to a multiple
// of 8 bytes), then the payload: the snapshot as JSON with each typed array replaced by its number
// and without the documents' ids; the ids, UTF-8, each ending a line (an empty line for none:
// 200,000 strings in JSON took a tenth of a second to write or parse); then the arrays' bytes
// (little-endian, as on every machine Electron runs on), each starting at a multiple of 8.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { collection, type Id, type Notebook } from '../../common/model.js';
import { INDEX_FORMAT, SearchIndex, type SearchIndexSnapshot, type TextOf } from '../../common/search/search-index.js';
import { drain, type Steps } from '../../common/steps.js';
import { writeFileDurable } from '../store/files.js';

export const CACHE_FILE = 'search-index.cache';
/**
 * An index of fewer documents is not saved: it builds in well under half a second (10,000 documents
 * is about a tenth of the 100k bench notebook's), and a notebook folder is better without a file
 * it does not need.
 */
export const CACHE_FROM_DOCUMENTS = 10_000;
const MAGIC = 'CRBSIDX2';

const ARRAY_TYPES = { Int32Array, Uint8Array, Uint16Array, Uint32Array, Float64Array } as const;
type ArrayType = keyof typeof ARRAY_TYPES;
type AnyArray = InstanceType<(typeof ARRAY_TYPES)[ArrayType]>;

interface Header {
  fingerprint: string;
  sha256: string;
  /** Bytes of payload: the JSON, the ids, then the arrays. */
  length: number;
  json: number;
  /** Where the documents' ids are in the payload: UTF-8, a line each. */
  ids: { offset: number; bytes: number };
  arrays: { type: ArrayType; offset: number; bytes: number }[];
}

/**
 * What the cache is keyed by: the notebook's id and seq, the index format, and every indexed
 * object's id, updatedAt and deletedAt, each source's text, the notebook note. The seq alone would
 * do for one notebook folder; the rest guards against a folder whose notebook.json was replaced by
 * another history's at the same seq.
 */
export function fingerprint(notebook: Notebook, seq: number): string {
  return drain(fingerprinting(notebook, seq));
}

/** fingerprint() in steps of 4,096 objects. */
export function* fingerprinting(notebook: Notebook, seq: number): Steps<string> {
  // FNV-1a over the strings as they are, no line made per object: a sha256 of the same lines joined
  // took 300 ms at 100k excerpts. It tells states apart (with the seq and the count beside it); it
  // guards against no one.
  let h = mix(0x811c9dc5 | 0, `${INDEX_FORMAT} ${notebook.id}`);
  h = mix(h, notebook.settings.notes);
  let count = 0;
  for (const kind of ['source', 'excerpt', 'claim', 'entity', 'proposition', 'question', 'hypothesis'] as const) {
    const objects = collection(notebook, kind);
    h = mix(h, kind);
    for (const id in objects) {
      const object = objects[id]!;
      h = mix(mix(mix(h, id), object.updatedAt), object.deletedAt ?? '');
      if (kind === 'source') h = mix(h, notebook.sources[id]!.content.textSha256);
      if ((++count & 4095) === 0) yield;
    }
  }
  return `${seq}-${count}-${(h >>> 0).toString(16)}`;
}

/** FNV-1a of h and then s, and an end mark (so "ab" "c" and "a" "bc" differ). */
function mix(h: number, s: string): number {
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return Math.imul(h ^ 0xffff, 0x01000193);
}

/**
 * What a cache file holds before it is written: its parts, in order. The arrays among them are the
 * index's own, not copies (at 100k excerpts, copying 50 MB took longer than all the rest): write
 * them before the index changes, or the file is of no use — harmless, as a file saved at a seq the
 * notebook has left is never restored.
 */
export interface EncodedCache {
  parts: Uint8Array[];
}

/** Bytes hashed between two steps. */
const HASH_STEP = 4 * 2 ** 20;
/** Ids joined and encoded between two steps. */
const IDS_STEP = 16_384;

/**
 * The file that keeps the index (ready, of `notebook` at `seq`), in steps. Neither may change until
 * the last step (the fingerprint is taken in steps, the index's arrays are read as they are): a
 * caller that cannot promise that checks the seq after, and throws the result away.
 */
export function* encoding(index: SearchIndex, notebook: Notebook, seq: number): Steps<EncodedCache> {
  const arrays: AnyArray[] = [];
  const { ids, ...rest } = index.snapshot();
  yield;
  const json = Buffer.from(JSON.stringify(withoutArrays(rest, arrays)), 'utf8');
  yield;
  const idParts: Buffer[] = [];
  for (let from = 0; from < ids.length; from += IDS_STEP) {
    const lines = ids.slice(from, from + IDS_STEP).map((id) => id ?? '');
    idParts.push(Buffer.from(`${lines.join('\n')}\n`, 'utf8'));
    yield;
  }
  const idBytes = idParts.reduce((n, part) => n + part.length, 0);
  // The payload's parts, each array starting at a multiple of 8 (zeros in between).
  const parts: Uint8Array[] = [];
  let offset = 0;
  const place = (part: Uint8Array) => {
    const pad = align(offset) - offset;
    if (pad) parts.push(new Uint8Array(pad));
    offset += pad;
    const at = offset;
    parts.push(part);
    offset += part.byteLength;
    return at;
  };
  place(json);
  const idsAt = offset;
  for (const part of idParts) parts.push(part);
  offset += idBytes;
  const placed: Header['arrays'] = arrays.map((array) => {
    const type = array.constructor.name as ArrayType;
    if (!(type in ARRAY_TYPES)) throw new TypeError(`cannot store a ${type}`);
    return { type, offset: place(new Uint8Array(array.buffer, array.byteOffset, array.byteLength)), bytes: array.byteLength };
  });
  const print = yield* fingerprinting(notebook, seq);
  const hash = createHash('sha256');
  for (const part of parts) {
    for (let at = 0; at < part.byteLength; at += HASH_STEP) {
      hash.update(part.subarray(at, at + HASH_STEP));
      yield;
    }
  }
  const header: Header = { fingerprint: print, sha256: hash.digest('hex'), length: offset, json: json.length, ids: { offset: idsAt, bytes: idBytes }, arrays: placed };
  // The header is padded with spaces so the payload starts at a multiple of 8: its arrays can then
  // be read in place, not copied.
  let headerJson = JSON.stringify(header);
  headerJson += ' '.repeat((8 - ((12 + Buffer.byteLength(headerJson)) % 8)) % 8);
  const headerBytes = Buffer.from(headerJson, 'utf8');
  const lead = Buffer.alloc(12);
  lead.write(MAGIC, 0, 'latin1');
  lead.writeUInt32LE(headerBytes.length, 8);
  return { parts: [lead, headerBytes, ...parts] };
}

/**
 * Writes an encoded cache to dir/search-index.cache without holding up the thread, through a temp
 * file renamed over it (store/files.ts). Throws on a write error (a read-only folder): the caller
 * goes on without a cache.
 */
export async function writeIndexCache(dir: string, encoded: EncodedCache): Promise<void> {
  await writeFileDurable(path.join(dir, CACHE_FILE), encoded.parts);
}

/** Encodes the index (ready, of `notebook` at `seq`) at once and writes it (tests, benches; the app encodes in steps). */
export async function saveIndexCache(dir: string, index: SearchIndex, notebook: Notebook, seq: number): Promise<void> {
  await writeIndexCache(dir, drain(encoding(index, notebook, seq)));
}

export type LoadedCache = { index: SearchIndex; reason: null } | { index: null; reason: string };

/**
 * The index of `notebook` at `seq` from dir/search-index.cache, decoded at once (tests, benches;
 * the app decodes in steps), or null with the reason it could not be used (missing, unreadable,
 * damaged, of another format, of another state of the notebook).
 */
export async function loadIndexCache(dir: string, notebook: Notebook, seq: number, textOf: TextOf): Promise<LoadedCache> {
  const read = await readIndexCache(dir);
  return read.bytes ? drain(decoding(read.bytes, notebook, fingerprint(notebook, seq), textOf)) : { index: null, reason: read.reason };
}

/** Reads dir/search-index.cache without holding up the thread; then decode it with decoding(). */
export async function readIndexCache(dir: string): Promise<{ bytes: Buffer } | { bytes: null; reason: string }> {
  try {
    return { bytes: await fs.promises.readFile(path.join(dir, CACHE_FILE)) };
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code === 'ENOENT' ? `there is no ${CACHE_FILE}` : `${CACHE_FILE} could not be read (${(e as Error).message})`;
    return { bytes: null, reason };
  }
}

/**
 * The index of `notebook` from the bytes of a cache file, in steps, if the file was saved from the
 * state whose fingerprint is `print` (taken before the notebook changed since). The notebook may
 * change between steps, as SearchIndex.restoring says.
 */
export function* decoding(bytes: Buffer, notebook: Notebook, print: string, textOf: TextOf): Steps<LoadedCache> {
  try {
    if (bytes.length < 12 || bytes.toString('latin1', 0, 8) !== MAGIC) return { index: null, reason: `${CACHE_FILE} is not a search index cache` };
    const headerLength = bytes.readUInt32LE(8);
    const header = JSON.parse(bytes.toString('utf8', 12, 12 + headerLength)) as Header;
    if (header.fingerprint !== print) return { index: null, reason: `${CACHE_FILE} is of another state of the notebook` };
    const payload = bytes.subarray(12 + headerLength);
    const hash = createHash('sha256');
    for (let at = 0; at < payload.length; at += HASH_STEP) {
      hash.update(payload.subarray(at, at + HASH_STEP));
      yield;
    }
    if (payload.length !== header.length || hash.digest('hex') !== header.sha256) return { index: null, reason: `${CACHE_FILE} is damaged (its contents do not match their checksum)` };
    const arrays = header.arrays.map(({ type, offset, bytes: length }) => {
      const Type = ARRAY_TYPES[type];
      if (!Type || offset + length > payload.length || length % Type.BYTES_PER_ELEMENT) throw new RangeError(`an array of ${CACHE_FILE}`);
      const at = payload.byteOffset + offset;
      if (at % Type.BYTES_PER_ELEMENT === 0) return new Type(payload.buffer as ArrayBuffer, at, length / Type.BYTES_PER_ELEMENT);
      const copy = new ArrayBuffer(length);
      new Uint8Array(copy).set(payload.subarray(offset, offset + length));
      return new Type(copy);
    });
    const parsed = JSON.parse(payload.toString('utf8', 0, header.json)) as Record<string, unknown>;
    yield;
    const { offset: idsAt, bytes: idBytes } = header.ids;
    if (idsAt < header.json || idsAt + idBytes > payload.length) throw new RangeError('the ids');
    // Each id ends its line: the text after the last is empty.
    const ids: (Id | null)[] = payload.toString('utf8', idsAt, idsAt + idBytes).split('\n');
    if (ids.pop() !== '') throw new RangeError('the ids');
    for (let i = 0; i < ids.length; i++) if (!ids[i]) ids[i] = null;
    yield;
    const snapshot = { ...(revive(parsed, arrays) as object), ids } as SearchIndexSnapshot;
    yield;
    return { index: yield* SearchIndex.restoring(notebook, textOf, snapshot), reason: null };
  } catch (e) {
    return { index: null, reason: `${CACHE_FILE} could not be used (${e instanceof Error ? e.message : String(e)})` };
  }
}

/** value with each typed array in it replaced by { $array: n }, arrays[n] being the array (revive's inverse). */
function withoutArrays(value: unknown, arrays: AnyArray[]): unknown {
  if (ArrayBuffer.isView(value)) {
    arrays.push(value as AnyArray);
    return { $array: arrays.length - 1 };
  }
  if (!value || typeof value !== 'object') return value;
  // A list of plain values (the index's terms, a source's passage numbers) is left as it is.
  if (Array.isArray(value)) return value.some((v) => v && typeof v === 'object') ? value.map((v: unknown) => withoutArrays(v, arrays)) : value;
  const record: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) record[key] = withoutArrays(v, arrays);
  return record;
}

/**
 * value with each { $array: n } in it replaced by arrays[n]. A walk after JSON.parse rather than its
 * reviver, which calls back for every value.
 */
function revive(value: unknown, arrays: readonly AnyArray[]): unknown {
  if (!value || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (value[i] && typeof value[i] === 'object') value[i] = revive(value[i], arrays);
    return value;
  }
  if ('$array' in value) {
    const array = arrays[(value as { $array: number }).$array];
    if (!array) throw new RangeError(`an array of ${CACHE_FILE}`);
    return array;
  }
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) record[key] = revive(record[key], arrays);
  return record;
}

function align(n: number): number {
  return Math.ceil(n / 8) * 8;
}
