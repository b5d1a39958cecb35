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
  /** Every complete line, in file order (the ones at or below the snapshot's seq included). */
  lines: Line[];
  /** The lines after the snapshot's seq, checked, in order. */
  entries: Entry[];
  /** Bytes up to the end of the last complete line. */
  goodLength: number;
  /** An unacknowledged last line (a write cut short by a crash), or null. */
  torn: Uint8Array | null;
}

/**
 * Reads the journal for replay after a snapshot at snapshotSeq. A torn last line (no newline, or a
 * last line that is not JSON) was never acknowledged, so it is set aside rather than reported;
 * anything else out of place is 'corrupt', with its line number.
 */
export function readJournal(file: string, snapshotSeq: number): ReadJournal {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (e) {
    if (errorCode(e) === 'ENOENT') return { lines: [], entries: [], goodLength: 0, torn: null };
    throw new NotebookError('io', `${file} could not be read (${reasonOf(e)})`);
  }
  let goodLength = bytes.lastIndexOf(0x0a) + 1;
  const raw = bytes.subarray(0, goodLength).toString('utf8').split('\n').slice(0, -1);
  const parsed: unknown[] = [];
  for (const [i, text] of raw.entries()) {
    try {
      parsed.push(JSON.parse(text));
    } catch (e) {
      const isLast = i === raw.length - 1 && goodLength === bytes.length;
      if (!isLast) throw corrupt(file, i + 1, `is not valid JSON (${e instanceof Error ? e.message : String(e)})`);
      goodLength -= Buffer.byteLength(text) + 1;
      raw.pop();
    }
  }
  const lines: Line[] = [];
  const entries: Entry[] = [];
  let expected = snapshotSeq + 1;
  for (const [i, value] of parsed.entries()) {
    const lineNo = i + 1;
    const envelope = Envelope.safeParse(value);
    if (!envelope.success) throw corrupt(file, lineNo, `does not fit the journal format (${describeIssues(envelope.error.issues)})`);
    const { seq } = envelope.data;
    lines.push({ seq, text: raw[i]! });
    // Lines already folded into the snapshot are skipped: a crash between writing the snapshot
    // and shortening the journal leaves them behind, and that is fine.
    if (seq <= snapshotSeq && entries.length === 0) continue;
    if (seq !== expected) throw corrupt(file, lineNo, `has seq ${seq} where ${expected} was expected: operations are missing or out of order`);
    const op = Operation.safeParse(envelope.data.op);
    if (!op.success) throw corrupt(file, lineNo, `holds an operation that does not fit (${describeIssues(op.error.issues)})`);
    entries.push({ lineNo, seq, op: op.data });
    expected++;
  }
  return { lines, entries, goodLength, torn: goodLength < bytes.length ? bytes.subarray(goodLength) : null };
}

export function corrupt(file: string, lineNo: number, reason: string): NotebookError {
  return new NotebookError('corrupt', `${file} line ${lineNo} ${reason}. The journal was left untouched.`);
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
