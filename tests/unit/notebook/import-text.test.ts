import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { NotebookError } from '../../../notebook/common/errors.js';
import { readTextFile } from '../../../notebook/node/import-text.js';

const fixture = (name: string) => readFileSync(fileURLToPath(new URL(`../../fixtures/import/${name}`, import.meta.url)));
const read = (name: string) => readTextFile(name, fixture(name));

const SEOUL = 'Seoul, Jan. 5 — South Korean officials said thousands of containers were shipped.\nNorth Korea called the accusation “the most absurd paradox”.\n';

function refusal(name: string, bytes: Uint8Array = fixture(name)): NotebookError {
  try {
    readTextFile(name, bytes);
  } catch (e) {
    if (e instanceof NotebookError) return e;
    throw e;
  }
  throw new Error(`${name} was accepted`);
}

describe('readTextFile: encodings', () => {
  it.each(['utf8-with-bom.txt', 'utf8-no-bom.txt', 'utf16le-bom.txt', 'utf16be-bom.txt'])('reads %s to the same text, without a byte-order mark', (name) => {
    const read_ = read(name);
    expect(read_.text).toBe(SEOUL);
    expect(read_.mediaType).toBe('text/plain');
  });

  it('reads windows-1252 with curly quotes, a dash and the euro sign', () => {
    expect(read('windows-1252-curly-quotes.txt').text).toBe('The ministry called it “the most absurd paradox” — a €5 million claim, café talk.\n');
  });

  it('turns CRLF line ends into LF', () => {
    expect(read('crlf-lines.txt').text).toBe('First line\nSecond line\nThird line\n');
  });

  it('stores text in NFC, so a decomposed é is the same text as a composed one', () => {
    expect(readTextFile('cafe.txt', new TextEncoder().encode('cafe\u0301')).text).toBe('caf\u00e9');
  });
});

describe('readTextFile: Markdown', () => {
  it('reads front matter into metadata and removes it from the text', () => {
    const md = read('front-matter.md');
    expect(md.mediaType).toBe('text/markdown');
    expect(md.title).toBe('Kim Yo Jong: "the most absurd paradox"');
    expect(md.published).toBe('2024-01-05');
    expect(md.url).toBe('https://example.org/kcna/2024-01-05');
    expect(md.publisher).toBe('KCNA');
    expect(md.authors).toEqual(['Kim Yo Jong']);
    expect(md.text).toBe('# A heading that is not the title\n\nThe weapons tests belong to a five-year build-up plan.\n');
  });

  it('takes the title from the first "# heading" when there is no front matter', () => {
    const md = read('heading-title.md');
    expect(md.title).toBe('Containers shipped to Russia');
    expect(md.text.startsWith('Some preamble line.')).toBe(true);
  });

  it('falls back to the file name without its extension', () => {
    const md = read('no-heading.markdown');
    expect(md.title).toBe('no-heading');
    expect(md.mediaType).toBe('text/markdown');
    expect(read('crlf-lines.txt').title).toBe('crlf-lines');
  });

  it('leaves a date it cannot hold out rather than guessing', () => {
    const md = readTextFile('note.md', new TextEncoder().encode('---\ndate: last spring\n---\nText.\n'));
    expect(md.published).toBeUndefined();
    expect(md.text).toBe('Text.\n');
  });

  it('keeps "---" lines that are not a leading front matter block', () => {
    const md = readTextFile('rule.md', new TextEncoder().encode('Intro\n---\ntitle: not metadata\n---\n'));
    expect(md.title).toBe('rule');
    expect(md.text).toBe('Intro\n---\ntitle: not metadata\n---\n');
  });
});

describe('readTextFile: refusals', () => {
  it('refuses a file with a NUL byte, naming the file and the offset', () => {
    const e = refusal('binary-with-nul.txt');
    expect(e.code).toBe('invalid');
    expect(e.message).toBe('binary-with-nul.txt looks binary (a NUL byte at offset 8), not text');
  });

  it('refuses a file made mostly of control characters', () => {
    expect(refusal('control-characters.txt').message).toMatch(/^control-characters\.txt looks binary \(\d+% control characters\), not text$/);
  });

  it('refuses whitespace-only text and Markdown with nothing after its front matter', () => {
    expect(refusal('whitespace-only.txt').message).toBe('whitespace-only.txt has no text');
    expect(refusal('front-matter-only.md').message).toBe('front-matter-only.md has no text');
    expect(refusal('empty.txt', new Uint8Array()).message).toBe('empty.txt has no text');
  });

  it('refuses a file type it cannot import yet, and says which it can', () => {
    const e = refusal('report.pdf');
    expect(e.code).toBe('invalid');
    expect(e.message).toBe('report.pdf: .pdf files cannot be imported yet; Corroborate imports .txt and .md files');
  });

  it('accepts extensions in any case', () => {
    expect(readTextFile('NOTES.TXT', new TextEncoder().encode('hello')).text).toBe('hello');
    expect(readTextFile('Notes.Md', new TextEncoder().encode('hello')).mediaType).toBe('text/markdown');
  });
});
