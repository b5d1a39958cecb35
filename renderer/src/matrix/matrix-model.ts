// What the evidence matrix shows, computed: the rows (grouped by proposition or not), what a cell
// says and how a screen reader names it, the excerpts behind a cell, and where the arrow keys go.
// Pure; never changes the notebook.
import { propositionGroups, type EvidenceMatrix } from '../../../notebook/common/analysis.js';
import { RELATIONS, type Claim, type Excerpt, type Id, type Link, type Notebook, type Relation } from '../../../notebook/common/model.js';
import { pageOf } from '../../../notebook/common/queries.js';
import { ellipsise } from '../ui/format.js';

export interface RowGroup {
  key: Id;
  /** The proposition's statement; null for the claims that belong to none (or for all claims, ungrouped). */
  statement: string | null;
  /** Some claims about the proposition assert what others deny, or one is linked to another as contradicting it. */
  contradicted: boolean;
  asserts: number;
  denies: number;
  claims: Claim[];
}

/**
 * The matrix's rows: grouped by proposition, in order of each group's first claim, then the claims
 * that belong to no proposition in one last group; or, ungrouped, all claims in one group.
 */
export function rowGroups(notebook: Notebook, matrix: EvidenceMatrix, grouped: boolean): RowGroup[] {
  const rest: RowGroup = { key: 'ungrouped', statement: null, contradicted: false, asserts: 0, denies: 0, claims: [] };
  if (!grouped) return matrix.claims.length ? [{ ...rest, claims: matrix.claims }] : [];
  const groups: RowGroup[] = [];
  for (const g of propositionGroups(notebook, matrix.claims)) {
    if (g.proposition) groups.push({ key: g.key, statement: g.statement, contradicted: g.contradicted, asserts: g.asserts, denies: g.denies, claims: g.claims });
    else rest.claims.push(...g.claims);
  }
  return rest.claims.length ? [...groups, rest] : groups;
}

/** How many links of each relation a cell holds, in the order relations are always listed. */
export function relationCounts(links: readonly Link[]): { relation: Relation; count: number }[] {
  return RELATIONS.map((relation) => ({ relation, count: links.filter((l) => l.relation === relation).length })).filter((c) => c.count > 0);
}

/** "1 supports, 2 context". */
export function relationCountsText(links: readonly Link[]): string {
  return relationCounts(links)
    .map((c) => `${c.count} ${c.relation}`)
    .join(', ');
}

/**
 * A cell's accessible name: where it is, then what it holds — "North Korea has shipped… · U.S. and
 * South Korea say…: 1 supports, 2 context" — so a screen reader moving across a row hears both.
 */
export function cellName(claimStatement: string, sourceTitle: string, links: readonly Link[]): string {
  return `${ellipsise(claimStatement, 48)} · ${ellipsise(sourceTitle, 48)}: ${relationCountsText(links)}`;
}

export interface CellExcerpt {
  link: Link;
  excerpt: Excerpt;
  /** The page it starts on, for paged sources. */
  page: number | undefined;
}

/** The excerpts behind a cell, in reading order, each with its relation and page. */
export function cellExcerpts(notebook: Notebook, links: readonly Link[]): CellExcerpt[] {
  const out: CellExcerpt[] = [];
  for (const link of links) {
    const excerpt = notebook.excerpts[link.fromId];
    const source = excerpt ? notebook.sources[excerpt.sourceId] : undefined;
    if (!excerpt || !source) continue;
    out.push({ link, excerpt, page: pageOf(source, excerpt.selectors.position.start) });
  }
  return out.sort(
    (a, b) =>
      a.excerpt.selectors.position.start - b.excerpt.selectors.position.start ||
      RELATIONS.indexOf(a.link.relation) - RELATIONS.indexOf(b.link.relation),
  );
}

export type GridKey = 'ArrowLeft' | 'ArrowRight' | 'ArrowUp' | 'ArrowDown' | 'Home' | 'End';
export const GRID_KEYS: readonly string[] = ['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End'];

/**
 * Where an arrow key moves focus in a grid whose cells are focusable or empty (`focusable[row][col]`):
 * to the nearest focusable cell in that direction, skipping empty ones (left/right within the row,
 * up/down within the column); Home and End go to the first and last focusable cell of the row.
 * Null when there is none, so focus stays put.
 */
export function nextCell(focusable: readonly (readonly boolean[])[], row: number, col: number, key: GridKey): [number, number] | null {
  const at = (r: number, c: number) => focusable[r]?.[c] === true;
  const width = focusable[row]?.length ?? 0;
  switch (key) {
    case 'ArrowRight':
      for (let c = col + 1; c < width; c++) if (at(row, c)) return [row, c];
      return null;
    case 'ArrowLeft':
      for (let c = col - 1; c >= 0; c--) if (at(row, c)) return [row, c];
      return null;
    case 'ArrowDown':
      for (let r = row + 1; r < focusable.length; r++) if (at(r, col)) return [r, col];
      return null;
    case 'ArrowUp':
      for (let r = row - 1; r >= 0; r--) if (at(r, col)) return [r, col];
      return null;
    case 'Home':
      for (let c = 0; c < width; c++) if (at(row, c)) return c === col ? null : [row, c];
      return null;
    case 'End':
      for (let c = width - 1; c >= 0; c--) if (at(row, c)) return c === col ? null : [row, c];
      return null;
  }
}
