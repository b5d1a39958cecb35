// The grading scales as the analyst reads them: each grade with its published meaning (Admiralty
// reliability and credibility, ICD 203 likelihood with its range), and the evidence tally in words.
// Pure. Never invents a meaning: every word comes from the scales in model.ts and analysis.ts.
import { CREDIBILITY_WEIGHT, RELIABILITY_WEIGHT, STRENGTH_FACTOR, UNGRADED_WEIGHT, type EvidenceTally } from '../../../notebook/common/analysis.js';
import { Assessment, Claim, CREDIBILITY, LIKELIHOOD, RELIABILITY } from '../../../notebook/common/model.js';

export type CredibilityGrade = keyof typeof CREDIBILITY;
export const CREDIBILITY_GRADES = Object.keys(CREDIBILITY) as CredibilityGrade[];
export type LikelihoodTerm = keyof typeof LIKELIHOOD;
export const LIKELIHOOD_TERMS = Object.keys(LIKELIHOOD) as LikelihoodTerm[];
export type Confidence = NonNullable<NonNullable<Claim['assessment']>['confidence']>;
export const CONFIDENCES = Assessment.shape.confidence.unwrap().options;
export type Basis = NonNullable<NonNullable<Claim['assessment']>['basis']>;
export const BASES = Assessment.shape.basis.unwrap().options;
export type ClaimStatus = Claim['status'];
export const CLAIM_STATUSES = Claim.shape.status.unwrap().options;

/** "2 — Probably true" (Admiralty information credibility). */
export function credibilityLabel(grade: CredibilityGrade): string {
  return `${grade} — ${CREDIBILITY[grade]}`;
}

/** "likely · 55–80 %" (ICD 203): the term with the probability range it stands for. */
export function likelihoodLabel(term: LikelihoodTerm): string {
  const [low, high] = LIKELIHOOD[term];
  return `${term} · ${low}–${high} %`;
}

/** What each basis of an assessment means, shown beside the choice. */
export const BASIS_MEANING: Record<Basis, string> = {
  reported: 'rests on what sources report',
  assumption: 'rests on an assumption the analyst states',
  judgment: 'the analyst’s own judgment from the evidence',
};

/** "B — Usually reliable" (Admiralty source reliability). */
export function reliabilityMeaning(grade: keyof typeof RELIABILITY): string {
  return `${grade} — ${RELIABILITY[grade]}`;
}

const figure = (n: number) => (Math.round(n * 100) / 100).toLocaleString('en');

/** "2 supporting · 1 refuting, weighted 1.6 / 0.4" (· 1 other, when some qualify or give context). */
export function tallyText(tally: EvidenceTally): string {
  const counts = [`${tally.supports} supporting`, `${tally.refutes} refuting`];
  if (tally.other) counts.push(`${tally.other} other`);
  return `${counts.join(' · ')}, weighted ${figure(tally.weightedSupports)} / ${figure(tally.weightedRefutes)}`;
}

/**
 * How the weighted figures are made, in sentences built from the weights analysis.ts uses, so the
 * explanation cannot drift from the arithmetic.
 */
export function weightsExplanation(): string[] {
  const grades = (weights: Record<string, number>, skip: string) =>
    Object.entries(weights)
      .filter(([grade]) => grade !== skip)
      .map(([grade, w]) => `${grade} ${figure(w)}`)
      .join(', ');
  return [
    `An excerpt counts by its source’s reliability: ${grades(RELIABILITY_WEIGHT, 'F')}; F or not graded ${figure(UNGRADED_WEIGHT)}.`,
    `A claim used as evidence counts by its credibility: ${grades(CREDIBILITY_WEIGHT, '6')}; 6 or not graded ${figure(UNGRADED_WEIGHT)}.`,
    `A link’s strength multiplies that: weak ×${figure(STRENGTH_FACTOR.weak)}, moderate or not set ×${figure(STRENGTH_FACTOR.moderate)}, strong ×${figure(STRENGTH_FACTOR.strong)}. Refuting includes contradicting; qualifying and context links are counted as other.`,
  ];
}
