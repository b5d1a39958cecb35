// Durable file writes for the store: a file is written beside its target, fsync'd, renamed over it,
// and the folder fsync'd, so a crash leaves either the old file or the new one, never a torn one.
// Never writes a file in place.
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';

let counter = 0;

/** A temp name in the same folder as target (rename is only atomic within one file system). */
export function tempPathFor(target: string): string {
  return path.join(path.dirname(target), `.tmp-${path.basename(target)}-${process.pid}-${Date.now()}-${counter++}`);
}

/** True for temp files a crashed write may have left behind; they never make a folder "not empty". */
export function isTempName(name: string): boolean {
  return name.startsWith('.tmp-');
}

/**
 * Makes a rename or create inside dir durable. Windows cannot open a folder for fsync (EPERM/EISDIR)
 * and NTFS journals renames itself; some network file systems refuse it with EINVAL.
 */
export function fsyncDirSync(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch (e) {
    if (!isUnsupportedDirSync(e)) throw e;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

export async function fsyncDir(dir: string): Promise<void> {
  let handle: fsp.FileHandle | undefined;
  try {
    handle = await fsp.open(dir, 'r');
    await handle.sync();
  } catch (e) {
    if (!isUnsupportedDirSync(e)) throw e;
  } finally {
    await handle?.close();
  }
}

function isUnsupportedDirSync(e: unknown): boolean {
  const code = errorCode(e);
  return (process.platform === 'win32' && (code === 'EPERM' || code === 'EISDIR')) || code === 'EINVAL';
}

/** Creates file with data and fsyncs it; fails with EEXIST when the file is already there. */
export function createFileSync(file: string, data: string | Uint8Array): void {
  const fd = fs.openSync(file, 'wx');
  try {
    fs.writeFileSync(fd, data);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Writes data to target durably (temp + fsync + rename + folder fsync). Synchronous. */
export function writeFileDurableSync(target: string, data: string | Uint8Array): void {
  const temp = tempPathFor(target);
  try {
    createFileSync(temp, data);
    fs.renameSync(temp, target);
  } catch (e) {
    fs.rmSync(temp, { force: true });
    throw e;
  }
  fsyncDirSync(path.dirname(target));
}

/** Writes data to target durably (temp + fsync + rename + folder fsync), without blocking. */
export async function writeFileDurable(target: string, data: string | Uint8Array): Promise<void> {
  const temp = tempPathFor(target);
  try {
    const handle = await fsp.open(temp, 'wx');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fsp.rename(temp, target);
  } catch (e) {
    await fsp.rm(temp, { force: true });
    throw e;
  }
  await fsyncDir(path.dirname(target));
}

export function errorCode(e: unknown): string | undefined {
  return typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'string' ? e.code : undefined;
}

/** "EACCES: permission denied" → a short reason for a message, without the path repeated. */
export function reasonOf(e: unknown): string {
  const code = errorCode(e);
  const message = e instanceof Error ? e.message : String(e);
  return code ? `${code}: ${message.replace(/^[A-Z]+: /, '').replace(/, \w+ '.*'$/, '')}` : message;
}
