// notebook.json: the snapshot of every object at one journal seq, read and written through lowdb with
// a durable adapter. Never overwrites a snapshot it could not parse, and never reads one unchecked:
// each is checked whole against the schema, unless notebook.checked.json shows it is byte for byte
// a file this version already checked or wrote (checked.ts).
// A snapshot of an older schemaVersion is upgraded in memory only; writing it back is the store's call.
import { Buffer, isUtf8 } from 'node:buffer';
import fsp from 'node:fs/promises';
import { Low, type Adapter } from 'lowdb';
import { z } from 'zod';
import { describeIssues, isNotebookError, NotebookError } from '../../common/errors.js';
import { jsonPieces } from '../../common/json-pieces.js';
import { migrateNotebook } from '../../common/migrations.js';
import { COLLECTION, Notebook, SCHEMA_VERSION } from '../../common/model.js';
import { checkedBefore, type FileIdentity, identityOf, recordChecked } from './checked.js';
import { errorCode, reasonOf, writeChunksDurable } from './files.js';

export const SNAPSHOT_FILE = 'notebook.json';

/** What notebook.json holds: the notebook, and the seq of the last journal line folded into it. */
export const Snapshot = Notebook.extend({ seq: z.number().int().nonnegative() });
export type Snapshot = z.infer<typeof Snapshot>;

/** The bytes of a snapshot file and the identity of the file they were read from (one open handle); null when there is no file. */
export async function readSnapshotFile(file: string): Promise<{ bytes: Buffer; identity: FileIdentity } | null> {
  let handle: fsp.FileHandle;
  try {
    handle = await fsp.open(file, 'r');
  } catch (e) {
    if (errorCode(e) === 'ENOENT') return null;
    throw new NotebookError('io', `${file} could not be read (${reasonOf(e)})`);
  }
  try {
    const identity = identityOf(await handle.stat({ bigint: true }));
    return { bytes: await handle.readFile(), identity };
  } catch (e) {
    throw new NotebookError('io', `${file} could not be read (${reasonOf(e)})`);
  } finally {
    await handle.close();
  }
}

/**
 * Writes a snapshot's pieces to file durably (writeChunksDurable) and records it as checked: it
 * holds what the store holds, every object of which was checked when it was made. Resolves with
 * the file's size in bytes.
 */
export async function writeSnapshotFile(file: string, pieces: Iterable<string>): Promise<number> {
  const { sha256, bytes } = await writeChunksDurable(file, pieces);
  recordChecked(file, sha256);
  return bytes;
}

/**
 * lowdb's adapter for notebook.json. Writes go to a temp file in the same folder, are fsync'd and
 * renamed over the snapshot, then the folder is fsync'd: a crash leaves the old snapshot or the
 * new one. Reads check the file against the schema, so a damaged file is reported, never loaded.
 * (lowdb's own JSONFile preset is not used: it writes without fsync and swaps to memory in tests.)
 */
export class DurableSnapshotFile implements Adapter<Snapshot> {
  /** The bytes of the last snapshot read, for the backup; null before a read. */
  lastBytes: Uint8Array | null = null;
  /** The file the last snapshot was read from, when it was checked whole against the schema (and may be recorded as checked: recordChecked); null otherwise. */
  lastCheckedWhole: FileIdentity | null = null;
  /** The schemaVersion the last snapshot read had on disk (older than SCHEMA_VERSION when it was upgraded in memory); null before a read. */
  lastVersion: number | null = null;
  /** Bytes of the last snapshot written. */
  lastWrittenBytes = 0;

  constructor(
    readonly file: string,
    /** The newest backup, named in the message when the file is damaged. */
    private readonly newestBackup: () => string | null,
    /** Check the file against the schema (parseSnapshot), whole unless it is recorded as checked; false only for a reader of a notebook its writer has checked. */
    private readonly check = true,
  ) {}

  async read(): Promise<Snapshot | null> {
    const read = await readSnapshotFile(this.file);
    if (!read) return null;
    const { bytes, identity } = read;
    const whole = this.check && !checkedBefore(this.file, identity, bytes);
    let parsed: ParsedSnapshot;
    try {
      parsed = parseSnapshot(bytes, this.file, whole);
    } catch (e) {
      if (isNotebookError(e) && e.code === 'corrupt') {
        // 'newer-schema' is not damage: no backup to point at, the message says what to do.
        const backup = this.newestBackup();
        throw new DamagedSnapshot(e.message, bytes, `${e.message}. It was left untouched. ${backup ? `The newest backup is ${backup}.` : 'There is no backup of it.'}`);
      }
      throw e;
    }
    this.lastBytes = bytes;
    this.lastVersion = parsed.from;
    this.lastCheckedWhole = whole ? identity : null;
    return parsed.snapshot;
  }

  /**
   * Writes the same bytes as JSON.stringify(data), a piece at a time (snapshotPieces), letting
   * the event loop run between pieces: a 100k-excerpt notebook is some 90 MB of JSON, and
   * stringifying it at once would hold the main process (and the analyst's edits) for seconds.
   */
  async write(data: Snapshot): Promise<void> {
    this.lastWrittenBytes = await writeSnapshotFile(this.file, snapshotPieces(data));
  }
}

/** notebook.json (or a backup of it) could not be used: its bytes, and what is wrong with them. */
export class DamagedSnapshot extends NotebookError {
  constructor(
    /** "<file> is not valid JSON (…)", without what was done about it. */
    readonly problem: string,
    /** The bytes as read: what a quarantined copy must equal. */
    readonly bytes: Uint8Array,
    message: string,
  ) {
    super('corrupt', message);
  }
}

export interface ParsedSnapshot {
  snapshot: Snapshot;
  /** The schemaVersion it had on disk. */
  from: number;
}

/**
 * Checks the bytes of a snapshot (notebook.json or a backup) and upgrades it in memory. Throws
 * NotebookError 'corrupt' ("<file> is not valid JSON (…)", to be completed by the caller) or
 * 'newer-schema'.
 */
export function parseSnapshot(bytes: Uint8Array, file: string, check = true): ParsedSnapshot {
  let value: unknown;
  // isUtf8 checks the bytes in one native pass, and the plain decode after it is the one a raw
  // read makes: at 100k excerpts (90 MB) a fatal TextDecoder costs some 500 ms more for the same answer.
  if (bytes.length > 0 && !isUtf8(bytes)) throw new NotebookError('corrupt', `${file} is not UTF-8 text`);
  try {
    // A byte order mark (an editor's) is skipped, as TextDecoder did.
    const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
    value = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset + bom, bytes.byteLength - bom).toString('utf8'));
  } catch (e) {
    const reason = e instanceof SyntaxError ? `is not valid JSON (${e.message})` : 'is not UTF-8 text';
    throw new NotebookError('corrupt', `${file} ${bytes.length === 0 ? 'is empty (0 bytes)' : reason}`);
  }
  const migrated = migrateNotebook(value, file);
  // Only a file of the current version: an upgraded one may rely on the schema's defaults.
  if (!check && migrated.from === SCHEMA_VERSION) return { snapshot: roughlySnapshot(migrated.value, file), from: migrated.from };
  const parsed = Snapshot.safeParse(migrated.value);
  if (!parsed.success) {
    const upgraded = migrated.from < SCHEMA_VERSION ? ` once upgraded from schemaVersion ${migrated.from} to ${SCHEMA_VERSION}` : '';
    throw new NotebookError('corrupt', `${file} does not fit the notebook format${upgraded} (${describeIssues(parsed.error.issues)})`);
  }
  return { snapshot: parsed.data, from: migrated.from };
}

/**
 * value as a Snapshot after checking only its frame (the collections are objects, seq a count),
 * for a file already checked whole (checked.ts) or a reader of a notebook its writer has checked
 * (the search index's replica): the full check costs as much as the parse at 100k excerpts, and a
 * copy of the notebook meanwhile.
 */
function roughlySnapshot(value: unknown, file: string): Snapshot {
  const record = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  const bad = (why: string) => new NotebookError('corrupt', `${file} does not fit the notebook format (${why})`);
  if (!record(value)) throw bad('it is not an object');
  if (!Number.isSafeInteger(value.seq) || (value.seq as number) < 0) throw bad('seq is not a count');
  for (const key of COLLECTION_KEYS) if (!record(value[key])) throw bad(`${key} is not an object`);
  if (!record(value.settings)) throw bad('settings is not an object');
  return value as Snapshot;
}

/**
 * The JSON text of a snapshot in pieces that join to exactly JSON.stringify(snapshot): the
 * collections object by object. Each piece is small, so a writer can let other work run between them.
 */
export const snapshotPieces = (snapshot: Snapshot): Generator<string> => jsonPieces(snapshot, 2);

const COLLECTION_KEYS: ReadonlySet<string> = new Set(Object.values(COLLECTION));

export function snapshotStore(adapter: DurableSnapshotFile, initial: Snapshot): Low<Snapshot> {
  return new Low(adapter, initial);
}

/**
 * The notebook as notebook.json stores it at seq. Collections are copied (shallowly) because the
 * live notebook keeps changing while the snapshot is written; objects are never mutated in place
 * (see operations.ts), so sharing them is safe.
 */
export function toSnapshot(notebook: Notebook, seq: number): Snapshot {
  return {
    schemaVersion: notebook.schemaVersion,
    seq,
    id: notebook.id,
    name: notebook.name,
    settings: notebook.settings,
    createdAt: notebook.createdAt,
    sources: { ...notebook.sources },
    excerpts: { ...notebook.excerpts },
    claims: { ...notebook.claims },
    links: { ...notebook.links },
    entities: { ...notebook.entities },
    propositions: { ...notebook.propositions },
    questions: { ...notebook.questions },
    hypotheses: { ...notebook.hypotheses },
  };
}

export function fromSnapshot(snapshot: Snapshot): Notebook {
  const { seq: _seq, ...notebook } = snapshot;
  return notebook;
}
