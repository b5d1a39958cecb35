// Runs the notebook service (service.ts) in a worker thread (service-worker.ts), so the thread that
// answers IPC and HTTP (Electron's main process, the browser host's) never blocks on storage,
// import, export or the JSON of a large answer. Never parses an input or an answer on this
// thread: they pass through as bytes (see service-worker-protocol.ts).
//
// A worker that dies (a bug, out of memory) fails the calls it was answering with 'io', and is
// started again on the same notebook: every change it acknowledged is in the journal. The lock it
// held is its process's, so a lock it could not release would refuse the new worker; the host
// removes that one lock (compared byte for byte) first.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { isMethodName, METHOD_NAMES, type Handlers, type HostInfo, type MethodName } from '../common/api.js';
import { NotebookError } from '../common/errors.js';
import { LOCK_FILE } from './store/lock.js';
import { LARGE_BYTES, reclaimSoon } from './reclaim.js';
import {
  answerCall,
  bodyLength,
  bodyText,
  failure,
  jsonBytes,
  ownedBytes,
  transferable,
  type Answer,
  type ApiCaller,
  type Ask,
  type FromServiceWorker,
  type OpenedNotebook,
  type ServiceWorkerData,
  type ToServiceWorker,
} from './service-worker-protocol.js';

export interface WorkerServiceOptions {
  notebookDir: string;
  /** Make a new notebook when the folder is missing or empty. Default false. */
  create?: boolean;
  host: HostInfo;
  /** See ServiceOptions.configDir. */
  configDir?: string;
  /** A native folder dialog (Electron); asked for by the worker, run on this thread. */
  chooseNotebookFolder?: (create: boolean) => Promise<string | null>;
  /** Prints an HTML document to PDF bytes (Electron); asked for by the worker, run on this thread. */
  printToPdf?: (html: string) => Promise<Uint8Array>;
  /** Called on this thread whenever another notebook is open (openNotebook), with its folder. */
  onOpened?: (dir: string) => void;
  /** Called once a worker that died has been started again on the notebook, with why it died. */
  onRestarted?: (reason: string) => void;
  /** Called with each worker started (tests: stopping one shows what a crash does). */
  onWorker?: (worker: Worker) => void;
}

export interface WorkerService {
  /** What both transports call: the input and the answer stay JSON bytes on this thread. */
  readonly call: ApiCaller;
  /**
   * The same API as values, for callers on this thread that need a result (tests, a command): each
   * parses its answer here, so transports use `call` instead.
   */
  readonly handlers: Handlers;
  /** The notebook folder open now (absolute). */
  readonly dir: string;
  /** Closes the notebook in the worker (compaction, lock released) and stops it. Safe to call twice. */
  close(): Promise<void>;
}

/** Answered on this thread, without the worker: plain data, so even a busy notebook answers at once. */
const LOCAL: ReadonlySet<MethodName> = new Set(['hostInfo']);

/** The start of the message of calls a dead worker never answered; renderer/src/client.ts recognises it. */
export const STOPPED_PREFIX = 'the notebook process stopped unexpectedly';

interface Running {
  worker: Worker;
  /** The notebook open in it, and the bytes of its lock. */
  opened: OpenedNotebook;
  /** The close() that was asked of it, once asked. */
  closing: Promise<void> | null;
}

interface Pending {
  resolve: (answer: Answer) => void;
}

/**
 * Starts the worker on the notebook and resolves once it is open; rejects with the store's
 * NotebookError when it cannot be opened ('locked', 'corrupt', 'not-found', …), as createService does.
 */
export async function createWorkerService(options: WorkerServiceOptions): Promise<WorkerService> {
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let dir = path.resolve(options.notebookDir);
  let running: Running | null = null;
  /** A start under way (the first, or a restart after a crash). */
  let starting: Promise<Running> | null = null;
  let closed = false;

  const data = (create: boolean): ServiceWorkerData => ({
    notebookDir: dir,
    create,
    host: options.host,
    ...(options.configDir !== undefined ? { configDir: options.configDir } : {}),
    chooseNotebookFolder: options.chooseNotebookFolder !== undefined,
    printToPdf: options.printToPdf !== undefined,
  });

  /** Answers what the worker asks of this thread; an answer to a worker that died meanwhile is dropped. */
  const answerAsk = (worker: Worker, id: number, question: Ask) => {
    const run = async (): Promise<string | Uint8Array | null> => {
      if (question.what === 'chooseNotebookFolder') return options.chooseNotebookFolder ? options.chooseNotebookFolder(question.create) : null;
      if (!options.printToPdf) throw new Error('this host cannot print to PDF');
      return ownedBytes(await options.printToPdf(question.html));
    };
    run().then(
      (value) => {
        try {
          const message: ToServiceWorker = { type: 'told', id, ok: true, value };
          worker.postMessage(message, value instanceof Uint8Array ? [value.buffer as ArrayBuffer] : []);
        } catch {
          // The worker is gone.
        }
      },
      (e: unknown) => {
        try {
          worker.postMessage({ type: 'told', id, ok: false, message: e instanceof Error ? e.message : String(e) } satisfies ToServiceWorker);
        } catch {
          // The worker is gone.
        }
      },
    );
  };

  const start = (create: boolean): Promise<Running> =>
    new Promise<Running>((resolve, reject) => {
      const worker = new Worker(workerUrl(), { workerData: data(create), execArgv: [] });
      options.onWorker?.(worker);
      let lastError = '';
      let current: Running | null = null;
      worker.on('message', (message: FromServiceWorker) => {
        switch (message.type) {
          case 'started':
            current = { worker, opened: { dir: message.dir, lock: message.lock }, closing: null };
            dir = message.dir;
            resolve(current);
            break;
          case 'start-failed':
            reject(new NotebookError(message.code, message.message));
            void worker.terminate();
            break;
          case 'opened':
            if (current) current.opened = { dir: message.dir, lock: message.lock };
            dir = message.dir;
            options.onOpened?.(message.dir);
            break;
          case 'answer': {
            const p = pending.get(message.id);
            pending.delete(message.id);
            p?.resolve({ body: message.body, error: message.error });
            // Its bytes are garbage once the transport has sent them; a large answer's are worth collecting.
            if (bodyLength(message.body) >= LARGE_BYTES) reclaimSoon();
            break;
          }
          case 'ask':
            answerAsk(worker, message.id, message);
            break;
          case 'closed':
            break; // handled by close()
        }
      });
      // Without a listener, the worker's uncaught error would be thrown here and end the app.
      worker.on('error', (e: Error & { code?: string }) => {
        lastError = e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'it ran out of memory' : e.message;
      });
      worker.on('exit', (code) => {
        const reason = lastError || `exit code ${code}`;
        if (!current) {
          reject(new NotebookError('io', `the notebook process could not start (${reason})`));
          return;
        }
        if (running === current) running = null;
        if (current.closing || closed) return;
        crashed(current, reason);
      });
    });

  /**
   * Starts a worker on the notebook open last (it exists now: create is not needed). Calls made
   * meanwhile wait for it; when it cannot start, they get the reason until a later call tries again.
   */
  const restart = (): Promise<Running> => {
    const attempt = start(false);
    starting = attempt;
    attempt.then(
      (next) => {
        starting = null;
        if (closed) void stop(next).catch(() => undefined);
        else running = next;
      },
      () => {
        starting = null;
      },
    );
    return attempt;
  };

  /** A worker that ended unasked: fail what it held, free its lock, start another on the same notebook. */
  const crashed = (dead: Running, reason: string) => {
    for (const [id, p] of [...pending]) {
      pending.delete(id);
      p.resolve(failure('io', `${STOPPED_PREFIX} (${reason}), so what it was doing may not have been saved; Corroborate opens the notebook again`));
    }
    releaseLock(dead.opened);
    restart().then(
      () => {
        if (!closed) options.onRestarted?.(reason);
      },
      () => undefined,
    );
  };

  /** The worker to send a call to: the running one, the one starting, or (after a failed restart) a new attempt. */
  const ready = (): Promise<Running> => {
    if (running) return Promise.resolve(running);
    if (starting) return starting;
    return restart();
  };

  const local: Partial<Handlers> = { hostInfo: () => options.host };

  const call: ApiCaller = async (name, input) => {
    if (isMethodName(name) && LOCAL.has(name)) return answerCall(local as Handlers, name, input);
    if (closed) return failure('invalid', `the notebook ${dir} is closed`);
    let target: Running;
    try {
      target = await ready();
    } catch (e) {
      return e instanceof NotebookError ? failure(e.code, e.message) : failure('io', String(e));
    }
    const id = nextId++;
    return new Promise<Answer>((resolve) => {
      pending.set(id, { resolve });
      try {
        const moving = transferable(input);
        target.worker.postMessage({ type: 'call', id, name, input: moving.input } satisfies ToServiceWorker, moving.transfer);
      } catch (e) {
        pending.delete(id);
        resolve(failure('io', `the call could not reach the notebook process (${e instanceof Error ? e.message : String(e)})`));
      }
    });
  };

  const handlers = Object.fromEntries(
    METHOD_NAMES.map((name) => [
      name,
      async (input: unknown) => {
        const answer = await call(name, jsonBytes(input));
        if (answer.error) throw new NotebookError(answer.error.code, answer.error.message);
        return (JSON.parse(bodyText(answer.body)) as { result: unknown }).result;
      },
    ]),
  ) as unknown as Handlers;

  /** Asks the worker to close its service, then stops it; rejects with the reason a close failed. */
  const stop = (target: Running): Promise<void> => {
    target.closing ??= new Promise<void>((resolve, reject) => {
      const { worker } = target;
      const onMessage = (message: FromServiceWorker) => {
        if (message.type !== 'closed') return;
        worker.off('exit', onExit);
        void worker.terminate().then(() => (message.error === null ? resolve() : reject(new NotebookError('io', message.error))));
      };
      const onExit = (code: number) => reject(new NotebookError('io', `the notebook process stopped before the notebook was closed (exit code ${code})`));
      worker.on('message', onMessage);
      worker.once('exit', onExit);
      worker.postMessage({ type: 'close' } satisfies ToServiceWorker);
    });
    return target.closing;
  };

  running = await start(options.create ?? false);

  return {
    call,
    handlers,
    get dir() {
      return dir;
    },
    close: async () => {
      if (closed) return;
      closed = true;
      const target = running ?? (starting ? await starting.catch(() => null) : null);
      running = null;
      try {
        if (target) await stop(target);
      } finally {
        for (const [id, p] of [...pending]) {
          pending.delete(id);
          p.resolve(failure('invalid', `the notebook ${dir} was closed before the call was answered`));
        }
      }
    },
  };
}

/**
 * Removes the lock a dead worker held, if it is still exactly the one it wrote: the lock names this
 * process, which still runs, so the store would take it for a live writer's and refuse to open.
 */
function releaseLock(opened: OpenedNotebook): void {
  if (opened.lock === null) return;
  const file = path.join(opened.dir, LOCK_FILE);
  try {
    if (fs.readFileSync(file, 'utf8') === opened.lock) fs.rmSync(file, { force: true });
  } catch {
    // Gone already, or unreadable: the new worker's open says what is wrong.
  }
}

/**
 * The compiled worker beside this module (dist/notebook/node/service-worker.js). Run from source
 * (the unit tests), this module is a .ts file that Node cannot start as a worker: then the build
 * in dist/ is used, which `npm test` makes before the unit tests run.
 */
function workerUrl(): URL {
  if (!import.meta.url.endsWith('.ts')) return new URL('./service-worker.js', import.meta.url);
  const compiled = new URL('../../dist/notebook/node/service-worker.js', import.meta.url);
  if (!fs.existsSync(compiled)) {
    throw new NotebookError('io', `the notebook worker is not built (${fileURLToPath(compiled)} is missing): run npm run build first`);
  }
  return compiled;
}
