// The search dialog's model: what the analyst reads in the results (headings, counts, marked
// words), what the filters ask the API, and where the keyboard and a click take them.
import { describe, expect, it } from 'vitest';
import type { SearchGroup, SearchHit, SearchKind } from '../../../notebook/common/search/query.js';
import { SearchQuery } from '../../../notebook/common/search/query.js';
import {
  activeFilters,
  claimantChoices,
  clearFilter,
  countLabel,
  dateProblem,
  hitContext,
  hitOptions,
  hitTarget,
  matchedIn,
  moveActive,
  NO_FILTERS,
  noMatches,
  resultsSummary,
  searchStatus,
  snippetIsTitle,
  snippetSegments,
  sourceChoices,
  tagChoices,
  toggled,
  toSearchQuery,
  type SearchFilters,
} from '../../../renderer/src/search/search-model.js';
import { NotebookBuilder } from '../notebook/notebook-builder.js';

const ID = (n: number) => `0190a000-0000-7000-8000-${String(n).padStart(12, '0')}`;

function hit(kind: SearchKind, n: number, extra: Partial<SearchHit> = {}): SearchHit {
  return { kind, id: ID(n), title: `${kind} ${n}`, field: 'title', snippet: { text: `${kind} ${n}`, marks: [], cutStart: false, cutEnd: false }, score: 1, ...extra };
}

function group(kind: SearchKind, ...ns: number[]): SearchGroup {
  return { kind, hits: ns.map((n) => hit(kind, n)), total: ns.length };
}

const filters = (f: Partial<SearchFilters>): SearchFilters => ({ ...NO_FILTERS, ...f });

describe('group counts', () => {
  it('says how many matched, and how many are shown when not all are', () => {
    expect(countLabel({ hits: [hit('claim', 1), hit('claim', 2), hit('claim', 3)], total: 3 })).toBe('3');
    expect(countLabel({ hits: Array.from({ length: 20 }, (_, i) => hit('passage', i)), total: 42 })).toBe('42, showing 20');
  });

  it('sums up the search by kind for the status line, in the order of the groups', () => {
    expect(resultsSummary([group('passage', 1, 2), group('claim', 3)])).toBe('3 matches: Source text 2, Claims 1.');
    expect(resultsSummary([group('notebook', 1)])).toBe('1 match: Notebook note 1.');
    expect(resultsSummary([])).toBe('');
  });

  it('writes large counts with their thousands apart, as the rest of the window does', () => {
    const many = (kind: SearchKind, total: number): SearchGroup => ({ ...group(kind, 1, 2), total });
    expect(countLabel(many('passage', 39_560))).toBe('39,560, showing 2');
    expect(resultsSummary([many('passage', 39_560), many('excerpt', 4_379), group('claim', 1)])).toBe('43,940 matches: Source text 39,560, Excerpts 4,379, Claims 1.');
  });
});

describe('snippet segments', () => {
  const text = 'accused North Korea of shipping artillery shells';

  it('marks exactly the matched words and keeps the rest as it is', () => {
    const segments = snippetSegments({ text, marks: [[32, 41], [8, 13]], cutStart: false, cutEnd: false });
    expect(segments).toEqual([
      { text: 'accused ', marked: false },
      { text: 'North', marked: true },
      { text: ' Korea of shipping ', marked: false },
      { text: 'artillery', marked: true },
      { text: ' shells', marked: false },
    ]);
    expect(segments.map((s) => s.text).join('')).toBe(text);
  });

  it('merges overlapping and touching marks, and drops empty and out-of-range ones', () => {
    const segments = snippetSegments({ text: 'artillery shells', marks: [[0, 5], [3, 9], [9, 9], [10, 99], [-4, 0]], cutStart: false, cutEnd: false });
    expect(segments).toEqual([
      { text: 'artillery', marked: true },
      { text: ' ', marked: false },
      { text: 'shells', marked: true },
    ]);
  });

  it('shows an ellipsis where the snippet was cut from a longer text', () => {
    const segments = snippetSegments({ text: 'shells and missiles', marks: [[0, 6]], cutStart: true, cutEnd: true });
    expect(segments).toEqual([
      { text: '…', marked: false },
      { text: 'shells', marked: true },
      { text: ' and missiles…', marked: false },
    ]);
  });

  it('keeps an emoji whole when a mark ends right after it (UTF-16 offsets)', () => {
    const withEmoji = 'A dangerous trade 😠, one lawmaker posted';
    const start = withEmoji.indexOf('😠');
    const segments = snippetSegments({ text: withEmoji, marks: [[start, start + 2]], cutStart: false, cutEnd: false });
    expect(segments.find((s) => s.marked)?.text).toBe('😠');
  });
});

describe('which field matched', () => {
  it('says nothing when the title shows the match, and names the field otherwise', () => {
    expect(matchedIn({ kind: 'claim', field: 'statement' })).toBe('');
    expect(matchedIn({ kind: 'passage', field: 'text' })).toBe('');
    expect(matchedIn({ kind: 'claim', field: 'notes' })).toBe('in notes');
    expect(matchedIn({ kind: 'entity', field: 'aliases' })).toBe('in aliases');
    expect(matchedIn({ kind: 'source', field: 'url' })).toBe('in URL');
  });
});

describe('filters to a search', () => {
  it('asks nothing with no words and no filters, and words alone search every kind', () => {
    expect(toSearchQuery('   ', NO_FILTERS)).toBeNull();
    expect(toSearchQuery(' artilery ', NO_FILTERS)).toEqual({ query: 'artilery', kinds: [], tags: [], reliability: [], credibility: [], limit: 20 });
  });

  it('lists what matches the filters when no words are typed', () => {
    expect(toSearchQuery('', filters({ tag: 'weapons' }))).toMatchObject({ query: '', tags: ['weapons'] });
  });

  it('passes every filter the API knows, and the result is a valid search', () => {
    const all = filters({
      kinds: ['claim', 'excerpt'],
      tag: 'weapons/artillery',
      sourceId: ID(1),
      claimantId: ID(2),
      reliability: ['B', 'A'],
      credibility: ['2'],
      from: '2023-10',
      to: ' 2023-10-31 ',
      relation: 'refutes',
    });
    const query = toSearchQuery('shells', all)!;
    expect(query).toEqual({
      query: 'shells',
      kinds: ['claim', 'excerpt'],
      tags: ['weapons/artillery'],
      sourceId: ID(1),
      claimantId: ID(2),
      reliability: ['B', 'A'],
      credibility: ['2'],
      from: '2023-10',
      to: '2023-10-31',
      relation: 'refutes',
      limit: 20,
    });
    expect(SearchQuery.safeParse(query).success).toBe(true);
  });

  it('asks for more hits when the search is narrowed to one kind', () => {
    expect(toSearchQuery('x', filters({ kinds: ['passage'] }))?.limit).toBe(100);
  });

  it('leaves out a date that is not one yet, rather than failing the search', () => {
    const query = toSearchQuery('shells', filters({ from: '2023-1', to: '2024' }))!;
    expect(query.from).toBeUndefined();
    expect(query.to).toBe('2024');
    expect(dateProblem('2023-1')).toMatch(/“2023-1” is not a date/);
    expect(dateProblem('2023-10-14')).toBe('');
    expect(dateProblem('')).toBe('');
    // A half-typed date alone is nothing to search with yet.
    expect(toSearchQuery('', filters({ from: '20' }))).toBeNull();
  });
});

describe('active filters', () => {
  it('shows each filter in force in words, with names rather than ids', () => {
    const f = new NotebookBuilder();
    const wire = f.source('Northwind Wire report');
    const kim = f.entity('Kim Yo Jong');
    const chips = activeFilters(
      filters({ kinds: ['excerpt', 'passage'], tag: 'weapons', sourceId: wire, claimantId: kim, reliability: ['C', 'A'], credibility: ['3', '1'], from: '2023', relation: 'supports' }),
      f.nb,
    );
    expect(chips.map((c) => c.label)).toEqual([
      'Only Source text, Excerpts',
      'Tag: weapons',
      'Source: Northwind Wire report',
      'Claimant: Kim Yo Jong',
      'Reliability A, C',
      'Credibility 1, 3',
      'From 2023',
      'Relation: supports',
    ]);
    expect(activeFilters(NO_FILTERS)).toEqual([]);
  });

  it('clears one filter and leaves the others', () => {
    const before = filters({ tag: 'weapons', reliability: ['A'] });
    expect(clearFilter(before, 'tag')).toEqual(filters({ reliability: ['A'] }));
    expect(clearFilter(before, 'reliability')).toEqual(filters({ tag: 'weapons' }));
  });

  it('toggles one value of a many-valued filter', () => {
    expect(toggled(['A', 'B'], 'C', true)).toEqual(['A', 'B', 'C']);
    expect(toggled(['A', 'B'], 'A', false)).toEqual(['B']);
    expect(toggled(['A'], 'A', true)).toEqual(['A']);
  });
});

describe('filter choices from the notebook', () => {
  it('offers every tag in use and its parents, each parent right above its children, trashed objects left out', () => {
    const f = new NotebookBuilder();
    const wire = f.source('Wire');
    f.claim('Shells shipped.', { tags: ['weapons/artillery', 'politics'] });
    f.claim('Missiles shipped.', { tags: ['weapons-trade'] });
    const gone = f.claim('Trashed claim.', { tags: ['trashed/only'] });
    f.trash('claim', gone);
    const excerpt = f.excerpt(wire, 'shells');
    f.nb.excerpts[excerpt]!.tags = ['weapons/missiles/ballistic'];
    f.nb.sources[wire]!.tags = ['wire'];
    expect(tagChoices(f.nb)).toEqual([
      { path: 'politics', depth: 0 },
      { path: 'weapons', depth: 0 },
      { path: 'weapons/artillery', depth: 1 },
      { path: 'weapons/missiles', depth: 1 },
      { path: 'weapons/missiles/ballistic', depth: 2 },
      { path: 'weapons-trade', depth: 0 },
      { path: 'wire', depth: 0 },
    ]);
  });

  it('offers live sources by title and the entities that make claims by name', () => {
    const f = new NotebookBuilder();
    const b = f.source('B report');
    const a = f.source('A statement');
    f.trash('source', f.source('C trashed'));
    const kim = f.entity('Kim Yo Jong');
    const us = f.entity('United States');
    f.entity('Never a claimant');
    f.claim('Denied.', { claimantId: kim });
    f.claim('Asserted.', { claimantId: us });
    expect(sourceChoices(f.nb)).toEqual([
      { id: a, title: 'A statement' },
      { id: b, title: 'B report' },
    ]);
    expect(claimantChoices(f.nb).map((c) => c.name)).toEqual(['Kim Yo Jong', 'United States']);
  });
});

describe('moving through the hits', () => {
  const groups = [group('passage', 1, 2), group('claim', 3), group('entity', 4, 5)];
  const options = hitOptions(groups);
  const keys = options.map((o) => o.key);

  it('goes down and up one hit across groups, wrapping at the ends', () => {
    expect(moveActive(options, null, 'next')).toBe(keys[0]);
    expect(moveActive(options, keys[1]!, 'next')).toBe(keys[2]);
    expect(moveActive(options, keys[4]!, 'next')).toBe(keys[0]);
    expect(moveActive(options, keys[0]!, 'previous')).toBe(keys[4]);
    expect(moveActive(options, keys[3]!, 'previous')).toBe(keys[2]);
    expect(moveActive(options, null, 'previous')).toBe(keys[4]);
  });

  it('jumps to the first hit of the next or previous group', () => {
    expect(moveActive(options, keys[0]!, 'next-group')).toBe(keys[2]);
    expect(moveActive(options, keys[2]!, 'next-group')).toBe(keys[3]);
    // The last group has no next one: the active hit stays.
    expect(moveActive(options, keys[4]!, 'next-group')).toBe(keys[4]);
    // From inside a group, up goes to its first hit; from its first hit, to the group above.
    expect(moveActive(options, keys[4]!, 'previous-group')).toBe(keys[3]);
    expect(moveActive(options, keys[3]!, 'previous-group')).toBe(keys[2]);
    expect(moveActive(options, keys[2]!, 'previous-group')).toBe(keys[0]);
    expect(moveActive(options, keys[0]!, 'previous-group')).toBe(keys[0]);
  });

  it('has nothing to move to when nothing matched', () => {
    expect(moveActive([], null, 'next')).toBeNull();
  });

  it('tells apart passages of one source by where they match', () => {
    const passages: SearchGroup = { kind: 'passage', total: 3, hits: [hit('passage', 1, { range: { start: 0, end: 5 } }), hit('passage', 1, { range: { start: 900, end: 905 } }), hit('passage', 1, { range: { start: 900, end: 905 } })] };
    const keysOf = hitOptions([passages]).map((o) => o.key);
    expect(new Set(keysOf).size).toBe(3);
  });
});

describe('where a hit leads', () => {
  const f = new NotebookBuilder();
  const wire = f.source('Wire');
  const question = f.nb.questions;
  const qId = ID(90);
  const hId = ID(91);
  question[qId] = { id: qId, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', text: 'Is it so?', evidence: [], notes: '' };
  f.nb.hypotheses[hId] = { id: hId, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', questionId: qId, statement: 'It is so.', ratings: {}, notes: '' };

  it('opens a passage at its match in its source, and each other kind where it lives', () => {
    expect(hitTarget(hit('passage', 0, { id: wire, sourceId: wire, range: { start: 40, end: 49 } }), f.nb)).toEqual({ to: 'passage', sourceId: wire, range: { start: 40, end: 49 } });
    expect(hitTarget(hit('passage', 0, { id: wire }), f.nb)).toEqual({ to: 'source', id: wire });
    expect(hitTarget(hit('source', 1), f.nb)).toEqual({ to: 'source', id: ID(1) });
    expect(hitTarget(hit('excerpt', 2), f.nb)).toEqual({ to: 'excerpt', id: ID(2) });
    expect(hitTarget(hit('claim', 3), f.nb)).toEqual({ to: 'claim', id: ID(3) });
    expect(hitTarget(hit('entity', 4), f.nb)).toEqual({ to: 'entity', id: ID(4) });
    expect(hitTarget(hit('proposition', 5), f.nb)).toEqual({ to: 'board', propositionId: ID(5) });
    expect(hitTarget(hit('question', 90), f.nb)).toEqual({ to: 'hypotheses', questionId: qId });
    expect(hitTarget(hit('hypothesis', 91), f.nb)).toEqual({ to: 'hypotheses', questionId: qId });
    expect(hitTarget(hit('notebook', 0, { id: f.nb.id }), f.nb)).toEqual({ to: 'notebook-note' });
  });
});

describe('no matches', () => {
  it('names the words and suggests what to try', () => {
    const none = noMatches('artilery shels', NO_FILTERS);
    expect(none.title).toBe('No matches for “artilery shels”');
    expect(none.hint).toMatch(/every word must match: try fewer words/);
    expect(none.hint).not.toMatch(/filter/);
  });

  it('suggests removing a filter when filters are in force', () => {
    expect(noMatches('shells', filters({ tag: 'politics' }))).toEqual({
      title: 'No matches for “shells” with these filters',
      hint: 'Remove a filter to search more widely. Spelling need not be exact and the start of a word is enough, but every word must match: try fewer words.',
    });
    expect(noMatches('', filters({ tag: 'politics' })).title).toBe('Nothing matches these filters');
  });
});

describe('title and context of a hit', () => {
  it('shows the title with the marks instead of a snippet that only repeats it', () => {
    const statement = 'North Korea is shipping artillery shells and missiles to Russia.';
    expect(snippetIsTitle({ title: statement, snippet: { text: statement, marks: [[24, 33]], cutStart: false, cutEnd: false } })).toBe(true);
    // An excerpt's title is its quote cut short; the snippet is the quote.
    expect(snippetIsTitle({ title: 'The United States and South Korea on Friday accused…', snippet: { text: 'The United States and South Korea on Friday accused North Korea of shipping artillery', marks: [], cutStart: false, cutEnd: false } })).toBe(true);
    // A passage's title is its source's; the snippet is from its text.
    expect(snippetIsTitle({ title: 'Rail freight through Rason', snippet: { text: 'Satellite images showed artillery shells', marks: [], cutStart: false, cutEnd: false } })).toBe(false);
    expect(snippetIsTitle({ title: 'Rail', snippet: { text: 'Rail freight, far into the text', marks: [], cutStart: true, cutEnd: false } })).toBe(false);
  });

  it('places an excerpt by its source, a claim by its claimant, an entity by its kind, a hypothesis by its question', () => {
    const f = new NotebookBuilder();
    const wire = f.source('Northwind Wire report');
    const excerpt = f.excerpt(wire, 'shells');
    const kim = f.entity('Kim Yo Jong');
    const denial = f.claim('Not shipped.', { claimantId: kim, polarity: 'denies' });
    const loose = f.claim('Said by nobody in particular.');
    const qId = ID(80);
    const hId = ID(81);
    f.nb.questions[qId] = { id: qId, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', text: 'Is North Korea supplying Russia?', evidence: [], notes: '' };
    f.nb.hypotheses[hId] = { id: hId, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', questionId: qId, statement: 'Yes.', ratings: {}, notes: '' };
    expect(hitContext({ kind: 'excerpt', id: excerpt, sourceId: wire }, f.nb)).toBe('from Northwind Wire report');
    expect(hitContext({ kind: 'claim', id: denial }, f.nb)).toBe('Kim Yo Jong · denies');
    expect(hitContext({ kind: 'claim', id: loose }, f.nb)).toBe('no claimant');
    expect(hitContext({ kind: 'entity', id: kim }, f.nb)).toBe('person');
    expect(hitContext({ kind: 'hypothesis', id: hId }, f.nb)).toBe('answers: Is North Korea supplying Russia?');
    expect(hitContext({ kind: 'passage', id: wire }, f.nb)).toBe('');
  });
});

describe('the status line', () => {
  const ready = (groups: SearchGroup[]) => ({ groups, ready: true, indexed: 10, tookMs: 1 });

  it('says what to do before anything is asked, and that it is searching until the first answer', () => {
    expect(searchStatus('', NO_FILTERS, false, undefined).text).toMatch(/^Type to search/);
    expect(searchStatus('shells', NO_FILTERS, true, undefined).text).toBe('Searching…');
  });

  it('says the index is being built while it is', () => {
    expect(searchStatus('shells', NO_FILTERS, true, { groups: [], ready: false, indexed: 0, tookMs: 0 }).text).toBe('Building the search index…');
  });

  it('counts the matches, or says nothing matched and what to try', () => {
    expect(searchStatus('shells', NO_FILTERS, true, ready([group('claim', 1, 2)]))).toEqual({ text: '2 matches: Claims 2.' });
    expect(searchStatus('zzyzx', NO_FILTERS, true, ready([]))).toMatchObject({ text: 'No matches for “zzyzx”', empty: true });
  });

  it('leaves a failure with no answer to the error message', () => {
    expect(searchStatus('shells', NO_FILTERS, true, null).text).toBe('');
  });
});
