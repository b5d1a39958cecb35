// @vitest-environment jsdom
// Checking the files just chosen gives the page turns: each read of a chosen file's size asks the
// browser, so hundreds of them in one task would freeze the window before the import begins.
import { afterEach, describe, expect, it, vi } from 'vitest';

vi.mock('../../../renderer/src/state.js', () => ({
  importFormats: () => Promise.resolve({ extensions: ['.txt'], maxBytes: 100 }),
  importFile: ({ filename }: { filename: string }) => Promise.resolve({ duplicateOf: null, source: { id: `id-${filename}`, title: filename } }),
}));

const { getImportRun, importFiles } = await import('../../../renderer/src/import/import-queue.js');
const { readAsBase64 } = await import('../../../renderer/src/import/import-files.js');

/** The page's clock, moved by hand: each size read takes 1 ms of it, as a round trip to the browser might. */
let clock = 0;
let sizesRead = 0;

/** A chosen file whose size is counted when read, like a File the browser must be asked about. */
function chosen(name: string, size: number): { file: File } {
  const file = new File(['x'.repeat(Math.min(size, 10))], name, { type: 'text/plain' });
  Object.defineProperty(file, 'size', {
    get: () => {
      sizesRead++;
      clock += 1;
      return size;
    },
  });
  return { file };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('checking the chosen files', () => {
  it('reads each size once, in slices with turns for the page between them, and still refuses the one too large', async () => {
    vi.spyOn(performance, 'now').mockImplementation(() => clock);
    const candidates = Array.from({ length: 40 }, (_, i) => chosen(`note ${i}.txt`, i === 33 ? 500 : 10));
    let readWhenThePageHadATurn = -1;
    setTimeout(() => (readWhenThePageHadATurn = sizesRead), 0);
    await importFiles(candidates, { imported: () => undefined, finishedOne: () => undefined });
    // The page's own task (the timer) ran after the first slice of checks, long before the last.
    expect(readWhenThePageHadATurn).toBeGreaterThan(0);
    expect(readWhenThePageHadATurn).toBeLessThan(20);
    const run = getImportRun();
    expect(run?.items).toHaveLength(40);
    // Each size was read once, while checking; reading the files asked none again.
    expect(sizesRead).toBe(40);
    expect(run?.items.filter((i) => i.outcome.status === 'imported')).toHaveLength(39);
    expect(run?.items[33]?.outcome).toEqual({ status: 'failed', reason: 'note 33.txt is 500 bytes; Corroborate imports files of up to 100 bytes' });
  });

  it('reads a file and an empty one through FileReader without asking their size', async () => {
    const before = sizesRead;
    const { file } = chosen('a.txt', 10);
    const { file: empty } = chosen('empty.txt', 0);
    expect(await readAsBase64(file)).toBe(btoa('x'.repeat(10)));
    expect(await readAsBase64(new File([], 'empty.txt'))).toBe('');
    expect(await readAsBase64(empty)).toBe('');
    expect(sizesRead).toBe(before);
  });
});
