// What an import run is and how it reads on screen: each file's outcome, the progress line and
// the summary. Pure: the run itself is import-queue.ts.
import type { Id } from '../../../notebook/common/model.js';
import { plural } from '../ui/format.js';

export type ImportOutcome =
  | { status: 'waiting' }
  | { status: 'importing' }
  | { status: 'imported'; sourceId: Id; title: string }
  | { status: 'duplicate'; sourceId: Id; title: string }
  | { status: 'failed'; reason: string }
  /** Not tried: a file in a dropped folder that is not a format Corroborate imports. */
  | { status: 'skipped'; reason: string }
  | { status: 'cancelled' };

export interface ImportItem {
  key: number;
  /** The file's name, with its folder when it came from one ("reports/q3.pdf"). */
  name: string;
  outcome: ImportOutcome;
}

export interface ImportRun {
  items: readonly ImportItem[];
  /** Cancel was asked for: the current file finishes, the rest are not read. */
  cancelling: boolean;
  /** Files are still being imported. */
  running: boolean;
}

export const SETTLED: ReadonlySet<ImportOutcome['status']> = new Set<ImportOutcome['status']>(['imported', 'duplicate', 'failed', 'skipped', 'cancelled']);
export const isSettled = (item: ImportItem): boolean => SETTLED.has(item.outcome.status);

/** "Imported 17 sources · 1 already in the notebook · 2 failed", naming only what happened. */
export function summaryText(items: readonly ImportItem[]): string {
  const count = (status: ImportOutcome['status']) => items.filter((i) => i.outcome.status === status).length;
  const parts = [`Imported ${plural(count('imported'), 'source')}`];
  const duplicates = count('duplicate');
  const failed = count('failed');
  const skipped = count('skipped');
  const cancelled = count('cancelled');
  if (duplicates) parts.push(`${duplicates} already in the notebook`);
  if (failed) parts.push(`${failed} failed`);
  if (skipped) parts.push(`${skipped} skipped`);
  if (cancelled) parts.push(`${cancelled} cancelled`);
  return parts.join(' · ');
}

/** The position shown while importing: "Importing 3 of 20" counts the file being imported now. */
export function progressOf(run: ImportRun): { done: number; total: number; current: ImportItem | null; label: string } {
  const total = run.items.length;
  const done = run.items.filter(isSettled).length;
  const current = run.items.find((i) => i.outcome.status === 'importing') ?? null;
  return { done, total, current, label: `Importing ${Math.min(done + 1, total)} of ${total}` };
}

/** The reason a host gave, without the file name it starts with when the list already shows it. */
export function reasonFor(name: string, reason: string): string {
  const base = name.split('/').pop() ?? name;
  for (const prefix of [`${name}: `, `${base}: `]) if (reason.startsWith(prefix)) return reason.slice(prefix.length);
  return reason;
}

const ORDER: Record<ImportOutcome['status'], number> = { failed: 0, duplicate: 1, skipped: 2, cancelled: 3, imported: 4, importing: 5, waiting: 6 };

/** The results as the summary lists them: what needs the analyst first (failures, then duplicates), each group in import order. */
export function resultsInOrder(items: readonly ImportItem[]): ImportItem[] {
  return items.map((item, i) => ({ item, i })).sort((a, b) => ORDER[a.item.outcome.status] - ORDER[b.item.outcome.status] || a.i - b.i).map(({ item }) => item);
}

/** Rows of the results list built at once when a run ends, then per frame: each batch stays a short task. */
export const RESULTS_FIRST = 40;
export const RESULTS_STEP = 40;

/** How many results to show after `shown` of `total`: one more batch, never past the end. */
export function nextShown(shown: number, total: number): number {
  return Math.min(total, Math.max(shown, 0) + RESULTS_STEP);
}
