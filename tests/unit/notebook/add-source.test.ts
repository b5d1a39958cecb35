import { describe, expect, it } from 'vitest';
import { newId, now } from '../../../notebook/common/ids.js';
import { emptyNotebook } from '../../../notebook/common/model.js';
import { prepareReadFile } from '../../../notebook/node/add-source.js';

const notebook = () => emptyNotebook(newId(), 'test', now());
const bytes = new TextEncoder().encode('original');

describe('prepareReadFile: a file read by an extractor becomes a source', () => {
  it('carries metadata, page map, headings and notice over, with where each date came from', () => {
    const { source, op, duplicateOf } = prepareReadFile(notebook(), {
      filename: 'inbox/report.pdf',
      bytes,
      extracted: {
        text: 'Page one.\n\nPage two.',
        mediaType: 'application/pdf',
        title: 'Arms transfers',
        type: 'report',
        authors: ['Jane Roe', ' ', 'Jane Roe'],
        publisher: 'Ministry',
        language: 'en-GB',
        url: 'https://example.org/report',
        dates: { published: { value: '2023-10-14', detail: 'PDF info CreationDate' }, modified: { value: '2023-11', detail: 'XMP xmp:ModifyDate' } },
        pageStarts: [0, 11],
        headings: [{ start: 0, level: 1 }],
        notice: 'Page 3 has no text layer.',
      },
    });
    expect(duplicateOf).toBeNull();
    expect(op).toMatchObject({ type: 'create', kind: 'source' });
    expect(source).toMatchObject({
      title: 'Arms transfers',
      type: 'report',
      authors: ['Jane Roe'],
      publisher: 'Ministry',
      language: 'en-GB',
      url: 'https://example.org/report',
      dates: {
        published: { value: '2023-10-14', from: 'metadata', detail: 'PDF info CreationDate' },
        modified: { value: '2023-11', from: 'metadata', detail: 'XMP xmp:ModifyDate' },
      },
      content: { mediaType: 'application/pdf', filename: 'report.pdf', length: 20, pageStarts: [0, 11], headings: [{ start: 0, level: 1 }], notice: 'Page 3 has no text layer.' },
    });
    expect(source.dates.accessed).toBeUndefined();
    expect(source.dates.captured).toBeUndefined();
  });

  it('says "file" for dates a person wrote into the file, and falls back to the file name for a title', () => {
    const { source } = prepareReadFile(notebook(), {
      filename: 'notes/kcna.md',
      bytes,
      extracted: { text: 'Text.', mediaType: 'text/markdown', dates: { published: { value: '2024-01-05', detail: 'front matter date' } }, datesFrom: 'file' },
    });
    expect(source.title).toBe('kcna');
    expect(source.type).toBe('article');
    expect(source.dates.published).toEqual({ value: '2024-01-05', from: 'file', detail: 'front matter date' });
  });

  it('cuts or drops metadata the model cannot hold instead of refusing the file', () => {
    const { source } = prepareReadFile(notebook(), {
      filename: 'page.html',
      bytes,
      extracted: {
        text: 'Words.',
        mediaType: 'text/html',
        title: 'T'.repeat(5000),
        authors: Array.from({ length: 300 }, (_, i) => `Author ${i} ${'x'.repeat(600)}`),
        publisher: 'P'.repeat(800),
        language: 'not-a-language-tag-but-a-very-long-string',
        url: `https://example.org/${'a'.repeat(5000)}`,
        notice: 'N'.repeat(3000),
      },
    });
    expect(source.title).toHaveLength(2000);
    expect(source.authors).toHaveLength(200);
    expect(source.authors[0]).toHaveLength(500);
    expect(source.publisher).toHaveLength(500);
    expect(source.language).toBe('');
    expect(source.url).toBe('');
    expect(source.content.notice).toHaveLength(2000);
  });

  it('finds an existing source with the same text, but never calls two different textless scans the same', () => {
    const nb = notebook();
    const scan = (original: string) => ({ filename: 'scan.pdf', bytes: new TextEncoder().encode(original), extracted: { text: '', mediaType: 'application/pdf', pageStarts: [0] } });
    const first = prepareReadFile(nb, scan('scan one'));
    nb.sources[first.source.id] = first.source;
    expect(prepareReadFile(nb, scan('scan two')).duplicateOf).toBeNull();
    expect(prepareReadFile(nb, scan('scan one')).duplicateOf?.id).toBe(first.source.id);

    const text = prepareReadFile(nb, { filename: 'a.txt', bytes: new TextEncoder().encode('a'), extracted: { text: 'Same words.', mediaType: 'text/plain' } });
    nb.sources[text.source.id] = text.source;
    expect(prepareReadFile(nb, { filename: 'b.txt', bytes: new TextEncoder().encode('b'), extracted: { text: 'Same words.', mediaType: 'text/plain' } }).duplicateOf?.id).toBe(text.source.id);
  });
});
