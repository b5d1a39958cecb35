// The app as the bench measures it: the browser host (built dist/, or CORROBORATE_DIST) on a notebook
// folder and Chromium (playwright-core) showing its page; the host's API called from here; the
// resident memory of processes read from /proc. Never points a host at a notebook it did not make.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { Recorder, REPO_ROOT } from './results.js';

/**
 * The built app: REPO_ROOT/dist (`npm run bench` builds it first), or another build named by
 * CORROBORATE_DIST. The host serves the page from dist/renderer beside the package.json above its
 * own file (electron/start.ts), so another build is a folder holding package.json and dist/.
 */
export const DIST = process.env.CORROBORATE_DIST ? path.resolve(process.env.CORROBORATE_DIST) : path.join(REPO_ROOT, 'dist');
const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
/** The flags the e2e suite runs Chromium with: nothing in the background competes with the page. */
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--disable-gpu'];
export const VIEWPORT = { width: 1280, height: 800 } as const;
const URL_LINE = /http:\/\/127\.0\.0\.1:\d+\/#token=([A-Za-z0-9_-]+)/;

/**
 * What the app benches need, or an error saying what is missing: a bench that cannot measure
 * must fail, never pass by measuring nothing.
 */
export function checkAppPrerequisites(): { chromium: string } {
  const start = path.join(DIST, 'electron', 'start.js');
  const page = path.join(DIST, 'renderer', 'index.html');
  for (const file of [start, page]) {
    if (!fs.existsSync(file)) throw new Error(`The app bench needs the built app, and ${file} is missing: run "npm run build" (npm run bench does), or point CORROBORATE_DIST at a build.`);
  }
  const fromEnv = process.env.CORROBORATE_CHROMIUM;
  if (fromEnv && !fs.existsSync(fromEnv)) throw new Error(`CORROBORATE_CHROMIUM is ${fromEnv}, which does not exist: the app bench needs Chromium to measure the page.`);
  const found = fromEnv ?? CHROMIUM_CANDIDATES.find((c) => fs.existsSync(c));
  if (!found) throw new Error(`The app bench needs Chromium and found none (looked for ${CHROMIUM_CANDIDATES.join(', ')}): install it (apt-get install chromium) or set CORROBORATE_CHROMIUM.`);
  return { chromium: found };
}

/**
 * What this process started and has not stopped yet: a bench that fails or times out half way
 * stops them in its afterAll (stopEverything), and a host still running when the process exits
 * is killed, so no host or browser outlives its bench.
 */
const live = new Set<{ stop(): Promise<void> }>();
const liveChildren = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of liveChildren) child.kill('SIGKILL');
});

/** Stops every host and browser still running, newest first; the first failure is thrown after all were tried. */
export async function stopEverything(): Promise<void> {
  let failure: unknown = null;
  for (const item of [...live].reverse()) {
    try {
      await item.stop();
    } catch (e) {
      failure ??= e;
    }
  }
  // A host that never printed its address is in no list but this one.
  for (const child of liveChildren) child.kill('SIGKILL');
  if (failure) throw failure;
}

/**
 * What every app bench file starts with: its Recorder, a temp folder to work in, the prerequisites
 * checked before anything (no Chromium or no build fails, saying which, rather than record nothing),
 * and at the end its figures saved, every host and browser stopped and the folder removed.
 */
export function appBench(program: string): { recorder: Recorder; work: string } {
  const recorder = new Recorder(program);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), `corroborate-bench-${program}-`));
  beforeAll(() => {
    checkAppPrerequisites();
  });
  afterAll(async () => {
    recorder.save();
    try {
      await stopEverything();
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
  });
  return { recorder, work };
}

export async function launchChromium(): Promise<Browser> {
  const { chromium: executablePath } = checkAppPrerequisites();
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  const entry = {
    stop: async () => {
      live.delete(entry);
      await browser.close();
    },
  };
  live.add(entry);
  browser.on('disconnected', () => live.delete(entry));
  return browser;
}

/** The browser host on one notebook folder, with its address and token. */
export interface Host {
  readonly pid: number;
  readonly origin: string;
  readonly url: string;
  /** Calls the API as the page does (POST /api/<method> with the token); throws with the host's message on failure. */
  call<T = unknown>(method: string, input?: unknown): Promise<T>;
  /** SIGTERM: the host compacts and releases the lock, and must exit 0. */
  stop(): Promise<void>;
  /** The host's last output, for error messages. */
  log(): string;
  /**
   * With `watchLoop`: each time the main thread's 10 ms timer fired over 20 ms late, and V8's
   * collections of its heap over 10 ms, between two Date.now() instants, and how many seconds the
   * watch was alive then (see loop-probe.mjs).
   */
  loopDelays(from: number, to: number): LoopWatch;
}

/** One time the host main thread's 10 ms timer fired over 20 ms late: by how much, and (Linux) how much of that the thread ran and how long it waited for a core. */
export interface LateTimer {
  late: number;
  ran: number | null;
  waited: number | null;
}

export interface LoopWatch {
  late: LateTimer[];
  gc: number[];
  seconds: number;
}

export interface HostOptions {
  startTimeoutMs?: number;
  /** Watch the host's main thread from inside its process (loop-probe.mjs), for loopDelays. */
  watchLoop?: boolean;
}

export async function startHost(notebookDir: string, options: HostOptions = {}): Promise<Host> {
  checkAppPrerequisites();
  const configDir = fs.mkdtempSync(path.join(os.tmpdir(), 'corroborate-bench-config-'));
  const loopLog = path.join(configDir, 'loop.log');
  const watch = options.watchLoop
    ? { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import=${pathToFileURL(path.join(REPO_ROOT, 'tests', 'bench', 'loop-probe.mjs')).href}`.trim(), CORROBORATE_BENCH_LOOP_LOG: loopLog }
    : {};
  const child: ChildProcess = spawn(process.execPath, [path.join(DIST, 'electron', 'start.js'), '--browser', '--notebook', notebookDir, '--port', '0'], {
    cwd: REPO_ROOT,
    // What the host remembers (recent notebooks) stays in a temp folder, never the real ~/.config.
    env: { ...process.env, CORROBORATE_CONFIG_DIR: configDir, ...watch },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  liveChildren.add(child);
  child.once('exit', () => liveChildren.delete(child));
  let output = '';
  const add = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-20_000);
  };
  child.stdout!.on('data', add);
  child.stderr!.on('data', add);
  const timeoutMs = options.startTimeoutMs ?? 120_000;
  const match = await new Promise<RegExpExecArray>((resolve, reject) => {
    const fail = (why: string) => {
      clearInterval(poll);
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`The browser host ${why}. Its output:\n${output || '(nothing)'}`));
    };
    const poll = setInterval(() => {
      const m = URL_LINE.exec(output);
      if (m) {
        clearInterval(poll);
        clearTimeout(timer);
        resolve(m);
      }
    }, 10);
    const timer = setTimeout(() => fail(`printed no address within ${timeoutMs / 1000} s`), timeoutMs);
    child.once('exit', (code, signal) => fail(`exited (${signal ?? `code ${code}`}) before printing its address`));
  });
  const url = match[0];
  const token = match[1]!;
  const origin = new URL(url).origin;
  let stopped = false;
  const host: Host = {
    pid: child.pid!,
    origin,
    url,
    async call<T>(method: string, input: unknown = {}): Promise<T> {
      const response = await fetch(`${origin}/api/${method}`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Corroborate-Token': token }, body: JSON.stringify(input) });
      const outcome = (await response.json()) as { ok: boolean; result?: T; error?: { code: string; message: string } };
      if (!outcome.ok) throw new Error(`${method}: ${outcome.error?.code}: ${outcome.error?.message}`);
      return outcome.result as T;
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      live.delete(host);
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
        const code = await exited;
        clearTimeout(timer);
        if (code !== 0) throw new Error(`The browser host exited with code ${code} on SIGTERM instead of 0. Its output:\n${output}`);
      }
      fs.rmSync(configDir, { recursive: true, force: true });
      if (fs.existsSync(path.join(notebookDir, 'lock'))) throw new Error(`The browser host left ${path.join(notebookDir, 'lock')} behind. Its output:\n${output}`);
    },
    log: () => output,
    loopDelays(from, to) {
      if (!options.watchLoop) throw new Error('loopDelays needs a host started with watchLoop');
      const late: LateTimer[] = [];
      const gc: number[] = [];
      let seconds = 0;
      const lines = fs.existsSync(loopLog) ? fs.readFileSync(loopLog, 'utf8').split('\n') : [];
      for (const line of lines) {
        const [pid, at, what, ms, , ran, , waited] = line.split(' ');
        if (Number(pid) !== child.pid || Number(at) < from || Number(at) > to) continue;
        if (what === 'beat') seconds++;
        else if (what === 'late') late.push({ late: Number(ms), ran: ran === undefined ? null : Number(ran), waited: waited === undefined ? null : Number(waited) });
        else if (what === 'gc') gc.push(Number(ms));
      }
      return { late, gc, seconds };
    },
  };
  live.add(host);
  return host;
}

/** The host and a page showing it in Chromium, the notebook loaded. */
export interface RunningApp {
  readonly host: Host;
  readonly browser: Browser;
  readonly page: Page;
  /** Uncaught exceptions in the page: a bench of a broken page measures nothing. */
  readonly pageErrors: string[];
  stop(): Promise<void>;
}

export async function startApp(notebookDir: string, options: { loadTimeoutMs?: number; onHost?: (host: Host) => void; watchLoop?: boolean } = {}): Promise<RunningApp> {
  const host = await startHost(notebookDir, { watchLoop: options.watchLoop });
  options.onHost?.(host);
  let browser: Browser | null = null;
  try {
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: VIEWPORT });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.stack ?? e.message));
    await page.goto(host.url);
    await waitUntilLoaded(page, options.loadTimeoutMs);
    const b = browser;
    return {
      host,
      browser: b,
      page,
      pageErrors,
      async stop() {
        await b.close();
        await host.stop();
      },
    };
  } catch (e) {
    await browser?.close();
    await host.stop().catch(() => undefined);
    throw e;
  }
}

/*
 * Waiting by CSS selectors, not Playwright's role queries: a role query computes the role of every
 * element, and with a large notebook's Library (50,000 rows) each try takes seconds of the page's
 * main thread, delaying the very thing waited for.
 */

/** The notebook is on screen: the Library (with its Add source button) is rendered once it has loaded. */
export async function waitUntilLoaded(page: Page, timeoutMs = 120_000): Promise<void> {
  await page.waitForFunction(() => [...document.querySelectorAll('aside[aria-label="Library"] button')].some((b) => b.textContent?.includes('Add source')), null, { timeout: timeoutMs, polling: 100 });
}

/** The Library lists the notebook's sources (at least one row in its list "Sources"). */
export async function waitUntilSourcesListed(page: Page, timeoutMs = 120_000): Promise<void> {
  await page.waitForFunction(() => document.querySelector('aside[aria-label="Library"] ul[aria-labelledby$="-sources"] li') !== null, null, { timeout: timeoutMs, polling: 100 });
}

// ── Processes and their memory ─────────────────────────────────────────────────────────────────

/** Resident memory of a process in MB (VmRSS: every thread of it, workers included), or null when it is gone. */
export function residentMb(pid: number): number | null {
  try {
    const match = /^VmRSS:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}

function parentOf(pid: number): number | null {
  try {
    // The command name (field 2) is in parentheses and may hold spaces; the parent is the 2nd field after it.
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return null;
  }
}

function commandLine(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return '';
  }
}

/** Every process below `root` (children, grandchildren, …), with its command line. */
export function descendants(root: number): { pid: number; cmdline: string }[] {
  const parent = new Map<number, number>();
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const ppid = parentOf(Number(name));
    if (ppid !== null) parent.set(Number(name), ppid);
  }
  const below = (pid: number): boolean => {
    for (let p = parent.get(pid), hops = 0; p !== undefined && hops < 64; p = parent.get(p), hops++) if (p === root) return true;
    return false;
  };
  return [...parent.keys()].filter(below).map((pid) => ({ pid, cmdline: commandLine(pid) }));
}

/**
 * Chromium's processes started from this bench process, by their --type (the browser process has
 * none); `webui` marks the renderer of the browser's own user interface, which headless Chromium
 * runs too and which is no page's.
 */
export function chromiumProcesses(): { pid: number; type: string; webui: boolean; rssMb: number }[] {
  return descendants(process.pid)
    .filter((p) => /chrom/i.test(p.cmdline.split(' ')[0] ?? ''))
    .map((p) => ({ pid: p.pid, type: /--type=([a-z-]+)/.exec(p.cmdline)?.[1] ?? 'browser', webui: p.cmdline.includes('--top-chrome-webui'), rssMb: residentMb(p.pid) ?? 0 }));
}

/**
 * The renderer of the app's page, with one page open: of the renderers that are not the browser's
 * own UI, the largest. Chromium also keeps a spare renderer ready for the next navigation (some
 * 70 MB, holding no page), and nothing from outside names which process a page runs in; the app's
 * page holds more than that even with an empty notebook. The others come back for the record.
 */
export function pageRenderer(): { pid: number; rssMb: number; others: { pid: number; rssMb: number; webui: boolean }[] } | null {
  const renderers = chromiumProcesses().filter((p) => p.type === 'renderer');
  const page = renderers.filter((p) => !p.webui).sort((a, b) => b.rssMb - a.rssMb)[0];
  if (!page) return null;
  return { pid: page.pid, rssMb: page.rssMb, others: renderers.filter((p) => p !== page).map(({ pid, rssMb, webui }) => ({ pid, rssMb, webui })) };
}

// ── The host's responsiveness ──────────────────────────────────────────────────────────────────

/**
 * Asks the host importFormats (answered by the notebook's worker, as an edit is) every `everyMs`
 * from a worker thread of its own (so this process's own work, driving Chromium, never delays a
 * request or its timing) until stopped; each latency is request sent → answer read. The host's
 * main thread is watched from inside its process instead (watchLoop): a probe from here timed this
 * process as much as the host.
 */
export function probeNotebookWorker(host: Host, everyMs: number): { stop(): Promise<number[]> } {
  const method = 'importFormats';
  const token = URL_LINE.exec(host.url)![1]!;
  const code = `
    const { parentPort, workerData } = require('node:worker_threads');
    const { origin, token, everyMs, method } = workerData;
    const latencies = [];
    let running = true;
    parentPort.on('message', () => { running = false; });
    (async () => {
      while (running) {
        const start = performance.now();
        const response = await fetch(origin + '/api/' + method, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Corroborate-Token': token }, body: '{}' });
        const outcome = await response.json();
        const took = performance.now() - start;
        if (!outcome.ok) throw new Error(method + ' failed: ' + JSON.stringify(outcome.error));
        latencies.push(took);
        await new Promise((r) => setTimeout(r, Math.max(0, everyMs - took)));
      }
      parentPort.postMessage(latencies);
    })().catch((e) => { parentPort.postMessage({ error: String(e && e.stack || e) }); });
  `;
  const worker = new Worker(code, { eval: true, workerData: { origin: host.origin, token, everyMs, method } });
  const done = new Promise<number[]>((resolve, reject) => {
    worker.once('message', (m: number[] | { error: string }) => (Array.isArray(m) ? resolve(m) : reject(new Error(`the ${method} probe failed: ${m.error}`))));
    worker.once('error', reject);
  });
  return {
    async stop() {
      worker.postMessage('stop');
      const latencies = await done;
      await worker.terminate();
      return latencies;
    },
  };
}

// ── Timing a click in the page ─────────────────────────────────────────────────────────────────

/**
 * Runs in the page: from the next click reaching it (a capture listener on window) until `done(arg)`
 * holds in an animation frame, then to the frame after (a message posted from the next animation
 * frame runs after that frame's rendering steps). Self-contained: it is sent as source text.
 */
function armInPage(done: (arg: unknown) => boolean, arg: unknown, what: string): void {
  const w = window as unknown as { clickTimed?: Promise<number> };
  w.clickTimed = new Promise<number>((resolve, reject) => {
    let clicked: number | null = null;
    const frame = () => {
      if (clicked !== null && done(arg)) {
        requestAnimationFrame(() => {
          const channel = new MessageChannel();
          channel.port1.onmessage = () => resolve(performance.now() - clicked!);
          channel.port2.postMessage(null);
        });
        return;
      }
      requestAnimationFrame(frame);
    };
    window.addEventListener(
      'click',
      () => {
        clicked = performance.now();
        requestAnimationFrame(frame);
      },
      { capture: true, once: true },
    );
    setTimeout(() => reject(new Error(`${what} within 120 s of the click`)), 120_000);
  });
}

/**
 * Arms the page to time its next click until `done(arg)` is true on screen (see armInPage); `what`
 * names the wait in the error when it never is. `done` runs in the page: it may use only its argument.
 * Then click, and await clickTimed(page).
 */
export async function armClickTimer<A>(page: Page, done: (arg: A) => boolean, arg: A, what: string): Promise<void> {
  await page.evaluate(`(${armInPage.toString()})(${done.toString()}, ${JSON.stringify(arg)}, ${JSON.stringify(what)})`);
}

/** Milliseconds from the armed click to its result on screen. */
export function clickTimed(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { clickTimed: Promise<number> }).clickTimed);
}
