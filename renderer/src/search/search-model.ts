// What the search dialog shows and does, without React: group headings and counts, snippets cut
// into marked and unmarked stretches, the filters as the analyst set them and as the API takes
// them, moving through the hits from the keyboard, and where a hit leads. Pure; never searches.
import { CREDIBILITY, LooseDate, RELIABILITY, type Id, type Notebook, type Relation } from '../../../notebook/common/model.js';
import { SEARCH_KIND_NAMES, SEARCH_KINDS, type SearchGroup, type SearchHit, type SearchKind, type SearchQueryInput, type SearchResults, type Snippet } from '../../../notebook/common/search/query.js';
import { formatCount, plural } from '../ui/format.js';

/** Hits asked for per kind; a search narrowed to one kind asks for more, since nothing else competes for the room. */
export const HITS_PER_KIND = 20;
export const HITS_ONE_KIND = 100;

export type ReliabilityGrade = keyof typeof RELIABILITY;
export type CredibilityGrade = keyof typeof CREDIBILITY;
export const RELIABILITY_GRADES = Object.keys(RELIABILITY) as ReliabilityGrade[];
export const CREDIBILITY_GRADES = Object.keys(CREDIBILITY) as CredibilityGrade[];

/** The filters as the dialog holds them: '' is "any"; dates as typed, so a half-typed date is kept. */
export interface SearchFilters {
  kinds: SearchKind[];
  tag: string;
  sourceId: Id | '';
  claimantId: Id | '';
  reliability: ReliabilityGrade[];
  credibility: CredibilityGrade[];
  from: string;
  to: string;
  relation: Relation | '';
}

export const NO_FILTERS: SearchFilters = { kinds: [], tag: '', sourceId: '', claimantId: '', reliability: [], credibility: [], from: '', to: '', relation: '' };

/** "3", or "42, showing 20" when the group holds fewer hits than matched. */
export function countLabel(group: Pick<SearchGroup, 'hits' | 'total'>): string {
  return group.total > group.hits.length ? `${formatCount(group.total)}, showing ${formatCount(group.hits.length)}` : formatCount(group.total);
}

export interface Segment {
  text: string;
  marked: boolean;
}

/**
 * A snippet as stretches of text, the matching words marked. Marks are taken as given but made
 * safe: clamped to the text, sorted, overlapping or touching ones merged, empty ones dropped. An
 * ellipsis stands where the snippet was cut from a longer text.
 */
export function snippetSegments(snippet: Snippet): Segment[] {
  const { text } = snippet;
  const marks = snippet.marks
    .map(([s, e]) => [Math.max(0, Math.min(s, text.length)), Math.max(0, Math.min(e, text.length))] as const)
    .filter(([s, e]) => e > s)
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: [number, number][] = [];
  for (const [s, e] of marks) {
    const last = merged.at(-1);
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else merged.push([s, e]);
  }
  const segments: Segment[] = [];
  const plain = (t: string) => {
    if (!t) return;
    const last = segments.at(-1);
    if (last && !last.marked) last.text += t;
    else segments.push({ text: t, marked: false });
  };
  if (snippet.cutStart) plain('…');
  let at = 0;
  for (const [s, e] of merged) {
    plain(text.slice(at, s));
    segments.push({ text: text.slice(s, e), marked: true });
    at = e;
  }
  plain(text.slice(at));
  if (snippet.cutEnd) plain('…');
  return segments;
}

/** Which field matched, when it is not the one the title already shows: "in notes", "in tags"… */
export function matchedIn(hit: Pick<SearchHit, 'kind' | 'field'>): string {
  const shown: Record<string, true> = { text: true, title: true, statement: true, quote: true, name: true };
  if (shown[hit.field]) return '';
  const words: Record<string, string> = { note: 'note', notes: 'notes', tags: 'tags', aliases: 'aliases', authors: 'authors', publisher: 'publisher', url: 'URL', claimant: 'claimant' };
  return `in ${words[hit.field] ?? hit.field}`;
}

/**
 * Whether the snippet only repeats what the title says (a claim's statement, an excerpt's quote,
 * an entity's name): then the title itself is shown with the marks, and no snippet below it.
 */
export function snippetIsTitle(hit: Pick<SearchHit, 'title' | 'snippet'>): boolean {
  const flat = (t: string) => t.replace(/…/g, '').replace(/\s+/g, ' ').trim();
  const title = flat(hit.title);
  const snippet = flat(hit.snippet.text);
  if (!title || !snippet) return false;
  return !hit.snippet.cutStart && (snippet.startsWith(title) || title.startsWith(snippet));
}

/** A few words that place a hit: an excerpt's source, a claim's claimant, an entity's kind, a hypothesis's question. */
export function hitContext(hit: Pick<SearchHit, 'kind' | 'id' | 'sourceId'>, notebook: Notebook): string {
  switch (hit.kind) {
    case 'excerpt': {
      const sourceId = hit.sourceId ?? notebook.excerpts[hit.id]?.sourceId;
      const title = sourceId ? notebook.sources[sourceId]?.title : undefined;
      return title ? `from ${title}` : '';
    }
    case 'claim': {
      const claim = notebook.claims[hit.id];
      if (!claim) return '';
      const claimant = claim.claimantId ? notebook.entities[claim.claimantId]?.name : undefined;
      return [claimant ?? 'no claimant', claim.polarity === 'denies' ? 'denies' : ''].filter(Boolean).join(' · ');
    }
    case 'entity':
      return notebook.entities[hit.id]?.kind ?? '';
    case 'hypothesis': {
      const question = notebook.questions[notebook.hypotheses[hit.id]?.questionId ?? ''];
      return question ? `answers: ${question.text}` : '';
    }
    default:
      return '';
  }
}

/** Why a typed date cannot be used ('' when it can, or when nothing is typed). */
export function dateProblem(value: string): string {
  const typed = value.trim();
  if (!typed || LooseDate.safeParse(typed).success) return '';
  return `“${typed}” is not a date: type a year, a month or a day (2023, 2023-10 or 2023-10-14).`;
}

export function hasFilters(filters: SearchFilters): boolean {
  return activeFilters(filters).length > 0;
}

/**
 * The search the API is asked, or null when there is nothing to ask (no words and no usable
 * filter). A date that is not one yet is left out rather than failing the whole search.
 */
export function toSearchQuery(words: string, filters: SearchFilters): SearchQueryInput | null {
  const query = words.trim();
  const from = filters.from.trim();
  const to = filters.to.trim();
  const input: SearchQueryInput = {
    query,
    kinds: [...filters.kinds],
    tags: filters.tag ? [filters.tag] : [],
    reliability: [...filters.reliability],
    credibility: [...filters.credibility],
    limit: filters.kinds.length === 1 ? HITS_ONE_KIND : HITS_PER_KIND,
  };
  if (filters.sourceId) input.sourceId = filters.sourceId;
  if (filters.claimantId) input.claimantId = filters.claimantId;
  if (from && !dateProblem(from)) input.from = from;
  if (to && !dateProblem(to)) input.to = to;
  if (filters.relation) input.relation = filters.relation;
  const usable = activeFilters(filters).some((f) => (f.key !== 'from' && f.key !== 'to') || !dateProblem(filters[f.key]));
  return query || usable ? input : null;
}

export type FilterKey = keyof SearchFilters;

export interface ActiveFilter {
  key: FilterKey;
  /** What the chip says: "Tag: weapons", "Claims, Excerpts", "Reliability A, B". */
  label: string;
}

/** The filters in force, in the order the panel shows them, each one clearable on its own. */
export function activeFilters(filters: SearchFilters, notebook?: Notebook): ActiveFilter[] {
  const found: ActiveFilter[] = [];
  if (filters.kinds.length) {
    const kinds = SEARCH_KINDS.filter((k) => filters.kinds.includes(k)).map((k) => SEARCH_KIND_NAMES[k]);
    found.push({ key: 'kinds', label: `Only ${kinds.join(', ')}` });
  }
  if (filters.tag) found.push({ key: 'tag', label: `Tag: ${filters.tag}` });
  if (filters.sourceId) found.push({ key: 'sourceId', label: `Source: ${notebook?.sources[filters.sourceId]?.title ?? 'a source no longer here'}` });
  if (filters.claimantId) found.push({ key: 'claimantId', label: `Claimant: ${notebook?.entities[filters.claimantId]?.name ?? 'an entity no longer here'}` });
  if (filters.reliability.length) found.push({ key: 'reliability', label: `Reliability ${sortedAs(filters.reliability, RELIABILITY_GRADES).join(', ')}` });
  if (filters.credibility.length) found.push({ key: 'credibility', label: `Credibility ${sortedAs(filters.credibility, CREDIBILITY_GRADES).join(', ')}` });
  if (filters.from.trim()) found.push({ key: 'from', label: `From ${filters.from.trim()}` });
  if (filters.to.trim()) found.push({ key: 'to', label: `To ${filters.to.trim()}` });
  if (filters.relation) found.push({ key: 'relation', label: `Relation: ${filters.relation}` });
  return found;
}

function sortedAs<T>(values: readonly T[], order: readonly T[]): T[] {
  return order.filter((v) => values.includes(v));
}

/** The filters with one of them back to "any". */
export function clearFilter(filters: SearchFilters, key: FilterKey): SearchFilters {
  return { ...filters, [key]: NO_FILTERS[key] };
}

/** Adds or takes out one value of a many-valued filter (kinds, reliability, credibility). */
export function toggled<T>(values: readonly T[], value: T, on: boolean): T[] {
  const without = values.filter((v) => v !== value);
  return on ? [...without, value] : without;
}

/** Every tag on a live source, excerpt or claim, and every parent of one, in tree order. */
export function tagChoices(notebook: Notebook): { path: string; depth: number }[] {
  const paths = new Set<string>();
  const add = (tags: readonly string[]) => {
    for (const tag of tags) {
      const parts = tag.split('/');
      for (let i = 1; i <= parts.length; i++) paths.add(parts.slice(0, i).join('/'));
    }
  };
  for (const collection of [notebook.sources, notebook.excerpts, notebook.claims]) {
    for (const object of Object.values(collection)) if (!object.deletedAt) add(object.tags);
  }
  // Sorted by segments, so a parent comes right before its children ("a/b" before "a-z").
  const key = (path: string) => path.split('/');
  return [...paths]
    .sort((a, b) => {
      const x = key(a);
      const y = key(b);
      for (let i = 0; i < Math.min(x.length, y.length); i++) {
        const c = x[i]!.localeCompare(y[i]!);
        if (c) return c;
      }
      return x.length - y.length;
    })
    .map((path) => ({ path, depth: path.split('/').length - 1 }));
}

/** Live sources by title, for the Source filter. */
export function sourceChoices(notebook: Notebook): { id: Id; title: string }[] {
  return Object.values(notebook.sources)
    .filter((s) => !s.deletedAt)
    .map((s) => ({ id: s.id, title: s.title || 'Untitled source' }))
    .sort((a, b) => a.title.localeCompare(b.title) || (a.id < b.id ? -1 : 1));
}

/** The entities that make a live claim, by name, for the Claimant filter. */
export function claimantChoices(notebook: Notebook): { id: Id; name: string }[] {
  const ids = new Set<Id>();
  for (const claim of Object.values(notebook.claims)) if (!claim.deletedAt && claim.claimantId) ids.add(claim.claimantId);
  return [...ids]
    .map((id) => ({ id, name: notebook.entities[id]?.name ?? 'Unknown claimant' }))
    .sort((a, b) => a.name.localeCompare(b.name) || (a.id < b.id ? -1 : 1));
}

/** One hit as an option of the results list: a key that stays the same for the same hit. */
export interface HitOption {
  key: string;
  hit: SearchHit;
  groupIndex: number;
}

/** A passage's id is its source's, so passages of one source are told apart by where they match. */
export function hitKey(hit: Pick<SearchHit, 'kind' | 'id' | 'range'>): string {
  return hit.range ? `${hit.kind}:${hit.id}:${hit.range.start}` : `${hit.kind}:${hit.id}`;
}

/** The hits in the order the list shows them, group after group. */
export function hitOptions(groups: readonly SearchGroup[]): HitOption[] {
  const options: HitOption[] = [];
  const seen = new Set<string>();
  groups.forEach((group, groupIndex) => {
    for (const hit of group.hits) {
      let key = hitKey(hit);
      // Two hits the index made identical still need two options.
      for (let n = 2; seen.has(key); n++) key = `${hitKey(hit)}#${n}`;
      seen.add(key);
      options.push({ key, hit, groupIndex });
    }
  });
  return options;
}

export type Move = 'next' | 'previous' | 'first' | 'last' | 'next-group' | 'previous-group';

/**
 * Where the active hit goes on a key: ↓/↑ one hit, wrapping at the ends; Page Down/Up the first
 * hit of the next/previous group (or of this one, going up from inside it). Nothing active yet
 * starts at the first (down) or last (up) hit.
 */
export function moveActive(options: readonly HitOption[], activeKey: string | null, move: Move): string | null {
  if (!options.length) return null;
  const last = options.length - 1;
  const at = activeKey === null ? -1 : options.findIndex((o) => o.key === activeKey);
  const index = (() => {
    switch (move) {
      case 'first':
        return 0;
      case 'last':
        return last;
      case 'next':
        return at < 0 || at === last ? 0 : at + 1;
      case 'previous':
        return at <= 0 ? last : at - 1;
      case 'next-group': {
        if (at < 0) return 0;
        const next = options.findIndex((o) => o.groupIndex > options[at]!.groupIndex);
        return next < 0 ? at : next;
      }
      case 'previous-group': {
        if (at < 0) return last;
        const group = options[at]!.groupIndex;
        const startOfThis = options.findIndex((o) => o.groupIndex === group);
        if (startOfThis < at) return startOfThis;
        const previousGroup = options[startOfThis - 1]?.groupIndex;
        return previousGroup === undefined ? at : options.findIndex((o) => o.groupIndex === previousGroup);
      }
    }
  })();
  return options[index]!.key;
}

/** Where opening a hit leads. */
export type HitTarget =
  | { to: 'passage'; sourceId: Id; range: { start: number; end: number } }
  | { to: 'source'; id: Id }
  | { to: 'excerpt'; id: Id }
  | { to: 'claim'; id: Id }
  | { to: 'entity'; id: Id }
  | { to: 'hypotheses'; questionId: Id | null }
  | { to: 'board'; propositionId: Id }
  | { to: 'notebook-note' };

export function hitTarget(hit: SearchHit, notebook: Notebook): HitTarget {
  switch (hit.kind) {
    case 'passage': {
      const sourceId = hit.sourceId ?? hit.id;
      return hit.range ? { to: 'passage', sourceId, range: hit.range } : { to: 'source', id: sourceId };
    }
    case 'source':
      return { to: 'source', id: hit.id };
    case 'excerpt':
      return { to: 'excerpt', id: hit.id };
    case 'claim':
      return { to: 'claim', id: hit.id };
    case 'entity':
      return { to: 'entity', id: hit.id };
    case 'question':
      return { to: 'hypotheses', questionId: hit.id };
    case 'hypothesis':
      return { to: 'hypotheses', questionId: notebook.hypotheses[hit.id]?.questionId ?? null };
    case 'proposition':
      return { to: 'board', propositionId: hit.id };
    case 'notebook':
      return { to: 'notebook-note' };
  }
}

/** What the status line says about a finished search. */
export function resultsSummary(groups: readonly SearchGroup[]): string {
  const total = groups.reduce((n, g) => n + g.total, 0);
  if (!total) return '';
  const kinds = groups.map((g) => `${SEARCH_KIND_NAMES[g.kind]} ${formatCount(g.total)}`).join(', ');
  return `${plural(total, 'match', 'matches')}: ${kinds}.`;
}

/** What the dialog says when nothing matched, with what the analyst can do about it. */
export function noMatches(words: string, filters: SearchFilters): { title: string; hint: string } {
  const typed = words.trim();
  const filtered = hasFilters(filters);
  const title = typed ? `No matches for “${typed}”${filtered ? ' with these filters' : ''}` : 'Nothing matches these filters';
  const hints: string[] = [];
  if (filtered) hints.push(typed ? 'Remove a filter to search more widely.' : 'Remove a filter, or type words to search for.');
  if (typed) hints.push('Spelling need not be exact and the start of a word is enough, but every word must match: try fewer words.');
  return { title, hint: hints.join(' ') };
}

/**
 * The line above the hits, as the search goes: what to do before anything is asked, "Searching…"
 * until the first answer (undefined), nothing more to say after a failure with no answer (null:
 * the error says it), the index being built, the counts, or why nothing matched.
 */
export function searchStatus(words: string, filters: SearchFilters, asked: boolean, results: SearchResults | null | undefined): { text: string; hint?: string; empty?: true } {
  if (!asked) return { text: 'Type to search source text, excerpts, claims, notes and entities, or choose filters to list what matches them.' };
  if (results === undefined) return { text: 'Searching…' };
  if (results === null) return { text: '' };
  if (!results.ready) return { text: 'Building the search index…' };
  const summary = resultsSummary(results.groups);
  if (summary) return { text: summary };
  const none = noMatches(words, filters);
  return { text: none.title, hint: none.hint, empty: true };
}
