// How Corroborate is launched: command-line flags, where the default notebook lives, whether the
// Electron binary is installed, and the small settings file. Never imports electron (its index.js
// downloads the binary when it is missing), so plain Node can run all of it.
import fs from 'node:fs';
import path from 'node:path';

export interface LaunchArgs {
  /** --notebook DIR: the notebook folder to open, as given (resolve it against the cwd). */
  notebook?: string;
  /** --browser: serve the app over HTTP on 127.0.0.1 even where Electron is installed. */
  browser: boolean;
  /** --port N: the browser host's port; 0 picks any free port. */
  port: number;
  /** --config-dir DIR: where the app remembers things between launches (recent notebooks), as given. */
  configDir?: string;
  /** --help */
  help: boolean;
}

export const USAGE = `Usage: npm start -- [--notebook DIR] [--browser] [--port N] [--config-dir DIR]
  --notebook DIR    open the notebook folder DIR, or make a new notebook there if DIR is missing or
                    empty (default: the notebook open last, else Default.corroborate in
                    Corroborate's data folder)
  --browser         serve the app on http://127.0.0.1 for a web browser instead of opening a window
  --port N          the port of the browser host (default 0: any free port)
  --config-dir DIR  where the app keeps its recent notebooks (default: CORROBORATE_CONFIG_DIR, else
                    Corroborate in the system's config folder)`;

export class LaunchArgsError extends Error {
  override readonly name = 'LaunchArgsError';
}

export interface ParseOptions {
  /**
   * Skip flags this app does not know instead of refusing them. The Electron main process needs
   * this: Chromium and the OS add their own switches (--no-sandbox, -psn_0_123 on macOS).
   */
  lenient?: boolean;
}

/** Reads the flags above. "--flag value" and "--flag=value" both work; a bad flag says what was expected. */
export function parseLaunchArgs(argv: readonly string[], options: ParseOptions = {}): LaunchArgs {
  const args: LaunchArgs = { browser: false, port: 0, help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq >= 0 ? arg.slice(0, eq) : arg;
    const inline = eq >= 0 ? arg.slice(eq + 1) : undefined;
    const value = (): string => {
      if (inline !== undefined) return inline;
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) throw new LaunchArgsError(`${name} needs a value`);
      i++;
      return next;
    };
    switch (name) {
      case '--notebook': {
        const dir = value();
        if (!dir.trim()) throw new LaunchArgsError('--notebook needs a folder path, not an empty string');
        if (dir.includes('\0')) throw new LaunchArgsError('--notebook: a folder path cannot contain a NUL character');
        args.notebook = dir;
        break;
      }
      case '--config-dir': {
        const dir = value();
        if (!dir.trim()) throw new LaunchArgsError('--config-dir needs a folder path, not an empty string');
        if (dir.includes('\0')) throw new LaunchArgsError('--config-dir: a folder path cannot contain a NUL character');
        args.configDir = dir;
        break;
      }
      case '--port': {
        const raw = value();
        const port = /^\d{1,5}$/.test(raw) ? Number(raw) : NaN;
        if (!(port >= 0 && port <= 65535)) throw new LaunchArgsError(`--port must be a whole number from 0 to 65535, not "${raw}"`);
        args.port = port;
        break;
      }
      case '--browser':
        if (inline !== undefined) throw new LaunchArgsError('--browser takes no value');
        args.browser = true;
        break;
      case '--help':
      case '-h':
        args.help = true;
        break;
      default:
        if (options.lenient) break;
        throw new LaunchArgsError(`unknown option "${arg}" (known: --notebook DIR, --browser, --port N, --config-dir DIR, --help)`);
    }
  }
  return args;
}

/**
 * The folder that holds Corroborate's data for this user, by each platform's convention: the XDG
 * data directory on Linux and other Unixes, Application Support on macOS, roaming AppData on
 * Windows. Both hosts use it, so Electron and the browser host open the same default notebook.
 */
export function appDataDir(platform: NodeJS.Platform, env: Readonly<Record<string, string | undefined>>, homedir: string): string {
  if (platform === 'win32') {
    const appData = env.APPDATA && path.win32.isAbsolute(env.APPDATA) ? env.APPDATA : path.win32.join(homedir, 'AppData', 'Roaming');
    return path.win32.join(appData, 'Corroborate');
  }
  if (platform === 'darwin') return path.posix.join(homedir, 'Library', 'Application Support', 'Corroborate');
  // The XDG spec says a relative $XDG_DATA_HOME is invalid and must be ignored.
  const xdg = env.XDG_DATA_HOME && path.posix.isAbsolute(env.XDG_DATA_HOME) ? env.XDG_DATA_HOME : path.posix.join(homedir, '.local', 'share');
  return path.posix.join(xdg, 'Corroborate');
}

/** The notebook opened when none is named: Default.corroborate in the app data folder. */
export function defaultNotebookDir(platform: NodeJS.Platform, env: Readonly<Record<string, string | undefined>>, homedir: string): string {
  const dir = appDataDir(platform, env, homedir);
  return (platform === 'win32' ? path.win32 : path.posix).join(dir, 'Default.corroborate');
}

export type ElectronBinary = { path: string } | { missing: string };

/**
 * Where electron's own installer put the binary, found the way its index.js finds it but without
 * requiring it (that would start a download): node_modules/electron/path.txt names the executable
 * inside dist/, or inside $ELECTRON_OVERRIDE_DIST_PATH when set.
 */
export function findElectronBinary(electronPackageDir: string, env: Readonly<Record<string, string | undefined>>): ElectronBinary {
  if (!fs.existsSync(path.join(electronPackageDir, 'package.json'))) {
    return { missing: `${electronPackageDir} is missing: the electron package is not installed` };
  }
  let relative: string | null = null;
  try {
    relative = fs.readFileSync(path.join(electronPackageDir, 'path.txt'), 'utf8').trim();
  } catch {
    relative = null;
  }
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const binary = path.join(override, relative || 'electron');
    return fs.existsSync(binary) ? { path: binary } : { missing: `ELECTRON_OVERRIDE_DIST_PATH is set, but ${binary} does not exist` };
  }
  const unreachable = "Electron's binary is downloaded from GitHub on first run, and this machine cannot reach it";
  if (!relative) return { missing: `node_modules/electron/path.txt is missing: ${unreachable}` };
  const distDir = path.join(electronPackageDir, 'dist');
  if (!fs.existsSync(distDir)) return { missing: `node_modules/electron/dist is missing: ${unreachable}` };
  const binary = path.join(distDir, relative);
  if (!fs.existsSync(binary)) return { missing: `${binary} is missing: ${unreachable}` };
  return { path: binary };
}

/** What the app remembers between launches, kept in <app data>/settings.json. */
export interface Settings {
  /** The notebook folder opened last, reopened when no --notebook is given. */
  lastNotebook?: string;
}

/** The settings, or none when the file is missing or unreadable: a lost preference is no reason to fail a launch. */
export function readSettings(dataDir: string): Settings {
  try {
    const raw: unknown = JSON.parse(fs.readFileSync(path.join(dataDir, 'settings.json'), 'utf8'));
    if (typeof raw !== 'object' || raw === null) return {};
    const lastNotebook = (raw as Record<string, unknown>).lastNotebook;
    return typeof lastNotebook === 'string' && path.isAbsolute(lastNotebook) ? { lastNotebook } : {};
  } catch {
    return {};
  }
}
