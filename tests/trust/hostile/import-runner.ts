// Runs files through tests/trust/children/hostile-import.mjs and watches it from outside: each file
// gets a time limit, a child that dies mid-file is a crash of that import (and a fresh child goes
// on with the next file), so one bad file cannot hide what the others do. Never kills any
// process but the child it started.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { CHILDREN_DIR, distDir, REPO_ROOT } from './dist.js';

export interface ImportLine {
  name: string;
  ms: number;
  rssBeforeMb: number;
  peakMb: number | null;
  ok: boolean;
  code?: string;
  message?: string;
  title?: string;
  textLength?: number;
  textHead?: string;
  secretSeen?: boolean;
  textHas?: boolean | null;
}

export type ImportResult =
  | { name: string; end: 'answered'; line: ImportLine }
  | { name: string; end: 'crashed'; detail: string }
  | { name: string; end: 'timed out'; detail: string };

export interface RunOptions {
  mode: 'service' | 'naive';
  /** Each file as written to disk, with the sentence its text must hold. */
  files: { name: string; path: string; text?: string }[];
  notebookDir: string;
  secret: string;
  /** How long one file may take before the child is killed and the import counted over time. */
  watchdogMs: number;
  /** Node flags for the child (e.g. a heap limit for the naive control). */
  execArgv?: string[];
  /** Where the manifest goes. */
  workDir: string;
}

export interface RunOutcome {
  results: ImportResult[];
  /** Exit codes of children that ended other than with code 0 after their last file (the app closing badly). */
  badExits: string[];
}

export async function runImports(options: RunOptions): Promise<RunOutcome> {
  const results: ImportResult[] = [];
  const badExits: string[] = [];
  let skip = 0;
  while (skip < options.files.length) {
    const manifest = path.join(options.workDir, `manifest-${options.mode}-${skip}.json`);
    fs.writeFileSync(manifest, JSON.stringify({ mode: options.mode, notebookDir: options.notebookDir, secret: options.secret, files: options.files, skip }));
    skip = await runChild(options, manifest, results, badExits);
  }
  return { results, badExits };
}

/** One child from its first file on; resolves with the index to go on from. */
function runChild(options: RunOptions, manifest: string, results: ImportResult[], badExits: string[]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...(options.execArgv ?? []), path.join(CHILDREN_DIR, 'hostile-import.mjs'), manifest], {
      cwd: REPO_ROOT,
      env: { ...process.env, CORROBORATE_DIST: distDir() },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let buffered = '';
    let current: { i: number; name: string } | null = null;
    let next = Number(JSON.parse(fs.readFileSync(manifest, 'utf8')).skip);
    let timer: ReturnType<typeof setTimeout> | null = null;
    let timedOut = false;
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (d: string) => (stderr = (stderr + d).slice(-4000)));
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (d: string) => {
      buffered += d;
      for (let nl = buffered.indexOf('\n'); nl !== -1; nl = buffered.indexOf('\n')) {
        const text = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        let line: { event: string; i: number; name: string } & ImportLine;
        try {
          line = JSON.parse(text) as typeof line;
        } catch {
          continue; // a reader's stray output, not ours
        }
        if (line.event === 'start') {
          current = { i: line.i, name: line.name };
          timer = setTimeout(() => {
            timedOut = true;
            child.kill('SIGKILL');
          }, options.watchdogMs);
        } else if (line.event === 'end') {
          if (timer) clearTimeout(timer);
          results.push({ name: line.name, end: 'answered', line });
          current = null;
          next = line.i + 1;
        } else if (line.event === 'done') {
          next = options.files.length;
        }
      }
    });
    child.on('exit', (code, signal) => {
      if (timer) clearTimeout(timer);
      if (current) {
        const detail = `${signal ?? `exit code ${code}`}; stderr: ${stderr.trim().split('\n').slice(-3).join(' | ')}`;
        results.push(timedOut ? { name: current.name, end: 'timed out', detail: `no answer within ${options.watchdogMs / 1000} s` } : { name: current.name, end: 'crashed', detail });
        resolve(current.i + 1);
        return;
      }
      if (code !== 0) badExits.push(`${signal ?? `exit code ${code}`} after its last file; stderr: ${stderr.trim().slice(-500)}`);
      // A child that ends before its first file (it could not start) must not loop forever.
      resolve(next === Number(JSON.parse(fs.readFileSync(manifest, 'utf8')).skip) && code !== 0 ? options.files.length : next);
    });
  });
}
