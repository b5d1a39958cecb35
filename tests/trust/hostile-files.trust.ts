// Issue 7 item 6: hostile PDF and DOCX files (malformed xref, JavaScript actions, absurd page
// counts, decompression and zip bombs, deep nesting, nested archives, path traversal names,
// broken XML, XXE) imported through the real path, the built service's importFile and its import
// worker, in a child process watched from here. Every import must end within its bounds with a
// clear refusal or a correct source; the process must not crash; nothing may be read from or
// written outside. Positive control: the same files read naively (the readers in the process
// itself, no worker, no bounds) must show the faults the figures count. TRUST_VERBOSE=1 prints each
// file's time, memory and outcome, real and naive.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordFigure } from './figures.js';
import { hostileFiles, type HostileFile } from './hostile/file-corpus.js';
import { runImports, type ImportResult } from './hostile/import-runner.js';
import { scaled, trustSize } from './hostile/size.js';

const PROGRAM = 'hostile-files';
/** The import worker's own bounds (notebook/node/import/sandbox.ts DEFAULT_TIMEOUT_MS, DEFAULT_MAX_MEMORY_MB). */
const TIME_BOUND_MS = 60_000;
const MEMORY_BOUND_MB = 1024;
/**
 * What the process may grow beyond the memory bound before the watch, which samples every 50 ms,
 * stops the reader: one sampling interval of inflating, plus the reader's last allocation (a
 * buffer doubling past the bound).
 */
const MEMORY_OVERSHOOT_MB = 1024;
/** How long the naive control's readers may run before they count as still reading. */
const NAIVE_WATCHDOG_MS = 3_000;

/** A refusal is clear when it names the file, gives a reason in words, and leaks no internals. */
function unclear(name: string, code: string | undefined, message: string | undefined): string | null {
  if (code !== 'invalid') return `code ${String(code)}, not invalid`;
  const m = message ?? '';
  if (!m.includes(name)) return 'does not name the file';
  const reason = m.replace(name, '').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  if (reason.split(' ').length < 2) return 'gives no reason';
  if (/\bundefined\b|\[object |Bug :|\n\s+at |\b(?:Type|Range|Reference|Syntax)Error\b|Cannot read propert|is not a function|ERR_[A-Z_]{3,}|Maximum call stack|Not implemented/.test(m)) return 'leaks an internal error';
  return null;
}

interface Judged {
  name: string;
  overTime: boolean;
  crashed: boolean;
  unclear: string | null;
  wrong: string | null;
  peakGrowthMb: number | null;
  ms: number | null;
}

/** Each result against the file's expectation. */
function judge(file: HostileFile, result: ImportResult | undefined): Judged {
  const base = { name: file.name, overTime: false, crashed: false, unclear: null, wrong: null, peakGrowthMb: null, ms: null };
  if (!result) return { ...base, wrong: 'no result (the child never reached it)' };
  if (result.end === 'timed out') return { ...base, overTime: true, wrong: result.detail };
  if (result.end === 'crashed') return { ...base, crashed: true, wrong: result.detail };
  const line = result.line;
  const judged: Judged = {
    ...base,
    ms: line.ms,
    overTime: line.ms > TIME_BOUND_MS + 5_000,
    peakGrowthMb: line.peakMb === null ? null : line.peakMb - line.rssBeforeMb,
  };
  if (line.ok) {
    if (file.expect === 'reject') judged.wrong = `imported (${line.textLength} characters), but must be refused`;
    else if (line.secretSeen) judged.wrong = 'the secret file’s contents reached the source';
    else if (file.text && !line.textHas) judged.wrong = `imported without its text: ${JSON.stringify(line.textHead?.slice(0, 80))}`;
  } else {
    judged.unclear = unclear(file.name, line.code, line.message);
    if (file.expect === 'source') judged.wrong = `refused, but must import: ${line.message}`;
  }
  return judged;
}

describe('hostile PDF and DOCX files (issue 7, item 6)', () => {
  let tempDir: string;
  let witness: http.Server;
  let witnessHits: string[] = [];
  let witnessOrigin = '';

  beforeAll(async () => {
    tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'corroborate-trust-files-'));
    witness = http.createServer((req, res) => {
      witnessHits.push(req.url ?? '');
      res.end('<!ENTITY leaked "WITNESS-REACHED">');
    });
    await new Promise<void>((resolve) => witness.listen(0, '127.0.0.1', resolve));
    witnessOrigin = `http://127.0.0.1:${(witness.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => witness.close(() => resolve()));
    fs.rmSync(tempDir, { recursive: true, force: true });
  });

  it('every import ends within its bounds with a clear refusal or a correct source, and nothing crashes', async () => {
    const secret = `CORROBORATE-SECRET-${randomBytes(8).toString('hex')}`;
    const secretPath = path.join(tempDir, 'secret.txt');
    fs.writeFileSync(secretPath, `${secret}\n`);
    const escapeTargets = [path.join(tempDir, 'escaped', 'evil.txt'), path.join(os.tmpdir(), `corroborate-trust-escape-${randomBytes(4).toString('hex')}.txt`)];
    const corpus = await hostileFiles({ secretPath, secret, witness: witnessOrigin, escapeTargets, bombGib: scaled(4, 8), slow: trustSize() === 'large' });
    const corpusDir = path.join(tempDir, 'corpus');
    fs.mkdirSync(corpusDir);
    const files = corpus.map((f, i) => {
      const file = path.join(corpusDir, `${String(i).padStart(3, '0')}-${f.name}`);
      fs.writeFileSync(file, f.bytes);
      return { name: f.name, path: file, ...(f.text ? { text: f.text } : {}) };
    });
    witnessHits = [];

    const real = await runImports({
      mode: 'service',
      files,
      notebookDir: path.join(tempDir, 'Hostile files.corroborate'),
      secret,
      watchdogMs: TIME_BOUND_MS + 30_000,
      workDir: tempDir,
    });
    const hitsDuringImports = [...witnessHits];
    const escaped = escapeTargets.filter((t) => fs.existsSync(t));
    const judged = corpus.map((f) => judge(f, real.results.find((r) => r.name === f.name)));

    // Positive control: the same files handed straight to pdf.js and mammoth in the child's own
    // thread, as an importer without Corroborate's reader code and worker would. A reader still busy
    // after NAIVE_WATCHDOG_MS blocks that thread (the app's, there) and counts as over time.
    const naive = await runImports({
      mode: 'naive',
      files,
      notebookDir: path.join(tempDir, 'unused.corroborate'),
      secret,
      watchdogMs: NAIVE_WATCHDOG_MS,
      workDir: tempDir,
    });
    const naiveJudged = corpus.map((f) => judge(f, naive.results.find((r) => r.name === f.name)));
    const naiveTimeouts = naiveJudged.filter((j) => j.overTime || (j.ms ?? 0) > NAIVE_WATCHDOG_MS).length;
    const naiveUnclear = naiveJudged.filter((j) => j.unclear).length;
    // The crash detector's control: a naive reader whose stack setting exceeds the thread's real
    // stack dies (SIGSEGV) on the deeply nested document, and must be seen to.
    const deep = files.filter((f) => f.name === 'xml-deep-nesting.docx');
    const crashRun = await runImports({ mode: 'naive', files: deep, notebookDir: path.join(tempDir, 'unused.corroborate'), secret, watchdogMs: 30_000, execArgv: ['--stack-size=65500'], workDir: tempDir });
    const naiveCrashes = crashRun.results.filter((r) => r.end === 'crashed').length;
    // And the witness answers whoever asks: zero hits above means nothing asked.
    await fetch(`${witnessOrigin}/control`).then((r) => r.text());
    const witnessWorks = witnessHits.includes('/control');

    const overTime = judged.filter((j) => j.overTime);
    const crashed = judged.filter((j) => j.crashed);
    const unclearOnes = judged.filter((j) => j.unclear);
    const wrong = judged.filter((j) => j.wrong && !j.crashed && !j.overTime);
    const peak = Math.max(...judged.map((j) => j.peakGrowthMb ?? 0));
    const slowest = judged.reduce((a, b) => ((b.ms ?? 0) > (a.ms ?? 0) ? b : a));
    const imported = judged.filter((j, i) => real.results.find((r) => r.name === corpus[i]!.name && r.end === 'answered' && r.line.ok)).length;

    const control = `pdf.js/mammoth called directly: ${naiveTimeouts} still reading after ${NAIVE_WATCHDOG_MS / 1000} s, ${naiveUnclear} unclear refusals of ${corpus.length}; ${naiveCrashes} crash seen with a too-deep stack`;
    recordFigure({ program: PROGRAM, figure: 'hostile files imported', value: `${corpus.length} (${imported} sources, ${corpus.length - imported} refused)`, expected: '≥ 40', control: `${corpus.filter((f) => f.name.endsWith('.pdf')).length} PDF, ${corpus.filter((f) => f.name.endsWith('.docx')).length} DOCX` });
    recordFigure({ program: PROGRAM, figure: 'imports over the time bound (60 s)', value: overTime.length, expected: '0', control: `${control}; slowest here ${slowest.name} ${Math.round(slowest.ms ?? 0)} ms` });
    recordFigure({ program: PROGRAM, figure: 'crashes of the importing process', value: crashed.length + real.badExits.length, expected: '0', control });
    recordFigure({ program: PROGRAM, figure: 'rejections without a clear message', value: unclearOnes.length, expected: '0', control });
    recordFigure({ program: PROGRAM, figure: 'wrong outcomes (bomb taken, text lost, secret shown)', value: wrong.length, expected: '0', control: `${corpus.filter((f) => f.expect === 'source').length} files must import` });
    recordFigure({ program: PROGRAM, figure: 'peak memory growth of one import (MB)', value: Math.round(peak), expected: `≤ ${MEMORY_BOUND_MB} + ${MEMORY_OVERSHOOT_MB} overshoot`, control: `bound ${MEMORY_BOUND_MB} MB` });
    recordFigure({ program: PROGRAM, figure: 'requests or files outside (XXE, traversal)', value: hitsDuringImports.length + escaped.length, expected: '0', control: `the witness answers a direct request: ${witnessWorks}` });

    if (process.env.TRUST_VERBOSE) {
      for (const [i, j] of judged.entries()) {
        const r = real.results.find((x) => x.name === j.name);
        const n = naiveJudged[i]!;
        console.log(`${j.name.padEnd(48)} ${String(Math.round(j.ms ?? -1)).padStart(6)} ms ${String(Math.round(j.peakGrowthMb ?? -1)).padStart(5)} MB | naive ${String(Math.round(n.ms ?? -1)).padStart(6)} ms ${n.crashed ? 'CRASH' : ''}${n.overTime ? 'TIMEOUT' : ''} ${n.unclear ?? ''} | ${r?.end === 'answered' ? (r.line.ok ? `ok ${r.line.title}` : r.line.message) : r?.end}`);
      }
    }
    const show = (list: Judged[]) => list.map((j) => `${j.name}: ${j.wrong ?? j.unclear ?? ''}`);
    expect(real.results).toHaveLength(corpus.length);
    expect(show(overTime)).toEqual([]);
    expect(show(crashed)).toEqual([]);
    expect(real.badExits).toEqual([]);
    expect(unclearOnes.map((j) => `${j.name}: ${j.unclear} — ${real.results.find((r) => r.name === j.name && r.end === 'answered' && 'line' in r) ? (real.results.find((r) => r.name === j.name) as Extract<ImportResult, { end: 'answered' }>).line.message : ''}`)).toEqual([]);
    expect(show(wrong)).toEqual([]);
    expect(peak).toBeLessThanOrEqual(MEMORY_BOUND_MB + MEMORY_OVERSHOOT_MB);
    expect(hitsDuringImports).toEqual([]);
    expect(escaped).toEqual([]);
    expect(witnessWorks).toBe(true);
    expect(naiveTimeouts, 'the watchdog must catch a reader that runs on').toBeGreaterThan(0);
    expect(naiveUnclear, 'the clarity rubric must catch raw library errors').toBeGreaterThan(0);
    expect(naiveCrashes, 'the crash detector must see a process that dies').toBe(1);
  }, scaled(600_000, 1_800_000));
});
