// journal.jsonl: one line per operation since the snapshot, fdatasync'd before the change is
// acknowledged. Never leaves a partial line in front of a later one, and never rewrites the file
// in place (a shorter journal replaces it by rename).
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { describeIssues, NotebookError } from '../../common/errors.js';
import { now } from '../../common/ids.js';
import { Instant } from '../../common/model.js';
import { Operation } from '../../common/operations.js';
import { errorCode, fsyncDirSync, reasonOf, tempPathFor, writeFileDurableSync } from './files.js';

export const JOURNAL_FILE = 'journal.jsonl';

export const Cause = z.enum(['apply', 'undo', 'redo']);
export type Cause = z.infer<typeof Cause>;

const Envelope = z.object({ seq: z.number().int().positive(), at: Instant, cause: Cause, op: z.unknown() });

/** A complete line of the journal file, as it is on disk (without its newline). */
export interface Line {
  seq: number;
  text: string;
}

/** A line to replay: its 1-based line number in the file, for messages. */
export interface Entry {
  lineNo: number;
  seq: number;
  op: Operation;
}

export interface ReadJournal {
  /** Every complete line before any damage, in file order (the ones at or below the snapshot's seq included). */
  lines: Line[];
  /** The lines after the snapshot's seq, checked, in order, up to any damage. */
  entries: Entry[];
  /** Bytes up to the end of the last complete line. */
  goodLength: number;
  /** An unacknowledged last line (a write cut short by a crash), or null. */
  torn: Uint8Array | null;
  /** The first line that cannot be used, or null; lines and entries stop before it. */
  damage: Damage | null;
}

export interface Damage {
  /** 1-based line number. */
  lineNo: number;
  /** "is not valid JSON (…)": completes a sentence that starts with the file and line. */
  reason: string;
}

/**
 * Reads the journal for replay after a snapshot at snapshotSeq. A torn last line (no newline, or a
 * last line that is not JSON) was never acknowledged, so it is set aside rather than reported;
 * anything else out of place is damage: reported with its line number, with the lines before it.
 */
export function readJournal(file: string, snapshotSeq: number): ReadJournal {
  return parseJournal(file, readJournalBytes(file), snapshotSeq);
}

/** The journal's bytes; empty when there is none. */
export function readJournalBytes(file: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (e) {
    if (errorCode(e) === 'ENOENT') return Buffer.alloc(0);
    throw new NotebookError('io', `${file} could not be read (${reasonOf(e)})`);
  }
}

/** readJournal on bytes read earlier (a reader reads the journal before the snapshot: see store.ts). */
export function parseJournal(file: string, bytes: Buffer, snapshotSeq: number): ReadJournal {
  let goodLength = bytes.lastIndexOf(0x0a) + 1;
  const raw = bytes.subarray(0, goodLength).toString('utf8').split('\n').slice(0, -1);
  const lines: Line[] = [];
  const entries: Entry[] = [];
  let expected = snapshotSeq + 1;
  const result = (damage: Damage | null): ReadJournal => ({ lines, entries, goodLength, torn: goodLength < bytes.length ? bytes.subarray(goodLength) : null, damage });
  for (const [i, text] of raw.entries()) {
    const lineNo = i + 1;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      const isLast = i === raw.length - 1 && goodLength === bytes.length;
      if (!isLast) return result({ lineNo, reason: `is not valid JSON (${e instanceof Error ? e.message : String(e)})` });
      goodLength -= Buffer.byteLength(text) + 1;
      break;
    }
    const envelope = Envelope.safeParse(value);
    if (!envelope.success) return result({ lineNo, reason: `does not fit the journal format (${describeIssues(envelope.error.issues)})` });
    const { seq } = envelope.data;
    // Lines already folded into the snapshot are skipped: a crash between writing the snapshot
    // and shortening the journal leaves them behind, and that is fine.
    if (seq <= snapshotSeq && entries.length === 0) {
      lines.push({ seq, text });
      continue;
    }
    if (seq !== expected) {
      return result({ lineNo, reason: `has seq ${seq} where ${expected} was expected: operations are missing or out of order` });
    }
    const op = Operation.safeParse(envelope.data.op);
    if (!op.success) return result({ lineNo, reason: `holds an operation that does not fit (${describeIssues(op.error.issues)})` });
    lines.push({ seq, text });
    entries.push({ lineNo, seq, op: op.data });
    expected++;
  }
  return result(null);
}

export function corrupt(file: string, damage: Damage): NotebookError {
  return new NotebookError('corrupt', `${file} line ${damage.lineNo} ${damage.reason}. The journal was left untouched.`);
}

/** Keeps the journal's lines before its damage: a new journal.jsonl, written beside it and renamed over it. */
export function keepLinesBefore(file: string, lines: Line[]): void {
  try {
    writeFileDurableSync(file, lines.map((l) => `${l.text}\n`).join(''));
  } catch (e) {
    throw new NotebookError('io', `${file} could not be rewritten without its damaged lines (${reasonOf(e)}); nothing else was changed`);
  }
}

/**
 * Moves an unacknowledged tail aside (journal.jsonl.torn-<stamp>, for whoever wants to look) and
 * cuts it off, so the next line appended starts on a clean line.
 */
export function setTornTailAside(file: string, torn: Uint8Array, goodLength: number): void {
  try {
    writeFileDurableSync(`${file}.torn-${new Date().toISOString().replace(/[:.]/g, '-')}`, torn);
    const fd = fs.openSync(file, 'r+');
    try {
      fs.ftruncateSync(fd, goodLength);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch (e) {
    throw new NotebookError('io', `${file} ends with an unfinished line that could not be set aside (${reasonOf(e)})`);
  }
}

/** The open journal: appends durably, and shortens itself after a snapshot. */
export class JournalWriter {
  private fd: number;
  /** Bytes that reached the file past `size` in a failed append, still to be cut off. */
  private dirtyTail = false;
  private lines: Line[];
  private size: number;

  constructor(
    readonly file: string,
    lines: Line[],
  ) {
    this.lines = lines;
    this.size = lines.reduce((n, l) => n + Buffer.byteLength(l.text) + 1, 0);
    try {
      this.fd = fs.openSync(file, 'a');
    } catch (e) {
      throw new NotebookError('io', `${file} could not be opened for writing (${reasonOf(e)})`);
    }
  }

  /** Lines in the file, including those already folded into the snapshot. */
  get lineCount(): number {
    return this.lines.length;
  }

  get byteLength(): number {
    return this.size;
  }

  /** Appends one line and fdatasyncs it. On failure the file is as it was, and the error says so. */
  append(seq: number, cause: Cause, op: Operation): void {
    const text = JSON.stringify({ seq, at: now(), cause, op });
    const bytes = Buffer.from(`${text}\n`);
    try {
      if (this.fd < 0) this.fd = fs.openSync(this.file, 'a');
      if (this.dirtyTail) {
        fs.ftruncateSync(this.fd, this.size);
        this.dirtyTail = false;
      }
      this.dirtyTail = true;
      for (let off = 0; off < bytes.length; ) off += fs.writeSync(this.fd, bytes, off, bytes.length - off);
      fs.fdatasyncSync(this.fd);
      this.dirtyTail = false;
    } catch (e) {
      this.cutDirtyTail();
      throw new NotebookError('io', `${this.file}: the change could not be saved (${reasonOf(e)}); the notebook was left as it was`);
    }
    this.lines.push({ seq, text });
    this.size += bytes.length;
  }

  /**
   * Drops the lines at or below seq (they are in the snapshot now). Synchronous on purpose: no
   * apply() can slip a line in between choosing the lines to keep and switching to the new file.
   */
  dropThrough(seq: number): void {
    const keep = this.lines.filter((l) => l.seq > seq);
    if (keep.length === this.lines.length) return;
    const temp = tempPathFor(this.file);
    const fail = (e: unknown) =>
      new NotebookError('io', `${this.file} could not be shortened after the snapshot (${reasonOf(e)}); every change is still in it`);
    try {
      writeTempSync(temp, keep.map((l) => `${l.text}\n`).join(''));
      // Windows will not rename over a file that is open, so close first and reopen after.
      this.closeFd();
      fs.renameSync(temp, this.file);
    } catch (e) {
      fs.rmSync(temp, { force: true });
      throw fail(e);
    }
    this.lines = keep;
    this.size = keep.reduce((n, l) => n + Buffer.byteLength(l.text) + 1, 0);
    this.dirtyTail = false;
    try {
      this.fd = fs.openSync(this.file, 'a');
      fsyncDirSync(path.dirname(this.file));
    } catch (e) {
      // The next append opens the file again (or fails, saying why).
      throw fail(e);
    }
  }

  close(): void {
    this.closeFd();
  }

  private cutDirtyTail(): void {
    try {
      if (this.fd >= 0 && this.dirtyTail) {
        fs.ftruncateSync(this.fd, this.size);
        this.dirtyTail = false;
      }
    } catch {
      // Tried again before the next append, which will not go ahead until it succeeds.
    }
  }

  private closeFd(): void {
    if (this.fd < 0) return;
    const fd = this.fd;
    this.fd = -1;
    fs.closeSync(fd);
  }
}

function writeTempSync(file: string, text: string): void {
  const fd = fs.openSync(file, 'wx');
  try {
    fs.writeFileSync(fd, text);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
