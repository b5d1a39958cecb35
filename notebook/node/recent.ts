// The notebooks this machine opened, newest first, kept in <configDir>/recent-notebooks.json for
// File ▸ Open recent and for reopening the last notebook at launch. A damaged list file is set
// aside and replaced by an empty list: it never stops the app from starting, and never touches a notebook.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { RecentNotebook } from '../common/api.js';
import { NotebookError } from '../common/errors.js';
import { reasonOf, writeFileDurableSync } from './store/files.js';

/** How many notebooks the list keeps: enough for a menu, few enough to read at a glance. */
export const MAX_RECENT = 10;
export const RECENT_FILE = 'recent-notebooks.json';

const Entry = z.object({ path: z.string().min(1).max(4096), name: z.string().max(500), openedAt: z.string().max(40) });
const RecentFile = z.object({ version: z.literal(1), notebooks: z.array(Entry).max(1000) });
type Entry = z.infer<typeof Entry>;

/**
 * Where Corroborate keeps what it remembers between launches (not notebooks: those are the
 * analyst's data, in folders of their choosing). In order: the --config-dir flag, the environment
 * variable CORROBORATE_CONFIG_DIR (tests give every host its own), else the platform's config
 * folder: $XDG_CONFIG_HOME or ~/.config on Linux, %APPDATA% on Windows, ~/Library/Application
 * Support on macOS, each + /Corroborate. That is also where Electron keeps its userData, so both
 * hosts share one list.
 */
export function configDirFor(
  flag: string | undefined,
  platform: NodeJS.Platform,
  env: Readonly<Record<string, string | undefined>>,
  homedir: string,
): string {
  if (flag?.trim()) return path.resolve(flag);
  if (env.CORROBORATE_CONFIG_DIR?.trim()) return path.resolve(env.CORROBORATE_CONFIG_DIR);
  if (platform === 'win32') {
    const appData = env.APPDATA && path.win32.isAbsolute(env.APPDATA) ? env.APPDATA : path.win32.join(homedir, 'AppData', 'Roaming');
    return path.win32.join(appData, 'Corroborate');
  }
  if (platform === 'darwin') return path.posix.join(homedir, 'Library', 'Application Support', 'Corroborate');
  // The XDG spec says a relative $XDG_CONFIG_HOME is invalid and must be ignored.
  const xdg = env.XDG_CONFIG_HOME && path.posix.isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : path.posix.join(homedir, '.config');
  return path.posix.join(xdg, 'Corroborate');
}

/** The entries of a list file, or null when it is not one (not JSON, or not the shape we write). */
function parseList(text: string): Entry[] | null {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = RecentFile.safeParse(json);
  return parsed.success ? parsed.data.notebooks : null;
}

/** The folder still holds a notebook (a notebook.json); an unplugged drive or a moved folder does not. */
function isAvailable(dir: string): boolean {
  try {
    return fs.statSync(path.join(dir, 'notebook.json')).isFile();
  } catch {
    return false;
  }
}

/** Two spellings of one folder (a trailing slash, "..", a symlink) are one notebook. */
function identity(dir: string): string {
  const resolved = path.resolve(dir);
  try {
    return fs.realpathSync.native(resolved);
  } catch {
    return resolved;
  }
}

export class RecentNotebooks {
  readonly file: string;

  constructor(readonly configDir: string) {
    this.file = path.join(configDir, RECENT_FILE);
  }

  /** The list, newest first, each with whether its folder still holds a notebook. */
  list(): RecentNotebook[] {
    return this.read().map((e) => ({ ...e, available: isAvailable(e.path) }));
  }

  /** The newest notebook on the list that is still there, or null. */
  mostRecentAvailable(): RecentNotebook | null {
    return this.list().find((n) => n.available) ?? null;
  }

  /** Puts a notebook at the top (once, whatever spelling of its path), keeping the newest MAX_RECENT. Throws 'io' when the list cannot be written. */
  record(dir: string, name: string, openedAt: string = new Date().toISOString()): RecentNotebook[] {
    const resolved = path.resolve(dir);
    const id = identity(resolved);
    const rest = this.read().filter((e) => identity(e.path) !== id);
    this.write([{ path: resolved, name, openedAt }, ...rest].slice(0, MAX_RECENT));
    return this.list();
  }

  /** Gives a listed notebook its current name (renamed in its settings), where it stands in the list. Throws 'io' when the list cannot be written. */
  rename(dir: string, name: string): void {
    const id = identity(dir);
    const entries = this.read();
    const entry = entries.find((e) => identity(e.path) === id);
    if (!entry || entry.name === name) return;
    entry.name = name;
    this.write(entries);
  }

  /** Takes a notebook off the list; its folder is not touched. Throws 'io' when the list cannot be written. */
  forget(dir: string): RecentNotebook[] {
    const id = identity(dir);
    const entries = this.read();
    const rest = entries.filter((e) => identity(e.path) !== id);
    if (rest.length !== entries.length) this.write(rest);
    return this.list();
  }

  private read(): Entry[] {
    let text: string;
    try {
      text = fs.readFileSync(this.file, 'utf8');
    } catch {
      // Missing (the first launch) or unreadable: nothing remembered yet.
      return [];
    }
    const entries = parseList(text);
    if (!entries) {
      this.setAside();
      return [];
    }
    return entries.filter((e) => path.isAbsolute(e.path)).slice(0, MAX_RECENT);
  }

  /** Keeps a damaged list beside it (for whoever wants to look) so the next write starts afresh. */
  private setAside(): void {
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    try {
      fs.renameSync(this.file, path.join(this.configDir, `recent-notebooks.damaged-${stamp}.json`));
    } catch {
      // Cannot move it: the next successful write replaces it, which is all that matters.
    }
  }

  private write(entries: Entry[]): void {
    try {
      fs.mkdirSync(this.configDir, { recursive: true });
      writeFileDurableSync(this.file, `${JSON.stringify({ version: 1, notebooks: entries }, null, 2)}\n`);
    } catch (e) {
      throw new NotebookError('io', `the list of recent notebooks (${this.file}) could not be saved (${reasonOf(e)})`);
    }
  }
}
