// Runs `npm start`'s program (electron/start.ts) as a child process for the start tests: compiled
// into .tmp/ with the worker threads it starts (dist/ belongs to `npm run build`), launched with a
// config folder of its own, never the real ~/.config.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../../..');

/** What start.ts loads, and the workers it starts by file (they are no import of it, so tsc would not follow them). */
const ENTRIES = ['electron/start.ts', 'notebook/node/service-worker.ts', 'notebook/node/import/worker.ts', 'notebook/node/store/compact-worker.ts'];

export interface StartBuild {
  /** The compiled electron/start.js. */
  startJs: string;
  remove(): void;
}

/** Compiles start.ts and its workers into a fresh folder under .tmp/ (about half a minute: call it in beforeAll). */
export function buildStart(name: string): StartBuild {
  fs.mkdirSync(path.join(root, '.tmp'), { recursive: true });
  const build = fs.mkdtempSync(path.join(root, '.tmp', `${name}-`));
  const tsc = spawnSync(
    process.execPath,
    [
      path.join(root, 'node_modules/typescript/bin/tsc'),
      ...['--outDir', build, '--rootDir', root, '--module', 'NodeNext', '--moduleResolution', 'NodeNext', '--target', 'ES2022', '--strict', '--skipLibCheck', '--types', 'node'],
      ...ENTRIES.map((entry) => path.join(root, entry)),
    ],
    { cwd: root, encoding: 'utf8' },
  );
  const startJs = path.join(build, 'electron', 'start.js');
  for (const entry of ENTRIES) {
    const compiled = path.join(build, entry.replace(/\.ts$/, '.js'));
    if (!fs.existsSync(compiled)) throw new Error(`could not compile ${entry}:\n${tsc.stdout}${tsc.stderr}`);
  }
  return { startJs, remove: () => fs.rmSync(build, { recursive: true, force: true }) };
}

/** The line the browser host prints, with its address and token. */
export const URL_LINE = /^Corroborate is running at (http:\/\/127\.0\.0\.1:\d+\/#token=([A-Za-z0-9_-]+))$/m;

export interface LaunchOptions {
  cwd: string;
  /** Added to this process's environment. */
  env?: Record<string, string>;
  /**
   * The folder the launch remembers its notebooks in (as CORROBORATE_CONFIG_DIR). Leave it out only
   * where the test itself decides (--config-dir, or a HOME of its own), never the real one.
   */
  configDir?: string;
  /** SIGTERM as soon as the address is printed, as Ctrl+C would: the launch then ends. */
  stopWhenRunning?: boolean;
}

export interface Running {
  child: ChildProcess;
  url: string;
  origin: string;
  token: string;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

export type Ended = { ended: true; code: number | null; stdout: string; stderr: string };

/** Starts start.js with args and waits for its address line (Running), or for it to end (Ended). */
export function launch(startJs: string, args: string[], options: LaunchOptions): Promise<Running | Ended> {
  const env = { ...process.env, ...options.env, ...(options.configDir !== undefined ? { CORROBORATE_CONFIG_DIR: options.configDir } : {}) };
  const child = spawn(process.execPath, [startJs, ...args], { cwd: options.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve) => {
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      const m = URL_LINE.exec(stdout);
      if (!m) return;
      if (options.stopWhenRunning) {
        child.kill('SIGTERM');
        return;
      }
      const url = m[1] as string;
      resolve({ child, url, origin: new URL(url).origin, token: m[2] as string, stdout: () => stdout, stderr: () => stderr, exited });
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    void exited.then((code) => resolve({ ended: true, code, stdout, stderr }));
  });
}
