// Files are checked by name and size before a byte is read, and their bytes travel as base64 built
// in chunks that join into exactly the base64 of the whole file.
import { Buffer } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import {
  BASE64_CHUNK,
  base64OfBytes,
  dataUrlPayload,
  DEFAULT_FORMATS,
  extensionOf,
  formatBytes,
  IMPORT_ACCEPT,
  readAsBase64,
  refusal,
} from '../../../renderer/src/import/import-files.js';

const MB = 1024 * 1024;

describe('refusal', () => {
  it('refuses a file over the limit by its size, naming both sizes, whatever its format', () => {
    expect(refusal({ name: 'report.pdf', size: 350 * MB }, DEFAULT_FORMATS)).toBe('report.pdf is 350 MB; Corroborate imports files of up to 200 MB');
    expect(refusal({ name: 'huge.xlsx', size: 201 * MB }, DEFAULT_FORMATS)).toMatch(/^huge\.xlsx is 201 MB;/);
  });

  it('takes a file of exactly the limit, of every format the host names, in any letter case', () => {
    expect(refusal({ name: 'report.pdf', size: 200 * MB }, DEFAULT_FORMATS)).toBeNull();
    for (const name of ['a.TXT', 'b.md', 'c.Markdown', 'd.html', 'e.htm', 'f.xhtml', 'g.mhtml', 'h.mht', 'i.PDF', 'j.docx', 'k.text']) {
      expect(refusal({ name, size: 10 }, DEFAULT_FORMATS), name).toBeNull();
    }
  });

  it('refuses other formats with the formats it takes, one name per family', () => {
    expect(refusal({ name: 'budget.xlsx', size: 10 }, DEFAULT_FORMATS)).toBe(
      'budget.xlsx is a .xlsx file; Corroborate imports .txt, .md, .html, .mhtml, .pdf and .docx files',
    );
    expect(refusal({ name: 'README', size: 10 }, DEFAULT_FORMATS)).toMatch(/^README is a file without an extension;/);
  });

  it('follows what the host says it takes', () => {
    const formats = { extensions: ['.txt', '.pdf'], maxBytes: 1024 };
    expect(refusal({ name: 'a.docx', size: 10 }, formats)).toBe('a.docx is a .docx file; Corroborate imports .txt and .pdf files');
    expect(refusal({ name: 'a.pdf', size: 2048 }, formats)).toBe('a.pdf is 2 KB; Corroborate imports files of up to 1 KB');
  });
});

describe('extensionOf and formatBytes', () => {
  it('reads the last extension, lower case, and none for dot files', () => {
    expect(extensionOf('Annual Report 2024.final.PDF')).toBe('.pdf');
    expect(extensionOf('.bashrc')).toBe('');
    expect(extensionOf('notes')).toBe('');
  });

  it('writes sizes as a file manager does', () => {
    expect(formatBytes(1)).toBe('1 byte');
    expect(formatBytes(300)).toBe('300 bytes');
    expect(formatBytes(12 * 1024)).toBe('12 KB');
    expect(formatBytes(1.5 * MB)).toBe('1.5 MB');
    expect(formatBytes(350 * MB)).toBe('350 MB');
    expect(formatBytes(3 * 1024 * MB)).toBe('3 GB');
  });

  it('offers every extension in the file chooser', () => {
    expect(IMPORT_ACCEPT).toBe('.txt,.text,.md,.markdown,.html,.htm,.xhtml,.mhtml,.mht,.pdf,.docx');
  });
});

describe('base64', () => {
  const bytes = (n: number) => Uint8Array.from({ length: n }, (_, i) => (i * 131 + 7) & 0xff);

  it('joins chunk by chunk into the base64 of the whole, at and around every chunk boundary', async () => {
    for (const n of [0, 1, 2, 3, 4, BASE64_CHUNK - 1, BASE64_CHUNK, BASE64_CHUNK + 1, BASE64_CHUNK + 2, 3 * BASE64_CHUNK + 5]) {
      const data = bytes(n);
      expect(await base64OfBytes(data, 2), `${n} bytes`).toBe(Buffer.from(data).toString('base64'));
    }
  });

  it('reads a Blob without FileReader (as in Node) to the same base64', async () => {
    const data = bytes(100_000);
    expect(await readAsBase64(new Blob([data]))).toBe(Buffer.from(data).toString('base64'));
  });

  it('takes the payload of a base64 data: URL and refuses anything else', () => {
    expect(dataUrlPayload('data:application/pdf;base64,JVBERi0=')).toBe('JVBERi0=');
    expect(dataUrlPayload('data:;base64,')).toBe('');
    expect(() => dataUrlPayload('data:text/plain,hello')).toThrow(/base64/);
    expect(() => dataUrlPayload('blob:http://x/1')).toThrow();
  });
});
