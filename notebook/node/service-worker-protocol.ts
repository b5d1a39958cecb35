// How one API call crosses a transport as bytes, and the messages between the notebook service's
// host (service-worker-host.ts, on the thread that answers IPC and HTTP) and its worker
// (service-worker.ts). Never makes the host's thread parse an input or serialise a result: both
// cross as UTF-8 JSON bytes, turned into values and back where the handlers run.
import { Buffer } from 'node:buffer';
import { dispatch, type Handlers, type HostInfo, type Outcome, type WireError } from '../common/api.js';
import type { ErrorCode } from '../common/errors.js';
import { jsonPieces } from '../common/json-pieces.js';

/**
 * A call answered: the Outcome as UTF-8 JSON, made where the handler ran, for the transport to
 * pass on untouched. In chunks (joined, the JSON), each over an ArrayBuffer of its own, which
 * postMessage can transfer: an answer carrying the 100k notebook is 90 MB of JSON, and made as one
 * string and then one buffer it held both at once (180–270 MB) at the moment the host was fullest.
 */
export interface Answer {
  body: readonly Uint8Array[];
  /** The failure (the same as in body), so a transport can choose its status without parsing body. */
  error: WireError | null;
}

/**
 * A call's input as UTF-8 JSON text (empty means {}): whole, or in the chunks it arrived in (an
 * HTTP body), joined only where the call runs. Joining 40 MB means a 40 MB copy into memory never
 * touched before, which must not happen on the thread that answers the analyst.
 */
export type JsonInput = Uint8Array | readonly Uint8Array[];

/**
 * One API call as a transport hands it on: the method's name and its input. The input's bytes may
 * be moved to another thread (left empty here). Never rejects: every failure is an Answer with an error.
 */
export type ApiCaller = (name: string, input: JsonInput) => Promise<Answer>;

/**
 * How deep an Outcome is written entry by entry: outcome → result → the notebook → a collection,
 * whose objects (a source, an excerpt…) are each written whole.
 */
const OUTCOME_DEPTH = 4;
/** The characters encoded into one chunk of an answer's bytes: ~1 MB, so a 90 MB answer is some 90 buffers, none large. */
const CHUNK_CHARS = 2 ** 20;

/** The Outcome as an Answer (JSON made here, a chunk at a time: never whole as one string or one buffer). */
export function answerOf(outcome: Outcome): Answer {
  return { body: utf8Chunks(jsonPieces(outcome, OUTCOME_DEPTH)), error: outcome.ok ? null : outcome.error };
}

/** The pieces' text as UTF-8, gathered into chunks of about CHUNK_CHARS characters, each over a buffer of its own. */
export function utf8Chunks(pieces: Iterable<string>): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  let gathered: string[] = [];
  let length = 0;
  for (const piece of pieces) {
    gathered.push(piece);
    length += piece.length;
    if (length >= CHUNK_CHARS) {
      chunks.push(utf8Bytes(gathered.join('')));
      gathered = [];
      length = 0;
    }
  }
  if (length > 0 || chunks.length === 0) chunks.push(utf8Bytes(gathered.join('')));
  return chunks;
}

/** How many bytes an answer's body holds. */
export function bodyLength(body: readonly Uint8Array[]): number {
  let length = 0;
  for (const chunk of body) length += chunk.byteLength;
  return length;
}

/** An answer's body as text (for a caller in this process that wants the Outcome itself). */
export function bodyText(body: readonly Uint8Array[]): string {
  return Buffer.concat(body).toString('utf8');
}

/** A failure as an Answer. */
export function failure(code: ErrorCode, message: string): Answer {
  return answerOf({ ok: false, error: { code, message } });
}

/**
 * Runs one call the way every transport must (dispatch: the method must exist, the input must
 * pass its schema), from its JSON bytes to the Outcome's JSON bytes, in the thread it is called on.
 */
export async function answerCall(handlers: Handlers, name: string, input: JsonInput): Promise<Answer> {
  const bytes = input instanceof Uint8Array ? Buffer.from(input.buffer, input.byteOffset, input.byteLength) : Buffer.concat(input);
  let value: unknown = {};
  if (bytes.byteLength > 0) {
    try {
      value = JSON.parse(bytes.toString('utf8'));
    } catch (e) {
      return failure('invalid', `the input of ${name} is not valid JSON (${e instanceof Error ? e.message : String(e)})`);
    }
  }
  return answerOf(await dispatch(handlers, name, value));
}

/** A caller that runs the handlers in this thread: for the command line, tests, and hosts that keep the service in-process. */
export function inProcessCaller(handlers: Handlers): ApiCaller {
  return (name, input) => answerCall(handlers, name, input);
}

/**
 * UTF-8 bytes over an ArrayBuffer of their own, which postMessage can transfer rather than copy.
 * (Buffer.from puts short strings in a shared pool; moving that would take memory that is not ours.)
 */
export function utf8Bytes(text: string): Uint8Array {
  // TextEncoder always answers over a buffer of its own (Buffer.from pools short strings), and
  // encodes a large answer faster: the 100k notebook's 90 MB in ~400 ms rather than ~700–1000 ms.
  return encoder.encode(text);
}
const encoder = new TextEncoder();

/** The bytes as a view over a whole ArrayBuffer of their own (copied when they are a slice of a larger one). */
export function ownedBytes(bytes: Uint8Array): Uint8Array {
  const own = bytes.buffer instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
  return own ? bytes : new Uint8Array(bytes);
}

/**
 * The input ready to move to another thread, with the buffers to transfer: each chunk that is the
 * whole of its ArrayBuffer moves as it is (a socket read that was all body); a chunk that shares
 * its buffer (with a request's head, a pooled Buffer, another chunk) is copied, as it is small.
 */
export function transferable(input: JsonInput): { input: JsonInput; transfer: ArrayBuffer[] } {
  const chunks = input instanceof Uint8Array ? [input] : input;
  const seen = new Set<ArrayBufferLike>();
  const moved = chunks.map((chunk) => {
    const own = !seen.has(chunk.buffer) && chunk.buffer instanceof ArrayBuffer && chunk.byteOffset === 0 && chunk.byteLength === chunk.buffer.byteLength;
    const bytes = own ? chunk : new Uint8Array(chunk);
    seen.add(bytes.buffer);
    return bytes;
  });
  return { input: input instanceof Uint8Array ? moved[0]! : moved, transfer: moved.map((m) => m.buffer as ArrayBuffer) };
}

/** The JSON bytes of a value (a call's input, made by a caller in this thread). */
export function jsonBytes(value: unknown): Uint8Array {
  return utf8Bytes(JSON.stringify(value ?? {}));
}

// ── Messages ───────────────────────────────────────────────────────────────────────────────────

/** The worker's workerData: plain data only; the callbacks stay on the host's thread (see Ask). */
export interface ServiceWorkerData {
  notebookDir: string;
  create: boolean;
  host: HostInfo;
  configDir?: string;
  /** The host has a native folder dialog (chooseNotebookFolder is asked of it). */
  chooseNotebookFolder: boolean;
  /** The host can print HTML to PDF (printToPdf is asked of it). */
  printToPdf: boolean;
}

/** What the worker needs the host's thread for: its native dialogs and windows. */
export type Ask = { what: 'chooseNotebookFolder'; create: boolean } | { what: 'printToPdf'; html: string };

export type ToServiceWorker =
  /** input: the call's JSON bytes, transferred. */
  | { type: 'call'; id: number; name: string; input: JsonInput }
  | { type: 'told'; id: number; ok: true; value: string | Uint8Array | null }
  | { type: 'told'; id: number; ok: false; message: string }
  /** Close the service (compaction, lock released), answer 'closed', then wait to be stopped. */
  | { type: 'close' };

/** Where the worker's notebook is now, and the exact bytes of the lock it holds (null: opened read-only, no lock). */
export interface OpenedNotebook {
  dir: string;
  lock: string | null;
}

export type FromServiceWorker =
  | ({ type: 'started' } & OpenedNotebook)
  /** createService refused: the NotebookError's code and message (an error that is not one: 'io'). */
  | { type: 'start-failed'; code: ErrorCode; message: string }
  /** Another notebook is open now (openNotebook succeeded). */
  | ({ type: 'opened' } & OpenedNotebook)
  /** body's chunks transferred. */
  | { type: 'answer'; id: number; body: readonly Uint8Array[]; error: WireError | null }
  | ({ type: 'ask'; id: number } & Ask)
  | { type: 'closed'; error: string | null };
