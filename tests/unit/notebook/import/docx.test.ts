import fc from 'fast-check';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { isNotebookError } from '../../../../notebook/common/errors.js';
import { sliceCodePoints } from '../../../../notebook/common/text.js';
import { DOCX_MEDIA_TYPE, extractDocx } from '../../../../notebook/node/import/docx.js';
import { DEFAULT_LIMITS, type ExtractLimits } from '../../../../notebook/node/import/types.js';
import { docx, junkZipDocx, notAZipDocx, oleEncryptedDocx, understatedZipBombDocx, zipBombDocx } from '../../../fixtures/generate/docx.js';

const extract = (filename: string, bytes: Uint8Array, limits: ExtractLimits = DEFAULT_LIMITS) => extractDocx({ filename, bytes }, limits);

/** The NotebookError an extraction fails with; fails the test if it succeeds or throws anything else. */
async function refusal(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (e) {
    if (isNotebookError(e)) return { code: e.code, message: e.message };
    throw e;
  }
  throw new Error('expected the import to be refused');
}

/** Text at each recorded heading, up to the end of its line. */
function headingTexts(text: string, headings: { start: number; level: number }[] = []): [number, string][] {
  return headings.map(({ start, level }) => [level, sliceCodePoints(text, start, text.length).split('\n')[0]!]);
}

describe('extractDocx: text', () => {
  it('turns headings, paragraphs, lists and tables into blocks, with heading offsets', async () => {
    const bytes = await docx({
      blocks: [
        { heading: 'Arms transfers', level: 1 },
        { paragraph: 'The U.S. and South Korea accuse North Korea of shipping   artillery to Russia.' },
        { heading: 'What was shipped', level: 2 },
        { list: ['Artillery shells', 'Short-range missiles'] },
        { list: ['Loaded at Rajin', 'Unloaded at Dunai'], ordered: true },
        { heading: 'Counts', level: 3 },
        { table: [['Month', 'Containers'], ['August', '1,000'], ['September', '']] },
        { paragraph: 'End of report.' },
      ],
    });
    const source = await extract('arms.docx', bytes);
    expect(source.text).toBe(
      [
        'Arms transfers',
        'The U.S. and South Korea accuse North Korea of shipping artillery to Russia.',
        'What was shipped',
        '• Artillery shells',
        '• Short-range missiles',
        '1. Loaded at Rajin',
        '2. Unloaded at Dunai',
        'Counts',
        'Month | Containers',
        'August | 1,000',
        'September |',
        'End of report.',
      ].join('\n\n'),
    );
    expect(headingTexts(source.text, source.headings)).toEqual([
      [1, 'Arms transfers'],
      [2, 'What was shipped'],
      [3, 'Counts'],
    ]);
    expect(source.mediaType).toBe(DOCX_MEDIA_TYPE);
    expect(source.type).toBe('document');
    expect(source.notice).toBeUndefined();
  });

  it('keeps line breaks inside a paragraph and lists footnotes after the body', async () => {
    const bytes = await docx({
      blocks: [
        { paragraph: 'Ministry of Unification\nSeoul' },
        { paragraph: 'Thousands of containers were shipped.', footnote: 'Briefing by South Korean officials, 14 October.' },
        { paragraph: 'The claim was denied.', footnote: 'KCNA statement.' },
      ],
    });
    const source = await extract('notes.docx', bytes);
    expect(source.text).toBe(
      [
        'Ministry of Unification\nSeoul',
        'Thousands of containers were shipped.[1]',
        'The claim was denied.[2]',
        '[1] Briefing by South Korean officials, 14 October.',
        '[2] KCNA statement.',
      ].join('\n\n'),
    );
  });

  it('drops pictures without reading them, and says the document had some', async () => {
    const bytes = await docx({ blocks: [{ paragraph: 'Before the chart.' }, { image: { alt: 'Bar chart of shipments' } }, { paragraph: 'After the chart.' }] });
    const source = await extract('chart.docx', bytes);
    expect(source.text).toBe('Before the chart.\n\nAfter the chart.');
    expect(source.notice).toMatch(/1 picture\b/);
  });

  it('treats a paragraph in Word’s Title style as the first heading and the title', async () => {
    const bytes = await docx({ blocks: [{ paragraph: 'Weekly brief', style: 'Title' }, { heading: 'Summary', level: 1 }, { paragraph: 'Quiet week.' }] });
    const source = await extract('brief.docx', bytes);
    expect(source.title).toBe('Weekly brief');
    expect(headingTexts(source.text, source.headings)).toEqual([
      [1, 'Weekly brief'],
      [1, 'Summary'],
    ]);
  });

  it('round-trips Korean text and emoji, counting heading offsets in code points', async () => {
    const bytes = await docx({
      title: '김여정 담화 🇰🇵',
      blocks: [
        { paragraph: '🚢🚢 컨테이너 수천 개가 선적되었다.' },
        { heading: '가장 황당한 역설 😀', level: 2 },
        { table: [['주장', '출처 📰']] },
      ],
    });
    const source = await extract('담화.docx', bytes);
    expect(source.title).toBe('김여정 담화 🇰🇵');
    expect(source.text).toBe('🚢🚢 컨테이너 수천 개가 선적되었다.\n\n가장 황당한 역설 😀\n\n주장 | 출처 📰');
    expect(source.headings).toEqual([{ start: [...'🚢🚢 컨테이너 수천 개가 선적되었다.\n\n'].length, level: 2 }]);
    expect(headingTexts(source.text, source.headings)).toEqual([[2, '가장 황당한 역설 😀']]);
  });

  it('keeps the words of any paragraphs, whitespace collapsed', async () => {
    // Control characters are left out: XML 1.0 cannot carry most, and Word writes tabs and breaks as elements.
    const words = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }).map((s) => s.replace(/[\p{Cc}\ufffe\uffff]/gu, ''));
    await fc.assert(
      fc.asyncProperty(fc.array(words, { minLength: 1, maxLength: 4 }), async (paragraphs) => {
        const expected = paragraphs.map((p) => p.normalize('NFC').replace(/\s+/g, ' ').trim()).filter(Boolean);
        fc.pre(expected.length > 0);
        const source = await extract('any.docx', await docx({ blocks: paragraphs.map((paragraph) => ({ paragraph })) }));
        expect(source.text).toBe(expected.join('\n\n'));
      }),
      { numRuns: 20 },
    );
  }, 30_000);
});

describe('extractDocx: properties', () => {
  it('reads title, authors, language, dates and company, recording where each date came from', async () => {
    const bytes = await docx({
      title: '  Statement on   arms transfers ',
      creator: 'Kim Yo Jong; Lee Min-ji;  ; Kim Yo Jong',
      created: '2023-10-14T08:30:00+09:00',
      modified: '2023-10-15',
      language: 'ko-KR',
      company: 'Yonhap News Agency',
      blocks: [{ heading: 'A heading that is not the title', level: 1 }, { paragraph: 'Text.' }],
    });
    const source = await extract('statement.docx', bytes);
    expect(source).toMatchObject({
      title: 'Statement on arms transfers',
      authors: ['Kim Yo Jong', 'Lee Min-ji'],
      language: 'ko-KR',
      publisher: 'Yonhap News Agency',
      datesFrom: 'metadata',
      dates: {
        published: { value: '2023-10-13T23:30:00.000Z', detail: 'docx dcterms:created' },
        modified: { value: '2023-10-15', detail: 'docx dcterms:modified' },
      },
    });
    // cp:lastModifiedBy names whoever saved it last, not an author.
    expect(source.authors).not.toContain('Editor Not An Author');
  });

  it('falls back to the first heading, then the file name, for the title', async () => {
    const withHeading = await extract('x.docx', await docx({ title: '   ', blocks: [{ paragraph: 'Preface.' }, { heading: 'Arms transfers', level: 2 }] }));
    expect(withHeading.title).toBe('Arms transfers');
    const bare = await extract('/home/analyst/inbox/weekly-brief.final.docx', await docx({ blocks: [{ paragraph: 'Quiet week.' }] }));
    expect(bare.title).toBe('weekly-brief.final');
  });

  it('imports a document without docProps, and ignores dates and languages it cannot read', async () => {
    const none = await extract('plain.docx', await docx({ noProperties: true, blocks: [{ paragraph: 'Only text.' }] }));
    expect(none).toMatchObject({ title: 'plain', text: 'Only text.' });
    expect(none.dates).toBeUndefined();
    expect(none.authors).toBeUndefined();
    expect(none.publisher).toBeUndefined();
    const odd = await extract('odd.docx', await docx({ created: 'last spring', modified: '2023-02-30', language: 'not a language', blocks: [{ paragraph: 'Text.' }] }));
    expect(odd.dates).toBeUndefined();
    expect(odd.datesFrom).toBeUndefined();
    expect(odd.language).toBeUndefined();
  });

  it('skips a malformed core.xml but keeps the text', async () => {
    const zip = await JSZip.loadAsync(await docx({ title: 'Lost', blocks: [{ heading: 'Kept', level: 1 }] }));
    zip.file('docProps/core.xml', '<cp:coreProperties><dc:title>Lost</dc:title>');
    const source = await extract('broken-props.docx', await zip.generateAsync({ type: 'uint8array' }));
    expect(source).toMatchObject({ title: 'Kept', text: 'Kept' });
  });
});

describe('extractDocx: bad input', () => {
  it('refuses a file that is not a zip', async () => {
    expect(await refusal(extract('minutes.docx', notAZipDocx()))).toEqual({ code: 'invalid', message: 'minutes.docx is not a Word document (it is not a zip archive)' });
    expect((await refusal(extract('empty.docx', new Uint8Array(0)))).message).toBe('empty.docx is not a Word document (it is not a zip archive)');
  });

  it('refuses a zip of junk, and an Office file that is not a Word document', async () => {
    expect(await refusal(extract('photos.docx', await junkZipDocx()))).toEqual({ code: 'invalid', message: 'photos.docx is not a Word document (no word/document.xml)' });
    const zip = await JSZip.loadAsync(await docx({ blocks: [{ paragraph: 'x' }] }));
    zip.remove('word/document.xml');
    zip.file('xl/workbook.xml', '<workbook/>');
    expect((await refusal(extract('sheet.docx', await zip.generateAsync({ type: 'uint8array' })))).message).toBe('sheet.docx is not a Word document (no word/document.xml)');
  });

  it('refuses password-protected and old .doc files with what to do', async () => {
    expect(await refusal(extract('secret.docx', oleEncryptedDocx()))).toEqual({
      code: 'invalid',
      message: 'secret.docx is password-protected or an old .doc file: save it as .docx without a password and import it again',
    });
  });

  it('refuses a truncated file and a document whose XML is broken', async () => {
    const bytes = await docx({ blocks: [{ paragraph: 'A whole paragraph.' }] });
    expect((await refusal(extract('cut.docx', bytes.subarray(0, Math.floor(bytes.length / 2))))).message).toBe(
      'cut.docx is a damaged Word document (its zip archive is truncated or corrupt)',
    );
    const zip = await JSZip.loadAsync(bytes);
    zip.file('word/document.xml', '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p>');
    const broken = await refusal(extract('broken.docx', await zip.generateAsync({ type: 'uint8array' })));
    expect(broken.code).toBe('invalid');
    expect(broken.message).toBe('broken.docx is a damaged Word document (a part is not well-formed XML)');
  });

  it('refuses a document without text, saying when it only has pictures', async () => {
    expect(await refusal(extract('blank.docx', await docx({ title: 'Blank', blocks: [{ paragraph: '   ' }] })))).toEqual({ code: 'invalid', message: 'blank.docx has no text' });
    expect((await refusal(extract('scan.docx', await docx({ blocks: [{ image: {} }] })))).message).toBe('scan.docx has no text (only 1 picture; Corroborate imports the text)');
  });
});

describe('extractDocx: limits', () => {
  it('refuses a zip bomb from its declared size, before decompressing, in little memory', async () => {
    const bomb = await zipBombDocx(600);
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    const before = process.memoryUsage().rss;
    const refused = await refusal(extract('bomb.docx', bomb));
    expect(process.memoryUsage().rss - before).toBeLessThan(200 * 1024 * 1024);
    expect(refused.message).toMatch(/^bomb\.docx unpacks to more than 500 MB; /);
  }, 20_000);

  it('refuses a zip bomb that understates its size, without inflating it into memory', async () => {
    const bomb = await understatedZipBombDocx(600);
    const before = process.memoryUsage().rss;
    const refused = await refusal(extract('liar.docx', bomb));
    expect(process.memoryUsage().rss - before).toBeLessThan(200 * 1024 * 1024);
    expect(refused.message).toMatch(/^liar\.docx is a damaged Word document \(/);
  }, 20_000);

  it('refuses a zip whose parts are shorter than it records', async () => {
    const bytes = await docx({ blocks: [{ paragraph: 'Hello there.' }] });
    // Add 10 bytes to every size in the central directory (APPNOTE §4.3.12: size at +24, name etc. lengths at +28).
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const end = bytes.length - 22;
    for (let i = 0, at = view.getUint32(end + 16, true); i < view.getUint16(end + 10, true); i++) {
      view.setUint32(at + 24, view.getUint32(at + 24, true) + 10, true);
      at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    }
    expect((await refusal(extract('over.docx', bytes))).message).toMatch(/^over\.docx is a damaged Word document \(\S+ does not unpack to the size it records\)$/);
  });

  it('the bombs really unpack to what they hold', async () => {
    // Without this, the two tests above could pass on a malformed fixture refused for another reason.
    for (const [bomb, part] of [
      [await zipBombDocx(3), 'word/media/zeros.bin'],
      [await understatedZipBombDocx(3), 'word/document.xml'],
    ] as const) {
      const zip = await JSZip.loadAsync(bomb);
      const big = zip.file(part)!;
      let length = 0;
      await new Promise<void>((resolve, reject) => {
        big.nodeStream('nodebuffer').on('data', (c: Buffer) => (length += c.length)).on('end', resolve).on('error', (e: unknown) => (length === 3 << 20 ? resolve() : reject(e)));
      });
      expect(length).toBe(3 << 20);
      expect(Object.keys(zip.files)).toContain('[Content_Types].xml');
    }
  });

  it('applies the limits it is given', async () => {
    const small: ExtractLimits = { ...DEFAULT_LIMITS, maxUnzippedBytes: 1024 * 1024 };
    expect((await refusal(extract('two.docx', await zipBombDocx(2), small))).message).toMatch(/^two\.docx unpacks to more than 1 MB; /);
    const text = await docx({ blocks: [{ paragraph: 'Twenty-six characters long' }] });
    expect(await extract('fits.docx', text, { ...DEFAULT_LIMITS, maxTextLength: 26 })).toMatchObject({ text: 'Twenty-six characters long' });
    expect((await refusal(extract('long.docx', text, { ...DEFAULT_LIMITS, maxTextLength: 25 }))).message).toBe(
      'long.docx has more than 25 characters of text; split it into smaller documents and import them',
    );
    expect((await refusal(extract('big.docx', text, { ...DEFAULT_LIMITS, maxBytes: 1000 }))).message).toBe('big.docx is larger than 1 KB; Corroborate imports files up to that size');
  });
});
