import { describe, expect, it } from 'vitest';
import { NotebookError } from '../../../../notebook/common/errors.js';
import { extractFile, IMPORT_EXTENSIONS, isImportable } from '../../../../notebook/node/import/extract.js';
import { DEFAULT_LIMITS } from '../../../../notebook/node/import/types.js';
import { docx, junkZipDocx, notAZipDocx, oleEncryptedDocx } from '../../../fixtures/generate/docx.js';
import { notAPdf, textPdf } from '../../../fixtures/generate/pdf.js';

const utf8 = (s: string) => new TextEncoder().encode(s);
const concat = (...parts: Uint8Array[]) => new Uint8Array(Buffer.concat(parts));
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
const PAGE = utf8('<!DOCTYPE html>\n<html><head><title>Arms shipments</title></head><body><p>Officials said.</p></body></html>\n');

async function refusal(filename: string, bytes: Uint8Array, limits = DEFAULT_LIMITS): Promise<NotebookError> {
  try {
    await extractFile({ filename, bytes }, limits);
  } catch (e) {
    if (e instanceof NotebookError) return e;
    throw e;
  }
  throw new Error(`${filename} was accepted`);
}

const report = () => textPdf({ title: 'Arms transfers', pages: [['Thousands of containers were shipped.'], ['Second page.']] });
const wordDocument = () => docx({ title: 'Minutes', blocks: [{ heading: 'Minutes', level: 1 }, { paragraph: 'The committee met.' }] });

describe('extractFile: picks the reader by extension', () => {
  it('reads text, Markdown, PDF and Word files, whatever the case of the extension', async () => {
    expect(await extractFile({ filename: 'note.TXT', bytes: utf8('Plain words.\n') })).toMatchObject({ mediaType: 'text/plain', text: 'Plain words.\n' });
    expect(await extractFile({ filename: 'note.markdown', bytes: utf8('# Title\n\nBody.\n') })).toMatchObject({ mediaType: 'text/markdown', title: 'Title' });
    const pdf = await extractFile({ filename: 'report.PDF', bytes: await report() });
    expect(pdf).toMatchObject({ mediaType: 'application/pdf', title: 'Arms transfers' });
    expect(pdf.pageStarts).toHaveLength(2);
    const word = await extractFile({ filename: 'minutes.docx', bytes: await wordDocument() });
    expect(word.mediaType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(word.text).toContain('The committee met.');
  }, 30_000); // loading pdf.js, mammoth and jsdom the first time takes seconds on a busy machine

  it('lists the extensions it reads, for file pickers and folder scans', () => {
    expect([...IMPORT_EXTENSIONS].sort()).toEqual(['.docx', '.htm', '.html', '.markdown', '.md', '.mht', '.mhtml', '.pdf', '.text', '.txt', '.xhtml']);
    expect(isImportable('Scan.PDF')).toBe(true);
    expect(isImportable('bundle.json')).toBe(false);
  });

  it('refuses an extension it does not read, saying which it does', async () => {
    expect((await refusal('data.xyz', utf8('x'))).message).toBe('data.xyz: .xyz files cannot be imported; Corroborate imports .txt, .md, .html, .mhtml, .pdf and .docx files');
    expect((await refusal('README', utf8('x'))).message).toBe('README: files without an extension cannot be imported; Corroborate imports .txt, .md, .html, .mhtml, .pdf and .docx files');
    expect((await refusal('old.doc', oleEncryptedDocx())).message).toMatch(/^old\.doc: \.doc files cannot be imported; open it in Word, save it as \.docx/);
  });

  it('refuses a file over the size limit before reading it', async () => {
    const e = await refusal('big.txt', utf8('x'.repeat(3 * 1024 * 1024)), { ...DEFAULT_LIMITS, maxBytes: 2 * 1024 * 1024 });
    expect(e.code).toBe('invalid');
    expect(e.message).toBe('big.txt is 3 MB; Corroborate imports files of up to 2 MB');
    // Just over: the size is not rounded down to the limit itself.
    const justOver = await refusal('edge.txt', new Uint8Array(2 * 1024 * 1024 + 1), { ...DEFAULT_LIMITS, maxBytes: 2 * 1024 * 1024 });
    expect(justOver.message).toBe('edge.txt is 2.1 MB; Corroborate imports files of up to 2 MB');
  });

  it('refuses text longer than the limit, whatever the reader', async () => {
    const limits = { ...DEFAULT_LIMITS, maxTextLength: 10 };
    expect((await refusal('report.pdf', await report(), limits)).message).toMatch(/^report\.pdf.*\b10 characters/);
    expect((await refusal('minutes.docx', await wordDocument(), limits)).message).toMatch(/^minutes\.docx.*\b10 characters/);
    expect((await refusal('notes.md', utf8('# Eleven and more\n'), limits)).message).toMatch(/^notes\.md.*\b10 characters/);
  });
});

describe('extractFile: checks the bytes against the extension', () => {
  it('a .pdf that is not a PDF says what it looks like, and how to import it', async () => {
    expect((await refusal('report.pdf', PAGE)).message).toBe(
      'report.pdf is not a PDF (it does not begin with %PDF-): it looks like a web page (HTML); rename it to .html to import it',
    );
    expect((await refusal('report.pdf', await wordDocument())).message).toBe(
      'report.pdf is not a PDF (it does not begin with %PDF-): it looks like a Word document (.docx); rename it to .docx to import it',
    );
    expect((await refusal('report.pdf', utf8('Meeting notes saved with the wrong name.\n'))).message).toBe(
      'report.pdf is not a PDF (it does not begin with %PDF-): it looks like plain text; rename it to .txt to import it',
    );
    expect((await refusal('report.pdf', notAPdf())).message).toMatch(/^report\.pdf is not a PDF \(it does not begin with %PDF-\): it looks like (plain text|binary data)/);
    expect((await refusal('photo.pdf', PNG)).message).toBe('photo.pdf is not a PDF (it does not begin with %PDF-): it looks like a PNG image');
    expect((await refusal('empty.pdf', new Uint8Array())).message).toBe('empty.pdf is empty');
  });

  it('a PDF with up to 1 KB of junk before its header is still read, as PDF readers do; more is not a PDF', async () => {
    const pdf = await report();
    const read = await extractFile({ filename: 'mail-attachment.pdf', bytes: concat(new Uint8Array(600).fill(0x0a), pdf) });
    expect(read.text).toContain('Thousands of containers were shipped.');
    expect((await refusal('junk.pdf', concat(new Uint8Array(2000).fill(0x0a), pdf))).message).toMatch(/^junk\.pdf is not a PDF/);
  });

  it('a .docx that is password-protected or an old .doc is refused with what to do', async () => {
    expect((await refusal('minutes.docx', oleEncryptedDocx())).message).toBe(
      'minutes.docx is a password-protected Word document or an old-style .doc file, not a .docx: remove the password, or open it in Word and save it as .docx, then import it again',
    );
  });

  it('a .docx that is not a zip says what it looks like; a zip of something else is left to the Word reader', async () => {
    expect((await refusal('minutes.docx', notAZipDocx())).message).toBe(
      'minutes.docx is not a Word .docx file (it is not a ZIP package): it looks like plain text; rename it to .txt to import it',
    );
    expect((await refusal('minutes.docx', await report())).message).toMatch(/it looks like a PDF document; rename it to \.pdf to import it$/);
    expect((await refusal('photos.docx', await junkZipDocx())).message).toMatch(/^photos\.docx is not a Word document/);
  });

  it('a .txt or .md that is really a PDF, Word file or image is refused, naming what it is', async () => {
    expect((await refusal('notes.txt', await report())).message).toBe('notes.txt looks like a PDF document, not text; rename it to .pdf to import it');
    expect((await refusal('notes.md', await wordDocument())).message).toBe('notes.md looks like a Word document (.docx), not text; rename it to .docx to import it');
    expect((await refusal('photo.txt', PNG)).message).toBe('photo.txt looks like a PNG image, not text');
    expect((await refusal('archive.txt', await junkZipDocx())).message).toBe('archive.txt looks like a ZIP archive, not text');
  });

  it('text that merely talks about PDFs, or is HTML source, is still text', async () => {
    const about = await extractFile({ filename: 'howto.txt', bytes: utf8('Every PDF starts with a header such as %PDF-1.7.\n') });
    expect(about.text).toContain('%PDF-1.7');
    const source = await extractFile({ filename: 'page-source.txt', bytes: PAGE });
    expect(source.text).toContain('<title>Arms shipments</title>');
  });

  it('an unknown binary named .txt is refused by the text reader, with its reason', async () => {
    expect((await refusal('data.txt', new Uint8Array([0x42, 0x4d, 0, 0, 1]))).message).toBe('data.txt looks binary (a NUL byte at offset 2), not text');
  });

  it('a .html without a doctype or <html> (a fragment, a plain page) still goes to the web page reader', async () => {
    const fragment = utf8('<h1>Shipments</h1>\n<p>Officials said thousands of containers were shipped across the border during the autumn.</p>\n');
    const read = await extractFile({ filename: 'fragment.html', bytes: fragment });
    expect(read.mediaType).toBe('text/html');
    expect(read.text).toContain('thousands of containers');
  }, 30_000);

  it('a .html that is plainly something else is refused', async () => {
    expect((await refusal('page.html', await report())).message).toBe('page.html looks like a PDF document, not a web page; rename it to .pdf to import it');
    expect((await refusal('page.htm', PNG)).message).toBe('page.htm looks like a PNG image, not a web page');
    expect((await refusal('page.mhtml', await wordDocument())).message).toBe('page.mhtml looks like a Word document (.docx), not a web page; rename it to .docx to import it');
  });
});
