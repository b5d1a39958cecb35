// The e2e fixture (after Joplin's integration tests): each test gets a fresh notebook folder in a
// temp dir and the app running on it, in the browser host (Chromium) or in Electron, and can
// restart the app on the same folder. Never points a host at a real notebook of the analyst's.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test as base, expect, _electron, type Browser, type BrowserContext, type ElectronApplication, type Page } from '@playwright/test';

export { expect };

export type HostKind = 'browser' | 'electron';

export interface App {
  /** Which host serves the page. */
  readonly host: HostKind;
  /** The page of the running app; replaced by restart(). */
  readonly page: Page;
  /** The notebook folder (absolute). */
  readonly notebookDir: string;
  /** The test's own folder, which holds the notebook folder (other notebooks a test makes belong here too). */
  readonly tempDir: string;
  /** What the host remembers between launches (recent notebooks): inside tempDir, never the real config folder. */
  readonly configDir: string;
  /** Stops the host cleanly (the notebook is compacted, its lock released) and starts it again on the same folder. */
  restart(): Promise<Page>;
  /**
   * Writes a file the analyst will import into a folder beside the notebook (removed with it) and
   * returns its absolute path.
   */
  writeFile(name: string, bytes: Uint8Array | string): string;
}

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The built app the specs run: ROOT/dist, or another build (CORROBORATE_DIST) while one is being made beside it. */
const DIST = process.env.CORROBORATE_DIST ? path.resolve(process.env.CORROBORATE_DIST) : path.join(ROOT, 'dist');
export const VIEWPORT = { width: 1280, height: 800 } as const;

/** The line the browser host prints with its page's address (see the HTTP transport contract). */
const URL_LINE = /http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]+/;
const START_TIMEOUT_MS = 15_000;
const STOP_TIMEOUT_MS = 10_000;

/** A running host and the page showing it. */
interface Running {
  page: Page;
  stop(): Promise<void>;
}

/** The last lines a host wrote, kept for error messages and the failure report. */
class HostLog {
  private text = '';
  add(chunk: string): void {
    this.text = (this.text + chunk).slice(-20_000);
  }
  toString(): string {
    return this.text.trim() || '(nothing)';
  }
}

function waitForExit(child: ChildProcess, log: HostLog, what: string): Promise<number | null> {
  return new Promise((resolve, reject) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      resolve(child.exitCode);
      return;
    }
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${what} did not exit within ${STOP_TIMEOUT_MS / 1000} s of SIGTERM. Its output:\n${log}`));
    }, STOP_TIMEOUT_MS);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

function assertLockReleased(notebookDir: string, log: HostLog, what: string): void {
  if (fs.existsSync(path.join(notebookDir, 'lock'))) {
    throw new Error(`${what} exited but left ${path.join(notebookDir, 'lock')} behind: the notebook was not closed cleanly. Its output:\n${log}`);
  }
}

/** `node dist/electron/start.js --browser --notebook DIR --port 0`, then the page it names, in Chromium. */
async function startBrowserHost(browser: Browser, notebookDir: string, configDir: string, log: HostLog): Promise<Running> {
  const child = spawn(process.execPath, [path.join(DIST, 'electron', 'start.js'), '--browser', '--notebook', notebookDir, '--port', '0'], {
    cwd: ROOT,
    // What the host remembers (recent notebooks) goes into the test's folder, never the real ~/.config.
    env: { ...process.env, CORROBORATE_CONFIG_DIR: configDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => log.add(chunk));

  const url = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    const fail = (why: string) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`The browser host ${why}. Its output:\n${log}`));
    };
    const timer = setTimeout(() => fail(`printed no "Corroborate is running at http://127.0.0.1:PORT/#token=…" line within ${START_TIMEOUT_MS / 1000} s`), START_TIMEOUT_MS);
    child.stdout.on('data', (chunk: string) => {
      log.add(chunk);
      stdout += chunk;
      const match = URL_LINE.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve(match[0]);
      }
    });
    child.once('exit', (code, signal) => fail(`exited (${signal ?? `code ${code}`}) before printing its address`));
    child.once('error', (e) => fail(`could not be started: ${e.message}`));
  });

  let context: BrowserContext | null = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  await page.goto(url);
  return {
    page,
    stop: async () => {
      await context?.close();
      context = null;
      child.kill('SIGTERM');
      const code = await waitForExit(child, log, 'The browser host');
      if (code !== 0) throw new Error(`The browser host exited with code ${code} on SIGTERM instead of 0. Its output:\n${log}`);
      assertLockReleased(notebookDir, log, 'The browser host');
    },
  };
}

/**
 * Electron with dist/electron/main.js on the notebook, through Playwright's _electron: the page is
 * the app's window. What Playwright cannot drive is kept inside the page, as on the browser host:
 * the folder dialog (CORROBORATE_FOLDER_DIALOG=page) and the save dialog of downloads (saved into
 * `downloadsDir` instead).
 */
async function startElectronHost(executablePath: string, notebookDir: string, configDir: string, downloadsDir: string, log: HostLog): Promise<Running> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined && key !== 'ELECTRON_RUN_AS_NODE') env[key] = value;
  // Electron's userData (recent notebooks, the window's place, Chromium's profile) in the test's folder.
  env.CORROBORATE_CONFIG_DIR = configDir;
  // Open and New notebook ask for the folder in the page, where a spec can type it, not in a native dialog.
  env.CORROBORATE_FOLDER_DIALOG = 'page';
  // Chromium refuses to run its sandbox as root (CI containers); everywhere else it stays on.
  const sandbox = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
  let app: ElectronApplication | null = await _electron.launch({
    executablePath,
    args: [...sandbox, path.join(DIST, 'electron', 'main.js'), '--notebook', notebookDir],
    cwd: ROOT,
    env,
    timeout: START_TIMEOUT_MS,
  });
  app.process().stdout?.on('data', (chunk: Buffer) => log.add(chunk.toString('utf8')));
  app.process().stderr?.on('data', (chunk: Buffer) => log.add(chunk.toString('utf8')));
  // A download would otherwise ask where to save it in a native dialog.
  fs.mkdirSync(downloadsDir, { recursive: true });
  await app.evaluate(
    ({ session }, { dir, sep }) => {
      session.defaultSession.on('will-download', (_event, item) => item.setSavePath(`${dir}${sep}${item.getFilename()}`));
    },
    { dir: downloadsDir, sep: path.sep },
  );
  const page = await app.firstWindow();
  await page.waitForLoadState('domcontentloaded');
  return {
    page,
    stop: async () => {
      await app?.close();
      app = null;
      assertLockReleased(notebookDir, log, 'Electron');
    },
  };
}

interface WorkerFixtures {
  /** The project's host: set per project in playwright.config.ts. */
  host: HostKind;
  /** One Chromium per worker for the browser host; null under Electron. */
  chromium: Browser | null;
}

export const test = base.extend<{ app: App }, WorkerFixtures>({
  host: ['browser', { option: true, scope: 'worker' }],

  chromium: [
    async ({ playwright, launchOptions, host }, use) => {
      if (host !== 'browser') {
        await use(null);
        return;
      }
      const browser = await playwright.chromium.launch(launchOptions);
      await use(browser);
      await browser.close();
    },
    { scope: 'worker' },
  ],

  app: async ({ host, chromium }, use, testInfo) => {
    const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'corroborate-e2e-'));
    // A space in the name, as analysts' folder names have: paths must survive the command line and URLs.
    const notebookDir = path.join(tempDir, 'Korea arms research.corroborate');
    // The folder does not exist yet: the host makes the notebook, as `npm start -- --notebook DIR` does.
    // Files to import live beside it, as they would in the analyst's downloads folder.
    const filesDir = path.join(tempDir, 'Downloads');
    const configDir = path.join(tempDir, 'config');

    const log = new HostLog();
    const start = async (): Promise<Running> => {
      if (host === 'browser') {
        if (!chromium) throw new Error('the browser host needs Chromium, and none was launched');
        return startBrowserHost(chromium, notebookDir, configDir, log);
      }
      const electron = process.env.CORROBORATE_ELECTRON;
      if (!electron) throw new Error('the electron project needs CORROBORATE_ELECTRON (set by tests/e2e/run.js)');
      return startElectronHost(electron, notebookDir, configDir, filesDir, log);
    };

    // An uncaught exception in the page is a bug an analyst would hit; the test fails on it.
    const pageErrors: string[] = [];
    // What the page said on its console (React reports a render's failure there), shown with a failure.
    const consoleLines: string[] = [];
    const watch = (page: Page) => {
      page.on('pageerror', (e) => pageErrors.push(e.stack ?? e.message));
      page.on('console', (message) => {
        if (message.type() === 'error' || message.type() === 'warning') consoleLines.push(`${message.type()}: ${message.text()}`);
      });
    };

    let running: Running | null = await start();
    watch(running.page);
    const app: App = {
      host,
      notebookDir,
      tempDir,
      configDir,
      get page() {
        if (!running) throw new Error('the app is not running (a restart failed)');
        return running.page;
      },
      async restart() {
        const previous = running;
        running = null;
        await previous?.stop();
        running = await start();
        watch(running.page);
        return running.page;
      },
      writeFile(name, bytes) {
        const file = path.join(filesDir, name);
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, bytes);
        return file;
      },
    };

    // Playwright runs the rest even when the test failed: the host is stopped either way.
    await use(app);

    const last = running as Running | null;
    running = null;
    // A failure in CI is read from its log alone: run.js prints this beside Playwright's error
    // context (the page's accessibility tree at the failure).
    if (testInfo.status !== testInfo.expectedStatus) {
      fs.writeFileSync(testInfo.outputPath('page-console.txt'), consoleLines.join('\n') || '(the page wrote no errors or warnings)');
    }
    let stopError: unknown = null;
    try {
      await last?.stop();
    } catch (e) {
      stopError = e;
    }
    await testInfo.attach('host output', { body: log.toString(), contentType: 'text/plain' });
    if (testInfo.status === testInfo.expectedStatus && !stopError) fs.rmSync(tempDir, { recursive: true, force: true });
    else await testInfo.attach('notebook folder (kept)', { body: notebookDir, contentType: 'text/plain' });
    if (stopError) throw stopError;
    expect(pageErrors, 'uncaught exceptions in the page').toEqual([]);
  },
});
