// Gives memory back after a large one-off job (opening a notebook, answering with all of it,
// building or saving the search index). Most of what such a job leaves behind lies outside the JS
// heap (Buffers: the file read, the answer's bytes), and V8 collects those only when the heap
// itself fills; an idle thread would keep hundreds of megabytes it no longer uses (measured: the
// 100k notebook's host held 940 MB resident instead of ~600). Never for anything done per edit.
import v8 from 'node:v8';
import vm from 'node:vm';

/** How long after the last large job the collection runs: jobs close together share one. */
const AFTER_MS = 1_000;
/** Answers and files at least this large are worth a collection afterwards. */
export const LARGE_BYTES = 8 * 2 ** 20;

let collect: (() => void) | null | undefined;
let timer: ReturnType<typeof setTimeout> | null = null;

/** V8's full collection, once exposed; null where it cannot be (then nothing is done). */
function collector(): (() => void) | null {
  if (collect === undefined) {
    try {
      // The flag only lets code ask for a collection; nothing else about the collector changes.
      v8.setFlagsFromString('--expose-gc');
      collect = vm.runInNewContext('gc') as () => void;
    } catch {
      collect = null;
    }
  }
  return collect;
}

/**
 * Collects this thread's garbage a little after now (once for several calls in a row), between
 * tasks, without keeping the thread alive. A full collection of a small heap takes milliseconds;
 * of a worker holding a 100k notebook, some 100 ms of that worker's time, once.
 */
export function reclaimSoon(): void {
  if (timer) clearTimeout(timer);
  timer = setTimeout(reclaim, AFTER_MS);
  timer.unref();
}

/**
 * Collects now what reclaimSoon was going to collect, if it has not yet: before another large job
 * that would otherwise be done on top of the last one's garbage (the whole notebook answered to
 * the page right after opening it). Nothing is done when no collection is waiting.
 */
export function reclaimIfDue(): void {
  if (timer) reclaim();
}

function reclaim(): void {
  if (timer) clearTimeout(timer);
  timer = null;
  collector()?.();
}
