// Runs the suggester (notebook/common/suggest/suggest.ts) in a worker thread (suggest-worker.ts) and
// remembers its answers, so the thread that answers the API never parses a text itself. Never lets
// the worker's failure reach the notebook: a crashed or stuck worker fails the jobs it had, and the
// next request starts a new one.
//
// Jobs go to the worker one at a time, first come first served, each with its own time limit.
// An answer is cached by the text's sha256 and a fingerprint of the notebook's entities (their ids,
// names, kinds and aliases): a source's text never changes, so the same text with the same known
// entities gives the same suggestions. Asking for a text already being worked on waits for that job
// instead of starting another. The worker starts on the first request (most sessions never ask for
// suggestions, and loading the language model costs memory) and stops after IDLE_MS without work.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { NotebookError } from '../../common/errors.js';
import type { Entity } from '../../common/model.js';
import type { Found, FromSuggestWorker, SuggestJob } from './protocol.js';

export type { Found } from './protocol.js';

export interface SuggestRequest {
  /** The source's text file (the store's sources/<sha256>). */
  file: string;
  /** Its sha256: with the entities' fingerprint, the cache key. */
  textSha256: string;
  /** The notebook's live entities. */
  known: readonly Entity[];
}

export interface SuggestHost {
  /** What the suggester finds in the text, computed in the worker or taken from the cache. */
  suggest(request: SuggestRequest): Promise<Found>;
  /** How many texts the worker was given (the rest came from the cache or joined a running job). */
  readonly jobsRun: number;
  /** Stops the worker; requests still waiting are refused. Safe to call twice. */
  close(): Promise<void>;
}

export interface SuggestHostOptions {
  /** How long one text may take before the worker is taken for stuck and stopped. Default 60 s. */
  timeoutMs?: number;
  /** Answers kept. Default 32. */
  cacheEntries?: number;
  /** Called with each worker started (tests and diagnostics: they can stop it to see the host recover). */
  onWorker?: (worker: Worker) => void;
}

/**
 * Far beyond the issue's budget (a 20,000-word source in under 2 s): a text that takes this long
 * is pathological or the worker is stuck, and the analyst is told rather than kept waiting.
 */
const DEFAULT_TIMEOUT_MS = 60_000;
/** A handful of sources per session, each answer a few kilobytes. */
const DEFAULT_CACHE_ENTRIES = 32;
/** An idle worker gives its memory (the language model's lexicon) back after this long. */
const IDLE_MS = 120_000;
/** The worker's heap: a huge text fails alone instead of taking memory from the whole app. */
const MAX_HEAP_MB = 1024;

interface Job {
  key: string;
  message: Omit<SuggestJob, 'id'>;
  waiters: { resolve: (found: Found) => void; reject: (error: Error) => void }[];
}

export function createSuggestHost(options: SuggestHostOptions = {}): SuggestHost {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const cacheEntries = options.cacheEntries ?? DEFAULT_CACHE_ENTRIES;
  const cache = new Map<string, Found>();
  /** Jobs waiting or running, by cache key: a second request for the same key joins the first. */
  const jobs = new Map<string, Job>();
  const queue: Job[] = [];
  let running: { id: number; job: Job; timer: ReturnType<typeof setTimeout> } | null = null;
  let worker: Worker | null = null;
  let idle: ReturnType<typeof setTimeout> | null = null;
  let lastFailure = '';
  /** The running job was stopped for taking too long (not a crash). */
  let timedOut = false;
  let nextId = 1;
  let jobsRun = 0;
  let closed = false;

  const finish = (job: Job, outcome: { found: Found } | { error: Error }) => {
    jobs.delete(job.key);
    for (const w of job.waiters) {
      if ('found' in outcome) w.resolve(outcome.found);
      else w.reject(outcome.error);
    }
  };

  const start = (): Worker => {
    lastFailure = '';
    // Flags of the host process (an inspector port, a test runner's loaders) are not the worker's business.
    const started = new Worker(workerUrl(), { execArgv: [], resourceLimits: { maxOldGenerationSizeMb: MAX_HEAP_MB } });
    started.on('message', (message: FromSuggestWorker) => {
      if (!running || running.id !== message.id || worker !== started) return;
      const { job, timer } = running;
      clearTimeout(timer);
      running = null;
      if (message.type === 'found') {
        remember(job.key, message.found);
        finish(job, { found: message.found });
      } else {
        finish(job, { error: new NotebookError(message.code, message.message) });
      }
      next();
    });
    // Without a listener, a worker's error would be thrown in this thread and end the app.
    started.on('error', (e) => {
      lastFailure = e.message;
    });
    started.on('exit', (code) => {
      if (worker !== started) return;
      worker = null;
      if (!running) return;
      const { job, timer } = running;
      clearTimeout(timer);
      running = null;
      const message = timedOut
        ? `the suggester took longer than ${timeoutMs / 1000} s on this source and was stopped; a text this long or unusual may need to be split`
        : `the suggester stopped while reading this source (${lastFailure || `exit code ${code}`}); ask for suggestions again`;
      finish(job, { error: new NotebookError('io', message) });
      next();
    });
    worker = started;
    options.onWorker?.(started);
    return started;
  };

  const remember = (key: string, found: Found) => {
    cache.delete(key);
    cache.set(key, found);
    for (const oldest of cache.keys()) {
      if (cache.size <= cacheEntries) break;
      cache.delete(oldest);
    }
  };

  /** Gives the worker the next job when it has none; stops it after IDLE_MS without one. */
  const next = () => {
    if (running || closed) return;
    const job = queue.shift();
    if (!job) {
      if (idle) clearTimeout(idle);
      idle = setTimeout(() => {
        idle = null;
        if (running || queue.length) return;
        const w = worker;
        worker = null;
        void w?.terminate();
      }, IDLE_MS);
      idle.unref();
      worker?.unref();
      return;
    }
    if (idle) clearTimeout(idle);
    idle = null;
    let w: Worker;
    try {
      w = worker ?? start();
    } catch (e) {
      finish(job, { error: e instanceof NotebookError ? e : new NotebookError('io', `the suggester could not start (${e instanceof Error ? e.message : String(e)})`) });
      next();
      return;
    }
    const id = nextId++;
    timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      // The exit handler fails the job and moves on to the next one with a new worker.
      void w.terminate();
    }, timeoutMs);
    running = { id, job, timer };
    jobsRun++;
    w.ref();
    w.postMessage({ id, ...job.message } satisfies SuggestJob);
  };

  return {
    get jobsRun() {
      return jobsRun;
    },
    suggest({ file, textSha256, known }) {
      if (closed) return Promise.reject(new NotebookError('invalid', 'the suggester is closed'));
      const key = `${textSha256}:${fingerprint(known)}`;
      const cached = cache.get(key);
      if (cached) {
        remember(key, cached);
        return Promise.resolve(cached);
      }
      return new Promise<Found>((resolve, reject) => {
        const waiting = jobs.get(key);
        if (waiting) {
          waiting.waiters.push({ resolve, reject });
          return;
        }
        // Notes can be long and the suggester never reads them.
        const job: Job = { key, message: { file, known: known.map((e) => ({ ...e, notes: '' })) }, waiters: [{ resolve, reject }] };
        jobs.set(key, job);
        queue.push(job);
        next();
      });
    },
    async close() {
      if (closed) return;
      closed = true;
      if (idle) clearTimeout(idle);
      const refused = new NotebookError('invalid', 'the notebook was closed before the suggestions were ready');
      if (running) {
        clearTimeout(running.timer);
        finish(running.job, { error: refused });
        running = null;
      }
      for (const job of queue.splice(0)) finish(job, { error: refused });
      const w = worker;
      worker = null;
      await w?.terminate();
    },
  };
}

/** What the suggester reads of the notebook's entities, hashed: any change of a name, alias, kind or of which entities exist changes it. */
export function fingerprint(known: readonly Entity[]): string {
  const hash = createHash('sha256');
  for (const e of [...known].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    hash.update(JSON.stringify([e.id, e.name, e.kind, e.aliases]));
    hash.update('\n');
  }
  return hash.digest('hex');
}

/**
 * The compiled worker beside this module (dist/notebook/node/suggest/suggest-worker.js). Run from
 * source (the unit tests), this module is a .ts file that Node cannot start as a worker: then the
 * build in dist/ is used, which `npm test` makes before the unit tests run.
 */
function workerUrl(): URL {
  if (!import.meta.url.endsWith('.ts')) return new URL('./suggest-worker.js', import.meta.url);
  const compiled = new URL('../../../dist/notebook/node/suggest/suggest-worker.js', import.meta.url);
  if (!existsSync(compiled)) {
    throw new NotebookError('io', `the suggest worker is not built (${fileURLToPath(compiled)} is missing): run npm run build first`);
  }
  return compiled;
}
