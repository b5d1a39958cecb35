// backups/notebook-<UTC stamp>.json: copies of snapshots that were read and found valid, newest 5
// kept. Never copies a snapshot that failed its checks, and never lets a backup failure stop an open.
import fs from 'node:fs';
import path from 'node:path';
import { writeFileDurableSync } from './files.js';

export const BACKUPS_DIR = 'backups';
export const BACKUPS_KEPT = 5;
const NAME = /^notebook-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z\.json$/;

/** Backup file names, oldest first (the stamp sorts as text). */
function backupNames(dir: string): string[] {
  try {
    return fs.readdirSync(path.join(dir, BACKUPS_DIR)).filter((n) => NAME.test(n)).sort();
  } catch {
    return [];
  }
}

export function newestBackup(dir: string): string | null {
  const name = backupNames(dir).at(-1);
  return name ? path.join(dir, BACKUPS_DIR, name) : null;
}

/** Colons are not allowed in Windows file names, so the ISO instant uses dashes. */
function stampName(ms: number): string {
  return `notebook-${new Date(ms).toISOString().replace(/[:.]/g, '-')}.json`;
}

function stampMs(name: string): number {
  const iso = name.slice('notebook-'.length, -'.json'.length).replace(/^(.{13})-(\d{2})-(\d{2})-(\d{3})Z$/, '$1:$2:$3.$4Z');
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? -Infinity : ms;
}

/**
 * Copies a valid snapshot into backups/ and drops all but the newest five. A snapshot identical to
 * the newest backup is not copied again: opening an unchanged notebook five times must not push
 * out the older, different states the backups are there to keep.
 */
export function backUp(dir: string, bytes: Uint8Array): void {
  const folder = path.join(dir, BACKUPS_DIR);
  try {
    const newest = newestBackup(dir);
    if (newest && Buffer.from(bytes).equals(fs.readFileSync(newest))) return;
    fs.mkdirSync(folder, { recursive: true });
    // Two opens in one millisecond, or a clock set back: step past the newest so names stay
    // unique and sort in the order the backups were made.
    const last = newest ? stampMs(path.basename(newest)) : -Infinity;
    const ms = Math.max(Date.now(), last + 1);
    writeFileDurableSync(path.join(folder, stampName(ms)), bytes);
    const names = backupNames(dir);
    for (const old of names.slice(0, Math.max(0, names.length - BACKUPS_KEPT))) fs.rmSync(path.join(folder, old), { force: true });
  } catch {
    // The snapshot and journal are the notebook; a backup is a spare. A full disk or an odd
    // permission on backups/ must not keep the analyst out of their notebook.
  }
}
