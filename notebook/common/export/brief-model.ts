// What the brief says, worked out once from the notebook: the Markdown brief and the HTML report
// both render this model, so the two never disagree. Pure and deterministic (stable order, no
// clock); it leaves out everything in the trash. It holds plain strings: never markup, never escaped.
import { achMatrix, attributionOf, contradictionsOf, indexLinks, propositionGroups } from '../analysis.js';
import { CREDIBILITY, LIKELIHOOD, RATINGS, RELIABILITY, type Claim, type Excerpt, type Id, type Link, type RatingValue, type Source, type SourceDate } from '../model.js';
import { byCreation, liveSources, pageOf } from '../queries.js';
import type { ExportContext } from './formats.js';

export interface Brief {
  title: string;
  /** The export's instant, as "2023-10-20 12:00 UTC". */
  exportedAt: string;
  organisation: string;
  /** The notebook-level note (Markdown in the app; plain text here). */
  notes: string;
  /** "2 sources · 4 claims · 1 question". */
  summary: string;
  /** Claims grouped by proposition, in order of each group's first claim. */
  groups: BriefGroup[];
  /** Claims that no proposition groups, in creation order. */
  ungrouped: BriefClaim[];
  questions: BriefQuestion[];
  /** Every live source, numbered S1, S2… in creation order. */
  sources: BriefSource[];
}

export interface BriefGroup {
  statement: string;
  contradicted: boolean;
  /** "2 claims assert it, 1 denies it." */
  stance: string;
  notes: string;
  claims: BriefClaim[];
}

export interface BriefClaim {
  id: Id;
  statement: string;
  claimant: string;
  polarity: Claim['polarity'];
  /** "Northwind Wire → Officials in Seoul → Chloé Han", '' when none is recorded. */
  attribution: string;
  /** "first-hand" or "reported"; '' when no attribution is recorded. */
  hand: '' | 'first-hand' | 'reported';
  claimedAt: string;
  status: Claim['status'];
  credibility: Graded | null;
  assessment: BriefAssessment | null;
  contradictedBy: string[];
  tags: string[];
  notes: string;
  supporting: BriefEvidence[];
  refuting: BriefEvidence[];
  other: BriefEvidence[];
}

/** An Admiralty grade with what it means: B "Usually reliable", 2 "Probably true". */
export interface Graded {
  grade: string;
  meaning: string;
  rationale: string;
}

export interface BriefAssessment {
  /** The ICD 203 expression, e.g. "likely"; '' when not given. */
  likelihood: string;
  /** "55–80%" for the likelihood's range; '' when none. */
  range: string;
  confidence: string;
  basis: string;
  rationale: string;
}

export interface BriefEvidence {
  relation: Link['relation'];
  strength: string;
  rationale: string;
  /** An excerpt quoted exactly, or a claim taken as evidence. */
  item: BriefQuote | BriefClaimEvidence;
}

export interface BriefQuote {
  kind: 'excerpt';
  /** The TextQuoteSelector's exact: the source's words, unchanged. */
  quote: string;
  note: string;
  citation: BriefCitation;
}

export interface BriefCitation {
  /** The source's number in the appendix: "S1". */
  ref: string;
  title: string;
  publisher: string;
  published: string;
  /** "p. 2" or "pp. 2–3" for a paged source; '' otherwise. */
  pages: string;
  reliability: Graded | null;
  url: string;
}

export interface BriefClaimEvidence {
  kind: 'claim';
  statement: string;
  claimant: string;
  polarity: Claim['polarity'];
  credibility: Graded | null;
}

export interface BriefQuestion {
  text: string;
  notes: string;
  /** "H1", "H2"… with their statements, in creation order. */
  hypotheses: { label: string; statement: string }[];
  rows: BriefAchRow[];
  inconsistency: number[];
  weightedInconsistency: number[];
  unrated: number[];
  /** Labels of the least inconsistent hypotheses; empty when the evidence does not tell them apart. */
  leastInconsistent: string[];
}

export interface BriefAchRow {
  /** "E1", "E2"… in the analyst's order. */
  label: string;
  kind: 'excerpt' | 'claim';
  /** The quote or the claim's statement. */
  evidence: string;
  /** The source's title (with its page) or the claimant. */
  origin: string;
  relevance: string;
  credibility: string;
  weight: number;
  diagnosticity: number | null;
  /** Rating codes per hypothesis; '' where not rated. */
  ratings: (RatingValue | '')[];
}

export interface BriefSource {
  ref: string;
  title: string;
  type: string;
  authors: string[];
  publisher: string;
  url: string;
  /** The dates the source has, in this order: published, modified, accessed, captured. */
  dates: { label: string; value: string; from: string }[];
  reliability: Graded | null;
  /** "12 pages" for a paged source; '' otherwise. */
  pages: string;
  /** "S2: Title" for reported speech; '' otherwise. */
  reports: string;
  tags: string[];
  notes: string;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** "2023-10-20 12:00 UTC" from an ISO instant. */
export function formatInstant(instant: string): string {
  return `${instant.slice(0, 10)} ${instant.slice(11, 16)} UTC`;
}

/** A figure with at most two decimals, no trailing zeros (2, 1.41, 0.5), as the matrix shows it. */
export function formatScore(n: number): string {
  return String(Math.round(n * 100) / 100);
}

/** "p. 12" or "pp. 12–13" for an excerpt of a paged source; '' for an unpaged one. */
export function pagesOf(source: Source, excerpt: Excerpt): string {
  const { start, end } = excerpt.selectors.position;
  const first = pageOf(source, start);
  if (first === undefined) return '';
  const last = pageOf(source, Math.max(start, end - 1)) ?? first;
  return last === first ? `p. ${first}` : `pp. ${first}–${last}`;
}

export function reliabilityOf(source: Source): Graded | null {
  return source.reliability ? { grade: source.reliability.grade, meaning: RELIABILITY[source.reliability.grade], rationale: source.reliability.rationale } : null;
}

export function credibilityOf(claim: Claim): Graded | null {
  return claim.credibility ? { grade: claim.credibility.grade, meaning: CREDIBILITY[claim.credibility.grade], rationale: claim.credibility.rationale } : null;
}

/** The relations as the brief sorts them: what supports, what refutes (refutes, contradicts), the rest. */
const SIDE = { supports: 'supporting', refutes: 'refuting', contradicts: 'refuting', qualifies: 'other', context: 'other' } as const;

export function buildBrief(ctx: ExportContext): Brief {
  const nb = ctx.notebook;
  const sources = liveSources(nb);
  const refs = new Map<Id, string>(sources.map((s, i) => [s.id, `S${i + 1}`]));
  const index = indexLinks(nb);
  const claimantOf = (claim: Claim) => (claim.claimantId ? (nb.entities[claim.claimantId]?.name ?? '') : '');

  const citation = (source: Source, excerpt: Excerpt): BriefCitation => ({
    ref: refs.get(source.id) ?? '',
    title: source.title,
    publisher: source.publisher,
    published: source.dates.published?.value ?? '',
    pages: pagesOf(source, excerpt),
    reliability: reliabilityOf(source),
    url: source.url,
  });

  const evidenceOf = (link: Link): BriefEvidence => {
    const common = { relation: link.relation, strength: link.strength ?? '', rationale: link.rationale };
    if (link.fromKind === 'claim') {
      const claim = nb.claims[link.fromId]!;
      return { ...common, item: { kind: 'claim', statement: claim.statement, claimant: claimantOf(claim), polarity: claim.polarity, credibility: credibilityOf(claim) } };
    }
    const excerpt = nb.excerpts[link.fromId]!;
    return { ...common, item: { kind: 'excerpt', quote: excerpt.selectors.quote.exact, note: excerpt.note, citation: citation(nb.sources[excerpt.sourceId]!, excerpt) } };
  };

  const claimOf = (claim: Claim): BriefClaim => {
    const attribution = attributionOf(nb, claim);
    const links = [...(index.into.get(claim.id) ?? [])].sort(byCreation);
    const side = (s: (typeof SIDE)[keyof typeof SIDE]) => links.filter((l) => SIDE[l.relation] === s).map(evidenceOf);
    const a = claim.assessment;
    const hasAssessment = a && (a.likelihood || a.confidence || a.basis || a.rationale);
    return {
      id: claim.id,
      statement: claim.statement,
      claimant: claimantOf(claim),
      polarity: claim.polarity,
      attribution: attribution.text,
      hand: claim.attribution.length === 0 ? '' : attribution.firstHand ? 'first-hand' : 'reported',
      claimedAt: claim.claimedAt ?? '',
      status: claim.status,
      credibility: credibilityOf(claim),
      assessment: hasAssessment
        ? {
            likelihood: a.likelihood ?? '',
            range: a.likelihood ? `${LIKELIHOOD[a.likelihood][0]}–${LIKELIHOOD[a.likelihood][1]}%` : '',
            confidence: a.confidence ?? '',
            basis: a.basis ?? '',
            rationale: a.rationale,
          }
        : null,
      contradictedBy: contradictionsOf(nb, claim.id).map((c) => c.statement),
      tags: [...claim.tags],
      notes: claim.notes,
      supporting: side('supporting'),
      refuting: side('refuting'),
      other: side('other'),
    };
  };

  const all = propositionGroups(nb);
  const groups = all.filter((group) => group.proposition).map((group): BriefGroup => {
    const asserts = plural(group.asserts, 'claim asserts it', 'claims assert it');
    const denies = plural(group.denies, 'claim denies it', 'claims deny it');
    return {
      statement: group.statement,
      contradicted: group.contradicted,
      stance: `${asserts}, ${denies}.`,
      notes: group.proposition?.notes ?? '',
      claims: group.claims.map(claimOf),
    };
  });
  const ungrouped = all.filter((group) => !group.proposition).map((group) => claimOf(group.claims[0]!));

  const questions = Object.values(nb.questions)
    .filter((q) => !q.deletedAt)
    .sort(byCreation)
    .map((q): BriefQuestion => {
      const matrix = achMatrix(nb, q.id)!;
      const labels = matrix.hypotheses.map((_, i) => `H${i + 1}`);
      return {
        text: q.text,
        notes: q.notes,
        hypotheses: matrix.hypotheses.map((h, i) => ({ label: labels[i]!, statement: h.statement })),
        rows: matrix.rows.map((r, i): BriefAchRow => {
          let origin = r.origin;
          if (r.row.kind === 'excerpt') {
            const excerpt = nb.excerpts[r.row.id]!;
            const pages = pagesOf(nb.sources[excerpt.sourceId]!, excerpt);
            if (pages) origin = `${origin}, ${pages}`;
          }
          return {
            label: `E${i + 1}`,
            kind: r.row.kind,
            evidence: r.label,
            origin,
            relevance: r.row.relevance,
            credibility: r.credibility,
            weight: r.weight,
            diagnosticity: r.diagnosticity,
            ratings: r.ratings.map((rating) => rating ?? ''),
          };
        }),
        inconsistency: matrix.inconsistency,
        weightedInconsistency: matrix.weightedInconsistency,
        unrated: matrix.unrated,
        leastInconsistent: matrix.leastInconsistent.map((i) => labels[i]!),
      };
    });

  const dateLabels = ['published', 'modified', 'accessed', 'captured'] as const;
  const briefSources = sources.map((source): BriefSource => {
    const parent = source.parentSourceId ? nb.sources[source.parentSourceId] : undefined;
    const pageCount = source.content.pageStarts?.length;
    return {
      ref: refs.get(source.id)!,
      title: source.title,
      type: source.type,
      authors: [...source.authors],
      publisher: source.publisher,
      url: source.url,
      dates: dateLabels.flatMap((label) => {
        const date: SourceDate | undefined = source.dates[label];
        return date ? [{ label, value: date.value, from: date.detail ? `${date.from}: ${date.detail}` : date.from }] : [];
      }),
      reliability: reliabilityOf(source),
      pages: pageCount ? plural(pageCount, 'page', 'pages') : '',
      reports: parent && !parent.deletedAt ? `${refs.get(parent.id)}: ${parent.title}` : '',
      tags: [...source.tags],
      notes: source.notes,
    };
  });

  const liveClaims = groups.reduce((n, g) => n + g.claims.length, ungrouped.length);
  const summary = [plural(sources.length, 'source', 'sources'), plural(liveClaims, 'claim', 'claims'), plural(questions.length, 'question', 'questions')].join(' · ');
  return {
    title: nb.name.trim() || 'Untitled notebook',
    exportedAt: formatInstant(ctx.exportedAt),
    organisation: nb.settings.organisation,
    notes: nb.settings.notes,
    summary,
    groups,
    ungrouped,
    questions,
    sources: briefSources,
  };
}

/** "likely (55–80%)", "moderate confidence", "basis: reported", joined by the caller. */
export function assessmentParts(a: BriefAssessment): string[] {
  return [
    a.likelihood ? `${a.likelihood[0]!.toUpperCase()}${a.likelihood.slice(1)} (${a.range})` : '',
    a.confidence ? `${a.confidence} confidence` : '',
    a.basis ? `basis: ${a.basis}` : '',
  ].filter(Boolean);
}

/** "B (Usually reliable)". */
export const gradeText = (g: Graded) => `${g.grade} (${g.meaning})`;

/** The ACH rating codes with their meanings, for the legend under a matrix. */
export const RATING_LEGEND = Object.entries(RATINGS).map(([code, meaning]) => ({ code, meaning }));

export const RELATION_HEADINGS = { supporting: 'Supporting evidence', refuting: 'Refuting evidence', other: 'Other evidence' } as const;
