// Loaded into the browser host's process by the import bench (NODE_OPTIONS=--import=<this file>):
// watches the host's main thread from inside, as a timer that should fire every 10 ms, and writes
// each time it fired more than 20 ms late to the file CORROBORATE_BENCH_LOOP_LOG names, with how
// much of that time the thread itself ran (on Linux, from /proc/self/task/<tid>/schedstat) and how
// long it waited for a core, which on a busy two-core machine is most of it; a heartbeat every
// second so the bench knows it was watching; and V8's collections over 10 ms. Only the main
// thread: the notebook's worker has its own figures. A probe from outside (an HTTP call every
// 25 ms) timed its own process as much as the host.
import fs from 'node:fs';
import { PerformanceObserver } from 'node:perf_hooks';
import { isMainThread } from 'node:worker_threads';

const log = process.env.CORROBORATE_BENCH_LOOP_LOG;
if (isMainThread && log) {
  const EVERY_MS = 10;
  const REPORT_OVER_MS = 20;
  const write = (line) => fs.appendFileSync(log, `${process.pid} ${Date.now()} ${line}\n`);
  // The main thread's id is the process id. Fields: ns run on a core, ns waited for one, slices.
  const schedstat = `/proc/self/task/${process.pid}/schedstat`;
  const sched = () => {
    try {
      const [ran, waited] = fs.readFileSync(schedstat, 'utf8').split(' ').map(Number);
      return { ran, waited };
    } catch {
      return null;
    }
  };
  let before = sched();
  let expected = performance.now() + EVERY_MS;
  let beat = Date.now();
  setInterval(() => {
    const now = performance.now();
    const late = now - expected;
    expected = now + EVERY_MS;
    const stat = sched();
    if (late > REPORT_OVER_MS) {
      const split = stat && before ? ` ran ${((stat.ran - before.ran) / 1e6).toFixed(1)} waited ${((stat.waited - before.waited) / 1e6).toFixed(1)}` : '';
      write(`late ${late.toFixed(1)}${split}`);
    }
    before = stat;
    if (Date.now() - beat >= 1_000) {
      beat = Date.now();
      write('beat');
    }
  }, EVERY_MS).unref();
  // V8's collections of this thread's heap over 10 ms, so a late timer can be told from a long task.
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (entry.duration > 10) write(`gc ${entry.duration.toFixed(1)} ${entry.detail?.kind ?? ''}`);
  }).observe({ entryTypes: ['gc'] });
}
