// One writer per notebook: the lock file <dir>/lock names the process that has the folder open.
// Never takes over a lock whose process may still be alive (another host, or a pid that answers).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { NotebookError } from '../../common/errors.js';
import { createFileSync, errorCode, reasonOf } from './files.js';

const LockFile = z.object({ pid: z.number().int().positive(), hostname: z.string(), startedAt: z.string() });
type LockFile = z.infer<typeof LockFile>;

export interface Lock {
  readonly file: string;
  release(): void;
}

/** Locks this process holds, released on exit even when nobody calls close(). */
const held = new Set<Lock>();
let exitHookInstalled = false;

export function acquireLock(dir: string): Lock {
  const file = path.join(dir, 'lock');
  const mine: LockFile = { pid: process.pid, hostname: os.hostname(), startedAt: new Date().toISOString() };
  const text = JSON.stringify(mine);
  // Twice at most: once as found, once after clearing a stale lock.
  for (let attempt = 0; ; attempt++) {
    try {
      createFileSync(file, text);
      break;
    } catch (e) {
      if (errorCode(e) !== 'EEXIST') throw lockError(dir, e);
    }
    const holder = readLock(file);
    if (holder && !isStale(holder)) {
      throw new NotebookError(
        'locked',
        `${dir} is already open in another Corroborate window or process (pid ${holder.pid} on ${holder.hostname} since ${holder.startedAt}). Close it there, or open another notebook.`,
      );
    }
    if (attempt > 0) throw new NotebookError('locked', `${dir} is being opened by another Corroborate process right now. Try again, or open another notebook.`);
    // A lock we cannot read, or one left by a process that died on this machine, protects nothing.
    try {
      fs.rmSync(file, { force: true });
    } catch (e) {
      throw lockError(dir, e);
    }
  }
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

function readLock(file: string): LockFile | null {
  try {
    const parsed = LockFile.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Stale: written on this machine by a process that no longer exists. */
function isStale(lock: LockFile): boolean {
  if (lock.hostname !== os.hostname()) return false;
  try {
    process.kill(lock.pid, 0);
    return false;
  } catch (e) {
    return errorCode(e) === 'ESRCH';
  }
}

function lockError(dir: string, e: unknown): NotebookError {
  const code = errorCode(e);
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return new NotebookError('read-only', `${dir} is read-only: cannot write its lock file (${reasonOf(e)})`);
  return new NotebookError('io', `${path.join(dir, 'lock')} could not be written (${reasonOf(e)})`);
}
