// The import worker: reads files with extractFile inside a worker thread that sandbox.ts started
// with a memory bound, one job at a time, each under a timer kept by sandbox.ts. Never touches the
// notebook: it only answers with the extracted text and metadata, or the reason it could not.
import { parentPort } from 'node:worker_threads';
import { isNotebookError } from '../../common/errors.js';
import { extractFile } from './extract.js';
import { lowerOwnPriority } from './priority.js';
import type { ExtractedSource, ExtractLimits } from './types.js';

/** What sandbox.ts sends for each file: the bytes arrive transferred, not copied. */
export interface WorkerJob {
  id: number;
  filename: string;
  bytes: Uint8Array;
  limits: ExtractLimits;
}

/** The one message the worker sends back for each job. */
export type WorkerReply =
  | { id: number; ok: true; extracted: ExtractedSource; bytes: Uint8Array }
  | { id: number; ok: false; notebookError: boolean; code: string; message: string };

// Reading files gives way to the window and the host's own threads (see priority.ts).
lowerOwnPriority();

async function run(job: WorkerJob): Promise<{ reply: WorkerReply; transfer: ArrayBuffer[] }> {
  const length = job.bytes.byteLength;
  try {
    const extracted = await extractFile({ filename: job.filename, bytes: job.bytes }, job.limits);
    // The caller gets its bytes back (they are stored as the original): a reader that handed them
    // on by transfer, emptying them, would lose them.
    if (job.bytes.byteLength !== length) throw new Error('the reader gave away the file bytes it was lent');
    return { reply: { id: job.id, ok: true, extracted, bytes: job.bytes }, transfer: [job.bytes.buffer as ArrayBuffer] };
  } catch (e) {
    const reply: WorkerReply = isNotebookError(e)
      ? { id: job.id, ok: false, notebookError: true, code: e.code, message: e.message }
      : { id: job.id, ok: false, notebookError: false, code: 'invalid', message: e instanceof Error ? e.message : String(e) };
    return { reply, transfer: [] };
  }
}

// A reader's console chatter (pdf.js warnings, jsdom's complaints about a page) must not land in
// the command line's output or the app's log: what matters comes back in the reply. (Piping the
// worker's stdout instead would keep an idle worker's process alive.)
for (const level of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const) console[level] = () => undefined;

// pdf.js and friends can leave a promise of a finished file to reject later; in a worker that
// reads the next file, it would be blamed on the wrong one, or end the thread. The file it
// belonged to has already been answered, so it is dropped.
process.on('unhandledRejection', () => undefined);

const port = parentPort;
if (!port) throw new Error('worker.ts runs only as a worker thread (see sandbox.ts)');
port.on('message', (job: WorkerJob) => {
  void run(job).then(({ reply, transfer }) => port.postMessage(reply, transfer));
});
