// The search index of a notebook kept beside it, in <dir>/search-index.cache, so that opening a
// large notebook has its search ready in about a second instead of after a full build (3 s for the
// 100k-excerpt bench notebook on a quiet 2-core machine, three times that with the CPU shared, plus
// reading every source text). Never trusted unless it parses, its contents match their sha256,
// it is of this index format, and it was saved from this notebook at this seq with these objects
// (a fingerprint); any doubt means a build from scratch, whose save then replaces the file. Never
// written anywhere but that file (through a temporary file renamed over it).
//
// The file: 8 bytes "CRBSIDX1", the header's length (4 bytes, little-endian), the header (JSON:
// fingerprint, sha256 and length of the payload, where each typed array is; padded to a multiple
// of 8 bytes), then the payload: the snapshot as JSON with each typed array replaced by its number,
// then the arrays' bytes (little-endian, as on every machine Electron runs on), each starting at a
// multiple of 8.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { collection, type Notebook } from '../../common/model.js';
import { INDEX_FORMAT, SearchIndex, type SearchIndexSnapshot, type TextOf } from '../../common/search/search-index.js';

export const CACHE_FILE = 'search-index.cache';
/**
 * An index of fewer documents is not saved: it builds in well under half a second (10,000 documents
 * is about a tenth of the 100k bench notebook's), and a notebook folder is better without a file
 * it does not need.
 */
export const CACHE_FROM_DOCUMENTS = 10_000;
const MAGIC = 'CRBSIDX1';

const ARRAY_TYPES = { Int32Array, Uint8Array, Uint16Array, Uint32Array, Float64Array } as const;
type ArrayType = keyof typeof ARRAY_TYPES;
type AnyArray = InstanceType<(typeof ARRAY_TYPES)[ArrayType]>;

interface Header {
  fingerprint: string;
  sha256: string;
  /** Bytes of payload: the JSON, then the arrays. */
  length: number;
  json: number;
  arrays: { type: ArrayType; offset: number; bytes: number }[];
}

/**
 * What the cache is keyed by: the notebook's id and seq, the index format, and every indexed
 * object's id, updatedAt and deletedAt, each source's text, the notebook note. The seq alone would
 * do for one notebook folder; the rest guards against a folder whose notebook.json was replaced by
 * another history's at the same seq.
 */
export function fingerprint(notebook: Notebook, seq: number): string {
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
      count++;
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
 * Writes the index (ready, of `notebook` at `seq`) to dir/search-index.cache. Throws on a write
 * error (a read-only folder): the caller goes on without a cache.
 */
export function saveIndexCache(dir: string, index: SearchIndex, notebook: Notebook, seq: number): void {
  const arrays: AnyArray[] = [];
  const json = Buffer.from(
    JSON.stringify(index.snapshot(), (_key, value: unknown) => {
      if (!ArrayBuffer.isView(value)) return value;
      arrays.push(value as AnyArray);
      return { $array: arrays.length - 1 };
    }),
    'utf8',
  );
  const placed: Header['arrays'] = [];
  let offset = align(json.length);
  for (const array of arrays) {
    const type = array.constructor.name as ArrayType;
    if (!(type in ARRAY_TYPES)) throw new TypeError(`cannot store a ${type}`);
    placed.push({ type, offset, bytes: array.byteLength });
    offset = align(offset + array.byteLength);
  }
  const payload = Buffer.alloc(offset);
  json.copy(payload, 0);
  arrays.forEach((array, i) => Buffer.from(array.buffer, array.byteOffset, array.byteLength).copy(payload, placed[i]!.offset));
  const header: Header = { fingerprint: fingerprint(notebook, seq), sha256: createHash('sha256').update(payload).digest('hex'), length: payload.length, json: json.length, arrays: placed };
  // The header is padded with spaces so the payload starts at a multiple of 8: its arrays can then
  // be read in place, not copied.
  let headerJson = JSON.stringify(header);
  headerJson += ' '.repeat((8 - ((12 + Buffer.byteLength(headerJson)) % 8)) % 8);
  const headerBytes = Buffer.from(headerJson, 'utf8');
  const lead = Buffer.alloc(12);
  lead.write(MAGIC, 0, 'latin1');
  lead.writeUInt32LE(headerBytes.length, 8);
  const file = path.join(dir, CACHE_FILE);
  const temporary = `${file}.tmp-${process.pid}`;
  try {
    const fd = fs.openSync(temporary, 'w');
    try {
      for (const part of [lead, headerBytes, payload]) fs.writeSync(fd, part);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temporary, file);
  } catch (e) {
    fs.rmSync(temporary, { force: true });
    throw e;
  }
}

export type LoadedCache = { index: SearchIndex; reason: null } | { index: null; reason: string };

/**
 * The index of `notebook` at `seq` from dir/search-index.cache, or null with the reason it could
 * not be used (missing, unreadable, damaged, of another format, of another state of the notebook).
 */
export function loadIndexCache(dir: string, notebook: Notebook, seq: number, textOf: TextOf): LoadedCache {
  const file = path.join(dir, CACHE_FILE);
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (e) {
    return { index: null, reason: (e as NodeJS.ErrnoException).code === 'ENOENT' ? `there is no ${CACHE_FILE}` : `${CACHE_FILE} could not be read (${(e as Error).message})` };
  }
  try {
    if (bytes.length < 12 || bytes.toString('latin1', 0, 8) !== MAGIC) return { index: null, reason: `${CACHE_FILE} is not a search index cache` };
    const headerLength = bytes.readUInt32LE(8);
    const header = JSON.parse(bytes.toString('utf8', 12, 12 + headerLength)) as Header;
    if (header.fingerprint !== fingerprint(notebook, seq)) return { index: null, reason: `${CACHE_FILE} is of another state of the notebook` };
    const payload = bytes.subarray(12 + headerLength);
    if (payload.length !== header.length || createHash('sha256').update(payload).digest('hex') !== header.sha256) return { index: null, reason: `${CACHE_FILE} is damaged (its contents do not match their checksum)` };
    const arrays = header.arrays.map(({ type, offset, bytes: length }) => {
      const Type = ARRAY_TYPES[type];
      if (!Type || offset + length > payload.length || length % Type.BYTES_PER_ELEMENT) throw new RangeError(`an array of ${CACHE_FILE}`);
      const at = payload.byteOffset + offset;
      if (at % Type.BYTES_PER_ELEMENT === 0) return new Type(payload.buffer as ArrayBuffer, at, length / Type.BYTES_PER_ELEMENT);
      const copy = new ArrayBuffer(length);
      new Uint8Array(copy).set(payload.subarray(offset, offset + length));
      return new Type(copy);
    });
    const snapshot = revive(JSON.parse(payload.toString('utf8', 0, header.json)), arrays) as SearchIndexSnapshot;
    return { index: SearchIndex.restore(notebook, textOf, snapshot), reason: null };
  } catch (e) {
    return { index: null, reason: `${CACHE_FILE} could not be used (${e instanceof Error ? e.message : String(e)})` };
  }
}

/**
 * value with each { $array: n } in it replaced by arrays[n]. A walk after JSON.parse rather than its
 * reviver, which calls back for each of the 200,000 ids of a large index (a quarter of the load).
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
