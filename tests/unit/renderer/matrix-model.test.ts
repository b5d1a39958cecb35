// The evidence matrix's rows, cells and keyboard moves, on a small notebook: a wire report and a
// paged study as sources, an assertion and its denial grouped under one proposition, a lone claim;
// and what it lays out of a notebook too big to show whole (which claims, which sources, the line
// that says what is left out).
import { describe, expect, it } from 'vitest';
import { cellKey, evidenceMatrix } from '../../../notebook/common/analysis.js';
import { newId } from '../../../notebook/common/ids.js';
import { emptyNotebook, type Id, type Notebook } from '../../../notebook/common/model.js';
import { apply } from '../../../notebook/common/operations.js';
import {
  cellExcerpts,
  cellName,
  COLUMN_PAGE,
  hasSourceEvidence,
  matrixWindow,
  nextCell,
  relationCounts,
  relationCountsText,
  ROW_PAGE,
  rowGroups,
  scanLookup,
  summaryLine,
  type MatrixOptions,
} from '../../../renderer/src/matrix/matrix-model.js';

const sha = 'd'.repeat(64);
let tick = 0;
const at = () => new Date(Date.parse('2026-01-02T03:04:05.000Z') + tick++).toISOString();

function fixture() {
  const nb = emptyNotebook(newId(), 'matrix', at());
  const create = (kind: 'source' | 'excerpt' | 'claim' | 'link' | 'proposition', object: Record<string, unknown>): Id => {
    const id = newId();
    const t = at();
    apply(nb, { type: 'create', kind, object: { id, createdAt: t, updatedAt: t, ...object } });
    return id;
  };
  const content = (pageStarts?: number[]) => ({ textSha256: sha, originalSha256: sha, mediaType: 'text/plain', length: 900, ...(pageStarts ? { pageStarts } : {}) });
  const wire = create('source', { title: 'U.S. and South Korea say North Korea is arming Russia', content: content() });
  const study = create('source', { title: 'Rail traffic study', content: content([0, 300, 600]) });
  const excerpt = (sourceId: Id, start: number, exact: string) => create('excerpt', { sourceId, selectors: { position: { start, end: start + exact.length }, quote: { exact } } });
  const proposition = create('proposition', { statement: 'North Korea is shipping weapons to Russia.' });
  const lone = create('claim', { statement: 'Rail traffic rose in September.' });
  const asserts = create('claim', { statement: 'North Korea has shipped about 1,000 containers of munitions to Russia.', propositionId: proposition });
  const denies = create('claim', { statement: 'North Korea has not shipped weapons to Russia.', polarity: 'denies', propositionId: proposition });
  const w1 = excerpt(wire, 200, 'some 1,000 containers had been shipped');
  const w2 = excerpt(wire, 10, 'accused North Korea of shipping artillery');
  const s1 = excerpt(study, 350, 'freight cars doubled');
  const link = (fromId: Id, toId: Id, relation: string) => create('link', { fromKind: 'excerpt', fromId, toKind: 'claim', toId, relation });
  link(w1, asserts, 'supports');
  link(w2, asserts, 'supports');
  link(w1, denies, 'refutes');
  link(w2, asserts, 'context');
  link(s1, lone, 'supports');
  return { nb, wire, study, lone, asserts, denies, w1, w2, s1 };
}

const linksOf = (nb: Notebook, claimId: Id, sourceId: Id) => evidenceMatrix(nb).cells.get(cellKey(claimId, sourceId)) ?? [];

describe('rowGroups', () => {
  it('groups claims by proposition with the contradiction flag, and gathers the rest last', () => {
    const { nb, lone, asserts, denies } = fixture();
    const groups = rowGroups(nb, scanLookup(nb), evidenceMatrix(nb).claims, true);
    expect(groups.map((g) => ({ statement: g.statement, contradicted: g.contradicted, asserts: g.asserts, denies: g.denies, claims: g.claims.map((c) => c.id) }))).toEqual([
      { statement: 'North Korea is shipping weapons to Russia.', contradicted: true, asserts: 1, denies: 1, claims: [asserts, denies] },
      { statement: null, contradicted: false, asserts: 0, denies: 0, claims: [lone] },
    ]);
  });

  it('puts every claim in one group, in creation order, when not grouped', () => {
    const { nb, lone, asserts, denies } = fixture();
    const groups = rowGroups(nb, scanLookup(nb), evidenceMatrix(nb).claims, false);
    expect(groups).toHaveLength(1);
    expect(groups[0]!.claims.map((c) => c.id)).toEqual([lone, asserts, denies]);
  });

  it('has no rows for a notebook without claims', () => {
    const nb = emptyNotebook(newId(), 'empty', at());
    expect(rowGroups(nb, scanLookup(nb), [], true)).toEqual([]);
    expect(rowGroups(nb, scanLookup(nb), [], false)).toEqual([]);
  });
});

describe('cells', () => {
  it('counts relations in the fixed order and names the cell by claim, source and counts', () => {
    const { nb, wire, asserts } = fixture();
    const links = linksOf(nb, asserts, wire);
    expect(relationCounts(links)).toEqual([
      { relation: 'supports', count: 2 },
      { relation: 'context', count: 1 },
    ]);
    expect(relationCountsText(links)).toBe('2 supports, 1 context');
    expect(cellName('North Korea has shipped about 1,000 containers of munitions to Russia.', 'U.S. and South Korea say North Korea is arming Russia', links)).toBe(
      'North Korea has shipped about 1,000 containers… · U.S. and South Korea say North Korea is arming…: 2 supports, 1 context',
    );
  });

  it('lists a cell’s excerpts in reading order with relation and page', () => {
    const { nb, wire, study, asserts, lone, w1, w2, s1 } = fixture();
    expect(cellExcerpts(nb, linksOf(nb, asserts, wire)).map((c) => [c.excerpt.id, c.link.relation, c.page])).toEqual([
      [w2, 'supports', undefined],
      [w2, 'context', undefined],
      [w1, 'supports', undefined],
    ]);
    expect(cellExcerpts(nb, linksOf(nb, lone, study)).map((c) => [c.excerpt.id, c.page])).toEqual([[s1, 2]]);
  });
});

describe('nextCell', () => {
  // Row 0: claim, cell, empty, cell · row 1: claim, empty, empty, cell · row 2: claim, cell, empty, empty
  const grid = [
    [true, true, false, true],
    [true, false, false, true],
    [true, true, false, false],
  ];

  it('moves across a row skipping empty cells, and stays at the edge', () => {
    expect(nextCell(grid, 0, 1, 'ArrowRight')).toEqual([0, 3]);
    expect(nextCell(grid, 0, 3, 'ArrowRight')).toBeNull();
    expect(nextCell(grid, 1, 3, 'ArrowLeft')).toEqual([1, 0]);
    expect(nextCell(grid, 1, 0, 'ArrowLeft')).toBeNull();
  });

  it('moves down and up a column skipping rows where it is empty', () => {
    expect(nextCell(grid, 0, 1, 'ArrowDown')).toEqual([2, 1]);
    expect(nextCell(grid, 2, 1, 'ArrowUp')).toEqual([0, 1]);
    expect(nextCell(grid, 1, 3, 'ArrowDown')).toBeNull();
    expect(nextCell(grid, 0, 0, 'ArrowUp')).toBeNull();
  });

  it('goes to the first and last cell of the row with Home and End', () => {
    expect(nextCell(grid, 0, 1, 'Home')).toEqual([0, 0]);
    expect(nextCell(grid, 0, 1, 'End')).toEqual([0, 3]);
    expect(nextCell(grid, 2, 1, 'End')).toBeNull();
  });
});

/**
 * A notebook of claims c0, c1, … (added in that order) and sources S0, S1, …: `evidence[i]` lists,
 * for claim i, the source of each of its links (each from an excerpt of its own).
 */
function crowded(evidence: number[][], statements: (i: number) => string = (i) => `Claim number ${i}`) {
  const nb = emptyNotebook(newId(), 'crowded', at());
  const create = (kind: 'source' | 'excerpt' | 'claim' | 'link', object: Record<string, unknown>): Id => {
    const id = newId();
    const t = at();
    apply(nb, { type: 'create', kind, object: { id, createdAt: t, updatedAt: t, ...object } });
    return id;
  };
  const sourceCount = Math.max(0, ...evidence.flat().map((s) => s + 1));
  const sources = Array.from({ length: sourceCount }, (_, i) =>
    create('source', { title: `S${i}`, content: { textSha256: sha, originalSha256: sha, mediaType: 'text/plain', length: 900 } }),
  );
  const claims = evidence.map((_, i) => create('claim', { statement: statements(i) }));
  evidence.forEach((from, i) =>
    from.forEach((s, j) => {
      const excerptId = create('excerpt', { sourceId: sources[s], selectors: { position: { start: j, end: j + 4 }, quote: { exact: 'text' } } });
      create('link', { fromKind: 'excerpt', fromId: excerptId, toKind: 'claim', toId: claims[i], relation: 'supports' });
    }),
  );
  const title = (id: Id) => nb.sources[id]!.title;
  const statement = (id: Id) => nb.claims[id]!.statement;
  return { nb, sources, claims, title, statement };
}

const options = (more: Partial<MatrixOptions> = {}): MatrixOptions => ({ grouped: false, text: '', rows: ROW_PAGE, columns: COLUMN_PAGE, ...more });
const windowOf = (nb: Notebook, more: Partial<MatrixOptions> = {}) => matrixWindow(nb, scanLookup(nb), options(more));
const rowIds = (w: ReturnType<typeof windowOf>) => w.groups.flatMap((g) => g.claims.map((c) => c.id));

describe('source evidence', () => {
  it('lays out only links from live excerpts of live sources, and knows when there are none', () => {
    const { nb, wire, study, asserts, denies, lone, w1, s1 } = fixture();
    const t = at();
    apply(nb, { type: 'create', kind: 'link', object: { id: newId(), createdAt: t, updatedAt: t, fromKind: 'claim', fromId: denies, toKind: 'claim', toId: asserts, relation: 'contradicts' } });
    const cellsOf = () => [...windowOf(nb).cells].map(([key, links]) => [key, links.length]);
    expect(cellsOf()).toEqual([
      [cellKey(lone, study), 1],
      [cellKey(asserts, wire), 3],
      [cellKey(denies, wire), 1],
    ]);
    // Trashed ends, whether or not their links went to the trash with them.
    nb.excerpts[w1]!.deletedAt = at();
    expect(cellsOf()).toEqual([
      [cellKey(lone, study), 1],
      [cellKey(asserts, wire), 2],
    ]);
    expect(hasSourceEvidence(nb, scanLookup(nb))).toBe(true);
    nb.sources[wire]!.deletedAt = at();
    nb.excerpts[s1]!.deletedAt = at();
    expect(cellsOf()).toEqual([]);
    expect(hasSourceEvidence(nb, scanLookup(nb))).toBe(false);
  });
});

describe('matrixWindow', () => {
  it('shows every claim and source, laid out as the whole matrix, when they fit', () => {
    const { nb, wire, study, lone, asserts, denies } = fixture();
    const w = windowOf(nb, { grouped: true });
    expect(w.groups).toEqual(rowGroups(nb, scanLookup(nb), evidenceMatrix(nb).claims, true));
    expect(w.sources.map((s) => s.id)).toEqual([wire, study]);
    expect(w.cells).toEqual(evidenceMatrix(nb).cells);
    expect(w.hiddenLinks.size).toBe(0);
    expect(summaryLine(w)).toBe('3 claims × 2 sources');
    expect(rowIds(windowOf(nb))).toEqual([lone, asserts, denies]);
  });

  it('picks the claims with the most evidence and shows them in the order they were added', () => {
    const { nb, claims } = crowded([[], [0, 0], [0], [0, 0, 0], [0, 0], []]);
    const w = windowOf(nb, { rows: 3 });
    expect(rowIds(w)).toEqual([claims[1], claims[3], claims[4]]);
    expect([w.shownClaims, w.matchingClaims, w.totalClaims]).toEqual([3, 6, 6]);
  });

  it('breaks ties in favour of the claim added first', () => {
    const { nb, claims } = crowded([[0], [0], [0], [0]]);
    expect(rowIds(windowOf(nb, { rows: 2 }))).toEqual([claims[0], claims[1]]);
  });

  it('showing more claims keeps the rows already shown, in place, and adds the next by evidence', () => {
    const { nb, claims } = crowded([[], [0, 0], [0], [0, 0, 0], [0, 0], [], [0]]);
    const first = rowIds(windowOf(nb, { rows: 3 }));
    const more = rowIds(windowOf(nb, { rows: 5 }));
    expect(more).toEqual([claims[1], claims[2], claims[3], claims[4], claims[6]]);
    expect(more.filter((id) => first.includes(id))).toEqual(first);
    expect(rowIds(windowOf(nb, { rows: 50 }))).toEqual(claims);
  });

  it('keeps the sources that hold evidence for the most shown claims and counts the links left out per claim', () => {
    // S0 holds evidence for three claims, S1 and S3 for two, S2 for one.
    const { nb, sources, claims, title } = crowded([[0, 1, 2], [0, 3, 3], [0, 1, 3]]);
    const w = windowOf(nb, { columns: 2 });
    expect(w.sources.map((s) => s.title)).toEqual(['S0', 'S1']);
    expect(w.rowSources).toBe(4);
    expect([...w.cells.keys()].sort()).toEqual([cellKey(claims[0]!, sources[0]!), cellKey(claims[0]!, sources[1]!), cellKey(claims[1]!, sources[0]!), cellKey(claims[2]!, sources[0]!), cellKey(claims[2]!, sources[1]!)].sort());
    expect(Object.fromEntries([...w.hiddenLinks].map(([id, n]) => [nb.claims[id]!.statement, n]))).toEqual({ 'Claim number 0': 1, 'Claim number 1': 2, 'Claim number 2': 1 });
    expect(summaryLine(w)).toBe('3 claims · the 2 of their 4 sources that hold the most');
    expect(windowOf(nb, { columns: 4 }).sources.map((s) => title(s.id))).toEqual(['S0', 'S1', 'S2', 'S3']);
  });

  it('gives a column to a claim whose evidence is elsewhere before a second busy source, so more rows show a cell', () => {
    // S0 and S1 both bear on the first two claims; only S2 bears on the third.
    const { nb } = crowded([[0, 1], [0, 1], [2]]);
    const w = windowOf(nb, { columns: 2 });
    expect(w.sources.map((s) => s.title)).toEqual(['S0', 'S2']);
    expect([...w.hiddenLinks.values()]).toEqual([1, 1]);
  });

  it('puts each column, when not all fit, under the first row it holds evidence for', () => {
    const { nb } = crowded([[2], [0], [1]]);
    expect(windowOf(nb, { columns: 2 }).sources.map((s) => s.title)).toEqual(['S2', 'S0']);
    expect(windowOf(nb, { columns: 3 }).sources.map((s) => s.title)).toEqual(['S0', 'S1', 'S2']);
  });

  it('offers only the sources of the claims it shows', () => {
    const { nb } = crowded([[0], [1, 1], [2, 2, 2]]);
    const w = windowOf(nb, { rows: 1 });
    expect(w.sources.map((s) => s.title)).toEqual(['S2']);
    expect(w.rowSources).toBe(1);
    expect(summaryLine(w)).toBe('Showing the 1 of 3 claims with the most evidence · 1 source');
  });

  it('at the first page lays out 50 claims and 30 sources and says how many more there are', () => {
    // 60 claims with one link each, claim i from source i mod 35: the first 50 claims reach all 35
    // sources, S0–S14 twice each.
    const { nb, claims } = crowded(Array.from({ length: 60 }, (_, i) => [i % 35]));
    const w = windowOf(nb);
    expect(rowIds(w)).toEqual(claims.slice(0, 50));
    expect(w.sources.map((s) => s.title)).toEqual(Array.from({ length: 30 }, (_, i) => `S${i}`));
    expect(summaryLine(w)).toBe('Showing the 50 of 60 claims with the most evidence · the 30 of their 35 sources that hold the most');
  });

  it('lays out only the claims a filter finds, and says so', () => {
    const { nb, claims } = crowded([[0], [1], [0, 1], [1]], (i) => (i % 2 ? `Rail traffic rose in month ${i}` : `Shipping fell in month ${i}`));
    const w = windowOf(nb, { text: 'RAIL   traffic' });
    expect(rowIds(w)).toEqual([claims[1], claims[3]]);
    expect(summaryLine(w)).toBe('2 of 4 claims match · 1 source');
    const limited = windowOf(nb, { text: 'month', rows: 1 });
    expect(rowIds(limited)).toEqual([claims[2]]);
    expect(summaryLine(limited)).toBe('Showing the 1 of 4 matching claims with the most evidence (4 in all) · 2 sources');
    expect(windowOf(nb, { text: 'nowhere' }).shownClaims).toBe(0);
  });
});

describe('summaryLine', () => {
  it('writes large counts with thousands separators', () => {
    const w = { totalClaims: 40_000, matchingClaims: 40_000, filtered: false, groups: [], shownClaims: 50, sources: new Array(30), rowSources: 2_120, cells: new Map(), hiddenLinks: new Map() };
    expect(summaryLine(w)).toBe('Showing the 50 of 40,000 claims with the most evidence · the 30 of their 2,120 sources that hold the most');
  });
});
