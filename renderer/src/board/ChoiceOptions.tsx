// A filter's <option>s for a long list of choices (a couple of thousand claimants at 100k): made
// again only when the choices themselves change, not on every change of the notebook. Renders options only.
import { memo } from 'react';
import { sameChoices, type Choice } from './board-model.js';

export const ChoiceOptions = memo(
  function ChoiceOptions({ choices }: { choices: readonly Choice[] }) {
    return choices.map((c) => (
      <option key={c.id} value={c.id}>
        {c.label}
      </option>
    ));
  },
  (before, after) => sameChoices(before.choices, after.choices),
);
