// The page's copy of the open notebook, kept in step with the host: every change goes through the
// client, and what the host applied is applied here with the same `apply`, so the two never
// disagree. React reads it with useSyncExternalStore. Never changes the notebook without the host.
import { useSyncExternalStore } from 'react';
import type { Applied, HostInfo, InputOf, NotebookView, ResultOf, SourceAdded } from '../../notebook/common/api.js';
import type { Id } from '../../notebook/common/model.js';
import { apply, type Operation } from '../../notebook/common/operations.js';
import { client, fetchTextBySha } from './client.js';
import { noteApplied } from './library/library-index.js';

export interface NotebookState {
  view: NotebookView | null;
  /** Bumped on every change; `apply` mutates the notebook in place, so this is what memos key on. */
  revision: number;
  host: HostInfo | null;
  /** Why the notebook could not be loaded, when it could not. */
  loadError: string | null;
}

let state: NotebookState = { view: null, revision: 0, host: null, loadError: null };
const listeners = new Set<() => void>();

/**
 * When the window hears of a change: `now` for what the analyst did (what they see next follows
 * it at once); `soon` for what comes in the background while they work (an import's sources):
 * once after the next frame painted, in a task of its own, however many changes came within it.
 * The state itself is always current (a render for any other reason shows every change), and
 * `revision` moves with each change, so nothing keyed on it misses one.
 */
type Telling = 'now' | 'soon';
let toldSoon = false;

function set(next: Partial<NotebookState>, telling: Telling = 'now'): void {
  state = { ...state, ...next, revision: state.revision + 1 };
  if (telling === 'now') tell();
  else if (!toldSoon) {
    toldSoon = true;
    void afterNextPaint().then(() => {
      // Already told, when a change the analyst made came in between.
      if (toldSoon) tell();
    });
  }
}

function tell(): void {
  toldSoon = false;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function getNotebookState(): NotebookState {
  return state;
}

export function useNotebookState(): NotebookState {
  return useSyncExternalStore(subscribe, getNotebookState);
}

// Changes are sent one at a time, so applied operations come back in the host's order.
let queue: Promise<unknown> = Promise.resolve();
function serial<T>(task: () => Promise<T>): Promise<T> {
  const run = queue.then(task, task);
  queue = run.catch(() => undefined);
  return run;
}

export async function loadNotebook(): Promise<void> {
  try {
    const [view, host] = await Promise.all([client.getNotebook({}), state.host ? Promise.resolve(state.host) : client.hostInfo({})]);
    texts.clear();
    set({ view, host, loadError: null });
  } catch (e) {
    set({ loadError: e instanceof Error ? e.message : String(e) });
    throw e;
  }
}

function replaceView(view: NotebookView): void {
  texts.clear();
  set({ view, loadError: null });
}

/**
 * Applies what the host applied to the local copy. If the sequence numbers show a gap (another
 * window changed the notebook) or the local apply disagrees, the whole notebook is fetched again
 * rather than trusting a copy that may have drifted.
 */
async function receive(applied: Applied, telling: Telling = 'now'): Promise<void> {
  const view = state.view;
  if (!view) return loadNotebook();
  if (applied.seq !== view.seq + 1) return loadNotebook();
  try {
    apply(view.notebook, applied.op);
    // The library's lists and counts follow the change instead of being recounted from the whole notebook.
    noteApplied(view.notebook, applied.op);
  } catch {
    return loadNotebook();
  }
  // A settings operation (or its undo) may rename the notebook: the name shown follows the notebook.
  const info = view.info.name === view.notebook.name ? view.info : { ...view.info, name: view.notebook.name };
  set({ view: { ...view, info, seq: applied.seq, canUndo: applied.canUndo, canRedo: applied.canRedo } }, telling);
}

export function applyOperation(op: Operation): Promise<Applied> {
  return serial(async () => {
    const applied = await client.apply({ op });
    await receive(applied);
    return applied;
  });
}

export function undo(): Promise<Applied | null> {
  return serial(async () => {
    const applied = await client.undo({});
    if (applied) await receive(applied);
    return applied;
  });
}

export function redo(): Promise<Applied | null> {
  return serial(async () => {
    const applied = await client.redo({});
    if (applied) await receive(applied);
    return applied;
  });
}

/** A source added, or (duplicateOf set) the live source that already has that text: then nothing changed, here or there. */
async function receiveSource(added: SourceAdded, telling: Telling = 'now'): Promise<SourceAdded> {
  if (added.duplicateOf === null) await receive(added, telling);
  return added;
}

export function addTextSource(input: InputOf<'addTextSource'>): Promise<SourceAdded> {
  return serial(async () => receiveSource(await client.addTextSource(input)));
}

/**
 * Imports one file. The caller reads and encodes it first, so other changes are not held up
 * meanwhile. The window hears of the new source `soon` (see set): a run of files goes on while
 * the analyst works, and redrawing the window in the task each source arrives in made that task long.
 */
export function importFile(input: InputOf<'importFile'>): Promise<SourceAdded> {
  return serial(async () => receiveSource(await client.importFile(input), 'soon'));
}

/** Merges a bundle (its JSON text) with the analyst's choice for each conflict; one undo step. */
export function mergeBundle(json: string, resolutions: Record<Id, 'mine' | 'theirs'>): Promise<ResultOf<'mergeBundle'>> {
  return serial(async () => {
    const result = await client.mergeBundle({ json, resolutions });
    if (result.applied) await receive(result.applied);
    return result;
  });
}

/** Imports W3C Web Annotations as excerpts (of `sourceId`, when given); one undo step. */
export function importAnnotations(json: string, sourceId: Id | undefined): Promise<ResultOf<'importAnnotations'>> {
  return serial(async () => {
    const result = await client.importAnnotations(sourceId ? { json, sourceId } : { json });
    if (result.applied) await receive(result.applied);
    return result;
  });
}

/** Imports CSL-JSON as the metadata of the sources it matches; one undo step. */
export function importCsl(json: string): Promise<ResultOf<'importCsl'>> {
  return serial(async () => {
    const result = await client.importCsl({ json });
    if (result.applied) await receive(result.applied);
    return result;
  });
}

let formats: Promise<ResultOf<'importFormats'>> | null = null;

/** The extensions and the size the host imports; asked once per page, asked again after a failure. */
export function importFormats(): Promise<ResultOf<'importFormats'>> {
  formats ??= client.importFormats({}).catch((e: unknown) => {
    formats = null;
    throw e;
  });
  return formats;
}

/** The original file of a source, as imported: its bytes (base64), media type and name. */
export function sourceFile(sha256: string): Promise<ResultOf<'sourceFile'>> {
  return client.sourceFile({ sha256 });
}

export function openNotebook(path: string, create: boolean): Promise<NotebookView> {
  return serial(async () => {
    const view = await client.openNotebook({ path, create });
    replaceView(view);
    return view;
  });
}

export function chooseNotebookFolder(create: boolean): Promise<string | null> {
  return client.chooseNotebookFolder({ create });
}

// ── Source texts ───────────────────────────────────────────────────────────────────────────────
// A source's normalised text never changes (it is content-addressed), so once fetched it is kept.

type TextEntry = { status: 'loading'; promise: Promise<string>; head?: string } | { status: 'ready'; text: string } | { status: 'error'; message: string };
const texts = new Map<Id, TextEntry>();
const textListeners = new Set<() => void>();
let textRevision = 0;

function textChanged(): void {
  textRevision++;
  for (const listener of textListeners) listener();
}

/** While loading, `head` may hold the text's first whole lines (see text-head.ts), for a first screen. */
export type SourceTextState = { status: 'loading'; head?: string } | { status: 'ready'; text: string } | { status: 'error'; message: string };

/**
 * The text as raw UTF-8 by its sha (no worker, no JSON on the way), and through sourceText when
 * that fails, which also gives the notebook's own words for a text that cannot be read.
 */
async function fetchText(sourceId: Id, onHead: (head: string) => void): Promise<string> {
  const sha = state.view?.notebook.sources[sourceId]?.content.textSha256;
  if (sha) {
    try {
      return await fetchTextBySha(sha, onHead);
    } catch {
      // An older host without the route, or a text it cannot serve raw: the API says why, if anything is wrong.
    }
  }
  return (await client.sourceText({ sourceId })).text;
}

/**
 * Starts fetching a source's text before it is opened (the analyst points at or focuses it in the
 * library), so that opening it usually finds the text in the page already.
 */
export function prefetchSourceText(sourceId: Id): void {
  if (state.view?.notebook.sources[sourceId]) sourceText(sourceId);
}

/** Resolves once the page has painted a frame (a task after the next animation frame). */
function afterNextPaint(): Promise<void> {
  if (typeof requestAnimationFrame !== 'function' || document.visibilityState === 'hidden') return Promise.resolve();
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

/** Reads a source's text from the cache, starting a fetch when it is not there yet. */
export function sourceText(sourceId: Id): SourceTextState {
  let entry = texts.get(sourceId);
  if (!entry) {
    const promise = fetchText(sourceId, (head) => {
      if (texts.get(sourceId) !== entry || entry?.status !== 'loading') return;
      entry.head = head;
      textChanged();
    }).then(
      async (text) => {
        // When its first lines were just handed over, they are painted before the whole text is
        // laid out (tens of ms for a megabyte): the first screen does not wait for the rest.
        if (entry?.status === 'loading' && entry.head !== undefined) await afterNextPaint();
        if (texts.get(sourceId) === entry) texts.set(sourceId, { status: 'ready', text });
        textChanged();
        return text;
      },
      (e: unknown) => {
        if (texts.get(sourceId) === entry) texts.set(sourceId, { status: 'error', message: e instanceof Error ? e.message : String(e) });
        textChanged();
        return '';
      },
    );
    entry = { status: 'loading', promise };
    texts.set(sourceId, entry);
  }
  return entry.status === 'loading' ? (entry.head === undefined ? { status: 'loading' } : { status: 'loading', head: entry.head }) : entry;
}

/** Forgets a text that failed to load, so the next read tries again. */
export function retrySourceText(sourceId: Id): void {
  if (texts.get(sourceId)?.status === 'error') {
    texts.delete(sourceId);
    textChanged();
  }
}

function subscribeTexts(listener: () => void): () => void {
  textListeners.add(listener);
  return () => textListeners.delete(listener);
}

export function useSourceText(sourceId: Id | null): SourceTextState | null {
  useSyncExternalStore(subscribeTexts, () => textRevision);
  return sourceId ? sourceText(sourceId) : null;
}
