// A claim's polarity and the "Contradicted" flag as the analyst reads them: an icon and a word
// together, so meaning never rests on colour alone (WCAG 1.4.1).
import './claims.css';
import type { Claim } from '../../../notebook/common/model.js';

export const POLARITY_ICON: Record<Claim['polarity'], string> = { asserts: '+', denies: '−' };

export function PolarityLabel({ polarity }: { polarity: Claim['polarity'] }) {
  return (
    <span className={`polarity polarity-${polarity}`}>
      <span aria-hidden="true" className="polarity-icon">
        {POLARITY_ICON[polarity]}
      </span>
      {polarity}
    </span>
  );
}

/** Shown where claims about the same proposition disagree, or one is linked as contradicting another. */
export function ContradictedFlag() {
  return (
    <span className="contradicted-flag">
      <span aria-hidden="true" className="contradicted-icon">
        ⚠
      </span>
      <span>Contradicted</span>
    </span>
  );
}
