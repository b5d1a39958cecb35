// The claims board's model: what the analyst sees grouped, filtered, graded and quoted in context.
import { describe, expect, it } from 'vitest';
import { indexLinks, tallyEvidence } from '../../../notebook/common/analysis.js';
import { libraryIndex } from '../../../renderer/src/library/library-index.js';
import {
  assessmentText,
  BOARD_PAGE,
  boardPage,
  claimantFilterChoices,
  pageClaimIds,
  pageLinks,
  sameChoices,
  tagFilterChoices,
  type BoardCard,
  limitShowing,
  buildBoard,
  credibilityText,
  evidenceItems,
  filterChoices,
  formatWeight,
  isFiltered,
  NO_FILTER,
  quoteInContext,
  toClaimFilter,
  type BoardFilter,
} from '../../../renderer/src/board/board-model.js';
import { NotebookBuilder } from '../notebook/notebook-builder.js';

/** The running example: an accusation, a report of containers, and Kim Yo Jong's denial, plus a claim on its own. */
function runningExample() {
  const f = new NotebookBuilder();
  const wire = f.source('U.S. and South Korea say North Korea is arming Russia', { grade: 'B', published: '2023-10-14' });
  const us = f.entity('United States', ['U.S.']);
  const ministry = f.entity('South Korean defence ministry');
  const kim = f.entity('Kim Yo Jong');
  const prop = f.proposition('North Korea is shipping weapons to Russia.');
  const accusation = f.claim('North Korea is shipping artillery shells and missiles to Russia.', { claimantId: us, propositionId: prop, credibility: { grade: '2', rationale: '' }, tags: ['weapons/artillery'] });
  const containers = f.claim('North Korea has shipped about 1,000 containers of munitions to Russia.', { claimantId: ministry, propositionId: prop, status: 'assessed', assessment: { likelihood: 'likely', confidence: 'moderate', rationale: '' } });
  const denial = f.claim('North Korea has not shipped weapons to Russia.', { claimantId: kim, propositionId: prop, polarity: 'denies', credibility: { grade: '4', rationale: '' } });
  const angry = f.claim('A Seoul lawmaker called it a dangerous trade.', { tags: ['politics'] });
  f.link('excerpt', f.excerpt(wire, 'accused North Korea of shipping artillery shells'), accusation, 'supports');
  f.link('excerpt', f.excerpt(wire, 'some 1,000 containers had been shipped'), containers, 'supports', 'strong');
  f.link('excerpt', f.excerpt(wire, 'the most absurd paradox'), accusation, 'refutes');
  f.link('claim', denial, accusation, 'contradicts');
  return { f, wire, us, ministry, kim, prop, accusation, containers, denial, angry };
}

const board = (ex: ReturnType<typeof runningExample>, filter: Partial<BoardFilter> = {}) => buildBoard(ex.f.nb, { ...NO_FILTER, ...filter });

describe('buildBoard', () => {
  it('sets the assertions beside the denial under their proposition, flagged contradicted, and the lone claim apart', () => {
    const ex = runningExample();
    const b = board(ex);
    expect(b).toMatchObject({ total: 4, shown: 4 });
    expect(b.groups).toHaveLength(1);
    const [group] = b.groups;
    expect(group).toMatchObject({ key: ex.prop, contradicted: true, total: 3 });
    expect(group!.asserting.map((c) => c.claim.id)).toEqual([ex.accusation, ex.containers]);
    expect(group!.denying.map((c) => c.claim.id)).toEqual([ex.denial]);
    expect(b.loose.map((c) => [c.claim.id, c.contradicted])).toEqual([[ex.angry, false]]);
  });

  it('gives each card of a page its evidence counted and weighted by the source grade and the link strength, from the library index', () => {
    const ex = runningExample();
    const page = boardPage(board(ex), BOARD_PAGE);
    const library = libraryIndex(ex.f.nb);
    const links = pageLinks(ex.f.nb, (id) => library.linksInto(id), pageClaimIds(page));
    const [group] = page.groups;
    const tally = (card: BoardCard) => tallyEvidence(ex.f.nb, card.claim.id, links);
    // Accusation: a B-graded excerpt supports (0.8); a B excerpt refutes (0.8) and Kim's claim, graded 4, contradicts (0.4).
    expect(tally(group!.asserting[0]!)).toMatchObject({ supports: 1, refutes: 2, weightedSupports: 0.8, weightedRefutes: 1.2 });
    // Containers: one strong link from the B source: 0.8 × 1.5.
    expect(tally(group!.asserting[1]!)).toMatchObject({ supports: 1, refutes: 0, weightedSupports: 1.2 });
    // The same links as an index of the whole notebook gives, and the same evidence in context.
    const whole = indexLinks(ex.f.nb);
    for (const id of pageClaimIds(page)) expect(links.into.get(id) ?? []).toEqual(whole.into.get(id) ?? []);
    expect(evidenceItems(ex.f.nb, ex.accusation, links)).toEqual(evidenceItems(ex.f.nb, ex.accusation, whole));
  });

  it('leaves out of a page’s links those from a trashed excerpt, source or claim', () => {
    const ex = runningExample();
    const whole = indexLinks(ex.f.nb);
    const [link] = whole.into.get(ex.accusation)!.filter((l) => l.fromKind === 'excerpt');
    ex.f.nb.excerpts[link!.fromId]!.deletedAt = '2024-01-01T00:00:00.000Z';
    const links = pageLinks(ex.f.nb, (id) => Object.values(ex.f.nb.links).filter((l) => l.toId === id && !l.deletedAt), [ex.accusation]);
    expect(links.into.get(ex.accusation)).toEqual(indexLinks(ex.f.nb).into.get(ex.accusation));
    expect(links.into.get(ex.accusation)).not.toContainEqual(link);
  });

  it('filters the cards but keeps the group’s flag and its count of all claims', () => {
    const ex = runningExample();
    const b = board(ex, { claimant: ex.ministry });
    expect(b).toMatchObject({ total: 4, shown: 1, loose: [] });
    expect(b.groups).toEqual([expect.objectContaining({ contradicted: true, total: 3, denying: [] })]);
    expect(b.groups[0]!.asserting.map((c) => c.claim.id)).toEqual([ex.containers]);
  });

  it('matches a parent tag to its children, and finds words in the claimant’s aliases', () => {
    const ex = runningExample();
    expect(board(ex, { tag: 'weapons' }).groups[0]!.asserting.map((c) => c.claim.id)).toEqual([ex.accusation]);
    expect(board(ex, { text: 'u.s. missiles' }).shown).toBe(1);
    expect(board(ex, { credibility: 'none', likelihood: 'none' }).loose.map((c) => c.claim.id)).toEqual([ex.angry]);
  });

  it('shows nothing when no claim matches, and leaves out trashed claims', () => {
    const ex = runningExample();
    expect(board(ex, { text: 'grain' })).toMatchObject({ shown: 0, groups: [], loose: [] });
    ex.f.trash('claim', ex.angry);
    expect(board(ex)).toMatchObject({ total: 3, loose: [] });
  });
});

describe('boardPage', () => {
  it('renders whole groups up to the limit, then loose claims within what is left', () => {
    const f = new NotebookBuilder();
    const a = f.proposition('A');
    const b = f.proposition('B');
    for (let i = 0; i < 3; i++) f.claim(`A${i}`, { propositionId: a, polarity: i === 2 ? 'denies' : 'asserts' });
    for (let i = 0; i < 2; i++) f.claim(`B${i}`, { propositionId: b });
    for (let i = 0; i < 4; i++) f.claim(`loose ${i}`);
    const whole = buildBoard(f.nb, NO_FILTER);
    const summary = (limit: number) => {
      const page = boardPage(whole, limit);
      return [page.groups.map((g) => g.proposition.statement), page.loose.length, page.more];
    };
    expect(summary(1)).toEqual([['A'], 0, 8]);
    expect(summary(4)).toEqual([['A'], 0, 6]);
    expect(summary(5)).toEqual([['A', 'B'], 0, 4]);
    expect(summary(7)).toEqual([['A', 'B'], 2, 2]);
    expect(summary(100)).toEqual([['A', 'B'], 4, 0]);
  });

  it('cuts a group bigger than a page where the limit falls, assertions and denials side by side, and continues it on the next page', () => {
    const f = new NotebookBuilder();
    const a = f.proposition('A');
    const b = f.proposition('B');
    for (let i = 0; i < 7; i++) f.claim(`A${i}`, { propositionId: a, polarity: i < 5 ? 'asserts' : 'denies' });
    f.claim('B0', { propositionId: b });
    f.claim('loose');
    const whole = buildBoard(f.nb, NO_FILTER);
    const summary = (limit: number) => {
      const page = boardPage(whole, limit, 4);
      return [page.groups.map((g) => `${g.proposition.statement} ${g.asserting.length}+${g.moreAsserting}/${g.denying.length}+${g.moreDenying}`), page.loose.length, page.more];
    };
    expect(summary(4)).toEqual([['A 2+3/2+0'], 0, 5]);
    expect(summary(6)).toEqual([['A 4+1/2+0'], 0, 3]);
    expect(summary(8)).toEqual([['A 5+0/2+0', 'B 1+0/0+0'], 0, 1]);
    expect(summary(9)).toEqual([['A 5+0/2+0', 'B 1+0/0+0'], 1, 0]);
    // A group no bigger than a page waits for the next page rather than being cut.
    expect(boardPage(buildBoard(f.nb, NO_FILTER), 3, 8).groups.map((g) => g.asserting.length + g.denying.length)).toEqual([3]);
  });
});

describe('limitShowing', () => {
  it('renders as many claims as it takes to reach the proposition, never fewer than already shown, and nothing for one the board does not show', () => {
    const f = new NotebookBuilder();
    const a = f.proposition('A');
    const b = f.proposition('B');
    const empty = f.proposition('No claims');
    for (let i = 0; i < 3; i++) f.claim(`A${i}`, { propositionId: a });
    for (let i = 0; i < 2; i++) f.claim(`B${i}`, { propositionId: b, tags: ['later'] });
    const whole = buildBoard(f.nb, NO_FILTER);
    expect(limitShowing(whole, b, 1)).toBe(5);
    expect(boardPage(whole, limitShowing(whole, b, 1)!).groups.map((g) => g.proposition.statement)).toEqual(['A', 'B']);
    expect(limitShowing(whole, a, 150)).toBe(150);
    expect(limitShowing(whole, empty, 1)).toBeNull();
    const filtered = buildBoard(f.nb, { ...NO_FILTER, tag: 'later' });
    expect(limitShowing(filtered, a, 1)).toBeNull();
  });
});

describe('the filter controls', () => {
  it('count as filtering only when a control holds a value (blank words do not)', () => {
    expect(isFiltered(NO_FILTER)).toBe(false);
    expect(isFiltered({ ...NO_FILTER, text: '   ' })).toBe(false);
    expect(isFiltered({ ...NO_FILTER, credibility: 'none' })).toBe(true);
  });

  it('pass on only values the model knows, so a stale or odd value filters nothing', () => {
    expect(toClaimFilter({ claimant: 'x', status: 'archived', tag: 'a/b', credibility: '9', likelihood: 'perhaps', text: ' rail ' })).toEqual({ claimantId: 'x', tag: 'a/b', text: ' rail ' });
    expect(toClaimFilter({ ...NO_FILTER, status: 'in progress', credibility: 'none', likelihood: 'very likely' })).toEqual({ status: 'in progress', credibility: 'none', likelihood: 'very likely' });
  });

  it('offer the claimants by name and every tag with the tags above it', () => {
    const ex = runningExample();
    const choices = filterChoices(ex.f.nb);
    expect(choices.claimants.map((c) => c.label)).toEqual(['Kim Yo Jong', 'South Korean defence ministry', 'United States']);
    expect(choices.tags).toEqual([
      { path: 'politics', depth: 0 },
      { path: 'weapons', depth: 0 },
      { path: 'weapons/artillery', depth: 1 },
    ]);
  });

  it('keep a chosen claimant and tag on offer after their last claim went to the trash', () => {
    const ex = runningExample();
    ex.f.trash('claim', ex.angry);
    ex.f.trash('claim', ex.containers);
    const choices = filterChoices(ex.f.nb, { claimant: ex.ministry, tag: 'politics' });
    expect(choices.claimants.map((c) => c.label)).toContain('South Korean defence ministry');
    expect(choices.tags.map((t) => t.path)).toContain('politics');
    expect(filterChoices(ex.f.nb).tags.map((t) => t.path)).not.toContain('politics');
  });

  it('offer the same claimants and tags from the library index as from every claim', () => {
    const ex = runningExample();
    const library = libraryIndex(ex.f.nb);
    const fromIndex = () => ({ claimants: claimantFilterChoices(ex.f.nb, library.claimCounts), tags: tagFilterChoices(ex.f.nb) });
    expect(fromIndex()).toEqual(filterChoices(ex.f.nb));
    expect(claimantFilterChoices(ex.f.nb, library.claimCounts, ex.ministry)).toEqual(filterChoices(ex.f.nb, { claimant: ex.ministry, tag: '' }).claimants);
  });

  it('tell when a list of choices is the same, so its options need not be made again', () => {
    const a = [{ id: '1', label: 'Kim Yo Jong' }, { id: '2', label: 'United States' }];
    expect(sameChoices(a, a.map((c) => ({ ...c })))).toBe(true);
    expect(sameChoices(a, [a[0]!])).toBe(false);
    expect(sameChoices(a, [a[0]!, { id: '2', label: 'U.S.' }])).toBe(false);
    expect(sameChoices(a, [a[1]!, a[0]!])).toBe(false);
  });
});

describe('grades as the card reads them', () => {
  it('gives credibility with its Admiralty meaning and the assessment with its ICD 203 range', () => {
    const ex = runningExample();
    const claims = ex.f.nb.claims;
    expect(credibilityText(claims[ex.accusation]!)).toBe('2 — Probably true');
    expect(credibilityText(claims[ex.containers]!)).toBe('Not graded');
    expect(assessmentText(claims[ex.containers]!)).toBe('likely · 55–80 %, moderate confidence');
    expect(assessmentText(claims[ex.accusation]!)).toBe('Not assessed');
    expect(formatWeight(1.2000000001)).toBe('1.2');
  });
});

describe('evidence in context', () => {
  it('lists supports first, then refutes, then contradicts, with each excerpt’s source', () => {
    const ex = runningExample();
    const items = evidenceItems(ex.f.nb, ex.accusation, indexLinks(ex.f.nb));
    expect(items.map((i) => [i.link.relation, i.kind])).toEqual([
      ['supports', 'excerpt'],
      ['refutes', 'excerpt'],
      ['contradicts', 'claim'],
    ]);
    const first = items[0]!;
    expect(first.kind === 'excerpt' && first.source?.title).toBe('U.S. and South Korea say North Korea is arming Russia');
    const last = items[2]!;
    expect(last.kind === 'claim' && last.claim.id).toBe(ex.denial);
  });

  it('keeps the context within the quote’s paragraph', () => {
    expect(quoteInContext({ prefix: 'war in Ukraine.\nOfficials in Seoul, ', exact: 'citing Chloé Han', suffix: ' of the ministry, said\nKim Yo' })).toEqual({
      before: 'Officials in Seoul, ',
      exact: 'citing Chloé Han',
      after: ' of the ministry, said',
    });
  });

  it('drops a word cut at the far end of a full-length context and says so with an ellipsis', () => {
    const prefix = 'hipping artillery shells and th'.padStart(32, 's');
    const suffix = ' and missiles to Russia for its w';
    expect(quoteInContext({ prefix, exact: 'e most absurd', suffix })).toEqual({ before: '…artillery shells and th', exact: 'e most absurd', after: ' and missiles to Russia for its…' });
  });

  it('keeps a short context whole: the quote is near the start or end of the text', () => {
    expect(quoteInContext({ prefix: 'SEOUL, Oct. 14 — ', exact: 'The United States', suffix: ' accused' })).toEqual({ before: 'SEOUL, Oct. 14 — ', exact: 'The United States', after: ' accused' });
    expect(quoteInContext({ prefix: '', exact: 'Whole text', suffix: '' })).toEqual({ before: '', exact: 'Whole text', after: '' });
  });

  it('counts context length in code points, so emoji do not make a short context look cut', () => {
    const emoji = '😠'.repeat(20); // 20 code points, 40 UTF-16 units: shorter than a full context
    expect(quoteInContext({ prefix: `a ${emoji}`, exact: 'trade', suffix: '' }).before).toBe(`a ${emoji}`);
  });
});
