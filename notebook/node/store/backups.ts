// backups/notebook-<UTC stamp>.json: copies of snapshots that were read and found valid, newest 5
// kept; and backups/notebook-<UTC stamp>-v<N>.json: a snapshot of an older schemaVersion exactly as
// it was before it was upgraded, kept until the analyst deletes it. Never copies a snapshot that
// failed its checks, never keeps a copy that does not read back byte for byte, and never lets a
// routine backup failure stop an open.
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { NotebookError } from '../../common/errors.js';
import { fileEquals, reasonOf, writeFileDurable, writeFileDurableSync } from './files.js';

export const BACKUPS_DIR = 'backups';
export const BACKUPS_KEPT = 5;
const STAMP = '\\d{4}-\\d{2}-\\d{2}T\\d{2}-\\d{2}-\\d{2}-\\d{3}Z';
const NAME = new RegExp(`^notebook-${STAMP}\\.json$`);
/** Copies taken before an upgrade: never rotated, so the last state an older Corroborate can read survives. */
const BEFORE_UPGRADE = new RegExp(`^notebook-${STAMP}-v\\d+\\.json$`);

/** Backup file names matching pattern (the rotating ones unless told), oldest first (the stamp sorts as text). */
function backupNames(dir: string, pattern = NAME): string[] {
  try {
    return fs.readdirSync(path.join(dir, BACKUPS_DIR)).filter((n) => pattern.test(n)).sort();
  } catch {
    return [];
  }
}

/** The most recent backup of either kind, by its stamp. */
export function newestBackup(dir: string): string | null {
  const newest = (pattern: RegExp) => backupNames(dir, pattern).at(-1);
  const names = [newest(NAME), newest(BEFORE_UPGRADE)].filter((n) => n !== undefined);
  const name = names.sort((a, b) => stampMs(a) - stampMs(b)).at(-1);
  return name ? path.join(dir, BACKUPS_DIR, name) : null;
}

/** Every backup of either kind, newest first (by its stamp): where a restore looks, in order. */
export function allBackups(dir: string): string[] {
  const names = [...backupNames(dir), ...backupNames(dir, BEFORE_UPGRADE)];
  return names.sort((a, b) => stampMs(b) - stampMs(a) || (a < b ? 1 : -1)).map((n) => path.join(dir, BACKUPS_DIR, n));
}

/** When a backup was made, from its name (ISO). */
export function backupStamp(file: string): string | null {
  const ms = stampMs(path.basename(file));
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}

/** Colons are not allowed in Windows file names, so the ISO instant uses dashes. */
function stampName(ms: number): string {
  return `notebook-${new Date(ms).toISOString().replace(/[:.]/g, '-')}.json`;
}

function stampMs(name: string): number {
  const iso = name.slice('notebook-'.length, 'notebook-'.length + 24).replace(/^(.{13})-(\d{2})-(\d{2})-(\d{3})Z$/, '$1:$2:$3.$4Z');
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? -Infinity : ms;
}

/**
 * Copies a snapshot into backups/ and drops all but the newest five. `bytes` must be a snapshot
 * that was just read and found valid (the store passes nothing else). The copy is read back and
 * removed unless it is byte for byte the same, and only then do older ones rotate out: a copy the
 * disk mangled never pushes out a good one. A snapshot identical to the newest backup is not
 * copied again: opening an unchanged notebook five times must not push out the older, different
 * states the backups are there to keep. Asynchronous, so a large notebook opens without waiting
 * for its copy: the store starts it once the notebook is open, and close() waits for it.
 */
export async function backUp(dir: string, bytes: Uint8Array): Promise<void> {
  const folder = path.join(dir, BACKUPS_DIR);
  try {
    const newest = newestBackup(dir);
    if (newest && (await fileEquals(newest, bytes))) return;
    await fsp.mkdir(folder, { recursive: true });
    // Two opens in one millisecond, or a clock set back: step past the newest so names stay
    // unique and sort in the order the backups were made.
    const last = newest ? stampMs(path.basename(newest)) : -Infinity;
    const ms = Math.max(Date.now(), last + 1);
    const file = path.join(folder, stampName(ms));
    await writeFileDurable(file, bytes);
    if (!(await fileEquals(file, bytes))) {
      await fsp.rm(file, { force: true });
      return;
    }
    const names = backupNames(dir);
    for (const old of names.slice(0, Math.max(0, names.length - BACKUPS_KEPT))) await fsp.rm(path.join(folder, old), { force: true });
  } catch {
    // The snapshot and journal are the notebook; a backup is a spare. A full disk or an odd
    // permission on backups/ must not keep the analyst out of their notebook.
  }
}

/**
 * Keeps the bytes of a snapshot of schemaVersion `version` as they are, before anything may write
 * the upgraded notebook over them: backups/notebook-<stamp>-v<version>.json, never rotated. Unlike
 * backUp, a failure throws: without this copy the notebook must not be upgraded on disk. Nothing
 * is written when an identical copy is already there (a notebook opened twice before its upgrade
 * was saved).
 */
export function backUpBeforeUpgrade(dir: string, bytes: Uint8Array, version: number): string {
  const folder = path.join(dir, BACKUPS_DIR);
  const mine = new RegExp(`^notebook-${STAMP}-v${version}\\.json$`);
  try {
    for (const name of backupNames(dir, mine)) {
      const file = path.join(folder, name);
      if (Buffer.from(bytes).equals(fs.readFileSync(file))) return file;
    }
    fs.mkdirSync(folder, { recursive: true });
    const file = path.join(folder, stampName(Date.now()).replace(/\.json$/, `-v${version}.json`));
    writeFileDurableSync(file, bytes);
    return file;
  } catch (e) {
    throw new NotebookError(
      'io',
      `${path.join(dir, 'notebook.json')} is schemaVersion ${version}, and a copy of it could not be kept in ${folder} before upgrading it (${reasonOf(e)}); nothing was changed`,
    );
  }
}
