// The suggest worker: reads a source's text and runs the suggester on it, one job at a time, in a
// worker thread, so the language analysis never holds up the thread that answers the API. Never
// writes anything: it reads the text file it is given and answers with what it found.
import { readFileSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { isNotebookError, NotebookError } from '../../common/errors.js';
import { suggest } from '../../common/suggest/suggest.js';
import { errorCode, reasonOf } from '../store/files.js';
import type { FromSuggestWorker, SuggestJob } from './protocol.js';

const port = parentPort;
if (!port) throw new Error('suggest-worker.ts runs only as a worker thread (see suggest-host.ts)');

const send = (message: FromSuggestWorker) => port.postMessage(message);

port.on('message', (job: SuggestJob) => {
  const started = performance.now();
  try {
    const found = suggest(readText(job.file), job.known);
    send({ type: 'found', id: job.id, found: { claims: found.claims, entities: found.entities }, tookMs: Math.round(performance.now() - started) });
  } catch (e) {
    const error = isNotebookError(e) ? e : new NotebookError('io', `the suggester failed on this text (${e instanceof Error ? e.message : String(e)})`);
    send({ type: 'failed', id: job.id, code: error.code, message: error.message });
  }
});

/** The text as the store reads it (UTF-8): excerpts' code points count in exactly this string. */
function readText(file: string): string {
  try {
    return new TextDecoder('utf-8').decode(readFileSync(file));
  } catch (e) {
    if (errorCode(e) === 'ENOENT') throw new NotebookError('not-found', `${file} is missing: the notebook has no stored text with that sha256`);
    throw new NotebookError('io', `${file} could not be read (${reasonOf(e)})`);
  }
}
