// A relation as the analyst reads it: icon and word together.
import type { Relation } from '../../../notebook/common/model.js';
import { RELATION_ICON } from './relations.js';

export function RelationLabel({ relation }: { relation: Relation }) {
  return (
    <span className={`relation relation-${relation}`}>
      <span aria-hidden="true" className="relation-icon">
        {RELATION_ICON[relation]}
      </span>
      {relation}
    </span>
  );
}
