// What the analyst asks the search for and what comes back: the input schema of the `search` API
// method and its result types. Runs anywhere; the index itself lives in ./search-index.ts.
import { z } from 'zod';
import { NotebookError } from '../errors.js';
import { Credibility, Id, LooseDate, Relation, ReliabilityGrade, Tag } from '../model.js';

/**
 * What a hit can be. `passage` is a stretch of a source's text (the index cuts each text into
 * passages, so a hit can open the reader at the match); `source` is a source's metadata (title,
 * authors, publisher, URL, notes, tags); `notebook` is the notebook-level note.
 */
export const SEARCH_KINDS = ['passage', 'source', 'excerpt', 'claim', 'entity', 'proposition', 'question', 'hypothesis', 'notebook'] as const;
export const SearchKind = z.enum(SEARCH_KINDS);
export type SearchKind = z.infer<typeof SearchKind>;

/** What a group of hits of each kind is called, as an analyst names what is in it (the UI's headings, the CLI's listing). */
export const SEARCH_KIND_NAMES: Record<SearchKind, string> = {
  passage: 'Source text',
  source: 'Sources',
  excerpt: 'Excerpts',
  claim: 'Claims',
  entity: 'Entities',
  proposition: 'Propositions',
  question: 'Questions',
  hypothesis: 'Hypotheses',
  notebook: 'Notebook note',
};

/**
 * A search. Words match by prefix and with typos (one edit in words of 4+ letters, two in 8+).
 * Every filter given must hold; a filter that does not apply to a kind leaves that kind out:
 * - tags: the object has one of these tags or a tag below one (weapons matches weapons/artillery);
 *   passages take their source's tags;
 * - sourceId: the source itself, its passages and excerpts, and claims with evidence from it;
 * - claimantId: claims made by that entity;
 * - reliability: sources with one of these grades, their passages and excerpts;
 * - credibility: claims with one of these grades;
 * - from/to (inclusive, partial dates compare by their first day): a claim's claimedAt, a source's
 *   published date (its passages and excerpts take it);
 * - relation: excerpts and claims at either end of a live link with this relation.
 * An empty query with filters (kinds included) lists the objects that pass them, newest first,
 * without passages.
 */
export const SearchQuery = z.object({
  query: z.string().max(1000),
  kinds: z.array(SearchKind).max(SEARCH_KINDS.length).default([]),
  tags: z.array(Tag).max(50).default([]),
  sourceId: Id.optional(),
  claimantId: Id.optional(),
  reliability: z.array(ReliabilityGrade).max(6).default([]),
  credibility: z.array(Credibility.shape.grade).max(6).default([]),
  from: LooseDate.optional(),
  to: LooseDate.optional(),
  relation: Relation.optional(),
  /** Hits per kind. */
  limit: z.number().int().positive().max(500).default(20),
});
export type SearchQuery = z.infer<typeof SearchQuery>;
export type SearchQueryInput = z.input<typeof SearchQuery>;

/** The query with its defaults; throws NotebookError('invalid') saying what is wrong with one that does not parse. */
export function parseSearchQuery(input: SearchQueryInput): SearchQuery {
  const parsed = SearchQuery.safeParse(input);
  if (!parsed.success) throw new NotebookError('invalid', `search: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'query'} ${i.message}`).join('; ')}`);
  return parsed.data;
}

/** A piece of text to show with the matching words marked: [start, end) in UTF-16 units of `text`. */
export interface Snippet {
  text: string;
  marks: [number, number][];
  /** The snippet starts after the beginning, or ends before the end, of what it was cut from. */
  cutStart: boolean;
  cutEnd: boolean;
}

export interface SearchHit {
  kind: SearchKind;
  /** The object's id; for a passage, its source's id (several passages of one source may each be a hit: `range.start` tells them apart). */
  id: Id;
  /** The source a passage or excerpt belongs to. */
  sourceId?: Id;
  /** For a passage: the first match in code points of the source text (the reader scrolls to it and flashes it). */
  range?: { start: number; end: number };
  /** What names the object: a source's title, a claim's statement, an entity's name, an excerpt's quote (cut). */
  title: string;
  /** Which field matched best: 'text' (a passage, or a question's text), 'title', 'statement', 'quote', 'note', 'notes', 'tags', 'aliases', 'authors', … */
  field: string;
  snippet: Snippet;
  score: number;
}

export interface SearchGroup {
  kind: SearchKind;
  hits: SearchHit[];
  /** How many matched in all (hits holds at most `limit`). */
  total: number;
}

export interface SearchResults {
  /** Kinds in a fixed order (SEARCH_KINDS), only those with hits. */
  groups: SearchGroup[];
  /**
   * The index covers the whole notebook; false while it is being built, or still indexing the text
   * of a source just added (groups then empty: an answer never leaves out a text the notebook has).
   */
  ready: boolean;
  /** Documents in the index now (passages, excerpts, claims, …). */
  indexed: number;
  /** Time the search took in the index, in ms. */
  tookMs: number;
}
