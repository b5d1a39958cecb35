import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { NotebookError } from '../../../../notebook/common/errors.js';
import { decodeText, extractText } from '../../../../notebook/node/import/text.js';
import { DEFAULT_LIMITS, type ExtractedSource } from '../../../../notebook/node/import/types.js';

const fixture = (name: string) => readFileSync(fileURLToPath(new URL(`../../../fixtures/import/${name}`, import.meta.url)));
const readTextFile = (filename: string, bytes: Uint8Array): Promise<ExtractedSource> => extractText({ filename, bytes }, DEFAULT_LIMITS);
const read = (name: string) => readTextFile(name, fixture(name));
const utf8 = (s: string) => new TextEncoder().encode(s);

const SEOUL = 'Seoul, Jan. 5 — South Korean officials said thousands of containers were shipped.\nNorth Korea called the accusation “the most absurd paradox”.\n';

async function refusal(name: string, bytes: Uint8Array = fixture(name)): Promise<NotebookError> {
  try {
    await readTextFile(name, bytes);
  } catch (e) {
    if (e instanceof NotebookError) return e;
    throw e;
  }
  throw new Error(`${name} was accepted`);
}

describe('extractText: encodings', () => {
  it.each(['utf8-with-bom.txt', 'utf8-no-bom.txt', 'utf16le-bom.txt', 'utf16be-bom.txt'])('reads %s to the same text, without a byte-order mark', async (name) => {
    const text = await read(name);
    expect(text.text).toBe(SEOUL);
    expect(text.mediaType).toBe('text/plain');
  });

  it('reads windows-1252 with curly quotes, a dash and the euro sign', async () => {
    expect((await read('windows-1252-curly-quotes.txt')).text).toBe('The ministry called it “the most absurd paradox” — a €5 million claim, café talk.\n');
  });

  it('turns CRLF line ends into LF', async () => {
    expect((await read('crlf-lines.txt')).text).toBe('First line\nSecond line\nThird line\n');
  });

  it('stores text in NFC, so a decomposed é is the same text as a composed one', async () => {
    expect((await readTextFile('cafe.txt', utf8('cafe\u0301'))).text).toBe('caf\u00e9');
  });

  it('decodeText, for other readers, decodes the same way and checks nothing', () => {
    expect(decodeText(fixture('windows-1252-curly-quotes.txt'))).toBe('The ministry called it “the most absurd paradox” — a €5 million claim, café talk.\n');
    expect(decodeText(fixture('utf16be-bom.txt'))).toBe(SEOUL);
    expect(decodeText(new Uint8Array([0x61, 0, 0x62]))).toBe('a\u0000b');
  });
});

describe('extractText: Markdown', () => {
  it('reads front matter into metadata, as the file\'s word (datesFrom "file"), and removes it from the text', async () => {
    const md = await read('front-matter.md');
    expect(md.mediaType).toBe('text/markdown');
    expect(md.title).toBe('Kim Yo Jong: "the most absurd paradox"');
    expect(md.dates).toEqual({ published: { value: '2024-01-05', detail: 'front matter date' } });
    expect(md.datesFrom).toBe('file');
    expect(md.url).toBe('https://example.org/kcna/2024-01-05');
    expect(md.publisher).toBe('KCNA');
    expect(md.authors).toEqual(['Kim Yo Jong']);
    expect(md.text).toBe('# A heading that is not the title\n\nThe weapons tests belong to a five-year build-up plan.\n');
  });

  it('prefers "published" to "date", and says which it used', async () => {
    const md = await readTextFile('both.md', utf8('---\ndate: 2024-02-01\npublished: 2024-01-31\n---\nText.\n'));
    expect(md.dates?.published).toEqual({ value: '2024-01-31', detail: 'front matter published' });
  });

  it('takes the title from the first "# heading" when there is no front matter', async () => {
    const md = await read('heading-title.md');
    expect(md.title).toBe('Containers shipped to Russia');
    expect(md.text.startsWith('Some preamble line.')).toBe(true);
  });

  it('falls back to the file name without its extension', async () => {
    const md = await read('no-heading.markdown');
    expect(md.title).toBe('no-heading');
    expect(md.mediaType).toBe('text/markdown');
    expect((await read('crlf-lines.txt')).title).toBe('crlf-lines');
  });

  it('leaves a date it cannot hold out rather than guessing', async () => {
    const md = await readTextFile('note.md', utf8('---\ndate: last spring\n---\nText.\n'));
    expect(md.dates).toBeUndefined();
    expect(md.datesFrom).toBeUndefined();
    expect(md.text).toBe('Text.\n');
    expect((await readTextFile('feb.md', utf8('---\ndate: 2024-02-30\n---\nText.\n'))).dates).toBeUndefined();
  });

  it('keeps "---" lines that are not a leading front matter block', async () => {
    const md = await readTextFile('rule.md', utf8('Intro\n---\ntitle: not metadata\n---\n'));
    expect(md.title).toBe('rule');
    expect(md.text).toBe('Intro\n---\ntitle: not metadata\n---\n');
  });

  it('records "#" headings with their level and code-point offset, but not "#" lines in fenced code', async () => {
    const text = '# Арсенал 🚀\n\nIntro.\n\n```sh\n# a shell comment\n```\n\n### Détails\n';
    const md = await readTextFile('notes.md', utf8(text));
    expect(md.headings).toEqual([
      { start: 0, level: 1 },
      { start: [...'# Арсенал 🚀\n\nIntro.\n\n```sh\n# a shell comment\n```\n\n'].length, level: 3 },
    ]);
    expect((await readTextFile('plain.txt', utf8('# not a heading in a .txt\n'))).headings).toBeUndefined();
  });
});

describe('extractText: refusals', () => {
  it('refuses a file with a NUL byte, naming the file and the offset', async () => {
    const e = await refusal('binary-with-nul.txt');
    expect(e.code).toBe('invalid');
    expect(e.message).toBe('binary-with-nul.txt looks binary (a NUL byte at offset 8), not text');
  });

  it('refuses a file made mostly of control characters', async () => {
    expect((await refusal('control-characters.txt')).message).toMatch(/^control-characters\.txt looks binary \(\d+% control characters\), not text$/);
  });

  it('refuses whitespace-only text and Markdown with nothing after its front matter', async () => {
    expect((await refusal('whitespace-only.txt')).message).toBe('whitespace-only.txt has no text');
    expect((await refusal('front-matter-only.md')).message).toBe('front-matter-only.md has no text');
    expect((await refusal('empty.txt', new Uint8Array())).message).toBe('empty.txt has no text');
  });

  it('refuses text longer than the limit', async () => {
    const e = await extractText({ filename: 'long.txt', bytes: utf8('x'.repeat(101)) }, { ...DEFAULT_LIMITS, maxTextLength: 100 }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(NotebookError);
    expect((e as NotebookError).message).toBe('long.txt: its text is longer than 100 characters, the most Corroborate imports from one file');
  });

  it('refuses a name that is not a text file', async () => {
    const e = await refusal('report.pdf');
    expect(e.code).toBe('invalid');
    expect(e.message).toBe('report.pdf: .pdf files are not text files; Corroborate reads .txt and .md files as text');
  });

  it('accepts extensions in any case', async () => {
    expect((await readTextFile('NOTES.TXT', utf8('hello'))).text).toBe('hello');
    expect((await readTextFile('Notes.Md', utf8('hello'))).mediaType).toBe('text/markdown');
  });
});
