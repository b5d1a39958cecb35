// Shared by the storage trust programs (kill, corruption, single writer, migrations): run size,
// seeded randomness, scratch folders, the built code's location, child processes, and the digest
// both sides of a kill compute. Never reaches outside its scratch folders.
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const CHILDREN = path.join(REPO_ROOT, 'tests', 'trust', 'children');

/** TRUST_SIZE: "small" (default, CI: the counts issue 7 names) or "large" (ten times as many). */
export function sized(small: number, large = small * 10): number {
  const size = (process.env.TRUST_SIZE ?? 'small').trim().toLowerCase();
  if (size !== 'small' && size !== 'large') throw new Error(`TRUST_SIZE must be "small" or "large", not ${JSON.stringify(process.env.TRUST_SIZE)}`);
  return size === 'large' ? large : small;
}

/** The built code the children import: CORROBORATE_DIST, or <repo>/dist; checked to be there. */
export function distDir(): string {
  const dir = path.resolve(process.env.CORROBORATE_DIST ?? path.join(REPO_ROOT, 'dist'));
  const store = path.join(dir, 'notebook', 'node', 'store.js');
  if (!fs.existsSync(store)) throw new Error(`${store} is missing: run "npm run build" (or point CORROBORATE_DIST at a build) before the trust programs`);
  return dir;
}

/** A seeded generator (mulberry32): the same seed gives the same run everywhere. */
export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  /** An integer in [min, max]. */
  between(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }
  pick<T>(list: readonly T[]): T {
    if (!list.length) throw new Error('pick from an empty list');
    return list[this.int(list.length)]!;
  }
}

/** A scratch folder for one program; remove() deletes it and everything under it. */
export function scratch(name: string): { dir: string; remove(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `corroborate-trust-${name}-`));
  return {
    dir,
    remove() {
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Every file under dir (relative path → sha256 of its bytes): what "nothing changed" is checked against. */
export function fingerprint(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) out[path.relative(dir, p)] = createHash('sha256').update(fs.readFileSync(p)).digest('hex');
    }
  };
  if (fs.existsSync(dir)) walk(dir);
  return out;
}

/**
 * sha256 of JSON with object keys sorted and undefined fields left out: equal for equal notebooks
 * whatever order their fields were built in. tests/trust/children/writer.mjs computes the same.
 */
export function digest(value: unknown): string {
  return createHash('sha256').update(canonical(value)).digest('hex');
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonical(v))).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export interface Child {
  process: ChildProcess;
  /** Complete stdout lines so far. */
  lines: string[];
  /** Resolves with the first stdout line that matches, or rejects when the child ends first. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** Resolves once the child has exited and been reaped. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stderr(): string;
}

/** Starts node on a child script in tests/trust/children with CORROBORATE_DIST set. */
export function startChild(script: string, args: string[]): Child {
  const child = spawn(process.execPath, [path.join(CHILDREN, script), ...args], {
    env: { ...process.env, CORROBORATE_DIST: distDir() },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let partial = '';
  let err = '';
  const waiters: { pattern: RegExp; resolve: (line: string) => void }[] = [];
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    partial += chunk;
    let nl: number;
    while ((nl = partial.indexOf('\n')) >= 0) {
      const line = partial.slice(0, nl);
      partial = partial.slice(nl + 1);
      lines.push(line);
      for (const w of [...waiters]) {
        if (w.pattern.test(line)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(line);
        }
      }
    }
  });
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    if (err.length < 20_000) err += chunk;
  });
  // A child that is killed may still be written to; that is not an error of the program.
  child.stdin.on('error', () => undefined);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return {
    process: child,
    lines,
    exited,
    stderr: () => err,
    waitFor(pattern, timeoutMs = 30_000) {
      const seen = lines.find((l) => pattern.test(l));
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${script}: no line matching ${pattern} within ${timeoutMs} ms; stderr: ${err.slice(0, 2000)}`)), timeoutMs);
        waiters.push({
          pattern,
          resolve: (line) => {
            clearTimeout(timer);
            resolve(line);
          },
        });
        void exited.then(({ code, signal }) => {
          clearTimeout(timer);
          reject(new Error(`${script} ended (code ${code}, signal ${signal}) before a line matching ${pattern}; stderr: ${err.slice(0, 2000)}`));
        });
      });
    },
  };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Kills the child with SIGKILL and waits until it is reaped. */
export async function killHard(child: Child): Promise<void> {
  child.process.kill('SIGKILL');
  await child.exited;
}
