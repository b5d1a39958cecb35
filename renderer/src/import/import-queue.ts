// The import run: files go to the notebook one at a time (the host extracts each in a worker), in
// the order given, each with its outcome; files added while a run goes on join its queue. Cancel
// stops after the current file and keeps what was imported. React reads it with
// useSyncExternalStore. Never reads a file that was refused by name or size.
import { useSyncExternalStore } from 'react';
import type { Id } from '../../../notebook/common/model.js';
import { errorMessage } from '../client.js';
import { importFile, importFormats } from '../state.js';
import type { ImportFormats } from '../../../notebook/common/api.js';
import { DEFAULT_FORMATS, readAsBase64, refusal } from './import-files.js';
import { SETTLED, type ImportItem, type ImportOutcome, type ImportRun } from './import-summary.js';

/** A file to import; `fromFolder` when it was found in a folder rather than chosen itself. */
export interface ImportCandidate {
  file: File;
  /** Its path inside the dropped or chosen folder, shown instead of the bare name. */
  path?: string;
  fromFolder?: boolean;
}

/** What the window does as a run goes: keep the reader still, and open a source the analyst should see. */
export interface ImportHooks {
  /** A file became a new source. */
  imported: (sourceId: Id) => void;
  /** A single file was imported (or was already there): open it. */
  finishedOne: (item: ImportItem & { outcome: { status: 'imported' | 'duplicate' } }) => void;
}

// ── The run ──────────────────────────────────────────────────────────────────────────────────

let run: ImportRun | null = null;
const files = new Map<number, ImportCandidate>();
const listeners = new Set<() => void>();
let nextKey = 1;
let hooks: ImportHooks | null = null;

function emit(next: ImportRun | null): void {
  run = next;
  for (const listener of listeners) listener();
}

function settle(key: number, outcome: ImportOutcome): void {
  if (!run) return;
  if (SETTLED.has(outcome.status)) files.delete(key);
  emit({ ...run, items: run.items.map((i) => (i.key === key ? { ...i, outcome } : i)) });
}

async function formatsOrDefault(): Promise<ImportFormats> {
  try {
    return await importFormats();
  } catch {
    // The host will say what it refuses anyway; the page's defaults only save reading a file for nothing.
    return DEFAULT_FORMATS;
  }
}

/**
 * How long one task may spend checking the files just chosen before the page gets a turn. A
 * chosen file's size is not in the page: each read of it asks the browser and waits for the
 * answer, and 200 of them in one task held the window for over 100 ms.
 */
const CHECK_SLICE_MS = 8;

/**
 * Queues files for import and starts the run if none is going. A file refused by name or size is
 * settled at once, unread; a folder's files of other formats are skipped rather than failed.
 */
export async function importFiles(candidates: readonly ImportCandidate[], runHooks: ImportHooks): Promise<void> {
  if (!candidates.length) return;
  hooks = runHooks;
  const formats = await formatsOrDefault();
  const added: ImportItem[] = [];
  let slice = performance.now();
  for (const c of candidates) {
    if (performance.now() - slice > CHECK_SLICE_MS) {
      await nextTask();
      slice = performance.now();
    }
    const key = nextKey++;
    const name = c.path || c.file.name;
    // Read once: every read of a chosen file's size is a round trip to the browser.
    const checked = { name: c.file.name, size: c.file.size };
    const refused = refusal(checked, formats);
    if (!refused) files.set(key, c);
    const tooLarge = checked.size > formats.maxBytes;
    const outcome: ImportOutcome = !refused ? { status: 'waiting' } : c.fromFolder && !tooLarge ? { status: 'skipped', reason: refused } : { status: 'failed', reason: refused };
    added.push({ key, name, outcome });
  }
  // From here to the emit nothing awaits: a second call decides whether a run is going only after this one said so.
  const going = run?.running ?? false;
  emit({ items: going && run ? [...run.items, ...added] : added, cancelling: going && run ? run.cancelling : false, running: true });
  if (!going) await drain();
}

async function drain(): Promise<void> {
  for (;;) {
    if (!run) return;
    const next = run.items.find((i) => i.outcome.status === 'waiting');
    if (!next) break;
    if (run.cancelling) {
      for (const item of run.items) if (item.outcome.status === 'waiting') settle(item.key, { status: 'cancelled' });
      break;
    }
    settle(next.key, { status: 'importing' });
    const outcome = await importOne(next);
    // The notebook's copy took the new source in the task that received it, and the window is
    // redrawn after the next frame (state.ts tells it `soon`); the panel and the window's reaction
    // come in a task of their own, so no one task does all of it.
    await nextTask();
    settle(next.key, outcome);
    if (outcome.status === 'imported') hooks?.imported(outcome.sourceId);
    // A turn for the page between files, so a long run never starves input or painting.
    await nextTask();
  }
  if (!run) return;
  const finished = { ...run, running: false, cancelling: false };
  emit(finished);
  const only = finished.items.length === 1 ? finished.items[0]! : null;
  if (only && (only.outcome.status === 'imported' || only.outcome.status === 'duplicate')) {
    // One file that became (or already was) a source: open it; the panel has nothing more to say.
    emit(null);
    hooks?.finishedOne(only as ImportItem & { outcome: { status: 'imported' | 'duplicate' } });
  }
}

/** Resolves in a later task, after the page could handle input and paint. */
function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

async function importOne(item: ImportItem): Promise<ImportOutcome> {
  const candidate = files.get(item.key);
  if (!candidate) return { status: 'failed', reason: `${item.name} is no longer available to read` };
  let dataBase64: string;
  try {
    dataBase64 = await readAsBase64(candidate.file);
  } catch (e) {
    // A file moved or deleted after it was chosen, or unreadable: say so and go on with the rest.
    return { status: 'failed', reason: `${candidate.file.name} could not be read (${errorMessage(e)}); was it moved or deleted?` };
  }
  try {
    const added = await importFile({ filename: candidate.file.name, dataBase64 });
    return added.duplicateOf
      ? { status: 'duplicate', sourceId: added.duplicateOf, title: added.source.title }
      : { status: 'imported', sourceId: added.source.id, title: added.source.title };
  } catch (e) {
    return { status: 'failed', reason: errorMessage(e) };
  }
}

/** Stops after the file being imported now; the ones done stay, the rest are not read. */
export function cancelImport(): void {
  if (run?.running && !run.cancelling) emit({ ...run, cancelling: true });
}

/** Dismisses the summary of a finished run. */
export function closeImport(): void {
  if (run && !run.running) emit(null);
}

export function getImportRun(): ImportRun | null {
  return run;
}

export function useImportRun(): ImportRun | null {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getImportRun,
  );
}
