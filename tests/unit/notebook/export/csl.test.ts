// The CSL-JSON export: items a reference manager accepts (the rules of the CSL 1.0.2 data schema),
// with names split only where they split cleanly, loose dates as date-parts, and no trashed source.
import { describe, expect, it } from 'vitest';
import { cslDate, cslItem, cslName, cslType, doiOf, writeCslJson } from '../../../../notebook/common/export/csl.js';
import { Entity, Source, type SourceType } from '../../../../notebook/common/model.js';
import { EXPORTED_AT, runningExample, STUDY, TRASHED, WIRE_REPORT } from './running-example.js';

type Json = Record<string, unknown>;

/** The CSL 1.0.2 item types. */
const CSL_TYPES = new Set(
  'article article-journal article-magazine article-newspaper bill book broadcast chapter classic collection dataset document entry entry-dictionary entry-encyclopedia event figure graphic hearing interview legal_case legislation manuscript map motion_picture musical_score pamphlet paper-conference patent performance periodical personal_communication post post-weblog regulation report review review-book software song speech standard thesis treaty webpage'.split(
    ' ',
  ),
);
/** Keys this export may write: all are CSL variables (the schema allows no others). */
const STRING_KEYS = ['title', 'publisher', 'container-title', 'URL', 'DOI', 'language', 'note'];
const NAME_KEYS = new Set(['family', 'given', 'literal', 'dropping-particle', 'non-dropping-particle', 'suffix']);

/** What the CSL data schema requires of an item, as one string per broken rule. */
function itemProblems(item: unknown): string[] {
  const problems: string[] = [];
  const must = (ok: boolean, rule: string) => {
    if (!ok) problems.push(rule);
  };
  if (typeof item !== 'object' || item === null || Array.isArray(item)) return ['an item is an object'];
  const it = item as Json;
  must(typeof it.id === 'string' || typeof it.id === 'number', 'id is a string or number');
  must(typeof it.type === 'string' && CSL_TYPES.has(it.type), 'type is a CSL type');
  for (const key of Object.keys(it)) must(['id', 'type', 'author', 'issued', 'accessed', ...STRING_KEYS].includes(key), `${key} is a CSL variable`);
  for (const key of STRING_KEYS) if (key in it) must(typeof it[key] === 'string', `${key} is a string`);
  if ('author' in it) {
    must(Array.isArray(it.author), 'author is an array of names');
    for (const name of (it.author as Json[]) ?? []) {
      must(typeof name === 'object' && name !== null && Object.keys(name).every((k) => NAME_KEYS.has(k)), 'a name has only name parts');
      must(Object.values(name).every((v) => typeof v === 'string' && v.length > 0), 'name parts are strings');
    }
  }
  for (const key of ['issued', 'accessed']) {
    if (!(key in it)) continue;
    const date = it[key] as Json;
    must(typeof date === 'object' && Object.keys(date).every((k) => k === 'date-parts'), `${key} is a date object`);
    const parts = date['date-parts'] as unknown[][];
    must(Array.isArray(parts) && parts.length >= 1 && parts.length <= 2, `${key} has one or two dates`);
    for (const p of parts ?? []) must(Array.isArray(p) && p.length >= 1 && p.length <= 3 && p.every((n) => Number.isInteger(n)), `${key} parts are 1–3 numbers`);
  }
  return problems;
}

describe('CSL-JSON export of the running example', () => {
  const example = runningExample();
  const file = writeCslJson({ notebook: example.notebook, files: example.files, exportedAt: EXPORTED_AT });
  const items = JSON.parse(file.text) as Json[];

  it('is an array of valid CSL items, one per live source', () => {
    expect(file.mediaType).toBe('application/vnd.citationstyles.csl+json');
    expect(file.filename).toBe('Munitions to Russia.json');
    expect(Array.isArray(items)).toBe(true);
    expect(items.map((i) => i.id)).toEqual([example.ids.wire, example.ids.study]);
    for (const item of items) expect(itemProblems(item)).toEqual([]);
    expect(file.text).not.toContain(TRASHED.sourceTitle);
  });

  it('finds items that break the schema (the check above can fail)', () => {
    expect(itemProblems({ id: 'x', type: 'newspaper', title: 't' })).toContain('type is a CSL type');
    expect(itemProblems({ id: 'x', type: 'report', issued: '2023-10-14' })).toContain('issued is a date object');
    expect(itemProblems({ id: 'x', type: 'report', author: [{ first: 'Chloé', last: 'Han' }] })).toContain('a name has only name parts');
    expect(itemProblems({ id: 'x', type: 'report', reliability: 'B' })).toContain('reliability is a CSL variable');
  });

  it('describes the wire report as a newspaper article with split authors, dates and its grade', () => {
    expect(items[0]).toEqual({
      id: example.ids.wire,
      type: 'article-newspaper',
      title: WIRE_REPORT.title,
      author: [
        { family: 'Park', given: 'Min-ji' },
        { family: 'Reyes', given: 'Tom' },
      ],
      'container-title': WIRE_REPORT.publisher,
      URL: 'https://northwind-wire.example/world/asia/2023/10/14/korea-russia-arms',
      issued: { 'date-parts': [[2023, 10, 14]] },
      accessed: { 'date-parts': [[2023, 10, 15]] },
      language: 'en',
      note: 'Reliability (Admiralty): B, usually reliable. Established wire service; reports officials by name and agency.',
    });
  });

  it('describes the study as a report whose organisation author stays whole', () => {
    expect(items[1]).toMatchObject({
      type: 'report',
      title: STUDY.title,
      author: [{ literal: 'Open Freight Monitor' }],
      publisher: STUDY.publisher,
      issued: { 'date-parts': [[2023, 10, 2]] },
    });
    expect(items[1]!['container-title']).toBeUndefined();
  });
});

describe('CSL names', () => {
  it('splits a name that splits cleanly', () => {
    expect(cslName('Chloé Han')).toEqual({ given: 'Chloé', family: 'Han' });
    expect(cslName('Han, Chloé')).toEqual({ given: 'Chloé', family: 'Han' });
    expect(cslName('John F. Kennedy')).toEqual({ given: 'John F.', family: 'Kennedy' });
    expect(cslName('J. R. Tolkien')).toEqual({ given: 'J. R.', family: 'Tolkien' });
    expect(cslName("  Siobhán   O'Neil ")).toEqual({ given: 'Siobhán', family: "O'Neil" });
  });

  it('keeps whole what it cannot split with certainty', () => {
    expect(cslName('Kim Yo Jong')).toEqual({ literal: 'Kim Yo Jong' }); // family name first
    expect(cslName('Plato')).toEqual({ literal: 'Plato' });
    expect(cslName('Northwind Wire')).toEqual({ literal: 'Northwind Wire' });
    expect(cslName('Ministry of National Defense')).toEqual({ literal: 'Ministry of National Defense' });
    expect(cslName('KCNA Watch')).toEqual({ literal: 'KCNA Watch' });
    expect(cslName('ludwig van Beethoven')).toEqual({ literal: 'ludwig van Beethoven' });
  });

  it('keeps whole a name the notebook knows as an organisation, and splits one it knows as a person', () => {
    const entity = (name: string, kind: string) =>
      Entity.parse({ id: '01890000-0000-7000-8000-000000000001', createdAt: EXPORTED_AT, updatedAt: EXPORTED_AT, name, kind });
    expect(cslName('Harbour Analysis', [entity('Harbour Analysis', 'organisation')])).toEqual({ literal: 'Harbour Analysis' });
    expect(cslName('Chloé Han', [entity('Chloé Han', 'person')])).toEqual({ given: 'Chloé', family: 'Han' });
  });
});

describe('CSL dates, types and DOIs', () => {
  it('writes a loose date as far as it is known', () => {
    expect(cslDate('2023')).toEqual({ 'date-parts': [[2023]] });
    expect(cslDate('2023-10')).toEqual({ 'date-parts': [[2023, 10]] });
    expect(cslDate('2023-10-14')).toEqual({ 'date-parts': [[2023, 10, 14]] });
    expect(cslDate('2023-10-14T09:30:00Z')).toEqual({ 'date-parts': [[2023, 10, 14]] });
  });

  const source = (type: SourceType, fields: Record<string, unknown> = {}) =>
    Source.parse({
      id: '01890000-0000-7000-8000-000000000001',
      createdAt: EXPORTED_AT,
      updatedAt: EXPORTED_AT,
      title: 'T',
      type,
      content: { textSha256: 'a'.repeat(64), originalSha256: 'a'.repeat(64), mediaType: 'text/plain', length: 1 },
      ...fields,
    });

  it('maps each source type to a CSL type', () => {
    expect(cslType(source('article', { publisher: 'Northwind Wire' }))).toBe('article-newspaper');
    expect(cslType(source('article', { url: 'https://blog.example/post' }))).toBe('webpage');
    expect(cslType(source('article'))).toBe('article');
    const mapped = Object.fromEntries((['report', 'statement', 'transcript', 'social post', 'document', 'book', 'dataset', 'other'] as const).map((t) => [t, cslType(source(t))]));
    expect(mapped).toEqual({ report: 'report', statement: 'document', transcript: 'speech', 'social post': 'post', document: 'document', book: 'book', dataset: 'dataset', other: 'document' });
    for (const t of Object.values(mapped)) expect(CSL_TYPES.has(t)).toBe(true);
  });

  it('takes the DOI out of a doi.org URL', () => {
    expect(doiOf('https://doi.org/10.1000/xyz.123')).toBe('10.1000/xyz.123');
    expect(doiOf('https://example.org/paper')).toBeUndefined();
    expect(cslItem(source('report', { url: 'https://doi.org/10.5555/abc' }))).toMatchObject({ URL: 'https://doi.org/10.5555/abc', DOI: '10.5555/abc' });
  });

  it('leaves out what the source does not have', () => {
    expect(cslItem(source('book'))).toEqual({ id: '01890000-0000-7000-8000-000000000001', type: 'book', title: 'T' });
  });
});
