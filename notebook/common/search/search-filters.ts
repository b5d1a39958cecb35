// The filters of a search (query.ts documents each), judged against the notebook as it is at the
// moment of the search, so a source's new tags or a claim's new grade filter at once without
// re-indexing anything. Runs anywhere; never changes the notebook.
import type { Id, Notebook, Source } from '../model.js';
import type { SearchKind, SearchQuery } from './query.js';

/** Which object a document of the index stands for. */
export interface DocRef {
  kind: SearchKind;
  /** The object's id; a passage's source id; the notebook's id for its note. */
  id: Id;
}

export type DocFilter = (doc: DocRef) => boolean;

/** Whether the query sets any filter at all (the kinds count): an empty query then lists what they let through. */
export function hasFilters(query: SearchQuery): boolean {
  return (
    query.kinds.length > 0 ||
    query.tags.length > 0 ||
    query.sourceId !== undefined ||
    query.claimantId !== undefined ||
    query.reliability.length > 0 ||
    query.credibility.length > 0 ||
    query.from !== undefined ||
    query.to !== undefined ||
    query.relation !== undefined
  );
}

/**
 * The test a document must pass, prepared once per search: the sets that need a walk over the
 * links (claims with evidence from a source, objects at the ends of a relation) are made here, not
 * per document.
 */
export function makeFilter(notebook: Notebook, query: SearchQuery): DocFilter {
  const checks: DocFilter[] = [];
  if (query.kinds.length) {
    const kinds = new Set<SearchKind>(query.kinds);
    checks.push((d) => kinds.has(d.kind));
  }
  if (query.tags.length) {
    const wanted = query.tags.map((t) => t.toLowerCase());
    checks.push((d) => {
      const tags = tagsOf(notebook, d);
      return tags !== null && tags.some((tag) => underAny(tag.toLowerCase(), wanted));
    });
  }
  if (query.sourceId !== undefined) {
    const sourceId = query.sourceId;
    const claims = claimsWithEvidenceFrom(notebook, sourceId);
    checks.push((d) => (d.kind === 'claim' ? claims.has(d.id) : sourceOf(notebook, d)?.id === sourceId));
  }
  if (query.claimantId !== undefined) {
    const claimantId = query.claimantId;
    checks.push((d) => d.kind === 'claim' && notebook.claims[d.id]?.claimantId === claimantId);
  }
  if (query.reliability.length) {
    const grades = new Set<string>(query.reliability);
    checks.push((d) => {
      const grade = d.kind === 'claim' ? undefined : sourceOf(notebook, d)?.reliability?.grade;
      return grade !== undefined && grades.has(grade);
    });
  }
  if (query.credibility.length) {
    const grades = new Set<string>(query.credibility);
    checks.push((d) => {
      const grade = d.kind === 'claim' ? notebook.claims[d.id]?.credibility?.grade : undefined;
      return grade !== undefined && grades.has(grade);
    });
  }
  if (query.from !== undefined || query.to !== undefined) {
    const from = query.from === undefined ? null : firstDay(query.from);
    const to = query.to === undefined ? null : firstDay(query.to);
    checks.push((d) => {
      const date = dateOf(notebook, d);
      if (date === undefined) return false;
      const day = firstDay(date);
      return (from === null || day >= from) && (to === null || day <= to);
    });
  }
  if (query.relation !== undefined) {
    const ends = endsOfRelation(notebook, query.relation);
    checks.push((d) => (d.kind === 'excerpt' || d.kind === 'claim') && ends.has(d.id));
  }
  return (d) => checks.every((check) => check(d));
}

/** A tag is under a wanted one when it is that tag or below it: weapons matches weapons/artillery. */
function underAny(tag: string, wanted: readonly string[]): boolean {
  return wanted.some((w) => tag === w || tag.startsWith(`${w}/`));
}

/** The tags a document carries (a passage: its source's); null for kinds without tags. */
function tagsOf(notebook: Notebook, d: DocRef): readonly string[] | null {
  switch (d.kind) {
    case 'passage':
    case 'source':
      return notebook.sources[d.id]?.tags ?? null;
    case 'excerpt':
      return notebook.excerpts[d.id]?.tags ?? null;
    case 'claim':
      return notebook.claims[d.id]?.tags ?? null;
    default:
      return null;
  }
}

/** The source a passage, source or excerpt belongs to; undefined for other kinds. */
function sourceOf(notebook: Notebook, d: DocRef): Source | undefined {
  if (d.kind === 'passage' || d.kind === 'source') return notebook.sources[d.id];
  if (d.kind === 'excerpt') {
    const excerpt = notebook.excerpts[d.id];
    return excerpt ? notebook.sources[excerpt.sourceId] : undefined;
  }
  return undefined;
}

/** A claim's claimedAt; a source's published date, also for its passages and excerpts. */
function dateOf(notebook: Notebook, d: DocRef): string | undefined {
  if (d.kind === 'claim') return notebook.claims[d.id]?.claimedAt;
  return sourceOf(notebook, d)?.dates.published?.value;
}

/**
 * The day a loose date starts on, as yyyy-mm-dd, which compares as a string: 2024 is 2024-01-01,
 * 2024-03 is 2024-03-01; an instant is its calendar date as written.
 */
export function firstDay(date: string): string {
  const [year, month = '01', day = '01'] = date.slice(0, 10).split('-');
  return `${year}-${month}-${day}`;
}

function claimsWithEvidenceFrom(notebook: Notebook, sourceId: Id): Set<Id> {
  const claims = new Set<Id>();
  for (const link of Object.values(notebook.links)) {
    if (link.deletedAt || link.fromKind !== 'excerpt') continue;
    const excerpt = notebook.excerpts[link.fromId];
    if (excerpt && !excerpt.deletedAt && excerpt.sourceId === sourceId) claims.add(link.toId);
  }
  return claims;
}

function endsOfRelation(notebook: Notebook, relation: string): Set<Id> {
  const ends = new Set<Id>();
  for (const link of Object.values(notebook.links)) {
    if (link.deletedAt || link.relation !== relation) continue;
    ends.add(link.fromId);
    ends.add(link.toId);
  }
  return ends;
}
