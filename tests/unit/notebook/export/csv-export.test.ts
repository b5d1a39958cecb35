import { describe, expect, it } from 'vitest';
import { EVIDENCE_CSV_COLUMNS, writeEvidenceCsv } from '../../../../notebook/common/export/csv-export.js';
import { sliceCodePoints } from '../../../../notebook/common/text.js';
import { HOSTILE, HOSTILE_LINES, hostileExample } from './hostile-example.js';
import { CONTAINERS_PASSAGE, EXPORTED_AT, FREIGHT_PASSAGE, STUDY, TRASHED, runningExample } from './running-example.js';

/**
 * RFC 4180 §2, strictly: records end with CRLF (the last one too, as the writer does), fields are
 * separated by commas, a field with a comma, quote, CR or LF is quoted and its quotes doubled,
 * nothing follows a closing quote, and every record has as many fields as the first.
 */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let i = 0;
  while (i < text.length) {
    const record: string[] = [];
    for (;;) {
      let field = '';
      if (text[i] === '"') {
        i++;
        for (;;) {
          if (i >= text.length) throw new Error('a quoted field is never closed');
          if (text[i] === '"' && text[i + 1] === '"') {
            field += '"';
            i += 2;
          } else if (text[i] === '"') {
            i++;
            break;
          } else field += text[i++];
        }
      } else {
        while (i < text.length && !',\r\n'.includes(text[i]!)) {
          if (text[i] === '"') throw new Error(`a quote inside an unquoted field at ${i}`);
          field += text[i++];
        }
      }
      record.push(field);
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text.startsWith('\r\n', i)) {
        i += 2;
        break;
      }
      throw new Error(`expected a comma or CRLF at ${i}, found ${JSON.stringify(text.slice(i, i + 10))}`);
    }
    if (records.length && record.length !== records[0]!.length) throw new Error(`record ${records.length + 1} has ${record.length} fields, not ${records[0]!.length}`);
    records.push(record);
  }
  return records;
}

/** The file as objects keyed by the header, after the byte-order mark. */
function rows(text: string): Record<(typeof EVIDENCE_CSV_COLUMNS)[number], string>[] {
  expect(text.startsWith('\uFEFF')).toBe(true);
  const [header, ...records] = parseCsv(text.slice(1));
  expect(header).toEqual([...EVIDENCE_CSV_COLUMNS]);
  return records.map((r) => Object.fromEntries(EVIDENCE_CSV_COLUMNS.map((h, i) => [h, r[i]!])) as Record<(typeof EVIDENCE_CSV_COLUMNS)[number], string>);
}

describe('the evidence CSV of the running example', () => {
  const example = runningExample();
  const file = writeEvidenceCsv({ notebook: example.notebook, files: example.files, exportedAt: EXPORTED_AT });
  const records = rows(file.text);

  it('is RFC 4180: UTF-8 with a byte-order mark, CRLF records, the same width throughout', () => {
    expect(file.filename).toBe('Munitions to Russia.csv');
    expect(file.mediaType).toBe('text/csv; charset=utf-8');
    expect(file.text.replace(/"(?:[^"]|"")*"/g, '')).not.toMatch(/\r(?!\n)|(?<!\r)\n/);
    expect(file.text.endsWith('\r\n')).toBe(true);
  });

  it('has one record per claim, evidence and relation, in the brief order, then one per ACH cell', () => {
    expect(records.map((r) => [r.record, r.statement.slice(0, 30), r.relation, r['evidence kind']])).toEqual([
      ['claim-evidence', 'North Korea is shipping artill', 'supports', 'excerpt'],
      ['claim-evidence', 'North Korea is shipping artill', 'context', 'excerpt'],
      ['claim-evidence', 'North Korea has shipped about ', 'supports', 'excerpt'],
      ['claim-evidence', 'North Korea has shipped about ', 'supports', 'excerpt'],
      ['claim-evidence', 'North Korea has shipped about ', 'supports', 'excerpt'],
      ['claim-evidence', 'North Korea has shipped about ', 'qualifies', 'excerpt'],
      ['claim-evidence', 'North Korea has shipped about ', 'contradicts', 'claim'],
      ['claim-evidence', 'North Korea has shipped weapon', 'supports', 'excerpt'],
      ['claim-evidence', 'North Korea has shipped weapon', 'refutes', 'excerpt'],
      ['claim-evidence', 'The weapons tests belong to a ', 'supports', 'excerpt'],
      ...Array.from({ length: 8 }, (_, i) => ['ach-cell', '', '', i < 6 ? 'excerpt' : 'claim']),
    ]);
  });

  it('gives the claim, the exact quote, its citation and its code-point offsets', () => {
    const refutes = records.find((r) => r.relation === 'refutes')!;
    expect(refutes).toMatchObject({
      'claim id': example.ids.claims.denial,
      claimant: 'Kim Yo Jong',
      polarity: 'denies',
      proposition: 'North Korea is supplying munitions to Russia.',
      credibility: '4',
      likelihood: 'unlikely',
      confidence: 'low',
      strength: 'moderate',
      'evidence id': example.ids.excerpts.freight,
      'evidence text': FREIGHT_PASSAGE,
      'source title': STUDY.title,
      publisher: 'Open Freight Monitor',
      published: '2023-10-02',
      page: '2',
      reliability: 'C',
      'link rationale': 'The rail traffic is there.',
      question: '',
      rating: '',
    });
    const studyText = STUDY.pages.join('');
    expect(sliceCodePoints(studyText, Number(refutes['excerpt start']), Number(refutes['excerpt end']))).toBe(FREIGHT_PASSAGE);
    // After the emoji, code points and UTF-16 indices differ by one: the offsets are code points.
    const containers = records.find((r) => r['evidence text'] === CONTAINERS_PASSAGE && r.record === 'claim-evidence')!;
    const wire = example.texts.get(example.notebook.sources[example.ids.wire]!.content.textSha256)!;
    expect(Number(containers['excerpt start'])).toBe(wire.indexOf(CONTAINERS_PASSAGE) - 1);
    expect(sliceCodePoints(wire, Number(containers['excerpt start']), Number(containers['excerpt end']))).toBe(CONTAINERS_PASSAGE);
    const byClaim = records.find((r) => r.relation === 'contradicts')!;
    expect(byClaim).toMatchObject({ 'evidence kind': 'claim', 'evidence text': 'The weapons tests belong to a five-year build-up plan.', 'evidence claimant': 'Kim Yo Jong', 'source title': '', page: '' });
  });

  it('gives every cell of the matrix its question, hypothesis, evidence and rating, the trashed row left out', () => {
    const cells = records.filter((r) => r.record === 'ach-cell');
    expect(cells.map((c) => [c['evidence text'].slice(0, 20), c.hypothesis.slice(0, 22), c.rating, c.weight, c.diagnosticity])).toEqual([
      ['The United States an', 'North Korea is supplyi', 'C', '1.41', '1'],
      ['The United States an', 'The shipments are its ', 'I', '1.41', '1'],
      ['citing Chloé Han of ', 'North Korea is supplyi', 'CC', '2', '1'],
      ['citing Chloé Han of ', 'The shipments are its ', 'I', '2', '1'],
      ['Satellite images sho', 'North Korea is supplyi', 'CC', '1.41', '2'],
      ['Satellite images sho', 'The shipments are its ', 'II', '1.41', '2'],
      ['North Korea has ship', 'North Korea is supplyi', 'I', '0.5', '1'],
      ['North Korea has ship', 'The shipments are its ', 'C', '0.5', '1'],
    ]);
    expect(new Set(cells.map((c) => c.question))).toEqual(new Set(['Is North Korea supplying Russia with munitions?']));
    expect(cells[4]).toMatchObject({ page: '2', reliability: 'C', relevance: 'high', 'claim id': '', statement: '' });
  });

  it('leaves out everything in the trash', () => {
    for (const gone of [TRASHED.claim, TRASHED.sourceTitle, TRASHED.excerpt, TRASHED.wireExcerpt]) expect(file.text).not.toContain(gone);
  });
});

describe('the evidence CSV of hostile strings', () => {
  it('reads back field for field: commas, quotes and line breaks are quoted, nothing else changes', () => {
    const example = hostileExample();
    const text = writeEvidenceCsv({ notebook: example.notebook, files: example.files, exportedAt: EXPORTED_AT }).text;
    const hostile = rows(text).find((r) => r['claim id'] === example.hostile.claim)!;
    expect(hostile).toMatchObject({ statement: HOSTILE, claimant: HOSTILE, proposition: HOSTILE, 'evidence text': HOSTILE_LINES, 'source title': HOSTILE, publisher: HOSTILE, 'link rationale': HOSTILE, likelihood: 'almost no chance' });
    expect(text).toContain(`"${HOSTILE.replaceAll('"', '""')}"`);
  });

  it('lists a claim without evidence once, its evidence fields blank', () => {
    const example = runningExample();
    const { notebook } = example;
    notebook.claims[example.ids.claims.buildUp] = { ...notebook.claims[example.ids.claims.buildUp]!, statement: 'Line one\r\nline "two", with a comma' };
    for (const link of Object.values(notebook.links)) if (link.toId === example.ids.claims.buildUp) notebook.links[link.id] = { ...link, deletedAt: EXPORTED_AT };
    const lone = rows(writeEvidenceCsv({ notebook, files: example.files, exportedAt: EXPORTED_AT }).text).filter((r) => r['claim id'] === example.ids.claims.buildUp);
    expect(lone).toHaveLength(1);
    expect(lone[0]).toMatchObject({ statement: 'Line one\r\nline "two", with a comma', relation: '', 'evidence kind': '', 'evidence text': '' });
  });
});
