import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import type { Source } from '../../../../notebook/common/model.js';
import { pageOf } from '../../../../notebook/common/queries.js';
import { codePointIndex, sliceCodePoints } from '../../../../notebook/common/text.js';
import { extractPdf } from '../../../../notebook/node/import/pdf.js';
import { DEFAULT_LIMITS } from '../../../../notebook/node/import/types.js';
import { imageOnlyPdf, mixedPdf, textPdf } from '../../../fixtures/generate/pdf.js';

const extract = (filename: string, bytes: Uint8Array, limits = DEFAULT_LIMITS) => extractPdf({ filename, bytes }, limits);

/** The page an excerpt starting at `needle` would cite, as the reader and exports compute it. */
function pageOfText(text: string, pageStarts: number[] | undefined, needle: string): number | undefined {
  const at = text.indexOf(needle);
  expect(at, `"${needle}" is in the text`).toBeGreaterThanOrEqual(0);
  return pageOf({ content: { pageStarts } } as Source, codePointIndex(text, at));
}

// pdf.js may print warnings; an import must not write to the terminal or the app's log.
let consoleSpies: MockInstance[] = [];
beforeEach(() => {
  consoleSpies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((m) => vi.spyOn(console, m));
});
afterEach(() => {
  for (const spy of consoleSpies) expect(spy).not.toHaveBeenCalled();
  vi.restoreAllMocks();
});

describe('extractPdf: text and pages', () => {
  const report = {
    pages: [
      [
        'Arms transfers: an assessment',
        'Officials in Seoul said thousands of containers had been shipped by rail and by sea since August, a figure the ministry repeated on Tuesday without giving its sources.',
      ],
      ['Kim Yo Jong called the accusation “the most absurd paradox”.', 'She said the weapons tests belong to a five-year plan.'],
      ['Annex: café, naïve, Zürich — accented words survive.'],
    ],
  };

  it('reads each page into paragraphs and records where each page starts', async () => {
    const result = await extract('report.pdf', await textPdf(report));
    expect(result.text).toBe(
      [
        'Arms transfers: an assessment',
        // wrapped over several lines in the PDF, one paragraph here
        'Officials in Seoul said thousands of containers had been shipped by rail and by sea since August, a figure the ministry repeated on Tuesday without giving its sources.',
        'Kim Yo Jong called the accusation “the most absurd paradox”.',
        'She said the weapons tests belong to a five-year plan.',
        'Annex: café, naïve, Zürich — accented words survive.',
      ].join('\n\n'),
    );
    expect(result.mediaType).toBe('application/pdf');
    expect(result.type).toBe('report');
    expect(result.notice).toBeUndefined();
    expect(result.pageStarts).toHaveLength(3);
    expect(result.pageStarts![0]).toBe(0);
    expect(sliceCodePoints(result.text, result.pageStarts![1]!, result.pageStarts![1]! + 11)).toBe('Kim Yo Jong');
    expect(pageOfText(result.text, result.pageStarts, 'thousands of containers')).toBe(1);
    expect(pageOfText(result.text, result.pageStarts, 'five-year plan')).toBe(2);
    expect(pageOfText(result.text, result.pageStarts, 'Zürich')).toBe(3);
  });

  it('keeps page numbers right across a blank page', async () => {
    const result = await extract('gap.pdf', await textPdf({ pages: [['First page.'], [], ['Third page.']] }));
    expect(result.text).toBe('First page.\n\nThird page.');
    expect(result.pageStarts).toHaveLength(3);
    expect(pageOfText(result.text, result.pageStarts, 'Third')).toBe(3);
  });

  it('joins a word hyphenated across lines, and keeps hyphens that are part of the text', async () => {
    const pdf = await textPdf({
      pages: [
        [
          'The anal-\nysis rests on rail manifests.',
          'An Anglo-\nSaxon reading.',
          'Figures for 1990-\n2000 are missing.',
          'A well-known route, and a dash -\nnot a hyphen.',
        ],
      ],
    });
    const { text } = await extract('hyphens.pdf', pdf);
    expect(text.split('\n\n')).toEqual([
      'The analysis rests on rail manifests.', // hyphen at a line end, next line lower-case: a split word
      'An Anglo-Saxon reading.', // next line upper-case: the hyphen is the word's own
      'Figures for 1990-2000 are missing.',
      'A well-known route, and a dash - not a hyphen.', // inside a line, or after a space: untouched
    ]);
  });

  it('leaves the bytes it was given intact (the original is stored after extraction)', async () => {
    const pdf = await textPdf({ pages: [['Kept.']] });
    const copy = pdf.slice();
    await extract('kept.pdf', pdf);
    expect(pdf.byteLength).toBe(copy.byteLength);
    expect(Buffer.from(pdf).equals(Buffer.from(copy))).toBe(true);
  });
});

describe('extractPdf: metadata', () => {
  it('reads title, authors, dates and language from the Info dictionary, saying where each date came from', async () => {
    const pdf = await textPdf({
      title: 'Rail shipments to the border, 2023',
      author: 'Jane Roe; John Doe and Kim Min-jun',
      subject: 'Logistics',
      creationDate: "D:20231014083000+09'00'",
      modDate: 'D:202311',
      language: 'en-GB',
      pages: [['Body.']],
    });
    const result = await extract('info.pdf', pdf);
    expect(result.title).toBe('Rail shipments to the border, 2023');
    expect(result.authors).toEqual(['Jane Roe', 'John Doe', 'Kim Min-jun']);
    expect(result.language).toBe('en-GB');
    expect(result.dates?.published).toEqual({
      value: '2023-10-13T23:30:00.000Z',
      detail: 'PDF info CreationDate (when the file was made, taken as published)',
    });
    expect(result.dates?.modified).toEqual({ value: '2023-11', detail: 'PDF info ModDate' });
  });

  it('prefers XMP over the Info dictionary where both say something', async () => {
    const pdf = await textPdf({
      title: 'Microsoft Word - draft3.docx',
      author: 'scanner operator',
      creationDate: 'D:20240101',
      modDate: 'D:20240301',
      xmp: {
        title: 'Statement by the Foreign Ministry',
        creator: ['Ministry of Foreign Affairs', 'Press Office'],
        createDate: '2023-10-14T08:30:00+09:00',
      },
      pages: [['Body.']],
    });
    const result = await extract('xmp.pdf', pdf);
    expect(result.title).toBe('Statement by the Foreign Ministry');
    expect(result.authors).toEqual(['Ministry of Foreign Affairs', 'Press Office']);
    expect(result.dates?.published).toEqual({
      value: '2023-10-13T23:30:00.000Z',
      detail: 'XMP xmp:CreateDate (when the file was made, taken as published)',
    });
    // XMP has no modify date here, so the Info one stands
    expect(result.dates?.modified).toEqual({ value: '2024-03-01', detail: 'PDF info ModDate' });
  });

  it('gives no metadata it does not find, and no date it cannot read', async () => {
    const result = await extract('bare.pdf', await textPdf({ creationDate: 'last Tuesday', pages: [['Body.']] }));
    expect(result.title).toBeUndefined();
    expect(result.authors).toBeUndefined();
    expect(result.language).toBeUndefined();
    expect(result.dates).toBeUndefined();
  });
});

describe('extractPdf: scans', () => {
  it('imports a PDF without a text layer as visible, citable placeholder pages with a notice', async () => {
    const result = await extract('scan.pdf', await imageOnlyPdf(3));
    expect(result.text).toBe('[Page 1 has no text layer]\n\n[Page 2 has no text layer]\n\n[Page 3 has no text layer]');
    expect(result.notice).toBe(
      'This PDF has no text layer (it is probably a scan): there is no text to excerpt. Run OCR on it and import the result.',
    );
    expect(result.pageStarts).toHaveLength(3);
    expect(pageOfText(result.text, result.pageStarts, '[Page 2')).toBe(2);
    expect(pageOfText(result.text, result.pageStarts, '[Page 3')).toBe(3);
  });

  it('keeps the text of a partly scanned PDF and names the pages without text', async () => {
    const result = await extract('mixed.pdf', await mixedPdf());
    expect(result.text).toBe('The first page has text.\n\nThe third page has text too.');
    expect(result.notice).toMatch(/^1 of 3 pages has no text layer \(probably scanned pages\): page 2\b/);
    expect(pageOfText(result.text, result.pageStarts, 'third page')).toBe(3);

    const several = await extract('several.pdf', await mixedPdf([['One.'], null, null, ['Four.'], null]));
    expect(several.notice).toMatch(/^3 of 5 pages have no text layer \(probably scanned pages\): pages 2–3 and 5\b/);
  });
});

describe('extractPdf: limits', () => {
  it('refuses a PDF with more text than the limit, naming the file and the limit', async () => {
    const pdf = await textPdf({ pages: [['A paragraph of forty characters or more.'], ['And another one on page two, also long.']] });
    await expect(extract('long.pdf', pdf, { ...DEFAULT_LIMITS, maxTextLength: 50 })).rejects.toMatchObject({
      code: 'invalid',
      message: 'long.pdf has more than 50 characters of text; Corroborate imports up to 50 from one file',
    });
    await expect(extract('long.pdf', pdf, { ...DEFAULT_LIMITS, maxTextLength: 200 })).resolves.toMatchObject({ pageStarts: [0, 42] });
  });

  it('refuses a PDF with more pages than the limit', async () => {
    const pdf = await textPdf({ pages: [['One.'], ['Two.'], ['Three.']] });
    await expect(extract('pages.pdf', pdf, { ...DEFAULT_LIMITS, maxPages: 2 })).rejects.toMatchObject({
      code: 'invalid',
      message: 'pages.pdf has 3 pages; Corroborate imports PDFs of up to 2 pages',
    });
  });
});
