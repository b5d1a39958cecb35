// What the claims board shows, computed from the notebook: the filters' choices, the proposition
// groups with their asserting and denying claims side by side, each claim's evidence in context.
// Pure; never changes the notebook.
import { filterClaims, propositionGroups, type ClaimFilter, type LinkIndex } from '../../../notebook/common/analysis.js';
import { CONTEXT_LENGTH } from '../../../notebook/common/anchoring.js';
import { CREDIBILITY, LIKELIHOOD, RELATIONS, type Claim, type Excerpt, type Id, type Link, type Notebook, type Proposition, type Source } from '../../../notebook/common/model.js';
import { CLAIM_STATUSES, credibilityLabel, likelihoodLabel } from '../claims/grading.js';
import type { LibraryIndex } from '../library/library-index.js';

/** The board's filters as its controls hold them: '' means any; 'none' (credibility, likelihood) means not graded / not assessed. */
export interface BoardFilter {
  claimant: string;
  status: string;
  tag: string;
  credibility: string;
  likelihood: string;
  text: string;
}

export const NO_FILTER: BoardFilter = { claimant: '', status: '', tag: '', credibility: '', likelihood: '', text: '' };

export function isFiltered(filter: BoardFilter): boolean {
  return Boolean(filter.claimant || filter.status || filter.tag || filter.credibility || filter.likelihood || filter.text.trim());
}

/** The controls' values as analysis.ts takes them; a value that is not a known choice filters nothing. */
export function toClaimFilter(filter: BoardFilter): ClaimFilter {
  const out: ClaimFilter = {};
  if (filter.claimant) out.claimantId = filter.claimant;
  if ((CLAIM_STATUSES as readonly string[]).includes(filter.status)) out.status = filter.status as Claim['status'];
  if (filter.tag) out.tag = filter.tag;
  if (filter.credibility === 'none' || Object.hasOwn(CREDIBILITY, filter.credibility)) out.credibility = filter.credibility;
  if (filter.likelihood === 'none' || Object.hasOwn(LIKELIHOOD, filter.likelihood)) out.likelihood = filter.likelihood;
  if (filter.text.trim()) out.text = filter.text;
  return out;
}

/** One choice of a filter: the value it sets and what it reads. */
export interface Choice {
  id: Id;
  label: string;
}

export interface FilterChoices {
  /** Entities that are the claimant of a live claim, by name. */
  claimants: Choice[];
  /** Every tag on a live claim and every tag above it ("weapons" for "weapons/artillery"), by path; depth 0 at the top. */
  tags: { path: string; depth: number }[];
}

/**
 * The choices the Claimant and Tag filters offer. A chosen value stays a choice after its last
 * claim went (trash, undo), so the control never claims to show a filter other than the one applied.
 */
export function filterChoices(notebook: Notebook, chosen: Pick<BoardFilter, 'claimant' | 'tag'> = NO_FILTER): FilterChoices {
  const claimantIds = new Set<Id>();
  for (const claim of Object.values(notebook.claims)) if (!claim.deletedAt && claim.claimantId) claimantIds.add(claim.claimantId);
  if (chosen.claimant) claimantIds.add(chosen.claimant);
  return { claimants: claimantChoices(notebook, claimantIds), tags: tagFilterChoices(notebook, chosen.tag) };
}

/**
 * filterChoices' claimants from the library index's count of live claims per claimant, without
 * walking every claim: the board asks on every change of the notebook.
 */
export function claimantFilterChoices(notebook: Notebook, claimCounts: ReadonlyMap<Id, number>, chosen = ''): Choice[] {
  const ids = new Set<Id>();
  for (const [id, n] of claimCounts) if (n > 0) ids.add(id);
  if (chosen) ids.add(chosen);
  return claimantChoices(notebook, ids);
}

/** filterChoices' tags: each distinct tag is split once, however many claims carry it. */
export function tagFilterChoices(notebook: Notebook, chosen = ''): FilterChoices['tags'] {
  const used = new Set<string>();
  for (const claim of Object.values(notebook.claims)) if (!claim.deletedAt) for (const tag of claim.tags) used.add(tag);
  const tags = new Set<string>();
  for (const tag of used) {
    const parts = tag.split('/');
    for (let i = 1; i <= parts.length; i++) tags.add(parts.slice(0, i).join('/'));
  }
  if (chosen) tags.add(chosen);
  return [...tags].sort(collator.compare).map((path) => ({ path, depth: path.split('/').length - 1 }));
}

// One collator for every sort: String#localeCompare makes one per call, slow over thousands of names.
const collator = new Intl.Collator();

/** Choices in reading order: by label, then by id so equal labels keep one order. */
export function byLabel(choices: Choice[]): Choice[] {
  return choices.sort((a, b) => collator.compare(a.label, b.label) || (a.id < b.id ? -1 : 1));
}

/** Claimants by name, for a filter's choices. */
export function claimantChoices(notebook: Notebook, ids: Iterable<Id>): Choice[] {
  return byLabel([...ids].map((id) => ({ id, label: notebook.entities[id]?.name ?? 'Unknown claimant' })));
}

/** Whether two lists offer the same choices in the same order (a filter's options need not be made again). */
export function sameChoices(a: readonly Choice[], b: readonly Choice[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i]!.id !== b[i]!.id || a[i]!.label !== b[i]!.label) return false;
  return true;
}

/** A claim on the board; its evidence is counted when its card is rendered (only the page's cards are). */
export interface BoardCard {
  claim: Claim;
}

export interface BoardGroup {
  key: Id;
  proposition: Proposition;
  /** Some claims about it assert what others deny, or one is linked to another as contradicting it (judged on all its live claims). */
  contradicted: boolean;
  /** Live claims about the proposition, shown or not. */
  total: number;
  /** The shown claims, by polarity, in creation order. */
  asserting: BoardCard[];
  denying: BoardCard[];
}

export interface LooseCard extends BoardCard {
  /** Linked to another claim as contradicting it, or contradicted by one. */
  contradicted: boolean;
}

export interface Board {
  /** Live claims in the notebook. */
  total: number;
  /** Claims that pass the filters. */
  shown: number;
  /**
   * Propositions with at least one shown claim, in order of their first claim: all of them, or
   * from boardHead only as many as a page of its limit needs.
   */
  groups: BoardGroup[];
  /** Shown claims that are not grouped under a live proposition: all of them, or (boardHead) the first. */
  loose: LooseCard[];
  /** How many groups and loose claims there are, listed or not. */
  groupCount: number;
  looseCount: number;
}

export function buildBoard(notebook: Notebook, filter: BoardFilter): Board {
  const live = Object.values(notebook.claims).filter((c) => !c.deletedAt);
  const shown = isFiltered(filter) ? filterClaims(notebook, toClaimFilter(filter), live) : live;
  const card = (claim: Claim): BoardCard => ({ claim });
  const groups: BoardGroup[] = [];
  const loose: LooseCard[] = [];
  for (const group of propositionGroups(notebook, shown)) {
    if (!group.proposition) {
      loose.push({ ...card(group.claims[0]!), contradicted: group.contradicted });
      continue;
    }
    groups.push({
      key: group.key,
      proposition: group.proposition,
      contradicted: group.contradicted,
      total: group.asserts + group.denies,
      asserting: group.claims.filter((c) => c.polarity === 'asserts').map(card),
      denying: group.claims.filter((c) => c.polarity === 'denies').map(card),
    });
  }
  return { total: live.length, shown: shown.length, groups, loose, groupCount: groups.length, looseCount: loose.length };
}

/** What boardHead reads: the library index's live claims in creation order, per proposition, and their contradictions. */
export type BoardLookup = Pick<LibraryIndex, 'claimIds' | 'propositionCounts' | 'claimsOfProposition' | 'contradicted'>;

/**
 * The unfiltered board as far as a page of `limit` claims needs it (boardPage gives the same page
 * as from buildBoard), read from the library index: a change re-derives what is on screen, not
 * the 40,000 claims of a big notebook. Claims are met in creation order only until every group
 * is found, or one does not fit, and enough loose claims are.
 */
export function boardHead(notebook: Notebook, lookup: BoardLookup, limit: number): Board {
  const isLive = (p: Proposition | undefined): p is Proposition => p !== undefined && !p.deletedAt;
  let groupCount = 0;
  let grouped = 0;
  for (const [id, n] of lookup.propositionCounts) {
    if (!isLive(notebook.propositions[id])) continue;
    groupCount++;
    grouped += n;
  }
  const groups: BoardGroup[] = [];
  const loose: LooseCard[] = [];
  const seen = new Set<Id>();
  let used = 0;
  let cut = false;
  for (const id of inCreationOrder(notebook, lookup.claimIds)) {
    // A cut group ends the page: nothing after it is shown.
    if (cut || (seen.size === groupCount && loose.length >= limit - used)) break;
    const claim = notebook.claims[id]!;
    const proposition = claim.propositionId ? notebook.propositions[claim.propositionId] : undefined;
    if (!isLive(proposition)) {
      if (loose.length < limit) loose.push({ claim, contradicted: lookup.contradicted(id) });
      continue;
    }
    if (seen.has(proposition.id)) continue;
    seen.add(proposition.id);
    const all = lookup.claimsOfProposition(proposition.id);
    const asserting = all.filter((c) => c.polarity === 'asserts');
    const denying = all.filter((c) => c.polarity !== 'asserts');
    const contradicted = (asserting.length > 0 && denying.length > 0) || all.some((c) => lookup.contradicted(c.id));
    groups.push({ key: proposition.id, proposition, contradicted, total: all.length, asserting: asserting.map((c) => ({ claim: c })), denying: denying.map((c) => ({ claim: c })) });
    used += all.length;
    if (used > limit) cut = true;
  }
  const total = lookup.claimIds.length;
  return { total, shown: total, groups, loose, groupCount, looseCount: total - grouped };
}

/**
 * Ids listed by creation time, in the order analysis.ts sorts claims: those created at the same
 * instant by id (the index keeps them in the order they came).
 */
function* inCreationOrder(notebook: Notebook, ids: readonly Id[]): Generator<Id> {
  const createdAt = (id: Id) => notebook.claims[id]!.createdAt;
  for (let i = 0; i < ids.length; ) {
    let j = i + 1;
    const at = createdAt(ids[i]!);
    while (j < ids.length && createdAt(ids[j]!) === at) j++;
    if (j === i + 1) yield ids[i]!;
    else yield* ids.slice(i, j).sort();
    i = j;
  }
}

/**
 * The limit that renders the proposition's group (at least `limit`), or null when the board does
 * not show it (no live claim about it passes the filters).
 */
export function limitShowing(board: Board, propositionId: Id, limit: number): number | null {
  let used = 0;
  for (const group of board.groups) {
    used += group.asserting.length + group.denying.length;
    if (group.proposition.id === propositionId) return Math.max(limit, used);
  }
  return null;
}

/** How many claims the board renders at first and adds each time the analyst asks for more: a few thousand cards at once would take seconds to lay out. */
export const BOARD_PAGE = 150;

/** A group as a page shows it: a group bigger than a page may be cut, its columns saying how many more they hold. */
export interface PageGroup extends BoardGroup {
  moreAsserting: number;
  moreDenying: number;
}

export interface BoardPage {
  groups: PageGroup[];
  loose: LooseCard[];
  /** Shown claims left out of the page. */
  more: number;
}

/**
 * The first groups of the board up to about `limit` claims, then the loose claims within what is
 * left. A group is not split, so its assertions and denials stay side by side, unless it alone
 * holds more than a page (`page` claims): then it is cut where the limit falls, half assertions
 * and half denials as far as each goes, and a bigger limit continues it.
 */
export function boardPage(board: Board, limit: number, page = BOARD_PAGE): BoardPage {
  const groups: PageGroup[] = [];
  let used = 0;
  let cut = false;
  for (const group of board.groups) {
    const size = group.asserting.length + group.denying.length;
    if (used + size <= limit) {
      groups.push({ ...group, moreAsserting: 0, moreDenying: 0 });
      used += size;
      continue;
    }
    cut = true;
    const left = limit - used;
    if ((groups.length > 0 && size <= page) || left <= 0) break;
    let a = Math.min(group.asserting.length, Math.ceil(left / 2));
    const d = Math.min(group.denying.length, left - a);
    a = Math.min(group.asserting.length, left - d);
    groups.push({
      ...group,
      asserting: group.asserting.slice(0, a),
      denying: group.denying.slice(0, d),
      moreAsserting: group.asserting.length - a,
      moreDenying: group.denying.length - d,
    });
    used += a + d;
    break;
  }
  const loose = cut ? [] : board.loose.slice(0, Math.max(0, limit - used));
  return { groups, loose, more: board.shown - used - loose.length };
}

/** The claims a page shows, for pageLinks. */
export function pageClaimIds(page: BoardPage): Id[] {
  const ids: Id[] = [];
  for (const group of page.groups) for (const card of [...group.asserting, ...group.denying]) ids.push(card.claim.id);
  for (const card of page.loose) ids.push(card.claim.id);
  return ids;
}

/**
 * The live evidence links into the given claims (an index with `into` only, as indexLinks has it
 * for them), from the library index's links per claim: the cards of one page need no index of
 * every link in the notebook, which at 100k cost more than the rest of the board.
 */
export function pageLinks(notebook: Notebook, linksInto: (claimId: Id) => Link[], claimIds: Iterable<Id>): LinkIndex {
  const live = <T extends { deletedAt?: string }>(o: T | undefined): o is T => o !== undefined && !o.deletedAt;
  const counts = (link: Link) => {
    if (link.deletedAt || !live(notebook.claims[link.toId])) return false;
    if (link.fromKind === 'claim') return live(notebook.claims[link.fromId]);
    const excerpt = notebook.excerpts[link.fromId];
    return live(excerpt) && live(notebook.sources[excerpt.sourceId]);
  };
  const into = new Map<Id, Link[]>();
  for (const id of claimIds) {
    const links = linksInto(id).filter(counts);
    if (links.length) into.set(id, links);
  }
  return { into, from: new Map() };
}

// ── How grades read ──────────────────────────────────────────────────────────────────────────

/** "2 — Probably true", or "Not graded". */
export function credibilityText(claim: Claim): string {
  const grade = claim.credibility?.grade;
  return grade ? credibilityLabel(grade) : 'Not graded';
}

/** "likely · 55–80 %, moderate confidence", or "Not assessed". */
export function assessmentText(claim: Claim): string {
  const { likelihood, confidence } = claim.assessment ?? {};
  const parts: string[] = [];
  if (likelihood) parts.push(likelihoodLabel(likelihood));
  if (confidence) parts.push(`${confidence} confidence`);
  return parts.length ? parts.join(', ') : 'Not assessed';
}

/** A weighted figure as the board prints it: at most two decimals, no trailing zeros. */
export function formatWeight(n: number): string {
  return String(Math.round(n * 100) / 100);
}

// ── Evidence in context ──────────────────────────────────────────────────────────────────────

export type EvidenceItem =
  | { kind: 'excerpt'; link: Link; excerpt: Excerpt; source: Source | undefined; context: QuoteContext }
  | { kind: 'claim'; link: Link; claim: Claim };

/** The live evidence of a claim: supports first, then refutes, qualifies, context, contradicts (the relations' order), each in creation order. */
export function evidenceItems(notebook: Notebook, claimId: Id, index: LinkIndex): EvidenceItem[] {
  const links = [...(index.into.get(claimId) ?? [])].sort(
    (a, b) => RELATIONS.indexOf(a.relation) - RELATIONS.indexOf(b.relation) || a.createdAt.localeCompare(b.createdAt) || (a.id < b.id ? -1 : 1),
  );
  return links.map((link): EvidenceItem => {
    if (link.fromKind === 'claim') return { kind: 'claim', link, claim: notebook.claims[link.fromId]! };
    const excerpt = notebook.excerpts[link.fromId]!;
    return { kind: 'excerpt', link, excerpt, source: notebook.sources[excerpt.sourceId], context: quoteInContext(excerpt.selectors.quote) };
  });
}

export interface QuoteContext {
  /** Words before the quote, within its paragraph; starts with "…" when cut. */
  before: string;
  exact: string;
  /** Words after it, within its paragraph; ends with "…" when cut. */
  after: string;
}

/**
 * An excerpt's quote with the context its TextQuoteSelector keeps, trimmed to read well: only the
 * quote's own paragraph, and no word cut in half at the far ends. The selector keeps up to
 * CONTEXT_LENGTH code points either side, fewer only at the text's edges (and a few fewer to end on
 * a grapheme boundary), so a context about that long and not stopped by a line break was cut from
 * a longer text: its far word may be cut, so it is dropped and "…" says so.
 */
export function quoteInContext(quote: { exact: string; prefix: string; suffix: string }): QuoteContext {
  // A grapheme boundary takes at most a few code points off (a ZWJ emoji sequence: up to 7).
  const nearlyFull = (s: string) => Array.from(s).length > CONTEXT_LENGTH - 8;
  let before = quote.prefix;
  const lineStart = before.lastIndexOf('\n');
  if (lineStart >= 0) before = before.slice(lineStart + 1);
  else if (nearlyFull(before)) {
    // The first word may be cut: drop it, unless the quote sits right at a word's start.
    const space = before.search(/\s/u);
    before = `…${space >= 0 ? before.slice(space).trimStart() : ''}`;
  }
  let after = quote.suffix;
  const lineEnd = after.indexOf('\n');
  if (lineEnd >= 0) after = after.slice(0, lineEnd);
  else if (nearlyFull(after)) {
    const lastSpace = Math.max(after.lastIndexOf(' '), after.lastIndexOf('\t'));
    after = `${lastSpace >= 0 ? after.slice(0, lastSpace).trimEnd() : ''}…`;
  }
  return { before, exact: quote.exact, after };
}
