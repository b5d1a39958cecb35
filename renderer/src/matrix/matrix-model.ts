// What the evidence matrix shows, computed: which claims and sources fit on screen (at 40,000
// claims × 10,000 sources the whole grid is far too big to lay out, and almost all empty), the rows
// grouped by proposition or not, what a cell says and how a screen reader names it, the excerpts
// behind a cell, and where the arrow keys go. Pure; never changes the notebook.
import { cellKey, filterClaims } from '../../../notebook/common/analysis.js';
import { RELATIONS, type Claim, type Excerpt, type Id, type Link, type Notebook, type Relation, type Source } from '../../../notebook/common/model.js';
import { byCreation, pageOf } from '../../../notebook/common/queries.js';
import { ellipsise, formatCount, plural } from '../ui/format.js';

/** How many claims the matrix shows at first, and adds each time the analyst asks for more. */
export const ROW_PAGE = 50;
/** How many sources (columns) it shows at first, and adds each time. 30 columns of 11rem already scroll sideways. */
export const COLUMN_PAGE = 30;

/**
 * What the matrix asks of the notebook's claims and links. The renderer answers from indexes kept
 * up to date per operation (the library index, library-index.ts), so a change
 * costs what is shown, not a walk over 40,000 links; `scanLookup` answers by walking, for tests.
 */
export interface MatrixLookup {
  /** Live claims by creation time. */
  readonly claimIds: readonly Id[];
  /** How many live links go into each claim: what ranks the rows. */
  readonly evidenceCounts: ReadonlyMap<Id, number>;
  /** Live links into a claim, of any kind. */
  linksInto(claimId: Id): readonly Link[];
  /** Live links out of a claim (to other claims). */
  linksOutOf(claimId: Id): readonly Link[];
  /** Live claims about a proposition, by creation time. */
  claimsOfProposition(propositionId: Id): readonly Claim[];
}

export function scanLookup(notebook: Notebook): MatrixLookup {
  const claims = Object.values(notebook.claims)
    .filter((c) => !c.deletedAt)
    .sort(byCreation);
  const into = new Map<Id, Link[]>();
  const out = new Map<Id, Link[]>();
  for (const link of Object.values(notebook.links)) {
    if (link.deletedAt) continue;
    (into.get(link.toId) ?? into.set(link.toId, []).get(link.toId)!).push(link);
    (out.get(link.fromId) ?? out.set(link.fromId, []).get(link.fromId)!).push(link);
  }
  return {
    claimIds: claims.map((c) => c.id),
    evidenceCounts: new Map([...into].map(([id, links]) => [id, links.length])),
    linksInto: (id) => into.get(id) ?? [],
    linksOutOf: (id) => out.get(id) ?? [],
    claimsOfProposition: (id) => claims.filter((c) => c.propositionId === id),
  };
}

/** A claim's evidence from sources: its links from live excerpts of live sources, each with its source. */
function sourceEvidence(notebook: Notebook, lookup: MatrixLookup, claimId: Id): { link: Link; sourceId: Id }[] {
  const out: { link: Link; sourceId: Id }[] = [];
  for (const link of lookup.linksInto(claimId)) {
    if (link.fromKind !== 'excerpt') continue;
    const excerpt = notebook.excerpts[link.fromId];
    if (!excerpt || excerpt.deletedAt) continue;
    const source = notebook.sources[excerpt.sourceId];
    if (source && !source.deletedAt) out.push({ link, sourceId: source.id });
  }
  return out;
}

/**
 * Whether any claim has evidence from a source (else the matrix has nothing to lay out). Stops at
 * the first: usually the first claim with links.
 */
export function hasSourceEvidence(notebook: Notebook, lookup: MatrixLookup): boolean {
  for (const [claimId, n] of lookup.evidenceCounts) if (n > 0 && notebook.claims[claimId] && !notebook.claims[claimId].deletedAt && sourceEvidence(notebook, lookup, claimId).length > 0) return true;
  return false;
}

export interface MatrixOptions {
  grouped: boolean;
  /** Words every shown claim's statement, proposition or claimant must hold (as the claims board filters); '' for all. */
  text: string;
  /** At most this many claims (rows)… */
  rows: number;
  /** …and this many sources (columns). */
  columns: number;
}

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

export interface MatrixWindow {
  /** Live claims in the notebook. */
  totalClaims: number;
  /** Live claims the filter lets through (all of them without a filter). */
  matchingClaims: number;
  filtered: boolean;
  /** The rows shown, grouped. */
  groups: RowGroup[];
  shownClaims: number;
  /** The columns shown: in the order the sources were added, or, when not all fit, each under the first row it bears on. */
  sources: Source[];
  /** Sources holding evidence for the shown claims: the columns there could be. */
  rowSources: number;
  /** Evidence links per cell (`cellKey(claim, source)`) of the shown rows and columns. */
  cells: Map<string, Link[]>;
  /** Per shown claim, how many of its evidence links come from sources not shown. */
  hiddenLinks: Map<Id, number>;
}

/**
 * The part of the matrix to lay out. Rows: the claims that match the filter, those with the most
 * evidence first (ties: the one added first), at most `rows` of them, then shown in the usual
 * order (grouped by proposition or by when they were added) so that showing more adds rows in
 * place instead of reshuffling them. Columns: the sources of those claims' evidence that fill the
 * most rows (see pickColumns), at most `columns`, each shown under the first row it bears on. When
 * everything fits this is the whole matrix, laid out as it always was.
 *
 * Ranking is one counting pass over the claims (evidence counts are small numbers), so 40,000
 * claims cost milliseconds, not a sort; only the shown claims' links are looked at. A claim's
 * evidence here is every live link into it, as the library counts it.
 */
export function matrixWindow(notebook: Notebook, lookup: MatrixLookup, options: MatrixOptions): MatrixWindow {
  const claimIds = lookup.claimIds;
  const filtered = options.text.trim() !== '';
  const matching = filtered ? filterClaims(notebook, { text: options.text }, claimIds.map((id) => notebook.claims[id]!)).map((c) => c.id) : claimIds;

  const chosen = matching.length <= options.rows ? [...matching] : mostEvidence(notebook, lookup, matching, filtered, options.rows);
  const claims = chosen.map((id) => notebook.claims[id]!);
  const groups = rowGroups(notebook, lookup, claims, options.grouped);
  const evidence = new Map(claims.map((c) => [c.id, sourceEvidence(notebook, lookup, c.id)] as const));

  // Columns: the sources of the shown rows' evidence, each with the rows it holds evidence for (as
  // row numbers in the order shown).
  const position = new Map<Id, number>();
  groups.forEach((g) => g.claims.forEach((c) => position.set(c.id, position.size)));
  const rowsOf = new Map<Id, Set<number>>();
  for (const claim of claims) {
    for (const { sourceId } of evidence.get(claim.id)!) {
      (rowsOf.get(sourceId) ?? rowsOf.set(sourceId, new Set()).get(sourceId)!).add(position.get(claim.id)!);
    }
  }
  const candidates = [...rowsOf.keys()].map((id) => notebook.sources[id]!);
  // All of them: in the order they were added, as the whole matrix always read. Some: each under the
  // first row it holds evidence for, so the cells run down from the top left with the rows.
  const topRow = (s: Source) => Math.min(...rowsOf.get(s.id)!);
  const sources =
    candidates.length > options.columns
      ? pickColumns(candidates, rowsOf, options.columns)
          .map((source) => ({ source, top: topRow(source) }))
          .sort((a, b) => a.top - b.top || byCreation(a.source, b.source))
          .map((c) => c.source)
      : candidates.sort(byCreation);
  const shownSource = new Set(sources.map((s) => s.id));

  const cells = new Map<string, Link[]>();
  const hiddenLinks = new Map<Id, number>();
  for (const claim of claims) {
    for (const { link, sourceId } of evidence.get(claim.id)!) {
      if (!shownSource.has(sourceId)) {
        hiddenLinks.set(claim.id, (hiddenLinks.get(claim.id) ?? 0) + 1);
        continue;
      }
      const key = cellKey(claim.id, sourceId);
      (cells.get(key) ?? cells.set(key, []).get(key)!).push(link);
    }
  }

  return {
    totalClaims: claimIds.length,
    matchingClaims: matching.length,
    filtered,
    groups,
    shownClaims: claims.length,
    sources,
    rowSources: candidates.length,
    cells,
    hiddenLinks,
  };
}

/**
 * The `rows` claims of `matching` (live claims in creation order) with the most evidence, ties going
 * to the one added first, in creation order. Counting, not sorting: a histogram of the evidence
 * counts gives the count the last chosen claim has, then every claim above it is taken and the
 * first ones at it. It walks the counts map rather than looking each claim up in it: at 40,000
 * claims a Map lookup by id costs more than all the rest together.
 */
function mostEvidence(notebook: Notebook, lookup: MatrixLookup, matching: readonly Id[], filtered: boolean, rows: number): Id[] {
  // Only live links are counted, and a claim goes to the trash only after its links, so without a
  // filter every counted claim is live (a dead one is dropped at the end, never shown).
  const allowed = filtered ? new Set(matching) : null;
  const claimsWith: number[] = [matching.length];
  for (const [id, n] of lookup.evidenceCounts) {
    if (n === 0 || (allowed && !allowed.has(id))) continue;
    claimsWith[n] = (claimsWith[n] ?? 0) + 1;
    claimsWith[0]!--;
  }
  let threshold = claimsWith.length - 1;
  let above = 0;
  while (threshold > 0 && above + (claimsWith[threshold] ?? 0) < rows) above += claimsWith[threshold--] ?? 0;
  const atThreshold = rows - above;
  const chosen: Claim[] = [];
  const ties: Claim[] = [];
  for (const [id, n] of lookup.evidenceCounts) {
    if (n < threshold || n === 0 || (allowed && !allowed.has(id))) continue;
    const claim = notebook.claims[id];
    if (!claim || claim.deletedAt) continue;
    (n > threshold ? chosen : ties).push(claim);
  }
  if (threshold > 0) chosen.push(...(ties.length > atThreshold ? ties.sort(byCreation).slice(0, atThreshold) : ties));
  else {
    // The rest have no evidence: the first of them in creation order.
    let wanted = atThreshold;
    for (let i = 0; i < matching.length && wanted > 0; i++) {
      if (!lookup.evidenceCounts.get(matching[i]!)) {
        chosen.push(notebook.claims[matching[i]!]!);
        wanted--;
      }
    }
  }
  return chosen.sort(byCreation).map((c) => c.id);
}

/**
 * Which `limit` of the candidate sources become columns: greedily, the one that gives a cell to the
 * most rows still without one (the classic greedy set cover), ties going to the source holding
 * evidence for more rows, then to the one reaching the higher row, then to the one added first.
 * On a dense matrix this is simply the busiest sources; on a sparse one (each source bearing on one
 * or two claims, as at 100k generated claims) it spreads the columns so most rows show a cell,
 * the top rows first, instead of 30 columns of one cell each under rows with none.
 */
function pickColumns(candidates: Source[], rowsOf: ReadonlyMap<Id, ReadonlySet<number>>, limit: number): Source[] {
  const covered = new Set<number>();
  const left = [...candidates];
  const picked: Source[] = [];
  const topRow = new Map(candidates.map((s) => [s.id, Math.min(...rowsOf.get(s.id)!)] as const));
  const top = (s: Source) => topRow.get(s.id)!;
  while (picked.length < limit && left.length > 0) {
    let best = 0;
    let bestGain = -1;
    for (let i = 0; i < left.length; i++) {
      let gain = 0;
      for (const row of rowsOf.get(left[i]!.id)!) if (!covered.has(row)) gain++;
      if (gain > bestGain || (gain === bestGain && compareColumns(left[i]!, left[best]!, rowsOf, top) < 0)) {
        best = i;
        bestGain = gain;
      }
    }
    const [source] = left.splice(best, 1) as [Source];
    picked.push(source);
    for (const row of rowsOf.get(source.id)!) covered.add(row);
  }
  return picked;
}

function compareColumns(a: Source, b: Source, rowsOf: ReadonlyMap<Id, ReadonlySet<number>>, top: (s: Source) => number): number {
  return rowsOf.get(b.id)!.size - rowsOf.get(a.id)!.size || top(a) - top(b) || byCreation(a, b);
}



/**
 * The line above the matrix: what it shows, and what it leaves out. Everything shown: "3 claims ×
 * 1 source", as it always read. Otherwise, e.g. "Showing the 50 of 40,000 claims with the most
 * evidence · the 30 of their 212 sources that hold the most"; with a filter, "2 of 40,000 claims
 * match · 1 source".
 */
export function summaryLine(w: MatrixWindow): string {
  const allClaims = w.shownClaims === w.matchingClaims;
  const allSources = w.sources.length === w.rowSources;
  if (!w.filtered && allClaims && allSources) return `${plural(w.shownClaims, 'claim')} × ${plural(w.sources.length, 'source')}`;
  let claims: string;
  if (w.filtered)
    claims = allClaims
      ? `${formatCount(w.matchingClaims)} of ${plural(w.totalClaims, 'claim')} match`
      : `Showing the ${formatCount(w.shownClaims)} of ${formatCount(w.matchingClaims)} matching claims with the most evidence (${formatCount(w.totalClaims)} in all)`;
  else claims = allClaims ? plural(w.totalClaims, 'claim') : `Showing the ${formatCount(w.shownClaims)} of ${plural(w.totalClaims, 'claim')} with the most evidence`;
  const sources = allSources ? plural(w.rowSources, 'source') : `the ${formatCount(w.sources.length)} of their ${plural(w.rowSources, 'source')} that hold the most`;
  return `${claims} · ${sources}`;
}

/**
 * The matrix's rows: grouped by proposition, in order of each group's first claim, then the claims
 * that belong to no proposition in one last group; or, ungrouped, all claims in one group. `claims`
 * are in creation order. A group counts and flags every live claim of its proposition, shown or not
 * (as analysis.ts propositionGroups does, but asking the lookup instead of walking the notebook).
 */
export function rowGroups(notebook: Notebook, lookup: MatrixLookup, claims: Claim[], grouped: boolean): RowGroup[] {
  const rest: RowGroup = { key: 'ungrouped', statement: null, contradicted: false, asserts: 0, denies: 0, claims: [] };
  if (!grouped) return claims.length ? [{ ...rest, claims }] : [];
  const groups = new Map<Id, RowGroup>();
  for (const claim of claims) {
    const proposition = claim.propositionId ? notebook.propositions[claim.propositionId] : undefined;
    if (!proposition || proposition.deletedAt) {
      rest.claims.push(claim);
      continue;
    }
    let group = groups.get(proposition.id);
    if (!group) {
      const all = lookup.claimsOfProposition(proposition.id);
      const asserts = all.filter((c) => c.polarity === 'asserts').length;
      const denies = all.length - asserts;
      const contradicted = (asserts > 0 && denies > 0) || all.some((c) => isContradictedByLink(notebook, lookup, c.id));
      groups.set(proposition.id, (group = { key: proposition.id, statement: proposition.statement, contradicted, asserts, denies, claims: [] }));
    }
    group.claims.push(claim);
  }
  return rest.claims.length ? [...groups.values(), rest] : [...groups.values()];
}

/** Whether another live claim is linked to this one, either way, as contradicting it. */
function isContradictedByLink(notebook: Notebook, lookup: MatrixLookup, claimId: Id): boolean {
  const live = (id: Id) => notebook.claims[id] !== undefined && !notebook.claims[id].deletedAt;
  const contradicts = (l: Link) => l.relation === 'contradicts' && l.fromKind === 'claim' && live(l.fromId) && live(l.toId);
  return lookup.linksInto(claimId).some(contradicts) || lookup.linksOutOf(claimId).some(contradicts);
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
