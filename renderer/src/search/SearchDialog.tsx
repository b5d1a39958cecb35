// Search everywhere: one box over the whole notebook, hits grouped by kind with the matching words
// marked, filters, and opening a hit where it lives. The search itself runs in the host (the
// `search` API method); this dialog only asks and shows. Never changes the notebook.
import { useCallback, useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { Id, Notebook } from '../../../notebook/common/model.js';
import { SEARCH_KIND_NAMES, SearchQuery, type SearchHit, type SearchQueryInput, type SearchResults } from '../../../notebook/common/search/query.js';
import { client } from '../client.js';
import { Dialog } from '../ui/Dialog.js';
import { MOD } from '../ui/format.js';
import { focusOpened } from './focus-opened.js';
import { SearchRunner } from './search-runner.js';
import { SearchFiltersPanel } from './SearchFilters.js';
import {
  activeFilters,
  clearFilter,
  countLabel,
  hitContext,
  hitOptions,
  hitTarget,
  matchedIn,
  moveActive,
  NO_FILTERS,
  searchStatus,
  snippetIsTitle,
  snippetSegments,
  toSearchQuery,
  type HitOption,
  type HitTarget,
  type Move,
  type SearchFilters,
} from './search-model.js';
import './search.css';

/** What the window does with an opened hit. */
export interface SearchActions {
  showPassage: (sourceId: Id, range: { start: number; end: number }) => void;
  openSource: (id: Id) => void;
  showExcerpt: (id: Id) => void;
  inspectClaim: (id: Id) => void;
  openEntity: (id: Id) => void;
  openView: (name: 'hypotheses' | 'board') => void;
  /** The claims board, scrolled to the proposition. */
  openProposition: (id: Id) => void;
  /** The Hypotheses view on this question. */
  openQuestion: (questionId: Id) => void;
  openNotebookNote: () => void;
}

export interface SearchDialogProps {
  notebook: Notebook;
  revision: number;
  actions: SearchActions;
  onClose: () => void;
}

/** The last search of this session: reopening the dialog shows it again, ready to type over (in the same notebook: another one has other tags and sources). */
let remembered: { notebookId: string; words: string; filters: SearchFilters; filtersOpen: boolean } | null = null;

type Answer = { results: SearchResults; error: null } | { results: SearchResults | null; error: string };

export function SearchDialog({ notebook, revision, actions, onClose }: SearchDialogProps) {
  const id = useId();
  const [last] = useState(() => (remembered?.notebookId === notebook.id ? remembered : null));
  const [words, setWords] = useState(last?.words ?? '');
  const [filters, setFilters] = useState<SearchFilters>(last?.filters ?? NO_FILTERS);
  const [filtersOpen, setFiltersOpen] = useState(last?.filtersOpen ?? false);
  const [answer, setAnswer] = useState<Answer | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    remembered = { notebookId: notebook.id, words, filters, filtersOpen };
  }, [notebook.id, words, filters, filtersOpen]);

  // Reopened with a search: its words are selected, so typing replaces them and → keeps them.
  useEffect(() => {
    inputRef.current?.select();
  }, []);

  const query = useMemo(() => toSearchQuery(words, filters), [words, filters]);
  const queryKey = query ? JSON.stringify(query) : '';

  const [runner] = useState(
    () =>
      new SearchRunner({
        search: (asked) => client.search(asked),
        onResults: (results) => setAnswer({ results, error: null }),
        onError: (message) => setAnswer((previous) => ({ results: previous?.results ?? null, error: message })),
      }),
  );
  useEffect(() => () => runner.dispose(), [runner]);
  // The notebook changing (revision) can change the hits: the same words are asked again.
  useEffect(() => {
    runner.ask(queryKey ? (JSON.parse(queryKey) as SearchQueryInput) : null);
  }, [runner, queryKey, revision]);

  const results = answer?.results ?? null;
  const groups = useMemo(() => (query && results?.ready ? results.groups : []), [query, results]);
  const options = useMemo(() => hitOptions(groups), [groups]);

  // New hits start with the first one active, so Enter opens the best match.
  const [moved, setMoved] = useState<{ options: HitOption[]; key: string | null } | null>(null);
  const activeKey = moved?.options === options ? moved.key : (options[0]?.key ?? null);
  const setActiveKey = (key: string | null) => setMoved({ options, key });

  useEffect(() => {
    if (!activeKey) return;
    const option = listRef.current?.querySelector<HTMLElement>(`[data-key="${CSS.escape(activeKey)}"]`);
    option?.scrollIntoView({ block: 'nearest' });
  }, [activeKey]);

  const optionId = (key: string) => `${id}-hit-${key.replace(/[^A-Za-z0-9_-]/g, '_')}`;

  const open = useCallback(
    (hit: SearchHit) => {
      const target: HitTarget = hitTarget(hit, notebook);
      onClose();
      switch (target.to) {
        case 'passage':
          actions.showPassage(target.sourceId, target.range);
          break;
        case 'source':
          actions.openSource(target.id);
          break;
        case 'excerpt':
          actions.showExcerpt(target.id);
          break;
        case 'claim':
          actions.inspectClaim(target.id);
          break;
        case 'entity':
          actions.openEntity(target.id);
          break;
        case 'hypotheses':
          if (target.questionId) actions.openQuestion(target.questionId);
          else actions.openView('hypotheses');
          break;
        case 'board':
          actions.openProposition(target.propositionId);
          break;
        case 'notebook-note':
          actions.openNotebookNote();
          break;
      }
      focusOpened(target, notebook);
    },
    [notebook, actions, onClose],
  );

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    // Keys that finish an input method's composition (Enter, Escape) belong to it.
    if (event.nativeEvent.isComposing) return;
    const moves: Record<string, Move> = { ArrowDown: 'next', ArrowUp: 'previous', PageDown: 'next-group', PageUp: 'previous-group' };
    const move = moves[event.key];
    if (move && !event.altKey && !event.ctrlKey && !event.metaKey && !event.shiftKey) {
      event.preventDefault();
      setActiveKey(moveActive(options, activeKey, move));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const active = options.find((o) => o.key === activeKey);
      if (active) open(active.hit);
    } else if (event.key === 'Escape') {
      // A search field would only clear itself; Escape closes the dialog, and the words stay for next time.
      event.preventDefault();
      onClose();
    }
  };

  const active = activeFilters(filters, notebook);
  const status = searchStatus(words, filters, query !== null, answer?.results);
  const activeOption = options.find((o) => o.key === activeKey);

  return (
    <Dialog title="Search" onCancel={onClose} wide>
      <div className="search">
        <div className="search-bar">
          <label htmlFor={`${id}-words`} className="visually-hidden">
            Search the notebook
          </label>
          <span className="search-icon" aria-hidden="true">
            ⌕
          </span>
          <input
            ref={inputRef}
            id={`${id}-words`}
            type="search"
            className="search-input"
            data-autofocus
            value={words}
            onChange={(event) => setWords(event.target.value)}
            onKeyDown={onKeyDown}
            maxLength={SearchQuery.shape.query.maxLength ?? undefined}
            placeholder="Words in source text, excerpts, claims, notes, entities…"
            autoComplete="off"
            spellCheck={false}
            aria-autocomplete="list"
            aria-controls={`${id}-results`}
            aria-activedescendant={activeOption ? optionId(activeOption.key) : undefined}
            aria-describedby={`${id}-keys`}
          />
          <button type="button" className="button search-filters-toggle" aria-expanded={filtersOpen} aria-controls={`${id}-filters`} onClick={() => setFiltersOpen((o) => !o)}>
            Filters
            {active.length > 0 && (
              <span className="search-filter-count" aria-hidden="true">
                {active.length}
              </span>
            )}
          </button>
        </div>
        <div id={`${id}-filters`} hidden={!filtersOpen}>
          {filtersOpen && <SearchFiltersPanel notebook={notebook} revision={revision} filters={filters} onChange={setFilters} />}
        </div>
        {active.length > 0 && (
          <div className="search-active" role="group" aria-label="Active filters">
            {active.map((f) => (
              <button key={f.key} type="button" className="chip search-chip" aria-label={`Remove filter ${f.label}`} onClick={() => setFilters((current) => clearFilter(current, f.key))}>
                {f.label}
                <span aria-hidden="true" className="search-chip-x">
                  ×
                </span>
              </button>
            ))}
            {active.length > 1 && (
              <button type="button" className="link-button search-clear" onClick={() => setFilters(NO_FILTERS)}>
                Clear all filters
              </button>
            )}
          </div>
        )}
        <div className="search-status">
          <p role="status" className={status.empty ? 'search-status-title' : undefined}>
            {status.text}
          </p>
          {status.hint && <p className="search-status-hint">{status.hint}</p>}
          {answer?.error && (
            <p role="alert" className="dialog-error">
              The search failed: {answer.error}
            </p>
          )}
        </div>
        <div ref={listRef} id={`${id}-results`} role="listbox" aria-label="Search results" className="search-results">
          {groups.map((group, groupIndex) => (
            <div key={group.kind} role="group" aria-labelledby={`${id}-group-${group.kind}`} className="search-group">
              <div id={`${id}-group-${group.kind}`} role="presentation" className="search-group-head">
                <span className="search-group-name">{SEARCH_KIND_NAMES[group.kind]}</span> <span className="search-group-count">{countLabel(group)}</span>
              </div>
              {options
                .filter((o) => o.groupIndex === groupIndex)
                .map((option) => (
                  <HitRow
                    key={option.key}
                    id={optionId(option.key)}
                    dataKey={option.key}
                    hit={option.hit}
                    context={hitContext(option.hit, notebook)}
                    active={option.key === activeKey}
                    onHover={() => setActiveKey(option.key)}
                    onOpen={() => open(option.hit)}
                  />
                ))}
            </div>
          ))}
        </div>
        <p id={`${id}-keys`} className="search-keys">
          <kbd>↑</kbd> <kbd>↓</kbd> move · <kbd>Page Up</kbd> <kbd>Page Down</kbd> groups · <kbd>Enter</kbd> opens · <kbd>Esc</kbd> closes
        </p>
      </div>
    </Dialog>
  );
}

function HitRow({ id, dataKey, hit, context, active, onHover, onOpen }: { id: string; dataKey: string; hit: SearchHit; context: string; active: boolean; onHover: () => void; onOpen: () => void }) {
  const marked = snippetSegments(hit.snippet).map((segment, i) => (segment.marked ? <mark key={i}>{segment.text}</mark> : <span key={i}>{segment.text}</span>));
  const titleOnly = snippetIsTitle(hit);
  const meta = [context, matchedIn(hit)].filter(Boolean).join(' · ');
  return (
    <div
      id={id}
      data-key={dataKey}
      role="option"
      aria-selected={active}
      tabIndex={-1}
      className={active ? 'search-hit search-hit-active' : 'search-hit'}
      // The focus stays in the search box: a click opens the hit without taking it.
      onMouseDown={(event) => event.preventDefault()}
      onMouseMove={active ? undefined : onHover}
      onClick={onOpen}
    >
      {titleOnly ? <span className="search-hit-title search-hit-title-marked">{marked}</span> : <span className="search-hit-title">{hit.title}</span>}
      {!titleOnly && <span className="search-hit-snippet">{marked}</span>}
      {meta && <span className="search-hit-meta">{meta}</span>}
    </div>
  );
}

/** The shortcut as the toolbar's tooltip shows it. */
export const SEARCH_KEYS = MOD === '⌘' ? '⌘K or /' : 'Ctrl+K or /';
