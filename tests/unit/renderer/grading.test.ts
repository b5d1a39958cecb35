// The grades as the analyst reads them: each with its published meaning, and the evidence tally in words.
import { describe, expect, it } from 'vitest';
import { RELIABILITY_WEIGHT } from '../../../notebook/common/analysis.js';
import { credibilityLabel, likelihoodLabel, reliabilityMeaning, tallyText, weightsExplanation } from '../../../renderer/src/claims/grading.js';

describe('grading labels', () => {
  it('shows each ICD 203 term with its probability range, and Admiralty grades with their meanings', () => {
    expect(likelihoodLabel('likely')).toBe('likely · 55–80 %');
    expect(likelihoodLabel('almost no chance')).toBe('almost no chance · 1–5 %');
    expect(credibilityLabel('2')).toBe('2 — Probably true');
    expect(credibilityLabel('6')).toBe('6 — Truth cannot be judged');
    expect(reliabilityMeaning('F')).toBe('F — Reliability cannot be judged');
  });

  it('words the tally with counts and weighted sums, and mentions other links only when there are some', () => {
    expect(tallyText({ supports: 2, refutes: 1, other: 0, weightedSupports: 1.6, weightedRefutes: 0.4 })).toBe('2 supporting · 1 refuting, weighted 1.6 / 0.4');
    expect(tallyText({ supports: 1, refutes: 0, other: 2, weightedSupports: 0.8, weightedRefutes: 0 })).toBe('1 supporting · 0 refuting · 2 other, weighted 0.8 / 0');
  });

  it('explains the weights with the figures the tally uses', () => {
    const [reliability] = weightsExplanation();
    expect(reliability).toContain(`B ${RELIABILITY_WEIGHT.B}`);
    expect(reliability).toContain(`F or not graded 0.5`);
  });
});
