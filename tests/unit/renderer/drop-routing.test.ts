// Where a dropped file goes: source files to the import queue, a notebook bundle to the Merge
// dialog, annotation and CSL-JSON files to their imports, and the rest with a reason naming them.
import { describe, expect, it, vi } from 'vitest';
import { exchangeKindOf, folderRefusal, oneAtATime, routeDrop, SNIFF_BYTES } from '../../../renderer/src/import/drop-routing.js';

const BUNDLE_HEAD = '{\n  "format": "corroborate-bundle",\n  "schemaVersion": 4,';
const ANNOTATION_HEAD = '{"@context": "http://www.w3.org/ns/anno.jsonld", "type": "AnnotationCollection"';
const CSL_HEAD = '[\n  {"id": "wire-2023", "type": "article-newspaper", "title": "North Korea arms Russia", "issued": {"date-parts": [[2023, 10, 14]]}}';

describe('exchangeKindOf', () => {
  it('knows the exports by their names', () => {
    expect(exchangeKindOf('Korea arms.corroborate.json', '')).toBe('bundle');
    expect(exchangeKindOf('Korea arms.annotations.jsonld', '')).toBe('annotations');
    expect(exchangeKindOf('sources.csljson', '')).toBe('csl');
    expect(exchangeKindOf('Korea arms.claimreview.jsonld', '')).toBe('claimreview');
  });

  it('tells a renamed .json by its first bytes', () => {
    expect(exchangeKindOf('backup.json', BUNDLE_HEAD)).toBe('bundle');
    expect(exchangeKindOf('hypothesis-export.json', ANNOTATION_HEAD)).toBe('annotations');
    expect(exchangeKindOf('zotero.json', CSL_HEAD)).toBe('csl');
    expect(exchangeKindOf('package.json', '{"name": "left-pad"}')).toBe('unknown');
  });

  it('leaves every other file to the source import', () => {
    for (const name of ['report.pdf', 'notes.md', 'page.html', 'data.jsonl', 'README']) expect(exchangeKindOf(name, BUNDLE_HEAD), name).toBeNull();
  });
});

describe('folderRefusal', () => {
  it('does not walk a notebook folder, and says an empty folder is empty', () => {
    expect(folderRefusal('Korea arms.corroborate', 12)).toBe('“Korea arms.corroborate” is a notebook folder, not files to import: open it with File ▸ Open notebook…');
    expect(folderRefusal('Downloads', 0)).toBe('“Downloads” is an empty folder: there is nothing in it to import');
    expect(folderRefusal('Downloads', 3)).toBeNull();
  });
});

describe('routeDrop', () => {
  const file = (name: string, text = 'x') => new File([text], name);

  it('sends source files to the queue and exchange files to their imports, in the order dropped', async () => {
    const pdf = file('report.pdf');
    const bundle = file('Korea.corroborate.json', BUNDLE_HEAD);
    const csl = file('refs.json', CSL_HEAD);
    const routed = await routeDrop([{ file: pdf }, { file: bundle }, { file: csl }]);
    expect(routed.sources.map((c) => c.file.name)).toEqual(['report.pdf']);
    expect(routed.exchange.map((e) => [e.which, e.file.name])).toEqual([
      ['bundle', 'Korea.corroborate.json'],
      ['csl', 'refs.json'],
    ]);
    expect(routed.refused).toEqual([]);
  });

  it('names a JSON file of no known kind, and a ClaimReview export, with why', async () => {
    const routed = await routeDrop([{ file: file('package.json', '{"name":"x"}') }, { file: file('k.claimreview.jsonld') }]);
    expect(routed.refused).toEqual([
      { name: 'package.json', reason: 'package.json is JSON of no kind Corroborate imports: a notebook bundle, W3C Web Annotation or CSL-JSON file' },
      { name: 'k.claimreview.jsonld', reason: 'k.claimreview.jsonld is a ClaimReview export, which Corroborate writes but does not import' },
    ]);
    expect(routed.sources).toEqual([]);
  });

  it('leaves the files of a dropped folder to the queue, which skips what it does not read', async () => {
    const inFolder = { file: file('bundle.corroborate.json', BUNDLE_HEAD), path: 'research/bundle.corroborate.json', fromFolder: true };
    const routed = await routeDrop([inFolder]);
    expect(routed.sources).toEqual([inFolder]);
    expect(routed.exchange).toEqual([]);
  });

  it('reads only the first bytes of a file to tell its kind', async () => {
    const slice = vi.spyOn(Blob.prototype, 'slice');
    const routed = await routeDrop([{ file: file('big.json', `${BUNDLE_HEAD}${' '.repeat(200_000)}`) }]);
    expect(routed.exchange.map((e) => e.which)).toEqual(['bundle']);
    expect(slice.mock.calls).toEqual([[0, SNIFF_BYTES]]);
    slice.mockRestore();
  });
});

describe('oneAtATime', () => {
  it('says which exchange files were left for another drop', () => {
    expect(oneAtATime([{ file: new File(['x'], 'second.corroborate.json') }])).toEqual([
      { name: 'second.corroborate.json', reason: 'second.corroborate.json was not opened: drop bundles, annotation and CSL-JSON files one at a time' },
    ]);
  });
});
