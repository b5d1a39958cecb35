// The bench's record of what it measured: each figure beside its baseline (measured in the same
// run) and its budget. Printed as a table at the end and written to bench-results.json; the run
// fails when a budget is missed. Timing helpers live here too. Never used by `npm test`.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const RESULTS_DIR = path.join(REPO_ROOT, 'bench-results');

export interface Stats {
  median: number;
  p95: number;
  runs: number;
}

export function stats(samples: readonly number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
  return { median: at(0.5), p95: at(0.95), runs: sorted.length };
}

/** Milliseconds each call of fn takes, `runs` times (after one warm-up unless warm is false). */
export async function time(runs: number, fn: () => unknown | Promise<unknown>, options: { warm?: boolean } = {}): Promise<number[]> {
  if (options.warm !== false) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  return samples;
}

export interface Figure {
  /** What was measured, e.g. "open · 100k". */
  name: string;
  unit: 'ms' | 'MB' | 'count' | 'ratio';
  value: Stats;
  /** What the figure is compared with, measured in the same run. */
  baseline?: { name: string; value: Stats };
  /** The budget in words, and whether it held. */
  budget: string;
  pass: boolean;
  note?: string;
}

/**
 * Each bench file writes its own JSON (bench-results/<program>.json), as vitest runs files in
 * separate processes; tests/bench/report.ts gathers them into one table.
 */
export class Recorder {
  readonly figures: Figure[] = [];
  constructor(readonly program: string) {}

  add(figure: Figure): Figure {
    this.figures.push(figure);
    const ratio = figure.baseline ? ` (baseline ${figure.baseline.name} ${format(figure.baseline.value.median, figure.unit)}${ratioText(figure) ? `, ${ratioText(figure)}` : ''})` : '';
    process.stdout.write(`[bench] ${figure.pass ? 'ok  ' : 'MISS'} ${figure.name}: median ${format(figure.value.median, figure.unit)}, p95 ${format(figure.value.p95, figure.unit)}${ratio}; budget ${figure.budget}${figure.note ? `; ${figure.note}` : ''}\n`);
    return figure;
  }

  save(): void {
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    const machine = { cpus: os.cpus().length, cpu: os.cpus()[0]?.model ?? 'unknown', memoryGb: Math.round(os.totalmem() / 2 ** 30), platform: `${os.platform()} ${os.release()}`, node: process.version };
    fs.writeFileSync(path.join(RESULTS_DIR, `${this.program}.json`), `${JSON.stringify({ program: this.program, at: new Date().toISOString(), machine, figures: this.figures }, null, 2)}\n`);
  }

  get missed(): Figure[] {
    return this.figures.filter((f) => !f.pass);
  }
}

/** "×1.23": the figure's median over its baseline's; empty without a baseline, or when the baseline is 0 (a count of nothing, e.g. no long task). */
export function ratioText(figure: Pick<Figure, 'value' | 'baseline'>): string {
  if (!figure.baseline || figure.baseline.value.median === 0) return '';
  return `×${(figure.value.median / figure.baseline.value.median).toFixed(2)}`;
}

export function format(value: number, unit: Figure['unit']): string {
  if (unit === 'ms') return `${value < 10 ? value.toFixed(2) : value.toFixed(0)} ms`;
  if (unit === 'MB') return `${value.toFixed(0)} MB`;
  if (unit === 'ratio') return `×${value.toFixed(2)}`;
  return String(Math.round(value));
}

/**
 * The longest the event loop was held while fn ran: a timer asks to run every millisecond, and the
 * largest gap between its runs, less that millisecond, is how long something held the thread.
 */
export async function longestBlock(fn: () => Promise<unknown>): Promise<number> {
  let last = performance.now();
  let longest = 0;
  const timer = setInterval(() => {
    const t = performance.now();
    longest = Math.max(longest, t - last - 1);
    last = t;
  }, 1);
  try {
    await fn();
    await new Promise((r) => setTimeout(r, 5));
  } finally {
    clearInterval(timer);
  }
  longest = Math.max(longest, performance.now() - last - 1);
  return Math.max(0, longest);
}
