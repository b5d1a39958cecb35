// The evidence matrix's rows, cells and keyboard moves, on a small notebook: a wire report and a
// paged study as sources, an assertion and its denial grouped under one proposition, a lone claim.
import { describe, expect, it } from 'vitest';
import { cellKey, evidenceMatrix } from '../../../notebook/common/analysis.js';
import { newId } from '../../../notebook/common/ids.js';
import { emptyNotebook, type Id, type Notebook } from '../../../notebook/common/model.js';
import { apply } from '../../../notebook/common/operations.js';
import { cellExcerpts, cellName, nextCell, relationCounts, relationCountsText, rowGroups } from '../../../renderer/src/matrix/matrix-model.js';

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
    const groups = rowGroups(nb, evidenceMatrix(nb), true);
    expect(groups.map((g) => ({ statement: g.statement, contradicted: g.contradicted, asserts: g.asserts, denies: g.denies, claims: g.claims.map((c) => c.id) }))).toEqual([
      { statement: 'North Korea is shipping weapons to Russia.', contradicted: true, asserts: 1, denies: 1, claims: [asserts, denies] },
      { statement: null, contradicted: false, asserts: 0, denies: 0, claims: [lone] },
    ]);
  });

  it('puts every claim in one group, in creation order, when not grouped', () => {
    const { nb, lone, asserts, denies } = fixture();
    const groups = rowGroups(nb, evidenceMatrix(nb), false);
    expect(groups).toHaveLength(1);
    expect(groups[0]!.claims.map((c) => c.id)).toEqual([lone, asserts, denies]);
  });

  it('has no rows for a notebook without claims', () => {
    const nb = emptyNotebook(newId(), 'empty', at());
    expect(rowGroups(nb, evidenceMatrix(nb), true)).toEqual([]);
    expect(rowGroups(nb, evidenceMatrix(nb), false)).toEqual([]);
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
