// The analyst's reasoning computed from the notebook: claims grouped by proposition and flagged
// where they contradict, evidence counted and weighted by the grades, the claims × sources matrix,
// the competing-hypotheses (ACH) scores, the timeline and the backlinks. Pure and deterministic;
// nothing here is stored (diagnosticity and scores are always recomputed). docs/analysis.md
// explains every weight and works an ACH example that tests/unit/notebook/analysis-ach.test.ts checks.
import { toCsv } from './csv.js';
import { byCreation, compareIso } from './queries.js';
import { type Claim, type Entity, type EvidenceRow, type Excerpt, type Hypothesis, type Id, type Link, type LooseDate, type Notebook, type Proposition, type Question, type RatingValue, type Source, type Weight } from './model.js';

const isLive = <T extends { deletedAt?: string }>(o: T | undefined): o is T => o !== undefined && !o.deletedAt;
const liveOf = <T extends { deletedAt?: string }>(objects: Record<Id, T>): T[] => Object.values(objects).filter(isLive);

// ── Weights from the grades ────────────────────────────────────────────────────────────────────

/** How much a piece of evidence counts, by the Admiralty reliability of its source. Ungraded and F (cannot be judged) count half. */
export const RELIABILITY_WEIGHT = { A: 1, B: 0.8, C: 0.6, D: 0.4, E: 0.2, F: 0.5 } as const;
/** How much a claim used as evidence counts, by its Admiralty credibility. Ungraded and 6 (cannot be judged) count half. */
export const CREDIBILITY_WEIGHT = { '1': 1, '2': 0.8, '3': 0.6, '4': 0.4, '5': 0.2, '6': 0.5 } as const;
export const UNGRADED_WEIGHT = 0.5;
/** The analyst's strength on a link scales its weight; no strength counts as moderate. */
export const STRENGTH_FACTOR = { weak: 0.5, moderate: 1, strong: 1.5 } as const;

/** The weight of one evidence link: the grade of what it comes from, times its strength. */
export function linkWeight(notebook: Notebook, link: Link): number {
  const factor = link.strength ? STRENGTH_FACTOR[link.strength] : 1;
  if (link.fromKind === 'claim') {
    const grade = notebook.claims[link.fromId]?.credibility?.grade;
    return (grade ? CREDIBILITY_WEIGHT[grade] : UNGRADED_WEIGHT) * factor;
  }
  const excerpt = notebook.excerpts[link.fromId];
  const grade = excerpt ? notebook.sources[excerpt.sourceId]?.reliability?.grade : undefined;
  return (grade ? RELIABILITY_WEIGHT[grade] : UNGRADED_WEIGHT) * factor;
}

/** Whether a link's far end is live: an excerpt (and its source) or a claim not in the trash. */
function evidenceIsLive(notebook: Notebook, link: Link): boolean {
  if (link.fromKind === 'claim') return isLive(notebook.claims[link.fromId]);
  const excerpt = notebook.excerpts[link.fromId];
  return isLive(excerpt) && isLive(notebook.sources[excerpt.sourceId]);
}

/** Whether a live link counts in the analysis: its claim and what it comes from are live. */
export function linkCounts(notebook: Notebook, link: Link): boolean {
  return evidenceIsLive(notebook, link) && isLive(notebook.claims[link.toId]);
}

// ── Indexes ────────────────────────────────────────────────────────────────────────────────────

/**
 * Live links by the claim they point to and by what they come from, built in one pass. Views that
 * ask per claim build this once per render instead of scanning every link per claim.
 */
export interface LinkIndex {
  into: Map<Id, Link[]>;
  from: Map<Id, Link[]>;
}

export function indexLinks(notebook: Notebook): LinkIndex {
  const into = new Map<Id, Link[]>();
  const from = new Map<Id, Link[]>();
  for (const link of Object.values(notebook.links)) {
    if (link.deletedAt || !linkCounts(notebook, link)) continue;
    (into.get(link.toId) ?? into.set(link.toId, []).get(link.toId)!).push(link);
    (from.get(link.fromId) ?? from.set(link.fromId, []).get(link.fromId)!).push(link);
  }
  return { into, from };
}

// ── Evidence tallies ───────────────────────────────────────────────────────────────────────────

export interface EvidenceTally {
  /** Links that support the claim. */
  supports: number;
  /** Links that refute or contradict it. */
  refutes: number;
  /** Links that qualify it or give context. */
  other: number;
  /** The same counts, each link weighted by its grade and strength (see linkWeight). */
  weightedSupports: number;
  weightedRefutes: number;
}

export function tallyEvidence(notebook: Notebook, claimId: Id, index: LinkIndex = indexLinks(notebook)): EvidenceTally {
  const tally: EvidenceTally = { supports: 0, refutes: 0, other: 0, weightedSupports: 0, weightedRefutes: 0 };
  for (const link of index.into.get(claimId) ?? []) {
    if (link.relation === 'supports') {
      tally.supports++;
      tally.weightedSupports += linkWeight(notebook, link);
    } else if (link.relation === 'refutes' || link.relation === 'contradicts') {
      tally.refutes++;
      tally.weightedRefutes += linkWeight(notebook, link);
    } else tally.other++;
  }
  tally.weightedSupports = round2(tally.weightedSupports);
  tally.weightedRefutes = round2(tally.weightedRefutes);
  return tally;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

// ── Propositions and contradictions ────────────────────────────────────────────────────────────

export interface PropositionGroup {
  /** The proposition's id, or the claim's id for a claim that is not grouped. */
  key: Id;
  proposition: Proposition | null;
  /** The proposition's statement, or the lone claim's. */
  statement: string;
  /** Live claims in creation order. */
  claims: Claim[];
  asserts: number;
  denies: number;
  /** Some claims assert what others deny, or a claim in it is linked to another as contradicting it. */
  contradicted: boolean;
}

/**
 * The claims grouped by proposition (each ungrouped claim alone), in order of each group's first
 * claim. Pass `claims` to group a filtered subset; contradictions are still judged on every live claim.
 */
export function propositionGroups(notebook: Notebook, claims: Claim[] = liveOf(notebook.claims)): PropositionGroup[] {
  const groups = new Map<Id, PropositionGroup>();
  for (const claim of [...claims].sort(byCreation)) {
    const proposition = claim.propositionId ? notebook.propositions[claim.propositionId] : undefined;
    const key = isLive(proposition) ? proposition.id : claim.id;
    let group = groups.get(key);
    if (!group) {
      group = { key, proposition: isLive(proposition) ? proposition : null, statement: isLive(proposition) ? proposition.statement : claim.statement, claims: [], asserts: 0, denies: 0, contradicted: false };
      groups.set(key, group);
    }
    group.claims.push(claim);
  }
  const contradicting = contradictedClaims(notebook);
  // Every live claim of each proposition, in one pass (a per-group scan is quadratic on a big board).
  const byProposition = new Map<Id, Claim[]>();
  let grouped = false;
  for (const group of groups.values()) if (group.proposition) grouped = true;
  if (grouped) for (const claim of liveOf(notebook.claims)) {
    if (claim.propositionId && groups.has(claim.propositionId)) (byProposition.get(claim.propositionId) ?? byProposition.set(claim.propositionId, []).get(claim.propositionId)!).push(claim);
  }
  for (const group of groups.values()) {
    const all = group.proposition ? (byProposition.get(group.proposition.id) ?? []) : group.claims;
    for (const claim of all) {
      if (claim.polarity === 'asserts') group.asserts++;
      else group.denies++;
    }
    group.contradicted = (group.asserts > 0 && group.denies > 0) || all.some((c) => contradicting.has(c.id));
  }
  return [...groups.values()];
}

/** The live claims about a proposition, in creation order. */
export function claimsOfProposition(notebook: Notebook, propositionId: Id): Claim[] {
  return liveOf(notebook.claims)
    .filter((c) => c.propositionId === propositionId)
    .sort(byCreation);
}

/** Ids of live claims that another live claim contradicts by a link, in either direction. */
function contradictedClaims(notebook: Notebook): Set<Id> {
  const ids = new Set<Id>();
  for (const link of liveOf(notebook.links)) {
    if (link.relation !== 'contradicts' || link.fromKind !== 'claim') continue;
    if (!isLive(notebook.claims[link.fromId]) || !isLive(notebook.claims[link.toId])) continue;
    ids.add(link.fromId).add(link.toId);
  }
  return ids;
}

/**
 * What contradictionsOf reads: the live links into and out of a claim, and the live claims about a
 * proposition (oldest first). By default found by walking the notebook; the page answers from its
 * library index, kept per change, so a change does not walk 40,000 links.
 */
export interface ClaimLinks {
  linksOf(claimId: Id): Iterable<Link>;
  claimsOfProposition(propositionId: Id): Claim[];
}

const scanClaimLinks = (notebook: Notebook): ClaimLinks => ({
  linksOf: (claimId) => liveOf(notebook.links).filter((l) => l.fromId === claimId || l.toId === claimId),
  claimsOfProposition: (propositionId) => claimsOfProposition(notebook, propositionId),
});

/**
 * The live claims that contradict this one: those about the same proposition with the other
 * polarity, and those linked to it (either way) as contradicting it.
 */
export function contradictionsOf(notebook: Notebook, claimId: Id, lookup: ClaimLinks = scanClaimLinks(notebook)): Claim[] {
  const claim = notebook.claims[claimId];
  if (!isLive(claim)) return [];
  const found = new Map<Id, Claim>();
  if (claim.propositionId && isLive(notebook.propositions[claim.propositionId])) {
    for (const other of lookup.claimsOfProposition(claim.propositionId)) if (other.polarity !== claim.polarity) found.set(other.id, other);
  }
  for (const link of lookup.linksOf(claimId)) {
    if (link.relation !== 'contradicts' || link.fromKind !== 'claim') continue;
    const other = notebook.claims[link.fromId === claimId ? link.toId : link.fromId];
    if (isLive(other)) found.set(other.id, other);
  }
  return [...found.values()].sort(byCreation);
}

// ── Attribution ────────────────────────────────────────────────────────────────────────────────

export interface AttributionSummary {
  /** First-hand: the analyst has the claimant's own words (no publisher or intermediary in between). */
  firstHand: boolean;
  /** The chain as the analyst reads it: "Northwind Wire → Seoul officials → Chloé Han". */
  text: string;
}

export function attributionOf(notebook: Notebook, claim: Claim): AttributionSummary {
  const names = claim.attribution.map((step) => (step.entityId ? notebook.entities[step.entityId]?.name : undefined) ?? step.label).filter(Boolean);
  const reported = claim.attribution.some((step) => step.role !== 'speaker');
  return { firstHand: !reported, text: names.join(' → ') };
}

// ── Backlinks ──────────────────────────────────────────────────────────────────────────────────

/** Claims an entity makes (as claimant) and those whose attribution chain passes through it. */
export function claimsOfEntity(notebook: Notebook, entityId: Id): { asClaimant: Claim[]; inAttribution: Claim[] } {
  const asClaimant: Claim[] = [];
  const inAttribution: Claim[] = [];
  for (const claim of liveOf(notebook.claims).sort(byCreation)) {
    if (claim.claimantId === entityId) asClaimant.push(claim);
    else if (claim.attribution.some((s) => s.entityId === entityId)) inAttribution.push(claim);
  }
  return { asClaimant, inAttribution };
}

/** The live excerpts (in live sources) the analyst confirmed as mentioning the entity. */
export function mentionsOfEntity(notebook: Notebook, entityId: Id): Excerpt[] {
  return liveOf(notebook.excerpts)
    .filter((e) => e.mentions.includes(entityId) && isLive(notebook.sources[e.sourceId]))
    .sort((a, b) => byCreation(notebook.sources[a.sourceId]!, notebook.sources[b.sourceId]!) || a.selectors.position.start - b.selectors.position.start);
}

/** The live claims a source's excerpts bear on, each with the relations that tie them. */
/**
 * The live claims a source's excerpts bear on, oldest first, each with the links (oldest first)
 * that tie them. `linksFrom` gives an excerpt's live links and `excerpts` the source's live excerpts:
 * by default found by walking the notebook; the page answers both from its library index.
 */
export function claimsOfSource(
  notebook: Notebook,
  sourceId: Id,
  linksFrom?: (excerptId: Id) => Iterable<Link>,
  excerpts?: Iterable<Excerpt>,
): { claim: Claim; links: Link[] }[] {
  if (!isLive(notebook.sources[sourceId])) return [];
  const from = linksFrom ?? ((index: LinkIndex) => (id: Id) => index.from.get(id) ?? [])(indexLinks(notebook));
  const byClaim = new Map<Id, Link[]>();
  for (const excerpt of excerpts ?? liveOf(notebook.excerpts).filter((e) => e.sourceId === sourceId)) {
    for (const link of from(excerpt.id)) {
      if (!linkCounts(notebook, link)) continue;
      (byClaim.get(link.toId) ?? byClaim.set(link.toId, []).get(link.toId)!).push(link);
    }
  }
  return [...byClaim.entries()].map(([id, links]) => ({ claim: notebook.claims[id]!, links: links.sort(byCreation) })).sort((a, b) => byCreation(a.claim, b.claim));
}

// ── Filtering the claims board ─────────────────────────────────────────────────────────────────

export interface ClaimFilter {
  claimantId?: Id;
  status?: Claim['status'];
  tag?: string;
  /** Admiralty credibility grade; 'none' for claims not graded. */
  credibility?: string;
  /** ICD 203 likelihood term; 'none' for claims not assessed. */
  likelihood?: string;
  /** Words to find in the statement, the proposition or the claimant's name (all must occur, ignoring case). */
  text?: string;
}

export function filterClaims(notebook: Notebook, filter: ClaimFilter, claims: Claim[] = liveOf(notebook.claims)): Claim[] {
  const words = (filter.text ?? '').toLocaleLowerCase().split(/\s+/u).filter(Boolean);
  return claims.filter((claim) => {
    if (filter.claimantId && claim.claimantId !== filter.claimantId) return false;
    if (filter.status && claim.status !== filter.status) return false;
    // A tag filter matches the tag and everything under it: "weapons" matches "weapons/artillery".
    if (filter.tag && !claim.tags.some((t) => t === filter.tag || t.startsWith(`${filter.tag}/`))) return false;
    if (filter.credibility && (claim.credibility?.grade ?? 'none') !== filter.credibility) return false;
    if (filter.likelihood && (claim.assessment?.likelihood ?? 'none') !== filter.likelihood) return false;
    if (words.length) {
      const proposition = claim.propositionId ? notebook.propositions[claim.propositionId]?.statement : '';
      const claimant = claim.claimantId ? entityNames(notebook.entities[claim.claimantId]) : '';
      const haystack = `${claim.statement}\n${proposition ?? ''}\n${claimant}`.toLocaleLowerCase();
      if (!words.every((w) => haystack.includes(w))) return false;
    }
    return true;
  });
}

const entityNames = (entity: Entity | undefined) => (entity ? [entity.name, ...entity.aliases].join('\n') : '');

// ── Evidence matrix: claims × sources ──────────────────────────────────────────────────────────

export interface EvidenceMatrix {
  claims: Claim[];
  /** Sources that hold evidence for at least one of the claims, in creation order. */
  sources: Source[];
  /** The excerpt links from a source's excerpts to a claim, by `${claimId} ${sourceId}`. */
  cells: Map<string, Link[]>;
}

export const cellKey = (claimId: Id, sourceId: Id) => `${claimId} ${sourceId}`;

export function evidenceMatrix(notebook: Notebook, claims: Claim[] = liveOf(notebook.claims).sort(byCreation)): EvidenceMatrix {
  const index = indexLinks(notebook);
  const cells = new Map<string, Link[]>();
  const sourceIds = new Set<Id>();
  for (const claim of claims) {
    for (const link of index.into.get(claim.id) ?? []) {
      if (link.fromKind !== 'excerpt') continue;
      const sourceId = notebook.excerpts[link.fromId]!.sourceId;
      sourceIds.add(sourceId);
      const key = cellKey(claim.id, sourceId);
      (cells.get(key) ?? cells.set(key, []).get(key)!).push(link);
    }
  }
  const sources = [...sourceIds].map((id) => notebook.sources[id]!).sort(byCreation);
  return { claims, sources, cells };
}

// ── Competing hypotheses (ACH) ─────────────────────────────────────────────────────────────────
// Heuer's method (Psychology of Intelligence Analysis, ch. 8) with the scoring of PARC ACH 2.0,
// which Heuer helped write: only inconsistent evidence counts against a hypothesis, and the
// hypothesis with the least of it is the strongest candidate. docs/analysis.md works an example.

/**
 * What a rating adds to a hypothesis's inconsistency score: I 1, II 2, everything else 0.
 * Consistent evidence scores nothing: evidence that fits a hypothesis rarely proves it (it usually
 * fits others too), and a CC must never cancel an II.
 */
export const INCONSISTENCY: Record<RatingValue, number> = { CC: 0, C: 0, N: 0, I: 1, II: 2, NA: 0 };
/**
 * The value of a row's relevance and of its credibility (PARC ACH 2.0): low 1/√2, medium 1,
 * high √2. A row's weight is their product, so it runs from ½ (low × low) through 1 (medium ×
 * medium, or low × high) to 2 (high × high): no single row counts more than four times another.
 */
export const WEIGHT_VALUE: Record<Weight, number> = { low: Math.SQRT1_2, medium: 1, high: Math.SQRT2 };

/**
 * The credibility weight of a row as derived from the grades: an excerpt's source reliability
 * A–B high, C medium, D–E low; a claim's credibility 1–2 high, 3 medium, 4–5 low. Ungraded, F and 6
 * (cannot be judged) are medium. The row's own `credibility` overrides it.
 */
export function rowCredibility(notebook: Notebook, row: EvidenceRow): Weight {
  if (row.credibility) return row.credibility;
  if (row.kind === 'claim') {
    const grade = notebook.claims[row.id]?.credibility?.grade;
    return grade === '1' || grade === '2' ? 'high' : grade === '4' || grade === '5' ? 'low' : 'medium';
  }
  const excerpt = notebook.excerpts[row.id];
  const grade = excerpt ? notebook.sources[excerpt.sourceId]?.reliability?.grade : undefined;
  return grade === 'A' || grade === 'B' ? 'high' : grade === 'D' || grade === 'E' ? 'low' : 'medium';
}

export interface AchRow {
  row: EvidenceRow;
  /** The excerpt's quote or the claim's statement. */
  label: string;
  /** Where it comes from: the excerpt's source title, or the claim's claimant ('' when none is recorded). */
  origin: string;
  credibility: Weight;
  /** relevance × credibility (WEIGHT_VALUE), ½ to 2. */
  weight: number;
  /** The rating against each hypothesis, in the order of `hypotheses`; undefined where not rated yet. */
  ratings: (RatingValue | undefined)[];
  /**
   * How differently the row counts against the hypotheses: the largest inconsistency it adds to one
   * of them minus the smallest, over the hypotheses it is rated against (NA and unrated left out):
   * 0, 1 or 2. 0 means it counts alike against every hypothesis (typically: consistent with all of
   * them) and cannot tell them apart. Null while fewer than two hypotheses have a rating other than
   * NA for it.
   */
  diagnosticity: number | null;
}

export interface AchMatrix {
  question: Question;
  /** Live hypotheses in creation order. */
  hypotheses: Hypothesis[];
  /** The question's rows whose excerpt or claim is live, in the analyst's order. */
  rows: AchRow[];
  /** Per hypothesis: the sum of INCONSISTENCY over the rows (I counts 1, II counts 2). */
  inconsistency: number[];
  /** Per hypothesis: the same, each row's share times its weight; rounded to 2 decimals. */
  weightedInconsistency: number[];
  /** Per hypothesis: how many rows have no rating against it yet (they count 0, which flatters it). */
  unrated: number[];
  /**
   * Indexes of the hypotheses with the least weighted inconsistency (ties all count), among those
   * rated against at least one row (NA counts as rated). Empty when fewer than two hypotheses are
   * rated, or when they all score the same (the evidence does not tell them apart).
   */
  leastInconsistent: number[];
}

/** Sums that differ by less than this are equal: weights are irrational (√2), so sums carry rounding noise. */
const SCORE_EPSILON = 1e-9;

export function achMatrix(notebook: Notebook, questionId: Id): AchMatrix | null {
  const question = notebook.questions[questionId];
  if (!isLive(question)) return null;
  const hypotheses = liveOf(notebook.hypotheses)
    .filter((h) => h.questionId === questionId)
    .sort(byCreation);
  const rows: AchRow[] = [];
  for (const row of question.evidence) {
    const label = rowLabel(notebook, row);
    if (label === null) continue;
    const credibility = rowCredibility(notebook, row);
    const ratings = hypotheses.map((h) => (Object.hasOwn(h.ratings, row.id) ? h.ratings[row.id] : undefined));
    const counts = ratings.filter((r) => r !== undefined && r !== 'NA').map((r) => INCONSISTENCY[r!]);
    rows.push({
      row,
      label,
      origin: rowOrigin(notebook, row),
      credibility,
      weight: WEIGHT_VALUE[row.relevance] * WEIGHT_VALUE[credibility],
      ratings,
      diagnosticity: counts.length >= 2 ? Math.max(...counts) - Math.min(...counts) : null,
    });
  }
  const inconsistency = hypotheses.map((_, h) => rows.reduce((sum, r) => sum + INCONSISTENCY[r.ratings[h] ?? 'NA'], 0));
  const weighted = hypotheses.map((_, h) => rows.reduce((sum, r) => sum + r.weight * INCONSISTENCY[r.ratings[h] ?? 'NA'], 0));
  const unrated = hypotheses.map((_, h) => rows.filter((r) => r.ratings[h] === undefined).length);
  // A hypothesis not rated against any row has been tested against nothing: its 0 says nothing.
  const tested = hypotheses.flatMap((_, h) => (rows.length > 0 && unrated[h]! < rows.length ? [h] : []));
  const least = Math.min(...tested.map((h) => weighted[h]!));
  const lowest = tested.filter((h) => weighted[h]! - least < SCORE_EPSILON);
  const leastInconsistent = tested.length > 1 && lowest.length < tested.length ? lowest : [];
  return { question, hypotheses, rows, inconsistency, weightedInconsistency: weighted.map(round2), unrated, leastInconsistent };
}

/** The text a row shows, or null when its excerpt (or the excerpt's source) or claim is gone or in the trash. */
function rowLabel(notebook: Notebook, row: EvidenceRow): string | null {
  if (row.kind === 'claim') {
    const claim = notebook.claims[row.id];
    return isLive(claim) ? claim.statement : null;
  }
  const excerpt = notebook.excerpts[row.id];
  return isLive(excerpt) && isLive(notebook.sources[excerpt.sourceId]) ? excerpt.selectors.quote.exact : null;
}

/** Where a row's evidence comes from: the excerpt's source title or the claim's claimant, '' when unknown. */
export function rowOrigin(notebook: Notebook, row: EvidenceRow): string {
  if (row.kind === 'claim') {
    const claimantId = notebook.claims[row.id]?.claimantId;
    return (claimantId ? notebook.entities[claimantId]?.name : undefined) ?? '';
  }
  const excerpt = notebook.excerpts[row.id];
  return (excerpt ? notebook.sources[excerpt.sourceId]?.title : undefined) ?? '';
}

/**
 * Evidence a question could take as rows: every live excerpt and claim that is linked as evidence
 * to a live claim (or is such a claim), not yet a row, in creation order.
 */
export function candidateRows(notebook: Notebook, questionId: Id): EvidenceRow[] {
  const question = notebook.questions[questionId];
  if (!question) return [];
  const taken = new Set(question.evidence.map((r) => r.id));
  const index = indexLinks(notebook);
  const out: EvidenceRow[] = [];
  const add = (kind: EvidenceRow['kind'], id: Id) => {
    if (taken.has(id)) return;
    taken.add(id);
    out.push({ kind, id, relevance: 'medium' });
  };
  for (const excerpt of liveOf(notebook.excerpts).sort(byCreation)) if (index.from.has(excerpt.id)) add('excerpt', excerpt.id);
  for (const claim of liveOf(notebook.claims).sort(byCreation)) if (index.into.has(claim.id) || index.from.has(claim.id)) add('claim', claim.id);
  return out;
}

// ── Timeline ───────────────────────────────────────────────────────────────────────────────────

export interface TimelineEvent {
  /** A loose date (2023, 2023-10, 2023-10-14 or an instant). */
  date: LooseDate;
  kind: 'claim' | 'source';
  id: Id;
  /**
   * Where the date comes from: the claim's own date, or for a claim without one the publication
   * date of the earliest source that carries it ('source date'); a source's publication date.
   */
  dated: 'claimed' | 'source date' | 'published';
}

export interface Timeline {
  /** In date order; on the same date, sources before claims, then creation order. */
  events: TimelineEvent[];
  /** Live claims with no date of their own and no dated source. */
  undated: Claim[];
}

export function timeline(notebook: Notebook): Timeline {
  const events: TimelineEvent[] = [];
  const undated: Claim[] = [];
  // Only claims without a date of their own need their evidence's sources: links are indexed for them alone.
  let index: LinkIndex | null = null;
  for (const source of liveOf(notebook.sources)) {
    const published = source.dates.published?.value;
    if (published) events.push({ date: published, kind: 'source', id: source.id, dated: 'published' });
  }
  for (const claim of liveOf(notebook.claims).sort(byCreation)) {
    if (claim.claimedAt) {
      events.push({ date: claim.claimedAt, kind: 'claim', id: claim.id, dated: 'claimed' });
      continue;
    }
    index ??= indexLinks(notebook);
    const dates = (index.into.get(claim.id) ?? [])
      .filter((l) => l.fromKind === 'excerpt')
      .map((l) => notebook.sources[notebook.excerpts[l.fromId]!.sourceId]!.dates.published?.value)
      .filter((d): d is string => Boolean(d))
      .sort();
    if (dates[0]) events.push({ date: dates[0], kind: 'claim', id: claim.id, dated: 'source date' });
    else undated.push(claim);
  }
  const created = (e: TimelineEvent) => (e.kind === 'claim' ? notebook.claims[e.id]! : notebook.sources[e.id]!).createdAt;
  events.sort((a, b) => compareIso(a.date, b.date) || (a.kind === b.kind ? compareIso(created(a), created(b)) : a.kind === 'source' ? -1 : 1));
  return { events, undated };
}

/**
 * The matrix as CSV (RFC 4180), laid out as on screen: a header record (the row fields, then one
 * column per hypothesis, headed by its statement), one record per evidence row with its ratings
 * (codes; blank where unrated), then three total records: inconsistency, weighted inconsistency
 * and "yes" under the least inconsistent. Every record has the same number of fields.
 */
export function achCsv(matrix: AchMatrix): string {
  const blanks = ['', '', '', '', '', ''];
  const records: (string | number)[][] = matrix.rows.map((r) => [
    r.label,
    r.row.kind,
    r.origin,
    r.row.relevance,
    r.credibility,
    round2(r.weight),
    r.diagnosticity ?? '',
    ...r.ratings.map((rating) => rating ?? ''),
  ]);
  records.push(['Inconsistency', ...blanks, ...matrix.inconsistency]);
  records.push(['Weighted inconsistency', ...blanks, ...matrix.weightedInconsistency]);
  records.push(['Least inconsistent', ...blanks, ...matrix.hypotheses.map((_, h) => (matrix.leastInconsistent.includes(h) ? 'yes' : ''))]);
  return toCsv(['Evidence', 'Kind', 'Source or claimant', 'Relevance', 'Credibility', 'Weight', 'Diagnosticity', ...matrix.hypotheses.map((h) => h.statement)], records);
}
