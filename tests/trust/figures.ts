// The figures the trust programs measure: each is printed as one aligned line and kept in
// trust-results.json at the repo root (git-ignored), for the README's "Data safety and security"
// section. Records what was measured; never decides pass or fail (each program asserts its own).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Figure {
  /** The program that measured it, e.g. "kill during writes". */
  program: string;
  /** What was counted, e.g. "acknowledged edits lost": the same words every run (it is the key). */
  figure: string;
  value: number | string;
  /** Counts that vary from run to run, e.g. "of 1017 acknowledged edits, 100 kills". */
  detail?: string;
  /** What it must be, e.g. "0" or "100%". */
  expected: string;
  /** What the positive control in the same run showed, e.g. "naive writer: 31 of 40 kills left torn files". */
  control: string;
}

export interface RecordedFigure extends Figure {
  /** TRUST_SIZE the run had. */
  size: string;
  /** When it was measured (ISO). */
  at: string;
}

export const RESULTS_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'trust-results.json');

/** The file holds { figures: RecordedFigure[] }: each program's figures from its last run, in the order measured. */
interface Results {
  figures: RecordedFigure[];
}

function readResults(): Results {
  try {
    const parsed = JSON.parse(fs.readFileSync(RESULTS_FILE, 'utf8')) as Partial<Results>;
    return { figures: Array.isArray(parsed.figures) ? parsed.figures : [] };
  } catch {
    // Missing, or left half-written by an interrupted run: start a fresh record.
    return { figures: [] };
  }
}

/** Programs that recorded a figure in this process: their figures from earlier runs are gone. */
const started = new Set<string>();

/**
 * Prints the figure and stores it in trust-results.json. A program's first figure in a run drops
 * what its earlier runs left, so the file always holds what the last run of each program measured.
 */
export function recordFigure(figure: Figure): void {
  const recorded: RecordedFigure = { ...figure, size: process.env.TRUST_SIZE?.trim().toLowerCase() || 'small', at: new Date().toISOString() };
  const results = readResults();
  if (!started.has(figure.program)) {
    started.add(figure.program);
    results.figures = results.figures.filter((f) => f.program !== figure.program);
  }
  const i = results.figures.findIndex((f) => f.program === figure.program && f.figure === figure.figure);
  if (i >= 0) results.figures[i] = recorded;
  else results.figures.push(recorded);
  // Programs run one file at a time (fileParallelism: false), so a plain rewrite cannot race.
  fs.writeFileSync(RESULTS_FILE, `${JSON.stringify(results, null, 2)}\n`);
  console.log(formatFigure(recorded));
}

/** "[trust] kill during writes · acknowledged edits lost ........ 0   (of 1017; expected 0; control: …)" */
export function formatFigure(f: Figure): string {
  const label = `${f.program} · ${f.figure} `.padEnd(64, '.');
  return `[trust] ${label} ${String(f.value).padStart(8)}   (${f.detail ? `${f.detail}; ` : ''}expected ${f.expected}; control: ${f.control})`;
}
