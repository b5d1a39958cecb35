// The analyst's assessed claims as schema.org ClaimReview JSON-LD (https://schema.org/ClaimReview,
// with Google's fact-check rules: https://developers.google.com/search/docs/appearance/structured-data/factcheck).
// Pure; never includes a claim that is unassessed or in the trash, and never invents a rating.
//
// The rating. ClaimReview wants a number on a scale and the words it stands for. Corroborate's
// assessment is an ICD 203 expression of likelihood, an ordered scale of seven terms, so each term
// is its rank: 1 almost no chance, 2 very unlikely, 3 unlikely, 4 roughly even chance, 5 likely,
// 6 very likely, 7 almost certain (worstRating 1, bestRating 7: higher is more likely true). The
// words (alternateName, what a reader is shown) are the term with its probability range and the
// analyst's confidence, which ICD 203 keeps apart from likelihood: "Likely (55–80 %), moderate
// confidence". The assessment rates the claim as its claimant made it, so a denial's review is
// about the denial ("Denied: …"), as on the claim's card.
import { LIKELIHOOD, type Claim, type Entity, type Id, type Notebook, type Source } from '../model.js';
import { exportFilename } from './filename.js';
import { absoluteUri } from './web-annotation.js';
import { EXPORT_FORMATS, type ExportContext, type ExportFile } from './formats.js';

type Json = Record<string, unknown>;
type Term = keyof typeof LIKELIHOOD;

/** The rank of each ICD 203 term on the 1–7 scale (see the module comment). */
export const LIKELIHOOD_SCALE: Record<Term, number> = Object.fromEntries(
  (Object.keys(LIKELIHOOD) as Term[]).map((term, i) => [term, i + 1]),
) as Record<Term, number>;
export const WORST_RATING = 1;
export const BEST_RATING = 7;

const isLive = (o: { deletedAt?: string } | undefined): o is { deletedAt?: string } => o !== undefined && !o.deletedAt;

/** Whether a claim has been assessed: its status says so, or the analyst has stated a likelihood. */
export function isAssessed(claim: Claim): boolean {
  return claim.status === 'assessed' || claim.assessment?.likelihood !== undefined;
}

/** "Likely (55–80 %), moderate confidence". */
export function ratingWords(assessment: Claim['assessment']): string {
  const term = assessment?.likelihood;
  const confidence = assessment?.confidence ? `${assessment.confidence} confidence` : '';
  if (!term) return confidence ? `Likelihood not stated, ${confidence}` : 'Assessed; likelihood not stated';
  const [low, high] = LIKELIHOOD[term];
  const words = `${term[0]!.toUpperCase()}${term.slice(1)} (${low}–${high} %)`;
  return confidence ? `${words}, ${confidence}` : words;
}

/** What the claimant said: the statement, or for a denial, that it was denied. */
export function claimReviewed(claim: Claim): string {
  return claim.polarity === 'denies' ? `Denied: ${claim.statement}` : claim.statement;
}

const party = (entity: Entity): Json => ({ '@type': entity.kind === 'person' ? 'Person' : 'Organization', name: entity.name });

/** The live sources of these excerpts (those that are live), in the order the sources were added. */
function sourcesOf(notebook: Notebook, excerptIds: Iterable<Id>): Source[] {
  const sources = new Map<Id, Source>();
  for (const id of excerptIds) {
    const excerpt = notebook.excerpts[id];
    const source = excerpt && isLive(excerpt) ? notebook.sources[excerpt.sourceId] : undefined;
    if (source && isLive(source)) sources.set(source.id, source);
  }
  return [...sources.values()].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}

/**
 * Where the claim appears, and what the review rests on. schema.org's `appearance` is a work the
 * claim occurs in, so it is the sources of the excerpts the claim's attribution chain cites (where
 * the claimant is shown saying it); when the chain cites none, those of the excerpts that support
 * it, the nearest thing the notebook knows. A refuting study is not where a denial appears: the
 * sources of every supporting and refuting excerpt are the review's `citation` instead.
 */
function appearancesAndCitations(notebook: Notebook, claim: Claim): { appearance: Source[]; citation: Source[] } {
  const evidence = Object.values(notebook.links).filter(
    (l) => isLive(l) && l.toId === claim.id && l.fromKind === 'excerpt' && (l.relation === 'supports' || l.relation === 'refutes'),
  );
  const cited = claim.attribution.flatMap((step) => (step.excerptId ? [step.excerptId] : []));
  const shown = sourcesOf(notebook, cited);
  return {
    appearance: shown.length ? shown : sourcesOf(notebook, evidence.filter((l) => l.relation === 'supports').map((l) => l.fromId)),
    citation: sourcesOf(notebook, evidence.map((l) => l.fromId)),
  };
}

/** A source as the CreativeWork a claim appears in. schema.org dates are ISO 8601, so a loose date fits as it is (the time part dropped). */
function creativeWork(source: Source): Json {
  const work: Json = { '@type': 'CreativeWork', name: source.title };
  const url = absoluteUri(source.url);
  if (url && /^https?:/i.test(url)) work.url = url;
  if (source.dates.published) work.datePublished = source.dates.published.value.slice(0, 10);
  if (source.publisher.trim()) work.publisher = { '@type': 'Organization', name: source.publisher.trim() };
  return work;
}

export interface ClaimReviewOptions {
  /**
   * The address of the page that will carry the reviews. Google requires a ClaimReview's `url`;
   * the notebook does not record where the analyst publishes, so without it the reviews have none.
   * Each review gets the page with #claim-<id> as its url.
   */
  pageUrl?: string;
}

/** One ClaimReview per live assessed claim, in the order the claims were made in the notebook. */
export function claimReviews(notebook: Notebook, exportedAt: string, options: ClaimReviewOptions = {}): Json[] {
  const organisation = notebook.settings.organisation.trim();
  const name = notebook.name.trim() || 'Corroborate notebook';
  const author = { '@type': 'Organization', name: organisation || name };
  const scale = 'Likelihood in ICD 203 terms, ranked 1 (almost no chance) to 7 (almost certain).';
  const fallback = organisation ? '' : ' The notebook names no organisation, so its name stands as the author.';
  const description = `An assessment made in the Corroborate notebook “${name}”. ${scale}${fallback}`;
  return Object.values(notebook.claims)
    .filter((c) => !c.deletedAt && isAssessed(c))
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id))
    .map((claim) => {
      const claimant = claim.claimantId ? notebook.entities[claim.claimantId] : undefined;
      const item: Json = { '@type': 'Claim' };
      if (claimant && isLive(claimant)) item.author = party(claimant);
      if (claim.claimedAt) item.datePublished = claim.claimedAt.slice(0, 10);
      const { appearance, citation } = appearancesAndCitations(notebook, claim);
      if (appearance.length) item.appearance = appearance.map(creativeWork);
      const term = claim.assessment?.likelihood;
      const rating: Json = { '@type': 'Rating' };
      if (term) Object.assign(rating, { ratingValue: LIKELIHOOD_SCALE[term], bestRating: BEST_RATING, worstRating: WORST_RATING });
      rating.alternateName = ratingWords(claim.assessment);
      if (claim.assessment?.rationale.trim()) rating.ratingExplanation = claim.assessment.rationale.trim();
      const review: Json = {
        '@type': 'ClaimReview',
        claimReviewed: claimReviewed(claim),
        itemReviewed: item,
        reviewRating: rating,
        author,
        datePublished: exportedAt.slice(0, 10),
        description,
      };
      if (citation.length) review.citation = citation.map(creativeWork);
      if (options.pageUrl) review.url = `${options.pageUrl.replace(/#.*$/, '')}#claim-${claim.id}`;
      return review;
    });
}

export function writeClaimReview(ctx: ExportContext): ExportFile {
  const doc = { '@context': 'https://schema.org', '@graph': claimReviews(ctx.notebook, ctx.exportedAt, { pageUrl: ctx.notebook.settings.publicationUrl || undefined }) };
  return { filename: exportFilename(ctx.notebook, 'claimreview'), mediaType: EXPORT_FORMATS.claimreview.mediaType, text: `${JSON.stringify(doc, null, 2)}\n` };
}
