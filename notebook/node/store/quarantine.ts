// quarantine/: exact copies of notebook files that could not be used (a damaged notebook.json or
// journal, a backup that no longer reads), kept before anything replaces them. Never changes a
// byte of what it keeps, and never deletes anything.
import fs from 'node:fs';
import path from 'node:path';
import { NotebookError } from '../../common/errors.js';
import { fsyncDirSync, reasonOf, writeFileDurableSync } from './files.js';

export const QUARANTINE_DIR = 'quarantine';

function stamp(): string {
  return new Date().toISOString().replace(/[:.]/g, '-');
}

/**
 * Keeps bytes as quarantine/<base>-<stamp><ext> (durably) and returns its path; when an identical
 * copy is already there (the same damage found on an earlier open), returns that one. Throws
 * 'io' when the copy cannot be made: then nothing may replace the original.
 */
export function quarantineCopy(dir: string, base: string, ext: string, bytes: Uint8Array): string {
  const folder = path.join(dir, QUARANTINE_DIR);
  try {
    if (fs.existsSync(folder)) {
      for (const name of fs.readdirSync(folder).sort()) {
        if (!name.startsWith(`${base}-`) || !name.endsWith(ext)) continue;
        const file = path.join(folder, name);
        if (fs.statSync(file).size === bytes.length && Buffer.from(bytes).equals(fs.readFileSync(file))) return file;
      }
    } else {
      fs.mkdirSync(folder);
      fsyncDirSync(dir);
    }
    const file = uniqueName(folder, base, ext);
    writeFileDurableSync(file, bytes);
    if (!Buffer.from(bytes).equals(fs.readFileSync(file))) throw new Error('the copy did not read back byte for byte');
    return file;
  } catch (e) {
    throw new NotebookError('io', `a copy of the damaged ${base}${ext} could not be kept in ${folder} (${reasonOf(e)}); nothing was changed`);
  }
}

/** Moves a file into quarantine/ as it is (a rename: its bytes never move); returns the new path, or null when that failed. */
export function quarantineMove(dir: string, file: string): string | null {
  const folder = path.join(dir, QUARANTINE_DIR);
  try {
    fs.mkdirSync(folder, { recursive: true });
    const ext = path.extname(file);
    const target = uniqueName(folder, path.basename(file, ext), ext);
    fs.renameSync(file, target);
    fsyncDirSync(folder);
    fsyncDirSync(path.dirname(file));
    return target;
  } catch {
    return null;
  }
}

function uniqueName(folder: string, base: string, ext: string): string {
  const at = stamp();
  for (let i = 0; ; i++) {
    const file = path.join(folder, `${base}-${at}${i ? `-${i}` : ''}${ext}`);
    if (!fs.existsSync(file)) return file;
  }
}
