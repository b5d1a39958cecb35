// The timeline's model: dates grouped as the analyst knows them, years marked on the axis, and
// the filters by claimant and proposition.
import { describe, expect, it } from 'vitest';
import { indexLinks } from '../../../notebook/common/analysis.js';
import { NO_TIMELINE_FILTER, timelineChoices, timelinePage, timelineView, type TimelineFilter } from '../../../renderer/src/timeline/timeline-model.js';
import { NotebookBuilder } from '../notebook/notebook-builder.js';

function example() {
  const f = new NotebookBuilder();
  const us = f.entity('United States');
  const kim = f.entity('Kim Yo Jong');
  const arms = f.proposition('North Korea is shipping weapons to Russia.');
  const plan = f.proposition('The tests belong to a five-year plan.');
  const wire = f.source('Wire report', { published: '2023-10-14' });
  const agency = f.source('Agency statement', { published: '2023-10-15T06:00:00Z' });
  const old = f.source('Background piece', { published: '2022-12' });
  const accusation = f.claim('Shells are shipped to Russia', { claimantId: us, propositionId: arms, claimedAt: '2023-10-13' });
  const denial = f.claim('Nothing was shipped', { claimantId: kim, propositionId: arms, polarity: 'denies' });
  const tests = f.claim('The tests follow the plan', { claimantId: kim, propositionId: plan, claimedAt: '2023-10-15' });
  const undated = f.claim('Trains were seen', { claimantId: us });
  f.link('excerpt', f.excerpt(wire, 'accused'), accusation, 'supports');
  f.link('excerpt', f.excerpt(agency, 'absurd paradox'), denial, 'supports');
  f.link('excerpt', f.excerpt(wire, 'five-year build-up plan'), tests, 'supports');
  return { f, us, kim, arms, plan, wire, agency, old, accusation, denial, tests, undated };
}

const view = (ex: ReturnType<typeof example>, filter: Partial<TimelineFilter> = {}) => timelineView(ex.f.nb, { ...NO_TIMELINE_FILTER, ...filter }, indexLinks(ex.f.nb));

describe('timelineView', () => {
  it('groups events by the date as shown, marks where a year starts, and keeps undated claims apart', () => {
    const ex = example();
    const v = view(ex);
    expect(v.groups.map((g) => [g.label, g.dateTime, g.startsYear, g.events.map((e) => e.id)])).toEqual([
      ['Dec 2022', '2022-12', true, [ex.old]],
      ['13 Oct 2023', '2023-10-13', true, [ex.accusation]],
      ['14 Oct 2023', '2023-10-14', false, [ex.wire]],
      // The instant and the day fall on one date; the denial takes the agency statement's date.
      ['15 Oct 2023', '2023-10-15', false, [ex.tests, ex.agency, ex.denial]],
    ]);
    expect(v.groups[3]!.events.find((e) => e.id === ex.denial)?.dated).toBe('source date');
    expect(v.undated.map((c) => c.id)).toEqual([ex.undated]);
    expect(v.shown).toBe(7);
  });

  it('filters by claimant: only their claims, and only the sources that carry them', () => {
    const ex = example();
    const v = view(ex, { claimant: ex.kim });
    expect(v.groups.flatMap((g) => g.events.map((e) => e.id))).toEqual([ex.wire, ex.tests, ex.agency, ex.denial]);
    expect(v.undated).toEqual([]);
    expect(v.groups.map((g) => g.startsYear)).toEqual([true, false]);
  });

  it('filters by proposition and claimant together', () => {
    const ex = example();
    const v = view(ex, { claimant: ex.kim, proposition: ex.arms });
    expect(v.groups.flatMap((g) => g.events.map((e) => e.id))).toEqual([ex.agency, ex.denial]);
    expect(view(ex, { claimant: ex.us, proposition: ex.plan }).shown).toBe(0);
  });
});

describe('timelinePage', () => {
  it('renders the first events up to the limit, cutting a date where the limit falls, then undated claims within what is left', () => {
    const ex = example();
    const v = view(ex);
    const summary = (limit: number) => {
      const page = timelinePage(v, limit);
      return [page.groups.map((g) => `${g.label} ${g.events.length}${g.hidden ? ` +${g.hidden}` : ''}`), page.undated.length, page.more];
    };
    expect(summary(0)).toEqual([[], 0, 7]);
    expect(summary(3)).toEqual([['Dec 2022 1', '13 Oct 2023 1', '14 Oct 2023 1'], 0, 4]);
    // 15 Oct 2023 holds three events: the limit falls within it, and the page says how many more it holds.
    expect(summary(4)).toEqual([['Dec 2022 1', '13 Oct 2023 1', '14 Oct 2023 1', '15 Oct 2023 1 +2'], 0, 3]);
    expect(summary(6)).toEqual([['Dec 2022 1', '13 Oct 2023 1', '14 Oct 2023 1', '15 Oct 2023 3'], 0, 1]);
    expect(summary(7)).toEqual([['Dec 2022 1', '13 Oct 2023 1', '14 Oct 2023 1', '15 Oct 2023 3'], 1, 0]);
  });

  it('continues a cut date where it stopped when the limit grows, its year still marked once', () => {
    const f = new NotebookBuilder();
    const ids = Array.from({ length: 450 }, (_, i) => f.claim(`Claim ${i}`, { claimedAt: '2024-05-03' }));
    const v = timelineView(f.nb, NO_TIMELINE_FILTER, indexLinks(f.nb));
    const first = timelinePage(v, 200);
    expect(first.groups).toHaveLength(1);
    expect(first.groups[0]!.events.map((e) => e.id)).toEqual(ids.slice(0, 200));
    expect(first.groups[0]!.hidden).toBe(250);
    expect(first.more).toBe(250);
    const second = timelinePage(v, 400);
    expect(second.groups[0]!.events.map((e) => e.id)).toEqual(ids.slice(0, 400));
    expect([second.groups[0]!.hidden, second.groups[0]!.startsYear, second.more]).toEqual([50, true, 50]);
    const all = timelinePage(v, 600);
    expect([all.groups[0]!.events.length, all.groups[0]!.hidden, all.more]).toEqual([450, 0, 0]);
  });
});

describe('timelineChoices', () => {
  it('offers the claimants by name and the propositions that claims are about', () => {
    const ex = example();
    ex.f.proposition('A proposition nobody claims');
    const choices = timelineChoices(ex.f.nb);
    expect(choices.claimants.map((c) => c.label)).toEqual(['Kim Yo Jong', 'United States']);
    expect(choices.propositions.map((p) => p.label)).toEqual(['North Korea is shipping weapons to Russia.', 'The tests belong to a five-year plan.']);
  });
});
