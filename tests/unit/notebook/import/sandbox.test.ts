import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { NotebookError } from '../../../../notebook/common/errors.js';
import { extractFile } from '../../../../notebook/node/import/extract.js';
import { extractInWorker, type SandboxOptions } from '../../../../notebook/node/import/sandbox.js';
import { docx, understatedZipBombDocx, zipBombDocx } from '../../../fixtures/generate/docx.js';
import { encryptedPdf, flateBombPdf, textPdf } from '../../../fixtures/generate/pdf.js';

// The worker runs compiled JavaScript: under the test runner it is loaded from dist/, which
// `npm test` builds before the unit tests.
const WORKER = fileURLToPath(new URL('../../../../dist/notebook/node/import/worker.js', import.meta.url));
beforeAll(() => {
  if (!existsSync(WORKER)) throw new Error(`${WORKER} is missing: run npm run build first`);
});

const utf8 = (s: string) => new TextEncoder().encode(s);

/**
 * Runs one extraction in the sandbox while a timer in this thread ticks every 50 ms, and reports
 * the longest wait between ticks: what an analyst would feel as the app freezing.
 */
async function whileTicking(filename: string, bytes: Uint8Array, options: SandboxOptions = {}): Promise<{ error: NotebookError | null; longestGapMs: number }> {
  let last = performance.now();
  let longestGapMs = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    longestGapMs = Math.max(longestGapMs, now - last);
    last = now;
  }, 50);
  try {
    await extractInWorker({ filename, bytes }, options);
    return { error: null, longestGapMs };
  } catch (e) {
    if (!(e instanceof NotebookError)) throw e;
    return { error: e, longestGapMs };
  } finally {
    clearInterval(ticker);
  }
}

describe('extractInWorker: ordinary files', () => {
  it('reads a file to exactly what extractFile gives in this thread, and hands the bytes back', async () => {
    const files: [string, Uint8Array][] = [
      ['kcna.md', utf8('---\ntitle: KCNA statement\ndate: 2024-01-06\n---\n# Statement\n\nThe tests belong to a five-year plan.\n')],
      ['report.pdf', await textPdf({ title: 'Arms transfers', author: 'Jane Roe', pages: [['Thousands of containers.'], ['Page two.']] })],
      ['minutes.docx', await docx({ title: 'Minutes', creator: 'Kim', blocks: [{ heading: 'Minutes', level: 1 }, { paragraph: 'The committee met.' }] })],
    ];
    for (const [filename, bytes] of files) {
      const expected = await extractFile({ filename, bytes });
      const original = bytes.slice();
      const result = await extractInWorker({ filename, bytes });
      expect(result.extracted).toEqual(expected);
      expect(result.bytes).toEqual(original);
    }
  }, 30_000);

  it('moves the bytes to the worker instead of copying them', async () => {
    const bytes = new Uint8Array(utf8('Moved, not copied.\n'.repeat(1000)));
    const result = await extractInWorker({ filename: 'moved.txt', bytes });
    expect(bytes.byteLength).toBe(0); // transferred away: this view no longer sees them
    expect(result.bytes.byteLength).toBe(19_000);
    expect(result.extracted.text).toBe('Moved, not copied.\n'.repeat(1000));
  });

  it('leaves a view into a shared buffer alone (it copies what it cannot move)', async () => {
    const shared = new Uint8Array(utf8('HEADER|Only this part.\n|TRAILER'));
    const part = shared.subarray(7, 23);
    const result = await extractInWorker({ filename: 'part.txt', bytes: part });
    expect(result.extracted.text).toBe('Only this part.\n');
    expect(new TextDecoder().decode(shared)).toBe('HEADER|Only this part.\n|TRAILER');
  });

  it("passes a reader's refusal through with its code and message", async () => {
    const bytes = encryptedPdf();
    const inThread = await extractFile({ filename: 'secret.pdf', bytes }).catch((e: unknown) => e);
    expect(inThread).toBeInstanceOf(NotebookError);
    const sandboxed = await extractInWorker({ filename: 'secret.pdf', bytes: bytes.slice() }).catch((e: unknown) => e);
    expect(sandboxed).toBeInstanceOf(NotebookError);
    expect({ code: (sandboxed as NotebookError).code, message: (sandboxed as NotebookError).message }).toEqual({
      code: (inThread as NotebookError).code,
      message: (inThread as NotebookError).message,
    });
    expect((sandboxed as NotebookError).message).toMatch(/^secret\.pdf is password-protected/);
  });

  it('reads files handed in at the same time one after another, each to its own result', async () => {
    const names = ['one.txt', 'two.txt', 'three.txt'];
    const results = await Promise.all(names.map((n) => extractInWorker({ filename: n, bytes: utf8(`This is ${n}.\n`) })));
    expect(results.map((r) => r.extracted.text)).toEqual(names.map((n) => `This is ${n}.\n`));
  });
});

describe('extractInWorker: hostile files are stopped, and the app stays responsive', () => {
  it('a PDF whose stream inflates to 600 MB is stopped by the memory bound', async () => {
    // 256 MB rather than the default 1024 MB only to keep the test short: the bound is the same mechanism.
    const { error, longestGapMs } = await whileTicking('bomb.pdf', flateBombPdf(600), { maxMemoryMb: 256 });
    expect(error?.code).toBe('invalid');
    expect(error?.message).toBe(
      'bomb.pdf: reading it needed more than 256 MB of memory, so it was stopped (the file may be damaged or built to exhaust readers)',
    );
    expect(longestGapMs).toBeLessThan(500);
  }, 60_000);

  it('a .docx zip bomb is refused by its size, whether its headers tell the truth or not', async () => {
    const honest = await whileTicking('bomb.docx', await zipBombDocx(600));
    expect(honest.error?.message).toMatch(/^bomb\.docx unpacks to more than 500 MB/);
    expect(honest.longestGapMs).toBeLessThan(500);
    const lying = await whileTicking('lying.docx', await understatedZipBombDocx(600));
    expect(lying.error?.code).toBe('invalid');
    expect(lying.error?.message).toMatch(/^lying\.docx/);
    expect(lying.longestGapMs).toBeLessThan(500);
  }, 60_000);

  it('a file that takes longer than the time limit is stopped', async () => {
    // A real slow input: inflating 600 MB takes the PDF reader many seconds.
    const { error, longestGapMs } = await whileTicking('slow.pdf', flateBombPdf(600), { timeoutMs: 1500 });
    expect(error?.message).toBe('slow.pdf: reading it took longer than 1.5 s, so it was stopped (the file may be damaged or built to exhaust readers)');
    expect(longestGapMs).toBeLessThan(500);
  }, 30_000);

  it('a cancelled read stops at once', async () => {
    const cancel = new AbortController();
    const reading = extractInWorker({ filename: 'slow.pdf', bytes: flateBombPdf(600) }, { signal: cancel.signal });
    setTimeout(() => cancel.abort(), 300);
    await expect(reading).rejects.toThrow('slow.pdf: reading it was cancelled');
    await expect(extractInWorker({ filename: 'late.txt', bytes: utf8('x') }, { signal: cancel.signal })).rejects.toThrow('late.txt: reading it was cancelled');
  }, 30_000);
});
