// The ClaimReview export: one review per assessed claim, with the rules Google's fact-check
// markup requires and schema.org's vocabulary (the ones the conformance checker enforces), the
// ICD 203 likelihood on a 1–7 scale, and the analyst's organisation as author.
import { describe, expect, it } from 'vitest';
import { BEST_RATING, claimReviews, LIKELIHOOD_SCALE, ratingWords, WORST_RATING, writeClaimReview } from '../../../../notebook/common/export/claimreview.js';
import { LIKELIHOOD } from '../../../../notebook/common/model.js';
import { apply } from '../../../../notebook/common/operations.js';
import { CONTAINERS_CLAIM, DENIAL_CLAIM } from '../../../e2e/running-example.js';
import { EXPORTED_AT, ORGANISATION, runningExample, TRASHED } from './running-example.js';

type Json = Record<string, unknown>;

/** The schema.org properties each type used here has (schema.org 30.0), so a misspelt key shows. */
const PROPERTIES: Record<string, string[]> = {
  ClaimReview: ['claimReviewed', 'itemReviewed', 'reviewRating', 'author', 'datePublished', 'description', 'url', 'citation'],
  Claim: ['author', 'datePublished', 'appearance', 'firstAppearance'],
  Rating: ['ratingValue', 'bestRating', 'worstRating', 'alternateName', 'ratingExplanation'],
  CreativeWork: ['name', 'url', 'datePublished', 'publisher'],
  Organization: ['name', 'url'],
  Person: ['name', 'url'],
};
const DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;
const isHttpUrl = (v: unknown) => typeof v === 'string' && /^https?:\/\/[^\s/]+/.test(v);

/** Google's required fields and numeric rules, and schema.org's vocabulary, as one string per broken rule. */
function reviewProblems(review: Json, { needUrl }: { needUrl: boolean }): string[] {
  const problems: string[] = [];
  const must = (ok: boolean, rule: string) => {
    if (!ok) problems.push(rule);
  };
  const vocabulary = (node: unknown, where: string) => {
    if (typeof node !== 'object' || node === null) return;
    if (Array.isArray(node)) return node.forEach((n, i) => vocabulary(n, `${where}[${i}]`));
    const n = node as Json;
    const type = n['@type'] as string;
    must(type in PROPERTIES, `${where}: @type ${type} is one of ours`);
    for (const key of Object.keys(n)) if (!key.startsWith('@')) must(PROPERTIES[type]?.includes(key) ?? false, `${where}.${key} is a ${type} property`);
    for (const value of Object.values(n)) vocabulary(value, where);
  };
  vocabulary(review, 'review');
  must(review['@type'] === 'ClaimReview', '@type is ClaimReview');
  must(typeof review.claimReviewed === 'string' && review.claimReviewed.length > 0, 'claimReviewed is given');
  const rating = review.reviewRating as Json | undefined;
  must(rating?.['@type'] === 'Rating' && typeof rating.alternateName === 'string' && rating.alternateName.length > 0, 'reviewRating is a Rating with alternateName');
  if (rating && 'ratingValue' in rating) {
    const [value, best, worst] = [rating.ratingValue, rating.bestRating, rating.worstRating] as number[];
    must([value, best, worst].every((x) => typeof x === 'number'), 'the rating is numbers');
    must(worst! >= 1 && best! > worst! && value! >= worst! && value! <= best!, 'worst ≥ 1, best > worst, worst ≤ value ≤ best');
  }
  if (needUrl) must(isHttpUrl(review.url), 'url is an absolute http(s) URL');
  const author = review.author as Json | undefined;
  must(typeof author?.name === 'string' && author.name.length > 0, 'author has a name');
  must(typeof review.datePublished === 'string' && DATE.test(review.datePublished), 'datePublished is a date');
  const item = review.itemReviewed as Json;
  must(item?.['@type'] === 'Claim', 'itemReviewed is a Claim');
  if (item?.author) must(typeof (item.author as Json).name === 'string', 'a Claim author has a name');
  if (item?.datePublished) must(DATE.test(item.datePublished as string), 'the Claim datePublished is a date');
  for (const work of (item?.appearance as Json[] | undefined) ?? []) if ('url' in work) must(isHttpUrl(work.url), 'an appearance url is absolute');
  return problems;
}

describe('ClaimReview export of the running example', () => {
  const example = runningExample();
  const file = writeClaimReview({ notebook: example.notebook, files: example.files, exportedAt: EXPORTED_AT });
  const doc = JSON.parse(file.text) as Json;
  const reviews = doc['@graph'] as Json[];

  it('is schema.org JSON-LD with one review per assessed claim', () => {
    expect(file.mediaType).toBe('application/ld+json');
    expect(doc['@context']).toBe('https://schema.org');
    // The containers claim (assessed) and the denial (assessed); the accusation is still in progress
    // and unassessed, the build-up claim unreviewed, and the trashed claim left out.
    expect(reviews.map((r) => r.claimReviewed)).toEqual([CONTAINERS_CLAIM.statement, `Denied: ${DENIAL_CLAIM.statement}`]);
    expect(file.text).not.toContain(TRASHED.claim);
  });

  it('keeps Google’s rules and schema.org’s vocabulary, the url on the notebook’s publication page included', () => {
    for (const review of reviews) {
      expect(reviewProblems(review, { needUrl: true })).toEqual([]);
      expect((review.claimReviewed as string).length).toBeLessThanOrEqual(75);
      expect(review.url).toMatch(/^https:\/\/harbour-analysis\.example\/assessments#claim-/);
    }
  });

  it('leaves the url out when the notebook has no publication page', () => {
    for (const review of claimReviews(example.notebook, EXPORTED_AT)) expect(review.url).toBeUndefined();
  });

  it('gives each review a url on the page that will carry them, when it is known', () => {
    const withPage = claimReviews(example.notebook, EXPORTED_AT, { pageUrl: 'https://harbour.example/reviews/munitions#top' });
    expect(withPage.map((r) => r.url)).toEqual([
      `https://harbour.example/reviews/munitions#claim-${example.ids.claims.containers}`,
      `https://harbour.example/reviews/munitions#claim-${example.ids.claims.denial}`,
    ]);
    for (const review of withPage) expect(reviewProblems(review, { needUrl: true })).toEqual([]);
  });

  it('finds reviews that break the rules (the check above can fail)', () => {
    const good = reviews[0]!;
    expect(reviewProblems({ ...good, reviewRating: { '@type': 'Rating', ratingValue: 9, bestRating: 7, worstRating: 1, alternateName: 'x' } }, { needUrl: false })).toContain(
      'worst ≥ 1, best > worst, worst ≤ value ≤ best',
    );
    expect(reviewProblems({ ...good, claimReview: 'typo' }, { needUrl: false })).toContain('review.claimReview is a ClaimReview property');
    expect(reviewProblems({ ...good, url: undefined }, { needUrl: true })).toContain('url is an absolute http(s) URL');
  });

  it('rates the likelihood on the 1–7 scale, with the ICD 203 words and the confidence', () => {
    expect(reviews[0]!.reviewRating).toEqual({
      '@type': 'Rating',
      ratingValue: 5,
      bestRating: 7,
      worstRating: 1,
      alternateName: 'Likely (55–80 %), moderate confidence',
      ratingExplanation: 'Two independent sources agree on shipments by rail; the contents are not confirmed.',
    });
    expect((reviews[1]!.reviewRating as Json).alternateName).toBe('Unlikely (20–45 %), low confidence');
    expect((reviews[1]!.reviewRating as Json).ratingValue).toBe(3);
  });

  it('names the claimant, when the claim was made and where it appears; cites the evidence', () => {
    expect(reviews[0]!.itemReviewed).toMatchObject({
      '@type': 'Claim',
      author: { '@type': 'Organization', name: CONTAINERS_CLAIM.claimant },
      datePublished: '2023-10-13',
      appearance: [{ '@type': 'CreativeWork', url: 'https://northwind-wire.example/world/asia/2023/10/14/korea-russia-arms', datePublished: '2023-10-14' }],
    });
    expect((reviews[1]!.itemReviewed as Json).author).toEqual({ '@type': 'Person', name: 'Kim Yo Jong' });
    // The freight study refutes the denial: evidence the review cites, not a place the denial appears.
    expect((reviews[1]!.citation as Json[]).map((w) => w.url)).toEqual([
      'https://northwind-wire.example/world/asia/2023/10/14/korea-russia-arms',
      'https://freight-monitor.example/reports/tumangang-2023',
    ]);
  });

  it('is authored by the analyst’s organisation and dated the day of the export', () => {
    for (const review of reviews) {
      expect(review.author).toEqual({ '@type': 'Organization', name: ORGANISATION });
      expect(review.datePublished).toBe('2023-10-20');
      expect(review.description).toMatch(/ranked 1 \(almost no chance\) to 7 \(almost certain\)/);
    }
  });
});

describe('ClaimReview in other cases', () => {
  it('falls back to the notebook’s name as author, and says so', () => {
    const example = runningExample();
    apply(example.notebook, { type: 'settings', set: { organisation: '' } });
    const [review] = claimReviews(example.notebook, EXPORTED_AT);
    expect(review!.author).toEqual({ '@type': 'Organization', name: 'Munitions to Russia' });
    expect(review!.description).toMatch(/names no organisation, so its name stands as the author/);
  });

  it('maps every ICD 203 term in order, from 1 to 7', () => {
    expect(Object.keys(LIKELIHOOD).map((t) => LIKELIHOOD_SCALE[t as keyof typeof LIKELIHOOD])).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect([WORST_RATING, BEST_RATING]).toEqual([1, 7]);
    expect(ratingWords({ likelihood: 'almost certain', rationale: '' })).toBe('Almost certain (95–99 %)');
    expect(ratingWords({ likelihood: 'roughly even chance', confidence: 'high', rationale: '' })).toBe('Roughly even chance (45–55 %), high confidence');
  });

  it('reviews a claim assessed without a likelihood in words only, and one with a likelihood whatever its status', () => {
    const example = runningExample();
    const { accusation, buildUp } = example.ids.claims;
    apply(example.notebook, { type: 'update', kind: 'claim', id: accusation, set: { status: 'assessed' }, unset: [] });
    apply(example.notebook, { type: 'update', kind: 'claim', id: buildUp, set: { assessment: { likelihood: 'very unlikely', rationale: '' } }, unset: [] });
    const reviews = claimReviews(example.notebook, EXPORTED_AT);
    const of = (id: string) => reviews.find((r) => r.claimReviewed === example.notebook.claims[id]!.statement)!;
    expect(of(accusation).reviewRating).toEqual({ '@type': 'Rating', alternateName: 'Assessed; likelihood not stated' });
    expect(of(buildUp).reviewRating).toMatchObject({ ratingValue: 2, alternateName: 'Very unlikely (5–20 %)' });
    for (const review of reviews) expect(reviewProblems(review, { needUrl: false })).toEqual([]);
  });

  it('writes an empty graph when nothing is assessed', () => {
    const example = runningExample();
    for (const id of [example.ids.claims.containers, example.ids.claims.denial]) {
      apply(example.notebook, { type: 'update', kind: 'claim', id, set: { status: 'in progress' }, unset: ['assessment'] });
    }
    expect(JSON.parse(writeClaimReview({ notebook: example.notebook, files: example.files, exportedAt: EXPORTED_AT }).text)).toEqual({ '@context': 'https://schema.org', '@graph': [] });
  });
});
