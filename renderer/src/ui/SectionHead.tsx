// The head of a list section (Sources, Claims, Excerpts): its label, which names the list below
// it (aria-labelledby), the count, and an optional action such as "Add source".
import type { ReactNode } from 'react';
import { formatCount } from './format.js';

export function SectionHead({ labelId, label, count, children }: { labelId: string; label: string; count: number; children?: ReactNode }) {
  return (
    <div className="section-head">
      <span className="section-label" id={labelId}>
        {label}
      </span>
      <span className="section-count">{formatCount(count)}</span>
      {children}
    </div>
  );
}
