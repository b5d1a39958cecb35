// The file reader's thread runs at a lower priority than the rest of the app, where the system can
// lower one thread's: reading 200 PDFs and Word files takes a core for tens of seconds, and on a
// machine of two cores the window's and the host's own threads then waited for one (timers 50–80
// ms late while the thread itself had run 1 ms). At a lower priority the reader gets every core
// the app does not need at that moment, so an import is no slower on an idle machine.
import fs from 'node:fs';
import os from 'node:os';

/** The nice value the reader's thread takes (0 is the default; 19 the lowest priority). */
export const READER_NICE = 10;

/**
 * The calling thread's own id, where one thread's priority can be set apart from its process's:
 * Linux, from /proc/thread-self ("<pid>/task/<tid>"). Null elsewhere (macOS and Windows set a
 * priority for the whole process, which would slow the window too) or when it cannot be read.
 */
export function ownThreadId(platform: NodeJS.Platform = process.platform, readLink: (path: string) => string = fs.readlinkSync): number | null {
  if (platform !== 'linux') return null;
  try {
    const match = /(?:^|\/)task\/(\d+)$/.exec(readLink('/proc/thread-self'));
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

/** Lowers the calling thread's priority to READER_NICE where it can (see ownThreadId); whether it did. */
export function lowerOwnPriority(): boolean {
  const tid = ownThreadId();
  if (tid === null) return false;
  try {
    os.setPriority(tid, READER_NICE);
    return true;
  } catch {
    // Not permitted, or the thread is gone: it runs at its usual priority.
    return false;
  }
}
