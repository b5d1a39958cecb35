import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { extractPdf } from '../../../../notebook/node/import/pdf.js';
import { DEFAULT_LIMITS } from '../../../../notebook/node/import/types.js';
import {
  FLATE_BOMB_TAIL_TEXT,
  encryptedPdf,
  flateBombPdf,
  manyPagesPdf,
  notAPdf,
  truncatedPdf,
} from '../../../fixtures/generate/pdf.js';

const extract = (filename: string, bytes: Uint8Array, limits = DEFAULT_LIMITS) => extractPdf({ filename, bytes }, limits);

// pdf.js may print warnings, damaged files most of all; an import must not write to the terminal.
let consoleSpies: MockInstance[] = [];
beforeEach(() => {
  consoleSpies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((m) => vi.spyOn(console, m));
});
afterEach(() => {
  for (const spy of consoleSpies) expect(spy).not.toHaveBeenCalled();
  vi.restoreAllMocks();
});

describe('extractPdf: files it cannot read', () => {
  it('refuses a password-protected PDF and says what to do', async () => {
    await expect(extract('assessment.pdf', encryptedPdf())).rejects.toMatchObject({
      code: 'invalid',
      message: 'assessment.pdf is password-protected: remove the password and import it again',
    });
  });

  it('(the encrypted fixture is real: pdf.js asks for its password, and reads it with the password)', async () => {
    const bytes = encryptedPdf({ userPassword: 'open sesame', text: 'Eyes only.' });
    const locked = pdfjs.getDocument({ data: bytes.slice(), verbosity: 0 });
    await expect(locked.promise).rejects.toMatchObject({ name: 'PasswordException', code: pdfjs.PasswordResponses.NEED_PASSWORD });
    await locked.destroy();

    const unlocked = pdfjs.getDocument({ data: bytes.slice(), password: 'open sesame', verbosity: 0 });
    try {
      const doc = await unlocked.promise;
      const content = await (await doc.getPage(1)).getTextContent();
      expect(content.items.map((i) => ('str' in i ? i.str : '')).join('')).toBe('Eyes only.');
      expect((await doc.getMetadata()).info).toMatchObject({ Title: 'Restricted assessment' });
    } finally {
      await unlocked.destroy();
    }
  });

  it('refuses a truncated PDF as not readable', async () => {
    await expect(extract('download.pdf', await truncatedPdf())).rejects.toMatchObject({
      code: 'invalid',
      message: expect.stringMatching(/^download\.pdf is not a readable PDF \(.+\)$/),
    });
  });

  it('refuses junk named .pdf, and an empty file, as not readable', async () => {
    await expect(extract('notes.pdf', notAPdf())).rejects.toMatchObject({
      code: 'invalid',
      message: 'notes.pdf is not a readable PDF (invalid PDF structure)',
    });
    await expect(extract('empty.pdf', new Uint8Array(0))).rejects.toMatchObject({
      code: 'invalid',
      message: expect.stringMatching(/^empty\.pdf is not a readable PDF \(.*empty.*\)$/),
    });
  });
});

describe('extractPdf: bombs', () => {
  it('refuses 120,000 pages from the page count alone, before reading any page', async () => {
    // Reading the pages first would take minutes (each is a real page): any page read fails here.
    const probe = pdfjs.getDocument({ data: manyPagesPdf(1), verbosity: 0 });
    const documentClass = Object.getPrototypeOf(await probe.promise) as { getPage(n: number): Promise<unknown> };
    await probe.destroy();
    const getPage = vi.spyOn(documentClass, 'getPage').mockRejectedValue(new Error('a page was read'));

    await expect(extract('pages.pdf', manyPagesPdf(120_000))).rejects.toMatchObject({
      code: 'invalid',
      message: 'pages.pdf has 120,000 pages; Corroborate imports PDFs of up to 5,000 pages',
    });
    expect(getPage).not.toHaveBeenCalled();
  });

  it('(the many-pages fixture is real: its pages all read, as the same page)', async () => {
    const result = await extract('three.pdf', manyPagesPdf(3));
    expect(result.text).toBe(['The same page, again.', 'The same page, again.', 'The same page, again.'].join('\n\n'));
    expect(result.pageStarts).toEqual([0, 23, 46]);
  });

  it('reads a page whose content inflates to 32 MiB of white space to its end', async () => {
    const result = await extract('spaces.pdf', flateBombPdf(32));
    expect(result.text).toBe(FLATE_BOMB_TAIL_TEXT);
  }, 60_000);

  it('gives up on a page whose content inflates to millions of characters once the text limit is passed', async () => {
    await expect(extract('text-bomb.pdf', flateBombPdf(32, { fill: 'text' }), { ...DEFAULT_LIMITS, maxTextLength: 1_000_000 })).rejects.toMatchObject({
      code: 'invalid',
      message: 'text-bomb.pdf has more than 1,000,000 characters of text; Corroborate imports up to 1,000,000 from one file',
    });
  }, 60_000);
});
