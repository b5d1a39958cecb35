// The notebook service in a worker thread (started by service-worker-host.ts): storage, import,
// export and every answer's JSON happen here, so the thread that answers IPC and HTTP never waits
// for them. Never touches the host's native dialogs or windows itself: it asks the host for them.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { isNotebookError } from '../common/errors.js';
import { LARGE_BYTES, reclaimIfDue, reclaimSoon } from './reclaim.js';
import { LOCK_FILE } from './store/lock.js';
import { createService, type Service } from './service.js';
import { answerCall, bodyLength, type Ask, type FromServiceWorker, type OpenedNotebook, type ServiceWorkerData, type ToServiceWorker } from './service-worker-protocol.js';

if (!parentPort) throw new Error('service-worker.ts runs only as a worker thread (see service-worker-host.ts)');
const port: MessagePort = parentPort;
const data = workerData as ServiceWorkerData;

const send = (message: FromServiceWorker, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

/**
 * How much lower this thread's priority is than the host thread's (Linux nice levels). The threads
 * it starts (import, search, compaction) inherit it. A busy notebook then gives way to the thread
 * that answers the analyst, even on a machine whose cores are all busy.
 */
const NICENESS = 5;

/** Lowers this thread's priority (Linux: a thread's own nice level, through its id in /proc/thread-self). Elsewhere nothing changes. */
function yieldToHost(): void {
  if (process.platform !== 'linux') return;
  try {
    const tid = Number(path.basename(fs.readlinkSync('/proc/thread-self')));
    if (Number.isInteger(tid) && tid > 0) os.setPriority(tid, Math.min(19, os.getPriority(tid) + NICENESS));
  } catch {
    // Only a preference: without /proc the notebook runs at the host's priority.
  }
}

let nextAsk = 1;
const asked = new Map<number, { resolve: (value: unknown) => void; reject: (e: Error) => void }>();

/** Asks the host's thread (a native dialog, a window that prints) and waits for its answer. */
function ask<T>(question: Ask): Promise<T> {
  const id = nextAsk++;
  return new Promise<T>((resolve, reject) => {
    asked.set(id, { resolve: resolve as (value: unknown) => void, reject });
    send({ type: 'ask', id, ...question });
  });
}

/**
 * The notebook open now, with the lock file's bytes when it is open for writing: if this thread
 * dies without releasing the lock (stopped, or out of memory), the host removes exactly that lock
 * and no other, so the restarted worker can open the notebook again.
 */
function opened(service: Service): OpenedNotebook {
  const { store } = service;
  if (store.readOnly !== null) return { dir: store.dir, lock: null };
  try {
    return { dir: store.dir, lock: fs.readFileSync(path.join(store.dir, LOCK_FILE), 'utf8') };
  } catch {
    return { dir: store.dir, lock: null };
  }
}

async function main(): Promise<void> {
  yieldToHost();
  let service: Service;
  try {
    service = await createService({
      notebookDir: data.notebookDir,
      create: data.create,
      host: data.host,
      ...(data.configDir !== undefined ? { configDir: data.configDir } : {}),
      ...(data.chooseNotebookFolder ? { chooseNotebookFolder: (create: boolean) => ask<string | null>({ what: 'chooseNotebookFolder', create }) } : {}),
      ...(data.printToPdf ? { printToPdf: (html: string) => ask<Uint8Array>({ what: 'printToPdf', html }) } : {}),
    });
  } catch (e) {
    send(isNotebookError(e) ? { type: 'start-failed', code: e.code, message: e.message } : { type: 'start-failed', code: 'io', message: e instanceof Error ? e.message : String(e) });
    return;
  }
  send({ type: 'started', ...opened(service) });
  // Opening leaves the file's bytes and the parse's garbage behind.
  reclaimSoon();

  let closing = false;
  port.on('message', (message: ToServiceWorker) => {
    switch (message.type) {
      case 'call': {
        const { id, name, input } = message;
        // What opening left (~200 MB at 100k excerpts) is collected a second later; the page asks
        // for the whole notebook sooner, and its answer would otherwise be made on top of it.
        if (name === 'getNotebook') reclaimIfDue();
        const before = service.store.dir;
        void answerCall(service.handlers, name, input).then((answer) => {
          if (name === 'openNotebook' && answer.error === null && service.store.dir !== before) send({ type: 'opened', ...opened(service) });
          const large = bodyLength(answer.body) >= LARGE_BYTES;
          send({ type: 'answer', id, body: answer.body, error: answer.error }, answer.body.map((chunk) => chunk.buffer as ArrayBuffer));
          if (large || name === 'openNotebook') reclaimSoon();
        });
        break;
      }
      case 'told': {
        const waiting = asked.get(message.id);
        if (!waiting) break;
        asked.delete(message.id);
        if (message.ok) waiting.resolve(message.value);
        else waiting.reject(new Error(message.message));
        break;
      }
      case 'close': {
        if (closing) break;
        closing = true;
        service.close().then(
          () => send({ type: 'closed', error: null }),
          (e: unknown) => send({ type: 'closed', error: isNotebookError(e) || e instanceof Error ? e.message : String(e) }),
        );
        break;
      }
    }
  });
}

void main();
