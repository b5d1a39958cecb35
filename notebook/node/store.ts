// The notebook store: a notebook folder on disk (notebook.json + journal.jsonl + sources/), opened by
// one writer at a time. Every change goes through apply() and is on disk before it is acknowledged.
// Never overwrites a file it could not parse, and bad input changes nothing on disk.
//
// How it stays safe: apply() checks and carries out the operation in memory, appends it to the
// journal and fdatasyncs (≈0.2 ms), and only then answers. In the background the journal is folded
// into a new snapshot (temp file + fsync + rename) and shortened; replay skips lines the snapshot
// already holds, so a crash at any step opens with every acknowledged change.
//
// Damage (a disk, a sync tool or an editor mangled a file): a notebook.json that does not read is
// copied byte for byte into quarantine/ and replaced by the newest backup that does read; with no
// such backup the notebook opens read-only, empty, and says why, and nothing is written. A journal
// damaged in the middle is copied into quarantine/ and the lines before the damage are kept. Either
// way `notice` (or `readOnly`) tells the analyst what happened and where the original bytes are.
//
// Older notebooks: a notebook.json of an older schemaVersion is upgraded in memory when read
// (notebook/common/migrations.ts); journal lines written then replay unchanged, as every version
// only adds fields with defaults and new collections. Opening for writing first keeps the old file's
// exact bytes in backups/ (or refuses to open); the upgraded snapshot reaches disk only with the
// next compaction, at the latest on close. Opening read-only upgrades in memory and writes nothing.
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Low } from 'lowdb';
import type { Applied } from '../common/api.js';
import { describeIssues, isNotebookError, NotebookError } from '../common/errors.js';
import { newId, now } from '../common/ids.js';
import { emptyNotebook, Excerpt, find, SCHEMA_VERSION, Source, type Notebook } from '../common/model.js';
import { apply, Operation } from '../common/operations.js';
import { CodePointIndex } from '../common/text.js';
import type { CompactJob, CompactReply } from './store/compact-worker.js';
import { recordChecked } from './store/checked.js';
import { allBackups, BACKUPS_DIR, backupStamp, backUp, backUpBeforeUpgrade, newestBackup } from './store/backups.js';
import { errorCode, fsyncDirSync, isTempName, reasonOf, sha256Hex, writeFileDurableSync } from './store/files.js';
import {
  type Cause,
  corrupt,
  JOURNAL_FILE,
  JournalWriter,
  keepLinesBefore,
  parseJournal,
  readJournal,
  readJournalBytes,
  type ReadJournal,
  setTornTailAside,
} from './store/journal.js';
import { acquireLock, isLockName, type Lock } from './store/lock.js';
import { LARGE_BYTES, reclaimSoon } from './reclaim.js';
import { quarantineCopy, quarantineMove } from './store/quarantine.js';
import {
  DamagedSnapshot,
  DurableSnapshotFile,
  fromSnapshot,
  type ParsedSnapshot,
  parseSnapshot,
  SNAPSHOT_FILE,
  type Snapshot,
  snapshotStore,
  toSnapshot,
} from './store/snapshot.js';

export interface OpenOptions {
  /** Make the folder (and parents) and an empty notebook if there is none. Default false. */
  create?: boolean;
  /** No lock, no writes (CLI info/export); writes throw NotebookError('read-only'). Default false. */
  readOnly?: boolean;
  /** Name of a new notebook. Default: the folder name without ".corroborate". */
  name?: string;
  /**
   * From this size of notebook.json, in bytes, compaction runs in a worker thread, from the
   * files on disk. Default 4,000,000 (some 5,000 excerpts); below it, the store compacts in its own
   * thread, a piece at a time.
   */
  workerCompactionBytes?: number;
  /**
   * Check notebook.json against the schema as it is read. Default true. Only a read-only replica
   * of a notebook that its writer opened (and so checked) may say false: the search index's
   * worker, which reads the same file a second time; it still refuses a file that is not JSON or
   * has not the notebook's frame.
   */
  checkSchema?: boolean;
}

export interface Store {
  /** Absolute path of the notebook folder. */
  readonly dir: string;
  /** The live state; only apply(), undo() and redo() change it. */
  readonly notebook: Notebook;
  /** Why the notebook cannot be written, when it was opened read-only. */
  readonly readOnly: string | null;
  /**
   * What opening had to repair, for the analyst to read (a damaged notebook.json restored from a
   * backup, a damaged journal cut short), naming the files and where the originals were kept; null
   * when the notebook opened as it was left.
   */
  readonly notice: string | null;
  /** The seq of the last journaled operation. */
  readonly seq: number;
  readonly canUndo: boolean;
  readonly canRedo: boolean;
  /**
   * Checks op (including each created excerpt's quote against its source text), carries it out,
   * journals and fdatasyncs it, then answers. Clears redo.
   */
  apply(op: Operation): Applied;
  /** Carries out and journals the inverse of the last change; null when there is nothing to undo. */
  undo(): Applied | null;
  redo(): Applied | null;
  /** Stores bytes as sources/<sha256> (durably, unless already there); returns the sha256 in hex. */
  putFile(bytes: Uint8Array): string;
  readFile(sha256: string): Uint8Array;
  /** The UTF-8 text of sources/<sha256>; the few most recent are cached. */
  readText(sha256: string): string;
  /**
   * Calls listener with every change once it is journaled (apply, undo, redo), in seq order, so a
   * replica (the search index) can follow. Returns the unsubscribe function. A listener that
   * throws does not undo the change.
   */
  onApplied(listener: (applied: Applied) => void): () => void;
  /**
   * The copy of the snapshot read at open, being written to backups/ while the analyst works
   * (a large notebook does not wait for it); resolves once it is done, never rejects.
   */
  readonly backingUp: Promise<void>;
  /** Folds the journal into notebook.json and shortens the journal. */
  compact(): Promise<void>;
  /** Compacts, closes files, releases the lock. Safe to call twice. */
  close(): Promise<void>;
}

/** Compaction starts in the background once the journal has this many lines… */
const COMPACT_LINES = 1000;
/** …or this many bytes (a few large notes can make few lines big). */
const COMPACT_BYTES = 8 * 1024 * 1024;
/** Source texts kept decoded: an analyst reads back and forth between a handful of sources. */
const TEXT_CACHE_ENTRIES = 8;
/** Files a desktop puts in any folder; they do not make a folder "not empty". */
const IGNORABLE = new Set(['.DS_Store', 'Thumbs.db', 'desktop.ini']);
const SHA256 = /^[0-9a-f]{64}$/;

export async function openStore(dir: string, options: OpenOptions = {}): Promise<Store> {
  const root = path.resolve(dir);
  const { create = false, readOnly = false } = options;
  const name = options.name ?? path.basename(root).replace(/\.corroborate$/i, '').slice(0, 500);
  if (name.length > 500) throw new NotebookError('invalid', `notebook name is longer than 500 characters`);

  const stat = statOrNull(root);
  if (!stat) {
    if (!create) throw new NotebookError('not-found', `${root} does not exist`);
    if (readOnly) throw new NotebookError('invalid', `${root} does not exist, and a notebook cannot be created read-only`);
    try {
      fs.mkdirSync(root, { recursive: true });
    } catch (e) {
      throw new NotebookError(isPermission(e) ? 'read-only' : 'io', `${root} could not be created (${reasonOf(e)})`);
    }
  } else if (!stat.isDirectory()) {
    throw new NotebookError('not-found', `${root} is a file, not a notebook folder`);
  }

  const snapshotFile = path.join(root, SNAPSHOT_FILE);
  const isNew = !fs.existsSync(snapshotFile);
  if (isNew) {
    let others: string[];
    try {
      others = fs.readdirSync(root).filter((n) => !IGNORABLE.has(n) && !isLockName(n) && !isTempName(n));
    } catch (e) {
      throw new NotebookError('io', `${root} could not be listed (${reasonOf(e)})`);
    }
    if (others.length || !create) throw new NotebookError('not-found', `${root} is not a Corroborate notebook (no notebook.json)`);
    if (readOnly) throw new NotebookError('invalid', `${root} has no notebook yet, and a notebook cannot be created read-only`);
  }

  const unwritable = whyNotWritable(root);
  if (!readOnly && unwritable) throw new NotebookError('read-only', unwritable);
  if (options.checkSchema === false && !readOnly) throw new NotebookError('invalid', `${root}: only a read-only opening may skip checking the notebook against its schema`);
  const lock = readOnly ? null : acquireLock(root);
  try {
    const adapter = new DurableSnapshotFile(snapshotFile, () => newestBackup(root), options.checkSchema !== false);
    const low = snapshotStore(adapter, { ...emptyNotebook(newId(), name, now()), seq: 0 });
    if (isNew) {
      try {
        await low.write();
      } catch (e) {
        throw new NotebookError('io', `${snapshotFile} could not be written (${reasonOf(e)})`);
      }
    }
    const journalFile = path.join(root, JOURNAL_FILE);

    if (readOnly) {
      const { notebook, seq, snapshotSeq } = await loadForReading(root, low, adapter, journalFile);
      return new NotebookStore(root, notebook, unwritable ?? `${root} was opened read-only`, null, seq, snapshotSeq, false, low, null, null);
    }

    const notices: string[] = [];
    try {
      await low.read();
    } catch (e) {
      if (!(e instanceof DamagedSnapshot)) throw e;
      const restored = restoreFromBackup(root, e, journalFile);
      if ('unusable' in restored) {
        // Nothing to show and nothing may be written: read-only, empty, saying why.
        lock?.release();
        const empty = emptyNotebook(newId(), name, now());
        return new NotebookStore(root, empty, restored.unusable, null, 0, 0, false, low, null, null);
      }
      notices.push(restored.notice);
      await low.read(); // the restored copy, checked again like any notebook.json
    }
    const bytes = adapter.lastBytes;
    if (!bytes) throw new NotebookError('not-found', `${root} is not a Corroborate notebook (no notebook.json)`);
    // The bytes read are kept only for the backups below: at 100k excerpts they are 90 MB.
    adapter.lastBytes = null;
    const snapshotSeq = low.data.seq;
    const notebook = fromSnapshot(low.data);
    const upgradedFrom = adapter.lastVersion !== null && adapter.lastVersion < SCHEMA_VERSION ? adapter.lastVersion : null;
    const journal = readJournal(journalFile, snapshotSeq);
    replay(notebook, journal);
    const seq = journal.entries.at(-1)?.seq ?? snapshotSeq;

    // Everything read and checked (a damaged notebook.json was replaced above, its bytes kept
    // first); only now may anything else be written.
    removeLeftoverTempFiles(root);
    // Before anything can write the upgraded snapshot over it: without this copy, no open.
    if (upgradedFrom !== null) backUpBeforeUpgrade(root, bytes, upgradedFrom);
    if (journal.damage) notices.push(keepJournalBeforeDamage(root, journalFile, journal));
    else if (journal.torn) setTornTailAside(journalFile, journal.torn, journal.goodLength);
    // A notebook.json found whole is recorded as such, so the next opening needs no full check.
    if (adapter.lastCheckedWhole && upgradedFrom === null) recordChecked(snapshotFile, sha256Hex(bytes), adapter.lastCheckedWhole);
    const writer = new JournalWriter(journalFile, journal.lines);
    const notice = notices.length ? notices.join(' ') : null;
    const store = new NotebookStore(root, notebook, null, notice, seq, snapshotSeq, upgradedFrom !== null, low, writer, lock);
    store.snapshotBytes = bytes.length;
    store.workerCompactionBytes = options.workerCompactionBytes ?? WORKER_COMPACTION_BYTES;
    // The copy of what was read is made while the analyst works; close() waits for it.
    if (!isNew) {
      // The backup holds the bytes read (and reads the newest backup back to compare) until it is
      // done, often after the collection the opening asked for: a second one then gives back the
      // 90–180 MB of a 100k notebook's buffers, which an otherwise idle thread would keep.
      // (Only `large` in the callback: a closure naming `bytes` would keep them as long as the store,
      // which shares this function's scope through the adapter's newestBackup callback.)
      const large = bytes.length >= LARGE_BYTES;
      store.backingUp = backUp(root, bytes).then(() => {
        if (large) reclaimSoon();
      });
    }
    return store;
  } catch (e) {
    lock?.release();
    throw e;
  }
}

interface Loaded {
  notebook: Notebook;
  seq: number;
  snapshotSeq: number;
}

/**
 * For a reader, which holds no lock: a writer may compact while it reads. The journal is read
 * first, then the snapshot. A writer renames a new snapshot into place before it shortens the
 * journal, so any journal on disk starts at or before the line after any snapshot on disk at that
 * moment or later: the pair always fits, and replay skips what the snapshot already holds. (The
 * other order can pair an old snapshot with a journal shortened since.) Damage is reported
 * ('corrupt'), never repaired: a reader writes nothing.
 */
async function loadForReading(root: string, low: Low<Snapshot>, adapter: DurableSnapshotFile, journalFile: string): Promise<Loaded> {
  const journalBytes = readJournalBytes(journalFile);
  await low.read();
  if (!adapter.lastBytes) throw new NotebookError('not-found', `${root} is not a Corroborate notebook (no notebook.json)`);
  // A reader makes no backup: the bytes need not outlive the parse.
  adapter.lastBytes = null;
  const snapshotSeq = low.data.seq;
  const notebook = fromSnapshot(low.data);
  const journal = parseJournal(journalFile, journalBytes, snapshotSeq);
  replay(notebook, journal);
  if (journal.damage) throw corrupt(journalFile, journal.damage);
  return { notebook, seq: journal.entries.at(-1)?.seq ?? snapshotSeq, snapshotSeq };
}

/**
 * Applies the journal's entries to notebook. An entry that does not apply is damage like any
 * other: the journal (its lines and entries) is cut back to the lines before it.
 */
function replay(notebook: Notebook, journal: ReadJournal): void {
  for (const [i, entry] of journal.entries.entries()) {
    try {
      apply(notebook, entry.op);
    } catch (e) {
      journal.damage = { lineNo: entry.lineNo, reason: `cannot be applied (${e instanceof Error ? e.message : String(e)})` };
      journal.lines = journal.lines.slice(0, entry.lineNo - 1);
      journal.entries = journal.entries.slice(0, i);
      return;
    }
  }
}

/** Quarantines the journal as it is and keeps its lines before the damage; returns what to tell the analyst. */
function keepJournalBeforeDamage(root: string, journalFile: string, journal: ReadJournal): string {
  const damage = journal.damage!;
  const kept = quarantineCopy(root, 'journal', '.jsonl', fs.readFileSync(journalFile));
  keepLinesBefore(journalFile, journal.lines);
  journal.torn = null;
  journal.damage = null;
  return `${journalFile} line ${damage.lineNo} ${damage.reason}. The changes from that line on could not be read, so the notebook holds every change before it; the journal as it was is kept in ${kept}.`;
}

/**
 * notebook.json does not read. Finds the newest backup that does, keeps the damaged file's exact
 * bytes in quarantine/, and puts the backup in its place; the journal stays if it continues the
 * backup, and is cut back (its original quarantined too) where it does not. With no usable backup
 * nothing is written at all, and the reason is returned for a read-only open.
 */
function restoreFromBackup(root: string, damaged: DamagedSnapshot, journalFile: string): { notice: string } | { unusable: string } {
  const snapshotFile = path.join(root, SNAPSHOT_FILE);
  const skipped: string[] = [];
  const unreadable: string[] = [];
  let chosen: { file: string; bytes: Buffer; parsed: ParsedSnapshot } | null = null;
  for (const file of allBackups(root)) {
    try {
      const bytes = fs.readFileSync(file);
      chosen = { file, bytes, parsed: parseSnapshot(bytes, file) };
      break;
    } catch (e) {
      skipped.push(isNotebookError(e) ? e.message : `${file} could not be read (${reasonOf(e)})`);
      // A backup written by a newer Corroborate is not damaged; it stays where it is.
      if (!isNotebookError(e) || e.code === 'corrupt') unreadable.push(file);
    }
  }
  const skippedNote = skipped.length ? ` (${skipped.length === 1 ? 'a newer backup was skipped' : `${skipped.length} newer backups were skipped`}: ${skipped.join('; ')})` : '';
  if (!chosen) {
    const why = skipped.length ? `no backup of it could be used (${skipped.join('; ')})` : 'there is no backup to restore it from';
    return { unusable: `${damaged.problem}. It was left untouched, and ${why}, so the notebook is open read-only and shows nothing` };
  }

  const kept = quarantineCopy(root, 'notebook', '.json', damaged.bytes);
  for (const file of unreadable) quarantineMove(root, file);

  // The journal continues the damaged snapshot; what of it also continues the backup can stay.
  const journal = readJournal(journalFile, chosen.parsed.snapshot.seq);
  replay(fromSnapshot(chosen.parsed.snapshot), journal);
  let journalNote = '';
  if (journal.damage) {
    const keptJournal = quarantineCopy(root, 'journal', '.jsonl', fs.readFileSync(journalFile));
    keepLinesBefore(journalFile, journal.lines);
    journalNote = ` The journal did not continue that backup (line ${journal.damage.lineNo} ${journal.damage.reason}); it is kept as it was in ${keptJournal}.`;
  }
  try {
    writeFileDurableSync(snapshotFile, chosen.bytes);
  } catch (e) {
    throw new NotebookError('io', `${snapshotFile} could not be restored from ${chosen.file} (${reasonOf(e)}); the damaged file is kept in ${kept}`);
  }
  const first = journal.lines[0];
  const complete = !journal.damage && first !== undefined && first.seq <= chosen.parsed.snapshot.seq + 1;
  const made = backupStamp(chosen.file);
  return {
    notice:
      `${damaged.problem}. It was moved to ${kept}, exactly as it was, and the notebook was restored from the backup ${chosen.file}${made ? ` (made ${made})` : ''}${skippedNote}. ` +
      (complete ? 'Every change made since that backup was replayed from the journal.' : 'Changes made after that backup may be missing.') +
      journalNote,
  };
}

interface Step {
  op: Operation;
  inverse: Operation;
}

class NotebookStore implements Store {
  private readonly undoStack: Step[] = [];
  private readonly redoStack: Step[] = [];
  private readonly texts = new Map<string, string>();
  private readonly listeners = new Set<(applied: Applied) => void>();
  /** Compactions run one after another; this is the last one queued, or null when none is. */
  private compactions: Promise<void> | null = null;
  private autoCompaction = false;
  private closing: Promise<void> | null = null;
  /** Size of notebook.json when last read or written, in characters: large ones are compacted in a worker. */
  snapshotBytes = 0;
  workerCompactionBytes = WORKER_COMPACTION_BYTES;
  /** The backup of the snapshot read at open, being written (backups.ts backUp never rejects). */
  backingUp: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    readonly dir: string,
    private readonly nb: Notebook,
    readonly readOnly: string | null,
    readonly notice: string | null,
    private currentSeq: number,
    private snapshotSeq: number,
    /** notebook.json on disk is of an older schemaVersion: the next compaction rewrites it even with nothing new in the journal. */
    private snapshotOutdated: boolean,
    private readonly low: Low<Snapshot>,
    private journal: JournalWriter | null,
    private readonly lock: Lock | null,
  ) {}

  get notebook(): Notebook {
    return this.nb;
  }

  private get adapter(): DurableSnapshotFile {
    return this.low.adapter as DurableSnapshotFile;
  }

  get seq(): number {
    return this.currentSeq;
  }

  get canUndo(): boolean {
    return this.undoStack.length > 0;
  }

  get canRedo(): boolean {
    return this.redoStack.length > 0;
  }

  apply(input: Operation): Applied {
    this.checkWritable();
    const parsed = Operation.safeParse(input);
    if (!parsed.success) throw new NotebookError('invalid', `operation: ${describeIssues(parsed.error.issues)}`);
    const op = parsed.data;
    this.checkQuotes(op);
    const inverse = apply(this.nb, op);
    this.journalOrRevert(op, inverse, 'apply');
    this.undoStack.push({ op, inverse });
    this.redoStack.length = 0;
    return this.applied(op);
  }

  undo(): Applied | null {
    this.checkWritable();
    const step = this.undoStack.at(-1);
    if (!step) return null;
    const redoInverse = apply(this.nb, step.inverse);
    this.journalOrRevert(step.inverse, redoInverse, 'undo');
    this.undoStack.pop();
    this.redoStack.push(step);
    return this.applied(step.inverse);
  }

  redo(): Applied | null {
    this.checkWritable();
    const step = this.redoStack.at(-1);
    if (!step) return null;
    const inverse = apply(this.nb, step.op);
    this.journalOrRevert(step.op, inverse, 'redo');
    this.redoStack.pop();
    this.undoStack.push({ op: step.op, inverse });
    return this.applied(step.op);
  }

  putFile(bytes: Uint8Array): string {
    this.checkWritable();
    const sha = sha256Hex(bytes);
    const folder = path.join(this.dir, 'sources');
    const file = path.join(folder, sha);
    if (fs.existsSync(file)) return sha;
    try {
      if (!fs.existsSync(folder)) {
        fs.mkdirSync(folder);
        fsyncDirSync(this.dir);
      }
      writeFileDurableSync(file, bytes);
    } catch (e) {
      throw new NotebookError('io', `${file} could not be written (${reasonOf(e)})`);
    }
    return sha;
  }

  readFile(sha256: string): Uint8Array {
    this.checkOpen();
    if (!SHA256.test(sha256)) throw new NotebookError('invalid', `"${sha256.slice(0, 80)}" is not a sha256 in hex`);
    const file = path.join(this.dir, 'sources', sha256);
    try {
      return fs.readFileSync(file);
    } catch (e) {
      if (errorCode(e) === 'ENOENT') throw new NotebookError('not-found', `${file} is missing: the notebook has no stored file with that sha256`);
      throw new NotebookError('io', `${file} could not be read (${reasonOf(e)})`);
    }
  }

  readText(sha256: string): string {
    const cached = this.texts.get(sha256);
    if (cached !== undefined) {
      // Map keeps insertion order: re-inserting makes this the most recent.
      this.texts.delete(sha256);
      this.texts.set(sha256, cached);
      return cached;
    }
    const text = new TextDecoder('utf-8').decode(this.readFile(sha256));
    this.texts.set(sha256, text);
    for (const oldest of this.texts.keys()) {
      if (this.texts.size <= TEXT_CACHE_ENTRIES) break;
      this.texts.delete(oldest);
    }
    return text;
  }

  compact(): Promise<void> {
    if (this.readOnly !== null || this.closed) return Promise.resolve();
    // With none running, start now: the snapshot is then of the notebook as it is at this call.
    const previous = this.compactions;
    const run = previous ? previous.then(() => this.compactOnce()) : this.compactOnce();
    const settled = run.catch(() => undefined);
    this.compactions = settled;
    void settled.then(() => {
      if (this.compactions === settled) this.compactions = null;
    });
    return run;
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      try {
        await this.backingUp;
        await this.compact();
      } finally {
        this.closed = true;
        this.texts.clear();
        try {
          this.journal?.close();
        } finally {
          this.journal = null;
          this.lock?.release();
        }
      }
    })();
    return this.closing;
  }

  private async compactOnce(): Promise<void> {
    const journal = this.journal;
    if (!journal) return;
    const seq = this.currentSeq;
    if (seq > this.snapshotSeq || this.snapshotOutdated) {
      try {
        const worker = this.snapshotBytes >= this.workerCompactionBytes ? compactWorkerUrl() : null;
        if (worker) {
          // A large notebook is folded from the files on disk in a worker thread (see
          // store/compact-worker.ts): every line up to seq is already durable in the journal.
          this.snapshotBytes = await compactInWorker(worker, { dir: this.dir, journalFile: journal.file, seq });
        } else {
          // The collections are copied now, at seq; apply() may run while the snapshot is written.
          this.low.data = toSnapshot(this.nb, seq);
          await this.low.write();
          this.snapshotBytes = this.adapter.lastWrittenBytes;
        }
      } catch (e) {
        throw new NotebookError('io', `${path.join(this.dir, SNAPSHOT_FILE)} could not be written (${reasonOf(e)}); every change is still in ${JOURNAL_FILE}`);
      }
      this.snapshotSeq = seq;
      this.snapshotOutdated = false;
    }
    journal.dropThrough(this.snapshotSeq);
  }

  /** Starts a compaction in the background (never inside apply) once the journal is long. */
  private compactIfLong(): void {
    const journal = this.journal;
    if (this.autoCompaction || this.closing || !journal) return;
    if (journal.lineCount < COMPACT_LINES && journal.byteLength < COMPACT_BYTES) return;
    this.autoCompaction = true;
    setImmediate(() => {
      this.compact().then(
        () => {
          this.autoCompaction = false;
          this.compactIfLong();
        },
        () => {
          // The journal still holds every change; the next apply or close() tries again, and
          // close() reports the failure.
          this.autoCompaction = false;
        },
      );
    });
  }

  private journalOrRevert(op: Operation, inverse: Operation, cause: Cause): void {
    try {
      this.journal!.append(this.currentSeq + 1, cause, op);
    } catch (e) {
      apply(this.nb, inverse);
      throw e;
    }
    this.currentSeq++;
    this.compactIfLong();
  }

  private applied(op: Operation): Applied {
    const applied: Applied = { seq: this.currentSeq, op, canUndo: this.canUndo, canRedo: this.canRedo };
    for (const listener of this.listeners) {
      try {
        listener(applied);
      } catch {
        // The change is journaled and applied; a follower that failed catches up on its own.
      }
    }
    return applied;
  }

  onApplied(listener: (applied: Applied) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Each excerpt created (also inside a batch) must quote its source text exactly where it says. */
  private checkQuotes(op: Operation): void {
    const created = new Map<string, Source>();
    // One index per text for the whole batch: 2,000 excerpts of a 1 MB source cost one pass over it, not 2,000.
    const indexes = new Map<string, CodePointIndex>();
    const indexOf = (sha: string) => {
      let index = indexes.get(sha);
      if (!index) indexes.set(sha, (index = new CodePointIndex(this.readText(sha))));
      return index;
    };
    for (const single of op.type === 'batch' ? op.ops : [op]) {
      if (single.type !== 'create') continue;
      if (single.kind === 'source') {
        const source = Source.safeParse(single.object);
        if (source.success) created.set(source.data.id, source.data);
        continue;
      }
      if (single.kind !== 'excerpt') continue;
      // An excerpt that does not parse, or whose source is missing, is refused by apply() with a
      // message that says why.
      const excerpt = Excerpt.safeParse(single.object);
      if (!excerpt.success) continue;
      const source = created.get(excerpt.data.sourceId) ?? find(this.nb, 'source', excerpt.data.sourceId);
      if (!source) continue;
      const { position, quote } = excerpt.data.selectors;
      const actual = indexOf(source.content.textSha256).slice(position.start, position.end);
      if (actual !== quote.exact) {
        throw new NotebookError(
          'invalid',
          `excerpt quote does not match the source text at ${position.start}–${position.end}: the text there is ${shortQuote(actual)}, the quote is ${shortQuote(quote.exact)}`,
        );
      }
    }
  }

  private checkOpen(): void {
    if (this.closed) throw new NotebookError('invalid', `the notebook ${this.dir} is closed`);
  }

  private checkWritable(): void {
    if (this.closing || this.closed) throw new NotebookError('invalid', `the notebook ${this.dir} is closed`);
    if (this.readOnly !== null) throw new NotebookError('read-only', `${this.readOnly}; the change was not made`);
  }
}

/**
 * Temp files a crashed write left behind. Only the lock holder writes here, and it has not written
 * yet, so every one of them is garbage: the files they were meant to replace are intact.
 */
function removeLeftoverTempFiles(root: string): void {
  for (const folder of [root, path.join(root, 'sources'), path.join(root, BACKUPS_DIR)]) {
    try {
      for (const name of fs.readdirSync(folder)) if (isTempName(name)) fs.rmSync(path.join(folder, name), { force: true });
    } catch {
      // A missing sources/ or backups/ has nothing to clean; anything else is only untidy.
    }
  }
}

function shortQuote(s: string): string {
  return JSON.stringify(s.length > 60 ? `${s.slice(0, 57)}…` : s);
}

function statOrNull(p: string): fs.Stats | null {
  try {
    return fs.statSync(p);
  } catch (e) {
    if (errorCode(e) === 'ENOENT' || errorCode(e) === 'ENOTDIR') return null;
    throw new NotebookError('io', `${p} could not be read (${reasonOf(e)})`);
  }
}

function isPermission(e: unknown): boolean {
  const code = errorCode(e);
  return code === 'EACCES' || code === 'EPERM' || code === 'EROFS';
}

/**
 * Why dir cannot be written, or null. A folder with no write bits at all counts as read-only even
 * for root (who could write it anyway): the analyst said "read-only", and tests run as root.
 */
function whyNotWritable(dir: string): string | null {
  const mode = fs.statSync(dir).mode;
  if ((mode & 0o222) === 0) return `${dir} is read-only (its permissions, ${(mode & 0o777).toString(8)}, allow no writing)`;
  for (const file of [dir, path.join(dir, SNAPSHOT_FILE), path.join(dir, JOURNAL_FILE)]) {
    try {
      fs.accessSync(file, fs.constants.W_OK);
    } catch (e) {
      if (errorCode(e) === 'ENOENT') continue;
      return `${file === dir ? dir : file} is read-only (${reasonOf(e)})`;
    }
  }
  return null;
}

/** From this size of notebook.json (some 5,000 excerpts), compaction runs in a worker thread. */
const WORKER_COMPACTION_BYTES = 4_000_000;

/**
 * The compiled compaction worker: beside this module in dist/, or, run from source (the unit
 * tests), the build in dist/ when there is one; null when there is none, and the store then
 * compacts in its own thread, a piece at a time.
 */
function compactWorkerUrl(): URL | null {
  if (!import.meta.url.endsWith('.ts')) return new URL('./store/compact-worker.js', import.meta.url);
  const compiled = new URL('../../dist/notebook/node/store/compact-worker.js', import.meta.url);
  return fs.existsSync(compiled) ? compiled : null;
}

/** Runs one compaction in a fresh worker; resolves with the size of the snapshot written. */
function compactInWorker(url: URL, job: CompactJob): Promise<number> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(url);
    let settled = false;
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      void worker.terminate();
      outcome();
    };
    worker.once('message', (reply: CompactReply) => finish(() => (reply.ok ? resolve(reply.bytes) : reject(new Error(reply.message)))));
    worker.once('error', (e) => finish(() => reject(e)));
    worker.once('exit', (code) => finish(() => reject(new Error(`the compaction worker stopped (exit code ${code})`))));
    worker.postMessage(job);
  });
}
