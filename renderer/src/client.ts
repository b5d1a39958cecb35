// The only module that talks to the notebook: a typed Client built from the one API table, over
// the Electron preload bridge when there is one, otherwise over HTTP to the browser host.
// Never imports Node or electron; nothing else in the renderer calls fetch or window.corroborate
// (client-text-worker.ts is this module's helper thread for source texts).
import { METHOD_NAMES, type Client, type InputOf, type MethodName, type Outcome, type WireError } from '../../notebook/common/api.js';
import { ERROR_CODES, type ErrorCode } from '../../notebook/common/errors.js';
import type { TextReply } from './client-text-worker.js';

/**
 * What the preload exposes: one function per API method, each answering with the Outcome as JSON
 * text (parsed here, in the page: the main process passes answers through without parsing them).
 */
export type Bridge = { [M in MethodName]: (input: InputOf<M>) => Promise<Outcome | string> };

/** Commands the native menu sends to the page (Electron only). */
export type MenuCommand = 'undo' | 'redo' | 'new-notebook' | 'open-notebook' | 'import' | 'export' | 'notebook-settings' | 'notebook-note' | 'tags' | 'trash' | 'search' | 'commands' | 'shortcuts' | 'theme';

declare global {
  interface Window {
    corroborate?: Bridge & {
      /** Subscribes to native menu commands; returns the unsubscribe function when the preload gives one. */
      onMenu?: (listener: (command: MenuCommand) => void) => (() => void) | void;
    };
  }
}

/** A failed call, with the notebook's error code so the UI can tell "locked" from "invalid". */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * The start of the message of a call the notebook process never answered because it stopped (the
 * same words as STOPPED_PREFIX in notebook/node/service-worker-host.ts, which this page may not
 * import). The host opens the notebook again at once, so the page loads its copy again.
 */
export const STOPPED_PREFIX = 'the notebook process stopped unexpectedly';

const reopenedListeners = new Set<() => void>();

/**
 * Calls back when the notebook was reopened under the page (its process stopped and was started
 * again): changes the page did not hear about may be missing from its copy, and undo starts afresh.
 * Returns the unsubscribe function.
 */
export function onNotebookReopened(listener: () => void): () => void {
  reopenedListeners.add(listener);
  return () => {
    reopenedListeners.delete(listener);
  };
}

function unwrap(name: MethodName, answer: Outcome | string): unknown {
  let outcome: Outcome;
  try {
    outcome = typeof answer === 'string' ? (JSON.parse(answer) as Outcome) : answer;
  } catch {
    throw new ApiError('io', `${name}: the notebook answered with something that is not JSON`);
  }
  if (outcome && typeof outcome === 'object' && 'ok' in outcome) {
    if (outcome.ok) return outcome.result;
    const error: Partial<WireError> = outcome.error ?? {};
    const code = ERROR_CODES.includes(error.code as ErrorCode) ? (error.code as ErrorCode) : 'io';
    if (code === 'io' && error.message?.startsWith(STOPPED_PREFIX)) for (const listener of [...reopenedListeners]) listener();
    throw new ApiError(code, error.message || `${name} failed`);
  }
  throw new ApiError('io', `${name}: the notebook answered with something that is not an outcome`);
}

const TOKEN_KEY = 'corroborate.token';

/**
 * The browser host's per-launch secret arrives in the URL fragment (never sent to a server in a
 * request line or a Referer). It is kept for this tab in sessionStorage, so a reload works, and
 * taken out of the address bar so it is not bookmarked or shown on screen.
 */
function takeToken(): string {
  const match = /(?:^#|&)token=([A-Za-z0-9_-]+)/.exec(window.location.hash);
  if (match) {
    const token = match[1]!;
    try {
      sessionStorage.setItem(TOKEN_KEY, token);
    } catch {
      // Storage can be disabled; the token still works for this page's lifetime.
    }
    history.replaceState(history.state, '', window.location.pathname + window.location.search);
    return token;
  }
  try {
    return sessionStorage.getItem(TOKEN_KEY) ?? '';
  } catch {
    return '';
  }
}

function httpTransport(token: string): (name: MethodName, input: unknown) => Promise<Outcome> {
  return async (name, input) => {
    let response: Response;
    try {
      response = await fetch('/api/' + name, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Corroborate-Token': token },
        body: JSON.stringify(input ?? {}),
      });
    } catch (e) {
      throw new ApiError('io', `Corroborate is not answering (${errorMessage(e)}). Is it still running?`);
    }
    try {
      return (await response.json()) as Outcome;
    } catch {
      throw new ApiError('io', `${name}: the host answered ${response.status} ${response.statusText} without a result`);
    }
  };
}

/** The browser host's token; null in Electron, whose page talks through the preload instead. */
const httpToken: string | null = window.corroborate ? null : takeToken();

function createClient(): Client {
  const bridge = window.corroborate;
  const call: (name: MethodName, input: unknown) => Promise<Outcome | string> = bridge
    ? (name, input) => (bridge[name] as (input: unknown) => Promise<Outcome | string>)(input)
    : httpTransport(httpToken ?? '');
  const client: Record<string, (input: unknown) => Promise<unknown>> = {};
  for (const name of METHOD_NAMES) {
    client[name] = async (input) => unwrap(name, await call(name, input ?? {}));
  }
  return client as Client;
}

export const client: Client = createClient();

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** A failed /text/ answer as an ApiError: the browser host's body is an Outcome, Electron's protocol answers plain text. */
function textFailure(status: number, body: string, network?: string): ApiError {
  if (network !== undefined) return new ApiError('io', `Corroborate is not answering (${network}). Is it still running?`);
  let message = body.trim() || `the host answered ${status}`;
  try {
    const outcome = JSON.parse(body) as Partial<{ error: Partial<WireError> }>;
    if (typeof outcome.error?.message === 'string') message = outcome.error.message;
  } catch {
    // plain text: the message as it is
  }
  return new ApiError(status === 404 ? 'not-found' : status === 400 ? 'invalid' : 'io', message);
}

let textWorker: Worker | null | undefined;
let nextTextRequest = 1;
const pendingTexts = new Map<number, { resolve: (text: string) => void; reject: (e: ApiError) => void; onHead?: (head: string) => void }>();

/** The helper thread that fetches texts (client-text-worker.ts); null where the page cannot start one. */
function textFetcher(): Worker | null {
  if (textWorker !== undefined) return textWorker;
  try {
    textWorker = typeof Worker === 'undefined' ? null : new Worker(new URL('./client-text-worker.ts', import.meta.url), { type: 'module', name: 'source texts' });
  } catch {
    textWorker = null;
  }
  textWorker?.addEventListener('message', (event: MessageEvent<TextReply>) => {
    const reply = event.data;
    const pending = pendingTexts.get(reply.id);
    if (!pending) return;
    if ('head' in reply) {
      pending.onHead?.(reply.head);
      return;
    }
    pendingTexts.delete(reply.id);
    if (reply.ok) pending.resolve(reply.text);
    else pending.reject(textFailure(reply.status, reply.body, reply.network));
  });
  textWorker?.addEventListener('error', () => {
    // A worker that cannot run (blocked, failed to load): every waiting text is fetched here instead.
    textWorker = null;
    const waiting = [...pendingTexts.values()];
    pendingTexts.clear();
    for (const p of waiting) p.reject(new ApiError('io', 'the text fetcher stopped'));
  });
  return textWorker;
}

// Started as soon as the page has run its first task, so the first text opened does not also
// wait for the helper thread to load (tens of ms); loading it is the browser's work, off this thread.
if (typeof Worker !== 'undefined') setTimeout(() => void textFetcher(), 0);

async function fetchTextHere(sha256: string): Promise<string> {
  let response: Response;
  try {
    response = await fetch('/text/' + sha256, httpToken === null ? {} : { headers: { 'X-Corroborate-Token': httpToken } });
  } catch (e) {
    throw textFailure(0, '', errorMessage(e));
  }
  if (!response.ok) throw textFailure(response.status, await response.text().catch(() => ''));
  return response.text();
}

/**
 * A source's normalised text by its sha256, as raw UTF-8 from GET /text/<sha256> (the browser
 * host with the token; Electron's app:// protocol), with no JSON around a text that may be
 * megabytes long. Fetched and decoded on a helper thread where the page can start one, which
 * also hands `onHead` the text's first whole lines (text-head.ts) while the rest still arrives.
 * Content-addressed, so the answer may come from the browser's cache. Throws an ApiError when the
 * host has no such text or no such route; the caller may then ask sourceText.
 */
export function fetchTextBySha(sha256: string, onHead?: (head: string) => void): Promise<string> {
  if (!SHA256_HEX.test(sha256)) return Promise.reject(new ApiError('invalid', `"${sha256.slice(0, 80)}" is not a sha256 in hex`));
  const worker = textFetcher();
  if (!worker) return fetchTextHere(sha256);
  return new Promise<string>((resolve, reject) => {
    const id = nextTextRequest++;
    pendingTexts.set(id, onHead ? { resolve, reject, onHead } : { resolve, reject });
    worker.postMessage({ id, sha256, token: httpToken });
  });
}

/** Native menu commands, when the host has a native menu. Returns the unsubscribe function. */
export function onMenuCommand(listener: (command: MenuCommand) => void): () => void {
  const unsubscribe = window.corroborate?.onMenu?.(listener);
  return typeof unsubscribe === 'function' ? unsubscribe : () => {};
}
