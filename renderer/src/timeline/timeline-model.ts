// What the timeline shows: the notebook's dated claims and source publications grouped by the
// date as the analyst knows it (a year, a month or a day), filtered by claimant and proposition,
// and the undated claims apart. Pure; never changes the notebook.
import { timeline, type LinkIndex, type Timeline, type TimelineEvent } from '../../../notebook/common/analysis.js';
import type { Claim, Id, Notebook } from '../../../notebook/common/model.js';
import { byLabel, claimantFilterChoices, type Choice } from '../board/board-model.js';
import { formatLooseDate } from '../ui/format.js';

/** '' means any. */
export interface TimelineFilter {
  claimant: string;
  proposition: string;
}

export const NO_TIMELINE_FILTER: TimelineFilter = { claimant: '', proposition: '' };

/** No links: what the view is given when no filter asks which sources bear on the claims shown. */
export const NO_LINKS: LinkIndex = { into: new Map(), from: new Map() };

export interface DateGroup {
  /** The date as shown: "2023", "Oct 2023", "14 Oct 2023". */
  label: string;
  /** The calendar part of the date, for <time datetime>: 2023, 2023-10 or 2023-10-14. */
  dateTime: string;
  year: string;
  /** The first group of its year, where the axis shows the year. */
  startsYear: boolean;
  events: TimelineEvent[];
}

export interface TimelineView {
  groups: DateGroup[];
  /** Claims with no date of their own and no dated source, in creation order. */
  undated: Claim[];
  /** Events and undated claims shown. */
  shown: number;
}

const calendarPart = (date: string) => /^\d{4}(?:-\d{2}(?:-\d{2})?)?/.exec(date)?.[0] ?? date;

/**
 * The timeline through the filters (`line`: the notebook's timeline, when the view keeps it between changes). Claims must match every filter. With a filter on, a source
 * is shown only when one of its excerpts is evidence for a shown claim, so the publications on
 * screen are those that bear on what is asked; without one every dated source is shown.
 */
export function timelineView(notebook: Notebook, filter: TimelineFilter, index: LinkIndex, line: Timeline = timeline(notebook)): TimelineView {
  const { events } = line;
  // `line` may have been computed before an edit that left the timeline as it was: its claims are read afresh.
  const undated = line.undated.map((claim) => notebook.claims[claim.id]!);
  const filtered = Boolean(filter.claimant || filter.proposition);
  const keepClaim = (claim: Claim) => (!filter.claimant || claim.claimantId === filter.claimant) && (!filter.proposition || claim.propositionId === filter.proposition);

  let relevantSources: Set<Id> | null = null;
  if (filtered) {
    relevantSources = new Set();
    for (const claim of Object.values(notebook.claims)) {
      if (claim.deletedAt || !keepClaim(claim)) continue;
      for (const link of index.into.get(claim.id) ?? []) {
        if (link.fromKind === 'excerpt') relevantSources.add(notebook.excerpts[link.fromId]!.sourceId);
      }
    }
  }
  const shownEvents = events.filter((e) => (e.kind === 'claim' ? keepClaim(notebook.claims[e.id]!) : !relevantSources || relevantSources.has(e.id)));

  const groups: DateGroup[] = [];
  // Thousands of events share a date: each date is formatted once.
  const labels = new Map<string, string>();
  for (const event of shownEvents) {
    let label = labels.get(event.date);
    if (label === undefined) labels.set(event.date, (label = formatLooseDate(event.date)));
    const last = groups.at(-1);
    if (last?.label === label) {
      last.events.push(event);
      continue;
    }
    const year = event.date.slice(0, 4);
    groups.push({ label, dateTime: calendarPart(event.date), year, startsYear: last?.year !== year, events: [event] });
  }
  const shownUndated = undated.filter(keepClaim);
  return { groups, undated: shownUndated, shown: shownEvents.length + shownUndated.length };
}

/** How many events the timeline renders at first and adds each time the analyst asks for more. */
export const TIMELINE_PAGE = 200;

export interface PageGroup extends DateGroup {
  /** Events of the date left out of the page (the limit fell within it); 0 when shown whole. */
  hidden: number;
}

export interface TimelinePage {
  groups: PageGroup[];
  undated: Claim[];
  /** Events and undated claims left out of the page. */
  more: number;
}

/**
 * The first `limit` events in date order, then undated claims within what is left. The limit may
 * fall within a date: a date at 100k can hold thousands of events, and rendering them all froze
 * the window. The date cut says how many more it holds; a bigger limit continues it.
 */
export function timelinePage(view: TimelineView, limit: number): TimelinePage {
  const groups: PageGroup[] = [];
  let used = 0;
  for (const group of view.groups) {
    if (used >= limit) break;
    const take = Math.min(group.events.length, limit - used);
    groups.push(take === group.events.length ? { ...group, hidden: 0 } : { ...group, events: group.events.slice(0, take), hidden: group.events.length - take });
    used += take;
  }
  const datesWhole = groups.length === view.groups.length && !groups.some((g) => g.hidden > 0);
  const undated = datesWhole ? view.undated.slice(0, Math.max(0, limit - used)) : [];
  return { groups, undated, more: view.shown - used - undated.length };
}

export interface TimelineChoices {
  /** Entities that are the claimant of a live claim, by name. */
  claimants: Choice[];
  /** Live propositions that a live claim is about, by statement. */
  propositions: Choice[];
}

/** Live claims per claimant and per proposition, as the library index keeps them. */
export interface ClaimCounts {
  claimCounts: ReadonlyMap<Id, number>;
  propositionCounts: ReadonlyMap<Id, number>;
}

/** ClaimCounts by walking every claim, for a notebook without a library index. */
export function countClaims(notebook: Notebook): ClaimCounts {
  const claimCounts = new Map<Id, number>();
  const propositionCounts = new Map<Id, number>();
  for (const claim of Object.values(notebook.claims)) {
    if (claim.deletedAt) continue;
    if (claim.claimantId) claimCounts.set(claim.claimantId, (claimCounts.get(claim.claimantId) ?? 0) + 1);
    if (claim.propositionId) propositionCounts.set(claim.propositionId, (propositionCounts.get(claim.propositionId) ?? 0) + 1);
  }
  return { claimCounts, propositionCounts };
}

/**
 * What the Claimant and Proposition filters offer; a chosen value stays a choice after its last
 * claim went. From the claim counts (the library index's, in the view) rather than every claim.
 */
export function timelineChoices(notebook: Notebook, chosen: TimelineFilter = NO_TIMELINE_FILTER, counts: ClaimCounts = countClaims(notebook)): TimelineChoices {
  const propositionIds = new Set<Id>();
  for (const [id, n] of counts.propositionCounts) if (n > 0 && notebook.propositions[id] && !notebook.propositions[id].deletedAt) propositionIds.add(id);
  if (chosen.proposition) propositionIds.add(chosen.proposition);
  return {
    claimants: claimantFilterChoices(notebook, counts.claimCounts, chosen.claimant),
    propositions: byLabel([...propositionIds].map((id) => ({ id, label: notebook.propositions[id]?.statement ?? 'Unknown proposition' }))),
  };
}
