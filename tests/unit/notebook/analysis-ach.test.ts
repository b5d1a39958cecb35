// The competing-hypotheses scores against the worked example of docs/analysis.md: every number
// the document computes by hand is asserted here, then the edge cases and the CSV export.
import { describe, expect, it } from 'vitest';
import { achCsv, achMatrix, candidateRows, INCONSISTENCY, rowCredibility, WEIGHT_VALUE, type AchMatrix } from '../../../notebook/common/analysis.js';
import { newId } from '../../../notebook/common/ids.js';
import { emptyNotebook, type EvidenceRow, type Id, type Notebook, type RatingValue } from '../../../notebook/common/model.js';
import { apply, trashWithDependents } from '../../../notebook/common/operations.js';

const T = '2026-01-02T03:04:05.000Z';
const sha = 'b'.repeat(64);
let tick = 0;
/** Creation times one millisecond apart, so creation order is the order of the calls. */
const at = () => new Date(Date.parse(T) + tick++).toISOString();

function source(nb: Notebook, title: string, grade?: 'A' | 'B' | 'C' | 'D' | 'E' | 'F'): Id {
  const id = newId();
  const t = at();
  apply(nb, {
    type: 'create',
    kind: 'source',
    object: { id, createdAt: t, updatedAt: t, title, content: { textSha256: sha, originalSha256: sha, mediaType: 'text/plain', length: 10_000 }, ...(grade ? { reliability: { grade, rationale: '' } } : {}) },
  });
  return id;
}

function excerpt(nb: Notebook, sourceId: Id, exact: string): Id {
  const id = newId();
  const t = at();
  apply(nb, { type: 'create', kind: 'excerpt', object: { id, createdAt: t, updatedAt: t, sourceId, selectors: { position: { start: 0, end: exact.length }, quote: { exact } } } });
  return id;
}

function entity(nb: Notebook, name: string): Id {
  const id = newId();
  const t = at();
  apply(nb, { type: 'create', kind: 'entity', object: { id, createdAt: t, updatedAt: t, name } });
  return id;
}

function claim(nb: Notebook, statement: string, extra: Record<string, unknown> = {}): Id {
  const id = newId();
  const t = at();
  apply(nb, { type: 'create', kind: 'claim', object: { id, createdAt: t, updatedAt: t, statement, ...extra } });
  return id;
}

function link(nb: Notebook, fromKind: 'excerpt' | 'claim', fromId: Id, toId: Id, relation = 'supports'): Id {
  const id = newId();
  const t = at();
  apply(nb, { type: 'create', kind: 'link', object: { id, createdAt: t, updatedAt: t, fromKind, fromId, toKind: 'claim', toId, relation } });
  return id;
}

function question(nb: Notebook, text: string, evidence: EvidenceRow[]): Id {
  const id = newId();
  const t = at();
  apply(nb, { type: 'create', kind: 'question', object: { id, createdAt: t, updatedAt: t, text, evidence } });
  return id;
}

function hypothesis(nb: Notebook, questionId: Id, statement: string, ratings: Record<Id, RatingValue>): Id {
  const id = newId();
  const t = at();
  apply(nb, { type: 'create', kind: 'hypothesis', object: { id, createdAt: t, updatedAt: t, questionId, statement, ratings } });
  return id;
}

/**
 * docs/analysis.md, "A worked example": three hypotheses, five rows.
 *
 *        weight  H1  H2  H3
 *   E1   2       C   C   C
 *   E2   √2      C   C   II
 *   E3   √2      CC  II  II
 *   E4   1/√2    I   C   CC
 *   E5   1/2     NA  C   I
 */
function workedExample() {
  const nb = emptyNotebook(newId(), 'worked example', T);
  const wire = source(nb, 'U.S. and South Korea say North Korea is arming Russia', 'B');
  const field = source(nb, 'Shell casings recovered near Avdiivka', 'C');
  const blog = source(nb, 'Border watch, 2 October', 'D');
  const e1 = excerpt(nb, wire, 'The United States and South Korea on Friday accused North Korea of shipping artillery shells and missiles to Russia');
  const e2 = excerpt(nb, wire, 'some 1,000 containers had been shipped by rail and sea since August');
  const e3 = excerpt(nb, field, 'Casings of 122 mm shells bear North Korean markings and 2023 production dates');
  const e5 = excerpt(nb, blog, 'A shipment of North Korean coal was unloaded at Vostochny in September');
  const kim = entity(nb, 'Kim Yo Jong');
  const claimant = entity(nb, 'United States');
  const accusation = claim(nb, 'North Korea is shipping artillery shells and missiles to Russia.', { claimantId: claimant, credibility: { grade: '2', rationale: '' } });
  const denial = claim(nb, 'North Korea has not shipped weapons to Russia.', { claimantId: kim, polarity: 'denies', credibility: { grade: '4', rationale: '' } });
  for (const e of [e1, e2, e3, e5]) link(nb, 'excerpt', e, accusation);
  link(nb, 'claim', denial, accusation, 'contradicts');
  const q = question(nb, 'Is North Korea supplying Russia with munitions?', [
    { kind: 'excerpt', id: e1, relevance: 'high' },
    { kind: 'excerpt', id: e2, relevance: 'medium' },
    { kind: 'excerpt', id: e3, relevance: 'high' },
    { kind: 'claim', id: denial, relevance: 'medium' },
    { kind: 'excerpt', id: e5, relevance: 'low' },
  ]);
  const h1 = hypothesis(nb, q, 'North Korea is shipping munitions to Russia.', { [e1]: 'C', [e2]: 'C', [e3]: 'CC', [denial]: 'I', [e5]: 'NA' });
  const h2 = hypothesis(nb, q, 'North Korea is shipping goods to Russia, but no munitions.', { [e1]: 'C', [e2]: 'C', [e3]: 'II', [denial]: 'C', [e5]: 'C' });
  const h3 = hypothesis(nb, q, 'Nothing is being shipped: the reports are invented.', { [e1]: 'C', [e2]: 'II', [e3]: 'II', [denial]: 'CC', [e5]: 'I' });
  return { nb, q, h: [h1, h2, h3], e: { e1, e2, e3, e5, denial }, accusation, kim };
}

const matrixOf = (nb: Notebook, q: Id): AchMatrix => {
  const m = achMatrix(nb, q);
  if (!m) throw new Error('the question should have a matrix');
  return m;
};

describe('the worked example of docs/analysis.md', () => {
  it('derives each row’s credibility from the grades and its weight from relevance × credibility', () => {
    const { nb, q } = workedExample();
    const m = matrixOf(nb, q);
    expect(m.rows.map((r) => r.credibility)).toEqual(['high', 'high', 'medium', 'low', 'low']);
    expect(m.rows.map((r) => r.weight.toFixed(4))).toEqual(['2.0000', '1.4142', '1.4142', '0.7071', '0.5000']);
    expect(m.rows.map((r) => r.origin)).toEqual([
      'U.S. and South Korea say North Korea is arming Russia',
      'U.S. and South Korea say North Korea is arming Russia',
      'Shell casings recovered near Avdiivka',
      'Kim Yo Jong',
      'Border watch, 2 October',
    ]);
  });

  it('computes the diagnosticity of every row, leaving NA out', () => {
    const { nb, q } = workedExample();
    expect(matrixOf(nb, q).rows.map((r) => r.diagnosticity)).toEqual([0, 2, 2, 1, 1]);
  });

  it('totals inconsistency and weighted inconsistency per hypothesis and picks H1 as least inconsistent', () => {
    const { nb, q } = workedExample();
    const m = matrixOf(nb, q);
    expect(m.hypotheses.map((h) => h.statement.slice(0, 24))).toEqual(['North Korea is shipping ', 'North Korea is shipping ', 'Nothing is being shipped']);
    expect(m.inconsistency).toEqual([1, 2, 5]);
    expect(m.weightedInconsistency).toEqual([0.71, 2.83, 6.16]);
    expect(m.unrated).toEqual([0, 0, 0]);
    expect(m.leastInconsistent).toEqual([0]);
  });

  it('still prefers H1 when the analyst raises the denial’s credibility to high (the override in the document)', () => {
    const { nb, q, e } = workedExample();
    const evidence = nb.questions[q]!.evidence.map((r) => (r.id === e.denial ? { ...r, credibility: 'high' as const } : r));
    apply(nb, { type: 'update', kind: 'question', id: q, set: { evidence }, unset: [] });
    const m = matrixOf(nb, q);
    expect(m.rows[3]!.credibility).toBe('high');
    expect(m.rows[3]!.weight.toFixed(4)).toBe('1.4142');
    expect(m.weightedInconsistency).toEqual([1.41, 2.83, 6.16]);
    expect(m.leastInconsistent).toEqual([0]);
  });

  it('exports the matrix as the document shows it', () => {
    const { nb, q } = workedExample();
    const records = parseCsv(achCsv(matrixOf(nb, q)));
    expect(records[0]).toEqual([
      'Evidence',
      'Kind',
      'Source or claimant',
      'Relevance',
      'Credibility',
      'Weight',
      'Diagnosticity',
      'North Korea is shipping munitions to Russia.',
      'North Korea is shipping goods to Russia, but no munitions.',
      'Nothing is being shipped: the reports are invented.',
    ]);
    expect(records.slice(1, 6).map((r) => r.slice(1))).toEqual([
      ['excerpt', 'U.S. and South Korea say North Korea is arming Russia', 'high', 'high', '2', '0', 'C', 'C', 'C'],
      ['excerpt', 'U.S. and South Korea say North Korea is arming Russia', 'medium', 'high', '1.41', '2', 'C', 'C', 'II'],
      ['excerpt', 'Shell casings recovered near Avdiivka', 'high', 'medium', '1.41', '2', 'CC', 'II', 'II'],
      ['claim', 'Kim Yo Jong', 'medium', 'low', '0.71', '1', 'I', 'C', 'CC'],
      ['excerpt', 'Border watch, 2 October', 'low', 'low', '0.5', '1', 'NA', 'C', 'I'],
    ]);
    expect(records.slice(6)).toEqual([
      ['Inconsistency', '', '', '', '', '', '', '1', '2', '5'],
      ['Weighted inconsistency', '', '', '', '', '', '', '0.71', '2.83', '6.16'],
      ['Least inconsistent', '', '', '', '', '', '', 'yes', '', ''],
    ]);
  });
});

describe('ACH scoring rules', () => {
  it('counts only inconsistency: I 1, II 2, and nothing for consistent, neutral or not applicable', () => {
    expect(INCONSISTENCY).toEqual({ CC: 0, C: 0, N: 0, I: 1, II: 2, NA: 0 });
    expect(WEIGHT_VALUE.low * WEIGHT_VALUE.low).toBeCloseTo(0.5, 12);
    expect(WEIGHT_VALUE.low * WEIGHT_VALUE.high).toBeCloseTo(1, 12);
    expect(WEIGHT_VALUE.high * WEIGHT_VALUE.high).toBeCloseTo(2, 12);
  });

  it('leaves unrated cells out of the scores, counts them, and gives no diagnosticity below two applicable ratings', () => {
    const { nb, q, h, e } = workedExample();
    const ratings = { ...nb.hypotheses[h[2]!]!.ratings };
    delete ratings[e.e2];
    apply(nb, { type: 'update', kind: 'hypothesis', id: h[2]!, set: { ratings }, unset: [] });
    // E5 is now rated NA (H1), C (H2), I (H3): take away H2 as well and one applicable rating is left.
    const h2 = { ...nb.hypotheses[h[1]!]!.ratings };
    delete h2[e.e5];
    apply(nb, { type: 'update', kind: 'hypothesis', id: h[1]!, set: { ratings: h2 }, unset: [] });
    const m = matrixOf(nb, q);
    expect(m.rows[1]!.ratings).toEqual(['C', 'C', undefined]);
    expect(m.rows[1]!.diagnosticity).toBe(0);
    expect(m.rows[4]!.ratings).toEqual(['NA', undefined, 'I']);
    expect(m.rows[4]!.diagnosticity).toBeNull();
    expect(m.unrated).toEqual([0, 1, 1]);
    expect(m.inconsistency).toEqual([1, 2, 3]);
    expect(m.weightedInconsistency).toEqual([0.71, 2.83, 3.33]);
  });

  it('rates a row inconsistent with every hypothesis as not diagnostic', () => {
    const { nb, q, h, e } = workedExample();
    for (const id of h) apply(nb, { type: 'update', kind: 'hypothesis', id, set: { ratings: { ...nb.hypotheses[id]!.ratings, [e.e1]: 'II' } }, unset: [] });
    expect(matrixOf(nb, q).rows[0]!.diagnosticity).toBe(0);
  });

  it('names no least-inconsistent hypothesis when there is only one', () => {
    const { nb, q, h } = workedExample();
    apply(nb, { type: 'delete', kind: 'hypothesis', id: h[1]!, at: T });
    apply(nb, { type: 'delete', kind: 'hypothesis', id: h[2]!, at: T });
    const m = matrixOf(nb, q);
    expect(m.hypotheses).toHaveLength(1);
    expect(m.rows.map((r) => r.diagnosticity)).toEqual([null, null, null, null, null]);
    expect(m.inconsistency).toEqual([1]);
    expect(m.weightedInconsistency).toEqual([0.71]);
    expect(m.leastInconsistent).toEqual([]);
  });

  it('names every hypothesis that ties for least, and none when all of them tie', () => {
    const nb = emptyNotebook(newId(), 'ties', T);
    const s = source(nb, 'Report', 'C');
    const a = excerpt(nb, s, 'first');
    const b = excerpt(nb, s, 'second');
    const q = question(nb, 'Which?', [
      { kind: 'excerpt', id: a, relevance: 'medium' },
      { kind: 'excerpt', id: b, relevance: 'medium' },
    ]);
    const h1 = hypothesis(nb, q, 'One', {});
    const h2 = hypothesis(nb, q, 'Two', {});
    const h3 = hypothesis(nb, q, 'Three', {});
    expect(matrixOf(nb, q).leastInconsistent).toEqual([]);
    apply(nb, { type: 'update', kind: 'hypothesis', id: h1, set: { ratings: { [a]: 'I' } }, unset: [] });
    apply(nb, { type: 'update', kind: 'hypothesis', id: h2, set: { ratings: { [b]: 'I' } }, unset: [] });
    apply(nb, { type: 'update', kind: 'hypothesis', id: h3, set: { ratings: { [a]: 'C', [b]: 'II' } }, unset: [] });
    expect(matrixOf(nb, q).leastInconsistent).toEqual([0, 1]);
    apply(nb, { type: 'update', kind: 'hypothesis', id: h3, set: { ratings: { [a]: 'C', [b]: 'I' } }, unset: [] });
    expect(matrixOf(nb, q).weightedInconsistency).toEqual([1, 1, 1]);
    expect(matrixOf(nb, q).leastInconsistent).toEqual([]);
  });

  it('does not name a hypothesis that is rated against nothing yet, however low its 0', () => {
    const { nb, q } = workedExample();
    const fresh = hypothesis(nb, q, 'Russia is buying from a third country.', {});
    let m = matrixOf(nb, q);
    expect(m.weightedInconsistency).toEqual([0.71, 2.83, 6.16, 0]);
    expect(m.unrated).toEqual([0, 0, 0, 5]);
    expect(m.leastInconsistent).toEqual([0]);
    // One rating, even NA, puts it in the running.
    apply(nb, { type: 'update', kind: 'hypothesis', id: fresh, set: { ratings: { [nb.questions[q]!.evidence[4]!.id]: 'NA' } }, unset: [] });
    m = matrixOf(nb, q);
    expect(m.unrated).toEqual([0, 0, 0, 4]);
    expect(m.leastInconsistent).toEqual([3]);
  });

  it('names none while only one hypothesis is rated', () => {
    const { nb, q, h } = workedExample();
    for (const id of [h[1]!, h[2]!]) apply(nb, { type: 'update', kind: 'hypothesis', id, set: { ratings: {} }, unset: [] });
    const m = matrixOf(nb, q);
    expect(m.weightedInconsistency).toEqual([0.71, 0, 0]);
    expect(m.leastInconsistent).toEqual([]);
  });

  it('treats sums that differ only by floating-point noise as a tie', () => {
    // Every row weighs 1/√2: three I's (3/√2) and an I plus an II (1/√2 + 2/√2) are equal in exact arithmetic.
    const nb = emptyNotebook(newId(), 'noise', T);
    const s = source(nb, 'Blog', 'D');
    const ids = ['a', 'b', 'c', 'd'].map((w) => excerpt(nb, s, w));
    const q = question(nb, 'Which?', ids.map((id) => ({ kind: 'excerpt' as const, id, relevance: 'medium' as const })));
    hypothesis(nb, q, 'One', { [ids[0]!]: 'I', [ids[1]!]: 'I', [ids[2]!]: 'I' });
    hypothesis(nb, q, 'Two', { [ids[3]!]: 'II', [ids[0]!]: 'I' });
    hypothesis(nb, q, 'Three', { [ids[3]!]: 'II', [ids[0]!]: 'II' });
    const m = matrixOf(nb, q);
    expect(m.weightedInconsistency).toEqual([2.12, 2.12, 2.83]);
    expect(m.leastInconsistent).toEqual([0, 1]);
  });

  it('hides rows whose excerpt, source or claim is in the trash, and shows them again when restored', () => {
    const { nb, q, e } = workedExample();
    const trashed = trashWithDependents(nb, 'claim', e.denial, T);
    apply(nb, trashed);
    let m = matrixOf(nb, q);
    expect(m.rows).toHaveLength(4);
    expect(m.rows.map((r) => r.diagnosticity)).toEqual([0, 2, 2, 1]);
    expect(m.inconsistency).toEqual([0, 2, 5]);
    expect(m.weightedInconsistency).toEqual([0, 2.83, 6.16]);
    const blog = nb.excerpts[e.e5]!.sourceId;
    apply(nb, trashWithDependents(nb, 'source', blog, T));
    m = matrixOf(nb, q);
    expect(m.rows.map((r) => r.row.id)).toEqual([e.e1, e.e2, e.e3]);
    expect(m.inconsistency).toEqual([0, 2, 4]);
    // The rows are soft references: the question still holds them for when the trash gives them back.
    expect(nb.questions[q]!.evidence).toHaveLength(5);
  });

  it('gives no matrix for a question in the trash, and leaves out hypotheses in the trash', () => {
    const { nb, q, h } = workedExample();
    apply(nb, { type: 'delete', kind: 'hypothesis', id: h[0]!, at: T });
    expect(matrixOf(nb, q).hypotheses).toHaveLength(2);
    expect(matrixOf(nb, q).leastInconsistent).toEqual([0]);
    apply(nb, trashWithDependents(nb, 'question', q, T));
    expect(achMatrix(nb, q)).toBeNull();
  });

  it('derives credibility from every grade and lets the row override it', () => {
    const nb = emptyNotebook(newId(), 'grades', T);
    const expected = { A: 'high', B: 'high', C: 'medium', D: 'low', E: 'low', F: 'medium' } as const;
    for (const [grade, weight] of Object.entries(expected)) {
      const ex = excerpt(nb, source(nb, `Graded ${grade}`, grade as keyof typeof expected), 'x');
      expect(rowCredibility(nb, { kind: 'excerpt', id: ex, relevance: 'medium' })).toBe(weight);
      expect(rowCredibility(nb, { kind: 'excerpt', id: ex, relevance: 'medium', credibility: 'low' })).toBe('low');
    }
    expect(rowCredibility(nb, { kind: 'excerpt', id: excerpt(nb, source(nb, 'Ungraded'), 'x'), relevance: 'medium' })).toBe('medium');
    const claims = { '1': 'high', '2': 'high', '3': 'medium', '4': 'low', '5': 'low', '6': 'medium' } as const;
    for (const [grade, weight] of Object.entries(claims)) {
      const c = claim(nb, `Graded ${grade}`, { credibility: { grade, rationale: '' } });
      expect(rowCredibility(nb, { kind: 'claim', id: c, relevance: 'medium' })).toBe(weight);
      expect(rowCredibility(nb, { kind: 'claim', id: c, relevance: 'medium', credibility: 'high' })).toBe('high');
    }
    expect(rowCredibility(nb, { kind: 'claim', id: claim(nb, 'Ungraded'), relevance: 'medium' })).toBe('medium');
  });

  it('offers as new rows the linked excerpts and claims that are not rows yet', () => {
    const { nb, q, e, accusation } = workedExample();
    expect(candidateRows(nb, q)).toEqual([{ kind: 'claim', id: accusation, relevance: 'medium' }]);
    const fresh = question(nb, 'Another question', [{ kind: 'excerpt', id: e.e1, relevance: 'low' }]);
    expect(candidateRows(nb, fresh).map((r) => r.id)).toEqual([e.e2, e.e3, e.e5, accusation, e.denial]);
  });
});

describe('achCsv', () => {
  it('writes RFC 4180: CRLF after every record, quotes around commas, quotes and line breaks, quotes doubled', () => {
    const nb = emptyNotebook(newId(), 'csv', T);
    const s = source(nb, 'Wire, "Seoul" desk', 'B');
    const quote = 'He said "the most absurd paradox",\nthen left';
    const a = excerpt(nb, s, quote);
    const q = question(nb, 'Who, if anyone, ships?', [{ kind: 'excerpt', id: a, relevance: 'high' }]);
    hypothesis(nb, q, 'Pyongyang, by rail', { [a]: 'II' });
    hypothesis(nb, q, 'Nobody "ships"', { [a]: 'CC' });
    const csv = achCsv(matrixOf(nb, q));
    expect(csv.endsWith('\r\n')).toBe(true);
    // Five records, each ended by CRLF; the line break inside the quote is a bare LF, kept inside its quotes.
    expect(csv.split('\r\n')).toHaveLength(6);
    expect(csv).toContain('"He said ""the most absurd paradox"",\nthen left",excerpt,"Wire, ""Seoul"" desk",high,high,2,2,II,CC\r\n');
    expect(csv.startsWith('Evidence,Kind,Source or claimant,Relevance,Credibility,Weight,Diagnosticity,"Pyongyang, by rail","Nobody ""ships"""\r\n')).toBe(true);
    const records = parseCsv(csv);
    expect(records).toHaveLength(5);
    expect(records.every((r) => r.length === 9)).toBe(true);
    expect(records[1]![0]).toBe(quote);
    expect(records[1]![2]).toBe('Wire, "Seoul" desk');
    expect(records[0]!.slice(7)).toEqual(['Pyongyang, by rail', 'Nobody "ships"']);
    expect(records.slice(2).map((r) => r.slice(7))).toEqual([
      ['2', '0'],
      ['4', '0'],
      ['', 'yes'],
    ]);
  });

  it('writes a header and the totals for a question with no rows or hypotheses', () => {
    const nb = emptyNotebook(newId(), 'empty', T);
    const q = question(nb, 'Empty?', []);
    expect(achCsv(matrixOf(nb, q))).toBe(
      'Evidence,Kind,Source or claimant,Relevance,Credibility,Weight,Diagnosticity\r\nInconsistency,,,,,,\r\nWeighted inconsistency,,,,,,\r\nLeast inconsistent,,,,,,\r\n',
    );
  });

  it('leaves unrated cells and unknown diagnosticity blank', () => {
    const nb = emptyNotebook(newId(), 'blank', T);
    const c = claim(nb, 'Containers were shipped.');
    const q = question(nb, 'Shipped?', [{ kind: 'claim', id: c, relevance: 'low' }]);
    hypothesis(nb, q, 'Yes', { [c]: 'C' });
    hypothesis(nb, q, 'No', {});
    const records = parseCsv(achCsv(matrixOf(nb, q)));
    expect(records[1]).toEqual(['Containers were shipped.', 'claim', '', 'low', 'medium', '0.71', '', 'C', '']);
  });
});

/**
 * A strict RFC 4180 reader for the tests: records end with CRLF, a quoted field may hold commas,
 * CR, LF and doubled quotes, and a bare quote or lone line break outside quotes is an error.
 */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let i = 0;
  if (!text.endsWith('\r\n')) throw new Error('the last record must end with CRLF');
  while (i < text.length) {
    let field = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) throw new Error('unterminated quoted field');
        field += text.slice(i, q);
        if (text[q + 1] === '"') {
          field += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
    } else {
      while (i < text.length && text[i] !== ',' && text[i] !== '\r') {
        if (text[i] === '"' || text[i] === '\n') throw new Error(`a ${JSON.stringify(text[i])} outside quotes at ${i}`);
        field += text[i++];
      }
    }
    record.push(field);
    if (text[i] === ',') i++;
    else if (text.startsWith('\r\n', i)) {
      records.push(record);
      record = [];
      i += 2;
    } else throw new Error(`expected a comma or CRLF at ${i}`);
  }
  return records;
}
