// notebook.checked.json: what the store last wrote to notebook.json, or read there and found whole
// against the schema: the file's sha256, its size and identity (inode, modification and change
// times), and a fingerprint of the schema it was checked against. Reopening a notebook.json that
// still matches all of it (the usual case: the app wrote it, nothing touched it since) needs no
// full check of every object, which at 100k excerpts costs more than the parse; any other file
// gets the full check. Advisory: a missing, stale or damaged record only means a full check.
//
// Why each field: the sha256 covers every byte, so damage anywhere since the check is seen. The
// identity is what a copy cannot carry: a notebook folder made elsewhere (a colleague's, a crafted
// one) arrives with files whose inode and change time are this machine's, never the recorded ones,
// so it is checked whole before it is trusted. The schema fingerprint sends a notebook written by
// another version of the app through the full check.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { Notebook } from '../../common/model.js';
import { sha256Hex, tempPathFor } from './files.js';

export const CHECKED_FILE = 'notebook.checked.json';

/** Who a file is: what a write, a rename over it or a copy changes. */
export interface FileIdentity {
  size: bigint;
  ino: bigint;
  mtimeNs: bigint;
  ctimeNs: bigint;
}

export function identityOf(stat: fs.BigIntStats): FileIdentity {
  return { size: stat.size, ino: stat.ino, mtimeNs: stat.mtimeNs, ctimeNs: stat.ctimeNs };
}

const Count = z.string().regex(/^\d{1,30}$/);
const Record = z.object({
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  size: Count,
  ino: Count,
  mtimeNs: Count,
  ctimeNs: Count,
  schema: z.string().regex(/^[0-9a-f]{64}$/),
});
type Record = z.infer<typeof Record>;

let fingerprint: string | null = null;
/** The sha256 of the notebook's JSON Schema: it changes with any field, type, limit or pattern of the format. */
export function schemaFingerprint(): string {
  fingerprint ??= sha256Hex(new TextEncoder().encode(JSON.stringify(z.toJSONSchema(Notebook, { io: 'output', unrepresentable: 'any' }))));
  return fingerprint;
}

/**
 * Whether bytes, read from the snapshot `file` whose identity was taken from the same open handle,
 * are what the record says was checked against this version's schema. Hashes the bytes only when
 * everything else matches.
 */
export function checkedBefore(file: string, identity: FileIdentity, bytes: Uint8Array): boolean {
  const record = readRecord(path.join(path.dirname(file), CHECKED_FILE));
  if (!record || record.schema !== schemaFingerprint()) return false;
  const same = record.size === String(identity.size) && record.ino === String(identity.ino) && record.mtimeNs === String(identity.mtimeNs) && record.ctimeNs === String(identity.ctimeNs);
  return same && record.sha256 === sha256Hex(bytes);
}

/** A record is some 300 bytes; a larger file is not one (and is not read whole). */
const RECORD_MAX_BYTES = 4096;

function readRecord(file: string): Record | null {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
    const buffer = Buffer.alloc(RECORD_MAX_BYTES);
    const length = fs.readSync(fd, buffer, 0, RECORD_MAX_BYTES, 0);
    if (length === RECORD_MAX_BYTES) return null;
    const parsed = Record.safeParse(JSON.parse(buffer.subarray(0, length).toString('utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null; // absent, unreadable or not JSON: there is no record
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/**
 * Records that the snapshot `file`, with this sha256, was checked against this version's schema;
 * its identity is the one given (taken when it was read) or, without one, taken now: right after
 * writing the file. Not fsync'd: a record a crash
 * truncates no longer parses, and one that survives a crash its file did not still names the old
 * file's identity, so either way the next opening checks the file whole. Never throws: without a
 * record the notebook is only slower to open.
 */
export function recordChecked(file: string, sha256: string, identity?: FileIdentity): void {
  const target = path.join(path.dirname(file), CHECKED_FILE);
  const temp = tempPathFor(target);
  try {
    const who = identity ?? identityOf(fs.statSync(file, { bigint: true }));
    const record: Record = { sha256, size: String(who.size), ino: String(who.ino), mtimeNs: String(who.mtimeNs), ctimeNs: String(who.ctimeNs), schema: schemaFingerprint() };
    fs.writeFileSync(temp, JSON.stringify(record));
    fs.renameSync(temp, target);
  } catch {
    try {
      fs.rmSync(temp, { force: true });
    } catch {
      // a leftover temp file is removed by the next writer that opens the notebook
    }
  }
}
