// How a link's relation is shown: always a word and an icon, so meaning never rests on colour
// alone (WCAG 1.4.1); the colour class only adds to them.
import type { Relation } from '../../../notebook/common/model.js';

export const RELATION_ICON: Record<Relation, string> = {
  supports: '✓',
  refutes: '✗',
  qualifies: '◐',
  context: 'ℹ',
  contradicts: '⇄',
};
