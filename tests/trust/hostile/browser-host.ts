// Starts the built browser host (`node dist/electron/start.js --browser --notebook DIR --port 0`)
// as the analyst's `npm start -- --browser` does, and stops it with SIGTERM as Ctrl+C would.
// Never points it at a notebook outside the temp folder a program made.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { distDir, REPO_ROOT } from './dist.js';

/** The line the host prints (see the HTTP transport contract). */
const URL_LINE = /http:\/\/127\.0\.0\.1:(\d+)\/#token=([A-Za-z0-9_-]+)/;
const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 15_000;

export interface RunningHost {
  /** http://127.0.0.1:PORT/#token=TOKEN */
  url: string;
  /** http://127.0.0.1:PORT */
  origin: string;
  port: number;
  token: string;
  child: ChildProcess;
  /** What the host wrote so far (stderr and stdout), for failure messages. */
  log(): string;
  /** SIGTERM, then the exit code (the host compacts and releases the lock first). */
  stop(): Promise<number | null>;
}

export async function startBrowserHost(notebookDir: string): Promise<RunningHost> {
  const dist = distDir();
  const child = spawn(process.execPath, [path.join(dist, 'electron', 'start.js'), '--browser', '--notebook', notebookDir, '--port', '0'], {
    cwd: REPO_ROOT,
    // The host remembers the notebooks it opens: beside this one, never in the real ~/.config.
    env: { ...process.env, CORROBORATE_CONFIG_DIR: `${notebookDir}.config` },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => (output = (output + chunk).slice(-20_000)));

  const match = await new Promise<RegExpExecArray>((resolve, reject) => {
    const fail = (why: string): void => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`the browser host ${why}. Its output:\n${output}`));
    };
    const timer = setTimeout(() => fail(`printed no address within ${START_TIMEOUT_MS / 1000} s`), START_TIMEOUT_MS);
    child.stdout.on('data', (chunk: string) => {
      output = (output + chunk).slice(-20_000);
      const m = URL_LINE.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m);
      }
    });
    child.once('exit', (code, signal) => fail(`exited (${signal ?? `code ${code}`}) before printing its address`));
  });
  const port = Number(match[1]);
  return {
    url: match[0],
    origin: `http://127.0.0.1:${port}`,
    port,
    token: match[2]!,
    child,
    log: () => output,
    stop: () =>
      new Promise<number | null>((resolve, reject) => {
        if (child.exitCode !== null || child.signalCode !== null) {
          resolve(child.exitCode);
          return;
        }
        const timer = setTimeout(() => {
          child.kill('SIGKILL');
          reject(new Error(`the browser host did not exit within ${STOP_TIMEOUT_MS / 1000} s of SIGTERM. Its output:\n${output}`));
        }, STOP_TIMEOUT_MS);
        child.once('exit', (code) => {
          clearTimeout(timer);
          resolve(code);
        });
        child.kill('SIGTERM');
      }),
  };
}
