import { describe, expect, it } from 'vitest';
import { Bundle } from '../../../../notebook/common/bundle.js';
import { EXPORT_FORMATS, type ExportFormat } from '../../../../notebook/common/export/formats.js';
import { exportFilename, exportNotebook } from '../../../../notebook/common/export/index.js';
import { EXPORTED_AT, runningExample, TRASHED } from './running-example.js';

const FORMATS = Object.keys(EXPORT_FORMATS) as ExportFormat[];

describe('exportNotebook', () => {
  it('writes every format, each named for the notebook with its extension and media type', () => {
    const { notebook, files } = runningExample();
    for (const format of FORMATS) {
      const file = exportNotebook(format, { notebook, files, exportedAt: EXPORTED_AT });
      expect(file.filename).toBe(`Munitions to Russia${EXPORT_FORMATS[format].extension}`);
      expect(file.mediaType).toBe(EXPORT_FORMATS[format].mediaType);
      expect(file.text.length).toBeGreaterThan(100);
      // Exports are pure: the same notebook and instant give the same file.
      expect(exportNotebook(format, { notebook, files, exportedAt: EXPORTED_AT }).text).toBe(file.text);
    }
  });

  it('writes the bundle as JSON with a final newline, carrying the trash, texts and originals', () => {
    const { notebook, files, ids } = runningExample();
    const file = exportNotebook('bundle', { notebook, files, exportedAt: EXPORTED_AT });
    expect(file.text.endsWith('}\n')).toBe(true);
    const bundle = Bundle.parse(JSON.parse(file.text));
    expect(bundle.exportedAt).toBe(EXPORTED_AT);
    expect(bundle.claims.find((c) => c.statement === TRASHED.claim)?.deletedAt).toBeDefined();
    expect(bundle.sources.map((s) => s.title)).toContain(TRASHED.sourceTitle);
    const study = bundle.sources.find((s) => s.id === ids.study)!;
    expect(study.text).toBe(files.text(study.content.textSha256));
    expect(Buffer.from(study.originalBase64!, 'base64').toString('utf8')).toMatch(/^%PDF-1\.7/);
  });

  it('leaves the trash out of every other format', () => {
    const { notebook, files } = runningExample();
    for (const format of FORMATS.filter((f) => f !== 'bundle')) {
      const { text } = exportNotebook(format, { notebook, files, exportedAt: EXPORTED_AT });
      for (const gone of [TRASHED.claim, TRASHED.sourceTitle, TRASHED.excerpt]) expect(text, `${format} has "${gone}"`).not.toContain(gone);
    }
  });

  it('refuses a format that does not exist, naming those that do', () => {
    const { notebook, files } = runningExample();
    expect(() => exportNotebook('docx' as ExportFormat, { notebook, files, exportedAt: EXPORTED_AT })).toThrow(
      'unknown export format "docx"; supported: markdown, html, csv, web-annotation, csl-json, claimreview, bundle',
    );
  });
});

describe('exportFilename', () => {
  const name = (n: string, format: ExportFormat = 'markdown') => exportFilename({ name: n }, format);

  it('keeps an ordinary name, accents and emoji included', () => {
    expect(name('Munitions to Russia')).toBe('Munitions to Russia.md');
    expect(name('Chloé 😠 notes', 'csv')).toBe('Chloé 😠 notes.csv');
    expect(name('research', 'bundle')).toBe('research.corroborate.json');
  });

  it('replaces what Windows, macOS or Linux refuse in a name, and drops leading dots and trailing dots and spaces', () => {
    expect(name('a/b\\c:d*e?f"g<h>i|j')).toBe('a b c d e f g h i j.md');
    expect(name('tab\there\nnewline\u0000nul')).toBe('tab here newline nul.md');
    expect(name('..hidden')).toBe('hidden.md');
    expect(name('ends with dots... ')).toBe('ends with dots.md');
  });

  it('never makes a Windows device name or an empty name', () => {
    expect(name('CON')).toBe('_CON.md');
    expect(name('nul.backup')).toBe('_nul.backup.md');
    expect(name('com1')).toBe('_com1.md');
    expect(name('Console')).toBe('Console.md');
    expect(name('')).toBe('notebook.md');
    expect(name(' / . ')).toBe('notebook.md');
  });

  it('cuts a long name to fit the 255-byte limit, between graphemes', () => {
    const long = name('é'.repeat(300), 'bundle');
    expect(new TextEncoder().encode(long).length).toBeLessThanOrEqual(255);
    expect(long).toBe(`${'é'.repeat(100)}.corroborate.json`);
    const flags = name('👩‍👩‍👧'.repeat(40));
    expect(flags.endsWith('👩‍👩‍👧.md')).toBe(true);
    expect(new TextEncoder().encode(flags).length).toBeLessThanOrEqual(255);
  });
});
