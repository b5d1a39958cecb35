// The search's filters: kinds, tag, source, claimant, reliability, credibility, dates and relation,
// each a labelled control. Holds nothing: the dialog owns the filters and gets every change.
import { useId, useMemo } from 'react';
import { CREDIBILITY, RELATIONS, RELIABILITY, type Notebook } from '../../../notebook/common/model.js';
import { SEARCH_KIND_NAMES, SEARCH_KINDS } from '../../../notebook/common/search/query.js';
import { TagFilterField } from '../tags/TagFilterField.js';
import {
  claimantChoices,
  CREDIBILITY_GRADES,
  dateProblem,
  RELIABILITY_GRADES,
  sourceChoices,
  tagChoices,
  toggled,
  type SearchFilters,
} from './search-model.js';

export interface SearchFiltersPanelProps {
  notebook: Notebook;
  revision: number;
  filters: SearchFilters;
  onChange: (filters: SearchFilters) => void;
}

export function SearchFiltersPanel({ notebook, revision, filters, onChange }: SearchFiltersPanelProps) {
  const id = useId();
  const choices = useMemo(() => {
    void revision;
    return { tags: tagChoices(notebook), sources: sourceChoices(notebook), claimants: claimantChoices(notebook) };
  }, [notebook, revision]);
  const set = <K extends keyof SearchFilters>(key: K, value: SearchFilters[K]) => onChange({ ...filters, [key]: value });
  // A chosen value the notebook no longer has (undone, trashed) stays choosable, so the select shows the truth.
  const tags = filters.tag && !choices.tags.some((t) => t.path === filters.tag) ? [...choices.tags, { path: filters.tag, depth: 0 }] : choices.tags;
  const fromProblem = dateProblem(filters.from);
  const toProblem = dateProblem(filters.to);

  return (
    <div className="search-filters" role="group" aria-label="Filters">
      <fieldset className="search-fieldset search-kinds">
        <legend>Kinds</legend>
        {SEARCH_KINDS.map((kind) => (
          <label key={kind} className="search-check">
            <input type="checkbox" checked={filters.kinds.includes(kind)} onChange={(event) => set('kinds', toggled(filters.kinds, kind, event.target.checked))} />
            {SEARCH_KIND_NAMES[kind]}
          </label>
        ))}
      </fieldset>
      <div className="search-filter-row">
        <TagFilterField id={id} value={filters.tag} tags={tags} onChange={(tag) => set('tag', tag)} />
        <div className="field">
          <label htmlFor={`${id}-source`}>Source</label>
          <select id={`${id}-source`} value={filters.sourceId} onChange={(event) => set('sourceId', event.target.value)}>
            <option value="">Any</option>
            {filters.sourceId && !choices.sources.some((s) => s.id === filters.sourceId) && <option value={filters.sourceId}>A source no longer here</option>}
            {choices.sources.map((s) => (
              <option key={s.id} value={s.id}>
                {s.title}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-claimant`}>Claimant</label>
          <select id={`${id}-claimant`} value={filters.claimantId} onChange={(event) => set('claimantId', event.target.value)}>
            <option value="">Any</option>
            {filters.claimantId && !choices.claimants.some((c) => c.id === filters.claimantId) && <option value={filters.claimantId}>An entity no longer here</option>}
            {choices.claimants.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-relation`}>Relation</label>
          <select id={`${id}-relation`} value={filters.relation} onChange={(event) => set('relation', event.target.value as SearchFilters['relation'])} aria-describedby={`${id}-relation-hint`}>
            <option value="">Any</option>
            {RELATIONS.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
          <span id={`${id}-relation-hint`} className="visually-hidden">
            Excerpts and claims at either end of a link with this relation.
          </span>
        </div>
      </div>
      <div className="search-filter-row search-filter-grades">
        <fieldset className="search-fieldset search-grades">
          <legend>Reliability</legend>
          <div className="search-checks">
            {RELIABILITY_GRADES.map((grade) => (
              <label key={grade} className="search-check search-grade" title={RELIABILITY[grade]}>
                <input type="checkbox" checked={filters.reliability.includes(grade)} onChange={(event) => set('reliability', toggled(filters.reliability, grade, event.target.checked))} />
                {grade}
                <span className="visually-hidden">: {RELIABILITY[grade]}</span>
              </label>
            ))}
          </div>
        </fieldset>
        <fieldset className="search-fieldset search-grades">
          <legend>Credibility</legend>
          <div className="search-checks">
            {CREDIBILITY_GRADES.map((grade) => (
              <label key={grade} className="search-check search-grade" title={CREDIBILITY[grade]}>
                <input type="checkbox" checked={filters.credibility.includes(grade)} onChange={(event) => set('credibility', toggled(filters.credibility, grade, event.target.checked))} />
                {grade}
                <span className="visually-hidden">: {CREDIBILITY[grade]}</span>
              </label>
            ))}
          </div>
        </fieldset>
        <div className="field search-date">
          <label htmlFor={`${id}-from`}>From</label>
          <input
            id={`${id}-from`}
            type="text"
            inputMode="numeric"
            placeholder="2023-10"
            value={filters.from}
            onChange={(event) => set('from', event.target.value)}
            aria-invalid={fromProblem ? true : undefined}
            aria-describedby={`${id}-dates`}
            autoComplete="off"
          />
        </div>
        <div className="field search-date">
          <label htmlFor={`${id}-to`}>To</label>
          <input
            id={`${id}-to`}
            type="text"
            inputMode="numeric"
            placeholder="2023-12"
            value={filters.to}
            onChange={(event) => set('to', event.target.value)}
            aria-invalid={toProblem ? true : undefined}
            aria-describedby={`${id}-dates`}
            autoComplete="off"
          />
        </div>
      </div>
      <p id={`${id}-dates`} className="visually-hidden">
        A year, a month or a day, like 2023, 2023-10 or 2023-10-14: when a claim was made, when a source was published. Both ends are included.
      </p>
      {(fromProblem || toProblem) && (
        <p role="alert" className="search-date-problem">
          {fromProblem || toProblem} It is left out until it is one.
        </p>
      )}
    </div>
  );
}
