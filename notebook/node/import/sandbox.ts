// Runs extractFile on one file at a time in a worker thread with a memory bound and a time limit,
// so a damaged or hostile file cannot hang or crash the app or the command line. Never lets a
// reader's failure escape as anything but a NotebookError naming the file.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ERROR_CODES, NotebookError, type ErrorCode } from '../../common/errors.js';
import { ownedBytes } from '../service-worker-protocol.js';
import { DEFAULT_LIMITS, type ExtractedSource, type ExtractInput, type ExtractLimits } from './types.js';
import type { WorkerJob, WorkerReply } from './worker.js';

export interface SandboxOptions {
  /** Default DEFAULT_LIMITS. */
  limits?: ExtractLimits;
  /** How long one file may take, worker start-up included. Default 60 s. */
  timeoutMs?: number;
  /** Memory one file may take: the worker's V8 heap, and the process's growth while it runs. Default 1024 MB. */
  maxMemoryMb?: number;
  /** Stops reading the file at once; the promise then rejects. */
  signal?: AbortSignal;
}

export interface SandboxResult {
  extracted: ExtractedSource;
  /** The input's bytes, handed back by the worker. */
  bytes: Uint8Array;
}

export const DEFAULT_TIMEOUT_MS = 60_000;
export const DEFAULT_MAX_MEMORY_MB = 1024;
/** Young generation and stack: V8's usual sizes, stated so the bound does not depend on the host. */
const YOUNG_GENERATION_MB = 64;
const STACK_MB = 8;
/** How often the process's memory is sampled while a file is read. */
const MEMORY_SAMPLE_MS = 50;
/**
 * A worker that read a file well reads the next one too: loading the readers (jsdom, pdf.js,
 * mammoth) costs far more than starting a thread. It is replaced after this many files, after any
 * failure, and when it has been idle this long, so no state or garbage builds up for long.
 */
const JOBS_PER_WORKER = 25;
const IDLE_MS = 15_000;
const MB = 1024 * 1024;

const BOUND_REASON = 'the file may be damaged or built to exhaust readers';

interface LiveWorker {
  worker: Worker;
  maxMemoryMb: number;
  jobs: number;
  idle: ReturnType<typeof setTimeout> | null;
}

let live: LiveWorker | null = null;
let nextJobId = 1;

/**
 * Files are read one at a time in this process, in call order: each may use up to maxMemoryMb,
 * and the memory watch measures the whole process's growth, which is one file's use only when
 * one file is being read.
 */
let queue: Promise<unknown> = Promise.resolve();

/**
 * Reads `input` in the import worker. The bytes are transferred to the worker, not copied, and
 * come back in the result: use `result.bytes`, as `input.bytes` is usually left empty (detached).
 * Rejects with NotebookError: the reader's own error as it was thrown; 'invalid' naming the file
 * when reading ran out of time or memory, failed otherwise, or was cancelled.
 *
 * Memory is bounded twice: V8's heap limit for the worker (maxOldGenerationSizeMb), and a watch on
 * the process's resident memory while the file is read, because what a reader inflates (a PDF's
 * streams, a zip's parts) lives in ArrayBuffers outside the V8 heap, which the heap limit ignores.
 */
export function extractInWorker(input: ExtractInput, options: SandboxOptions = {}): Promise<SandboxResult> {
  const turn = queue.then(() => readInWorker(input, options));
  queue = turn.catch(() => undefined);
  return turn;
}

function readInWorker(input: ExtractInput, options: SandboxOptions): Promise<SandboxResult> {
  const { filename } = input;
  const limits = options.limits ?? DEFAULT_LIMITS;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxMemoryMb = options.maxMemoryMb ?? DEFAULT_MAX_MEMORY_MB;
  const fail = (message: string) => new NotebookError('invalid', `${filename}: ${message}`);
  if (options.signal?.aborted) return Promise.reject(fail('reading it was cancelled'));

  const bytes = ownedBytes(input.bytes);
  const baseline = process.memoryUsage.rss();
  let current: LiveWorker;
  try {
    current = workerFor(maxMemoryMb);
  } catch (e) {
    return Promise.reject(e instanceof NotebookError ? e : fail(`the import worker could not start (${e instanceof Error ? e.message : String(e)})`));
  }
  const { worker } = current;
  const job: WorkerJob = { id: nextJobId++, filename, bytes, limits };

  return new Promise<SandboxResult>((resolve, reject) => {
    let settled = false;
    const settle = (outcome: { ok: true; value: SandboxResult } | { ok: false; error: Error; workerFailed: boolean }) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearInterval(watch);
      options.signal?.removeEventListener('abort', onAbort);
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      // A reader that refused the file in the ordinary way leaves a sound worker; one stopped or
      // failing in any other way leaves a worker nobody should trust with the next file.
      if (outcome.ok || !outcome.workerFailed) rest(current);
      else void retire(current);
      if (outcome.ok) resolve(outcome.value);
      else reject(outcome.error);
    };
    const failed = (error: Error) => settle({ ok: false, error, workerFailed: true });
    const outOfMemory = () => fail(`reading it needed more than ${maxMemoryMb} MB of memory, so it was stopped (${BOUND_REASON})`);

    const timer = setTimeout(() => failed(fail(`reading it took longer than ${duration(timeoutMs)}, so it was stopped (${BOUND_REASON})`)), timeoutMs);
    const watch = setInterval(() => {
      if (process.memoryUsage.rss() - baseline > maxMemoryMb * MB) failed(outOfMemory());
    }, MEMORY_SAMPLE_MS);
    const onAbort = () => failed(fail('reading it was cancelled'));
    options.signal?.addEventListener('abort', onAbort, { once: true });

    const onMessage = (reply: WorkerReply) => {
      if (reply.id !== job.id) return;
      if (reply.ok) settle({ ok: true, value: { extracted: reply.extracted, bytes: reply.bytes } });
      else if (reply.notebookError && isErrorCode(reply.code)) settle({ ok: false, error: new NotebookError(reply.code, reply.message), workerFailed: false });
      else failed(fail(`it could not be read (${reply.message})`));
    };
    const onError = (e: Error & { code?: string }) => failed(e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? outOfMemory() : fail(`it could not be read (${e.message})`));
    const onExit = (code: number) => failed(fail(`the reader stopped without an answer (exit code ${code})`));
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    worker.postMessage(job, [bytes.buffer as ArrayBuffer]);
  });
}

/** The live worker when it fits (same memory bound, not worn out), else a fresh one. */
function workerFor(maxMemoryMb: number): LiveWorker {
  if (live && live.maxMemoryMb === maxMemoryMb && live.jobs < JOBS_PER_WORKER) {
    if (live.idle) clearTimeout(live.idle);
    live.idle = null;
    live.jobs++;
    live.worker.ref();
    return live;
  }
  if (live) void retire(live);
  const worker = new Worker(workerUrl(), {
    resourceLimits: { maxOldGenerationSizeMb: maxMemoryMb, maxYoungGenerationSizeMb: YOUNG_GENERATION_MB, stackSizeMb: STACK_MB },
    // Flags of the host process (an inspector port, a test runner's loaders) are not the worker's business.
    execArgv: [],
  });
  const started: LiveWorker = { worker, maxMemoryMb, jobs: 1, idle: null };
  // An error between files (a reader's stray timer throwing) ends only the worker: without a
  // listener of its own, the 'error' event would throw in this thread and take the app down.
  worker.on('error', () => undefined);
  worker.once('exit', () => {
    if (live === started) live = null;
  });
  live = started;
  return started;
}

/** Between files: the worker waits for the next one without keeping the process alive. */
function rest(w: LiveWorker): void {
  if (live !== w) return;
  w.worker.unref();
  w.idle = setTimeout(() => void retire(w), IDLE_MS);
  w.idle.unref();
}

async function retire(w: LiveWorker): Promise<void> {
  if (w.idle) clearTimeout(w.idle);
  if (live === w) live = null;
  await w.worker.terminate();
}

function isErrorCode(code: string): code is ErrorCode {
  return (ERROR_CODES as readonly string[]).includes(code);
}

function duration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 100) / 10} s`;
}

/**
 * The compiled worker beside this module (dist/notebook/node/import/worker.js). Run from source
 * (the unit tests), this module is a .ts file that Node cannot start as a worker: then the build
 * in dist/ is used, which `npm test` makes before the unit tests run.
 */
function workerUrl(): URL {
  if (!import.meta.url.endsWith('.ts')) return new URL('./worker.js', import.meta.url);
  const compiled = new URL('../../../dist/notebook/node/import/worker.js', import.meta.url);
  if (!existsSync(compiled)) {
    throw new NotebookError('io', `the import worker is not built (${fileURLToPath(compiled)} is missing): run npm run build first`);
  }
  return compiled;
}
