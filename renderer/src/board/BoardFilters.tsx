// The claims board's filters: claimant, status, tag, credibility, likelihood and words, each a
// labelled control. Holds nothing: the board owns the filter and gets every change.
import { useId, useMemo } from 'react';
import type { Notebook } from '../../../notebook/common/model.js';
import { CLAIM_STATUSES, CREDIBILITY_GRADES, credibilityLabel, LIKELIHOOD_TERMS, likelihoodLabel } from '../claims/grading.js';
import { TagFilterField } from '../tags/TagFilterField.js';
import { ChoiceOptions } from './ChoiceOptions.js';
import { libraryIndex } from '../library/library-index.js';
import { claimantFilterChoices, tagFilterChoices, type BoardFilter } from './board-model.js';

export interface BoardFiltersProps {
  notebook: Notebook;
  revision: number;
  filter: BoardFilter;
  onChange: (filter: BoardFilter) => void;
}

export function BoardFilters({ notebook, revision, filter, onChange }: BoardFiltersProps) {
  const id = useId();
  const { claimant, tag } = filter;
  // From the library index: its claims per claimant, and the tags counted again only when a tagged object changed.
  const library = libraryIndex(notebook);
  const claimants = useMemo(() => {
    void revision;
    return claimantFilterChoices(notebook, library.claimCounts, claimant);
  }, [notebook, revision, library, claimant]);
  const tagsVersion = library.tagsVersion;
  const tags = useMemo(() => {
    void tagsVersion;
    return tagFilterChoices(notebook, tag);
  }, [notebook, tagsVersion, tag]);
  const set = (key: keyof BoardFilter) => (event: { target: { value: string } }) => onChange({ ...filter, [key]: event.target.value });

  return (
    <div className="board-filters" role="group" aria-label="Claim filters">
      <div className="field board-filter-text">
        <label htmlFor={`${id}-text`}>Filter claims</label>
        <input id={`${id}-text`} type="search" value={filter.text} onChange={set('text')} placeholder="Statement, proposition or claimant" autoComplete="off" spellCheck={false} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-claimant`}>Claimant</label>
        <select id={`${id}-claimant`} value={filter.claimant} onChange={set('claimant')}>
          <option value="">Any</option>
          <ChoiceOptions choices={claimants} />
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-status`}>Status</label>
        <select id={`${id}-status`} value={filter.status} onChange={set('status')}>
          <option value="">Any</option>
          {CLAIM_STATUSES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </div>
      <TagFilterField id={id} value={filter.tag} tags={tags} onChange={(tag) => onChange({ ...filter, tag })} />
      <div className="field">
        <label htmlFor={`${id}-credibility`}>Credibility</label>
        <select id={`${id}-credibility`} value={filter.credibility} onChange={set('credibility')}>
          <option value="">Any</option>
          {CREDIBILITY_GRADES.map((g) => (
            <option key={g} value={g}>
              {credibilityLabel(g)}
            </option>
          ))}
          <option value="none">Not graded</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-likelihood`}>Likelihood</label>
        <select id={`${id}-likelihood`} value={filter.likelihood} onChange={set('likelihood')}>
          <option value="">Any</option>
          {LIKELIHOOD_TERMS.map((term) => (
            <option key={term} value={term}>
              {likelihoodLabel(term)}
            </option>
          ))}
          <option value="none">Not assessed</option>
        </select>
      </div>
    </div>
  );
}
