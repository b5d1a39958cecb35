// One writer per notebook: the lock file <dir>/lock names the process that has the folder open.
// Never takes over a lock whose process may still be alive (another host, or a pid that answers),
// and never lets two processes take over the same stale lock.
//
// How a stale lock is taken over without a race: removing it and creating a new one are two steps,
// and two processes that both found the same stale lock could otherwise interleave them (A removes
// it and creates its own; B, still believing it removes the stale one, removes A's). So the right
// to remove one particular stale lock is itself a file, lock.takeover-<hash of that lock's bytes>,
// created exclusively: exactly one process gets it, checks that the lock still holds those bytes
// (nobody else may change it meanwhile: its owner is dead, and a new owner can only appear once it
// is gone), removes it, and lets go of the claim. Everyone then races for the lock itself, which is
// made with link(2): it appears complete or not at all, so a lock is never seen half-written.
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { NotebookError } from '../../common/errors.js';
import { createFileSync, errorCode, fsyncDirSync, reasonOf, tempPathFor } from './files.js';

export const LOCK_FILE = 'lock';
const CLAIM_INFIX = '.takeover-';

const LockFile = z.object({
  pid: z.number().int().positive(),
  hostname: z.string(),
  startedAt: z.string(),
  /** Makes every lock's bytes unique, so a claim names exactly one lock. */
  nonce: z.string().optional(),
  /** Linux: the process's start time in clock ticks (/proc/<pid>/stat), to tell a reused pid from the owner. */
  procStart: z.string().optional(),
});
type LockFile = z.infer<typeof LockFile>;

export interface Lock {
  readonly file: string;
  release(): void;
}

/** An empty lock (or claim) may be one being written without link(2); once this old it is taken to be abandoned. */
const UNREADABLE_STALE_MS = 10_000;
/** Rounds of "create, or find out why not"; each one that does not end in an answer cleared something stale. */
const ATTEMPTS = 6;

/** Locks this process holds, released on exit even when nobody calls close(). */
const held = new Set<Lock>();
let exitHookInstalled = false;

/** The lock file and the takeover claims beside it: part of a notebook folder, never "other files". */
export function isLockName(name: string): boolean {
  return name === LOCK_FILE || name.startsWith(`${LOCK_FILE}${CLAIM_INFIX}`);
}

export function acquireLock(dir: string): Lock {
  const file = path.join(dir, LOCK_FILE);
  const text = JSON.stringify(ownerRecord());
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    if (createExclusive(dir, file, text)) return hold(dir, file, text);
    const holder = readOwner(file);
    if (holder === 'missing') continue; // released between our two looks: try again
    if (holder.owner && !isStale(holder.owner)) {
      const { pid, hostname, startedAt } = holder.owner;
      throw new NotebookError(
        'locked',
        `${dir} is already open in another Corroborate window or process (pid ${pid} on ${hostname} since ${startedAt}). Close it there, or open another notebook.`,
      );
    }
    // Empty: maybe being written right now by a Corroborate on a file system without hard links.
    if (!holder.owner && holder.bytes.length === 0 && !isOldEnough(file)) break;
    removeStale(dir, file, holder.bytes, 0);
  }
  throw new NotebookError('locked', `${dir} is being opened by another Corroborate process right now. Try again, or open another notebook.`);
}

function hold(dir: string, file: string, text: string): Lock {
  removeAbandonedClaims(dir);
  const lock: Lock = {
    file,
    release() {
      if (!held.delete(lock)) return;
      try {
        // Only our own lock: never remove one another process wrote after ours went away.
        if (fs.readFileSync(file, 'utf8') === text) fs.rmSync(file, { force: true });
      } catch {
        // Best effort: a lock left behind is stale once this process ends, and is taken over then.
      }
    },
  };
  held.add(lock);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on('exit', () => {
      for (const l of [...held]) l.release();
    });
  }
  return lock;
}

function ownerRecord(): LockFile {
  const procStart = processStart(process.pid);
  return {
    pid: process.pid,
    hostname: os.hostname(),
    startedAt: new Date().toISOString(),
    nonce: randomBytes(8).toString('hex'),
    ...(procStart ? { procStart: procStart.start } : {}),
  };
}

/**
 * Creates file with text unless it exists; false when it does. link(2) of a complete, fsync'd temp
 * file makes the new file appear whole. File systems without hard links (FAT, some shares) get an
 * exclusive create instead, where a reader can briefly see it empty (see UNREADABLE_STALE_MS).
 */
function createExclusive(dir: string, file: string, text: string): boolean {
  const temp = tempPathFor(file);
  try {
    createFileSync(temp, text);
    try {
      fs.linkSync(temp, file);
    } catch (e) {
      const code = errorCode(e);
      if (code === 'EEXIST') return false;
      // Our temp file is gone: a process that has just taken the lock cleared it as a crash
      // leftover. Not created; the caller looks at the lock again and finds who holds it.
      if (code === 'ENOENT' && !fs.existsSync(temp)) return false;
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS' && code !== 'EXDEV') throw e;
      try {
        createFileSync(file, text);
      } catch (e2) {
        if (errorCode(e2) === 'EEXIST') return false;
        throw e2;
      }
    }
    fsyncDirSync(dir);
  } catch (e) {
    throw lockError(dir, file, e);
  } finally {
    fs.rmSync(temp, { force: true });
  }
  return true;
}

type Owner = { bytes: Buffer; owner: LockFile | null } | 'missing';

function readOwner(file: string): Owner {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (e) {
    if (errorCode(e) === 'ENOENT') return 'missing';
    // Unreadable (a permission): nothing to judge it by, so it is treated like a damaged one.
    return { bytes: Buffer.from('unreadable'), owner: null };
  }
  try {
    const parsed = LockFile.safeParse(JSON.parse(bytes.toString('utf8')));
    return { bytes, owner: parsed.success ? parsed.data : null };
  } catch {
    return { bytes, owner: null };
  }
}

/**
 * Removes `file` if, and only if, it still holds `bytes`, with a claim so that of all the
 * processes that found it stale exactly one removes it. A claim whose own owner died is stale in
 * turn and taken over the same way, one level up.
 */
function removeStale(dir: string, file: string, bytes: Buffer, depth: number): void {
  if (depth > 3) return; // claims on claims on claims: someone is crashing in a loop; the caller gives up
  const claim = `${file}${CLAIM_INFIX}${createHash('sha256').update(bytes).digest('hex').slice(0, 24)}`;
  if (!createExclusive(dir, claim, JSON.stringify(ownerRecord()))) {
    const claimant = readOwner(claim);
    if (claimant === 'missing') return; // its taker finished: look at the lock again
    if (claimant.owner ? isStale(claimant.owner) : claimant.bytes.length > 0 || isOldEnough(claim)) removeStale(dir, claim, claimant.bytes, depth + 1);
    return; // someone else is taking it over (or was, and we cleared their claim): look again
  }
  try {
    let now: Buffer | null;
    try {
      now = fs.readFileSync(file);
    } catch {
      now = null;
    }
    if (now && now.equals(bytes)) fs.rmSync(file, { force: true });
  } catch (e) {
    throw lockError(dir, file, e);
  } finally {
    fs.rmSync(claim, { force: true });
  }
}

/**
 * Claims a crash left behind once we hold the lock. Safe: a claim names a lock other than ours,
 * and whoever holds it will find the lock changed and let it go.
 */
function removeAbandonedClaims(dir: string): void {
  try {
    for (const name of fs.readdirSync(dir)) if (name.startsWith(`${LOCK_FILE}${CLAIM_INFIX}`)) fs.rmSync(path.join(dir, name), { force: true });
  } catch {
    // Only untidy.
  }
}

function isOldEnough(file: string): boolean {
  try {
    return Date.now() - fs.statSync(file).mtimeMs > UNREADABLE_STALE_MS;
  } catch {
    return true;
  }
}

/**
 * Stale: written on this machine by a process that no longer runs — no such pid, or (Linux) a
 * zombie waiting to be reaped, or a pid the system has since given to another process.
 */
export function isStale(lock: LockFile): boolean {
  if (lock.hostname !== os.hostname()) return false;
  try {
    process.kill(lock.pid, 0);
  } catch (e) {
    return errorCode(e) === 'ESRCH';
  }
  const now = processStart(lock.pid);
  if (!now) return false;
  if (now.state === 'Z' || now.state === 'X') return true;
  return lock.procStart !== undefined && lock.procStart !== now.start;
}

/** Linux only: a process's state letter and start time (clock ticks since boot) from /proc/<pid>/stat; null elsewhere. */
function processStart(pid: number): { state: string; start: string } | null {
  if (process.platform !== 'linux') return null;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (comm) state ppid …": comm may hold spaces and parentheses, so count from the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const state = fields[0];
    const start = fields[19]; // field 22 of the whole line
    return state && start ? { state, start } : null;
  } catch {
    return null;
  }
}

function lockError(dir: string, file: string, e: unknown): NotebookError {
  if (e instanceof NotebookError) return e;
  const code = errorCode(e);
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return new NotebookError('read-only', `${dir} is read-only: cannot write its lock file (${reasonOf(e)})`);
  return new NotebookError('io', `${file} could not be written (${reasonOf(e)})`);
}
