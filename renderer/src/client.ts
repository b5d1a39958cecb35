// The only module that talks to the notebook: a typed Client built from the one API table, over
// the Electron preload bridge when there is one, otherwise over HTTP to the browser host.
// Never imports Node or electron; nothing else in the renderer calls fetch or window.corroborate.
import { METHOD_NAMES, type Client, type InputOf, type MethodName, type Outcome, type WireError } from '../../notebook/common/api.js';
import { ERROR_CODES, type ErrorCode } from '../../notebook/common/errors.js';

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

function httpTransport(): (name: MethodName, input: unknown) => Promise<Outcome> {
  const token = takeToken();
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

function createClient(): Client {
  const bridge = window.corroborate;
  const call: (name: MethodName, input: unknown) => Promise<Outcome | string> = bridge
    ? (name, input) => (bridge[name] as (input: unknown) => Promise<Outcome | string>)(input)
    : httpTransport();
  const client: Record<string, (input: unknown) => Promise<unknown>> = {};
  for (const name of METHOD_NAMES) {
    client[name] = async (input) => unwrap(name, await call(name, input ?? {}));
  }
  return client as Client;
}

export const client: Client = createClient();

/** Native menu commands, when the host has a native menu. Returns the unsubscribe function. */
export function onMenuCommand(listener: (command: MenuCommand) => void): () => void {
  const unsubscribe = window.corroborate?.onMenu?.(listener);
  return typeof unsubscribe === 'function' ? unsubscribe : () => {};
}
