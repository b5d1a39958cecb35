// Durable file writes for the store: a file is written beside its target, fsync'd, renamed over it,
// and the folder fsync'd, so a crash leaves either the old file or the new one, never a torn one.
// Never writes a file in place.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';

let counter = 0;

/** The sha256 of bytes in lower-case hex: the name of a source file, and what notebook.checked.json records. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

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

/** Writes data (or its parts, one after the other) to target durably (temp + fsync + rename + folder fsync), without blocking. */
export async function writeFileDurable(target: string, data: string | Uint8Array | readonly Uint8Array[]): Promise<void> {
  const temp = tempPathFor(target);
  try {
    const handle = await fsp.open(temp, 'wx');
    try {
      if (Array.isArray(data)) for (const part of data as readonly Uint8Array[]) await handle.write(part);
      else await handle.writeFile(data as string | Uint8Array);
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

/** How long a writer of pieces works before it lets the event loop run. */
const SLICE_MS = 8;
/** Pieces are gathered into writes of about this many characters. */
const WRITE_CHARS = 1 << 20;

/**
 * writeFileDurable for text made of many pieces: the same guarantees (temp file, fsync, rename,
 * fsync of the folder), but the pieces are produced and written a few milliseconds at a time, so a
 * large file never holds the event loop for long. Resolves with the sha256 and the length of the
 * bytes written.
 */
export async function writeChunksDurable(target: string, pieces: Iterable<string>): Promise<{ sha256: string; bytes: number }> {
  const temp = tempPathFor(target);
  const hash = createHash('sha256');
  let written = 0;
  const write = async (handle: fsp.FileHandle, text: string) => {
    const bytes = Buffer.from(text, 'utf8');
    hash.update(bytes);
    written += bytes.length;
    await handle.write(bytes);
  };
  try {
    const handle = await fsp.open(temp, 'wx');
    try {
      let buffered: string[] = [];
      let length = 0;
      let sliceStart = performance.now();
      for (const piece of pieces) {
        buffered.push(piece);
        length += piece.length;
        if (length >= WRITE_CHARS) {
          await write(handle, buffered.join(''));
          buffered = [];
          length = 0;
        }
        if (performance.now() - sliceStart > SLICE_MS) {
          await new Promise((resolve) => setImmediate(resolve));
          sliceStart = performance.now();
        }
      }
      if (length) await write(handle, buffered.join(''));
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
  return { sha256: hash.digest('hex'), bytes: written };
}

/**
 * Whether the file holds exactly these bytes, read a slice at a time into one small buffer: no
 * copy of a large file is made, and the event loop runs between slices.
 */
export async function fileEquals(file: string, bytes: Uint8Array): Promise<boolean> {
  const handle = await fsp.open(file, 'r');
  try {
    if ((await handle.stat()).size !== bytes.byteLength) return false;
    const slice = Buffer.allocUnsafe(Math.min(WRITE_CHARS, Math.max(1, bytes.byteLength)));
    const expected = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let at = 0; at < bytes.byteLength; ) {
      const { bytesRead } = await handle.read(slice, 0, Math.min(slice.length, bytes.byteLength - at), at);
      if (bytesRead === 0 || !slice.subarray(0, bytesRead).equals(expected.subarray(at, at + bytesRead))) return false;
      at += bytesRead;
    }
    return true;
  } finally {
    await handle.close();
  }
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
