// What the timeline shows: the notebook's dated claims and source publications grouped by the
// date as the analyst knows it (a year, a month or a day), filtered by claimant and proposition,
// and the undated claims apart. Pure; never changes the notebook.
import { timeline, type LinkIndex, type TimelineEvent } from '../../../notebook/common/analysis.js';
import type { Claim, Id, Notebook } from '../../../notebook/common/model.js';
import { claimantChoices } from '../board/board-model.js';
import { formatLooseDate } from '../ui/format.js';

/** '' means any. */
export interface TimelineFilter {
  claimant: string;
  proposition: string;
}

export const NO_TIMELINE_FILTER: TimelineFilter = { claimant: '', proposition: '' };

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
 * The timeline through the filters. Claims must match every filter. With a filter on, a source
 * is shown only when one of its excerpts is evidence for a shown claim, so the publications on
 * screen are those that bear on what is asked; without one every dated source is shown.
 */
export function timelineView(notebook: Notebook, filter: TimelineFilter, index: LinkIndex): TimelineView {
  const { events, undated } = timeline(notebook);
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
  for (const event of shownEvents) {
    const label = formatLooseDate(event.date);
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

export interface TimelinePage {
  groups: DateGroup[];
  undated: Claim[];
  /** Events and undated claims left out of the page. */
  more: number;
}

/** The first dates up to about `limit` events (a date is never split; the first is always there), then undated claims within what is left. */
export function timelinePage(view: TimelineView, limit: number): TimelinePage {
  const groups: DateGroup[] = [];
  let used = 0;
  for (const group of view.groups) {
    if (groups.length > 0 && used + group.events.length > limit) break;
    groups.push(group);
    used += group.events.length;
  }
  const undated = groups.length === view.groups.length ? view.undated.slice(0, Math.max(0, limit - used)) : [];
  return { groups, undated, more: view.shown - used - undated.length };
}

export interface TimelineChoices {
  /** Entities that are the claimant of a live claim, by name. */
  claimants: { id: Id; name: string }[];
  /** Live propositions that a live claim is about, by statement. */
  propositions: { id: Id; statement: string }[];
}

/** What the Claimant and Proposition filters offer; a chosen value stays a choice after its last claim went. */
export function timelineChoices(notebook: Notebook, chosen: TimelineFilter = NO_TIMELINE_FILTER): TimelineChoices {
  const claimantIds = new Set<Id>();
  const propositionIds = new Set<Id>();
  for (const claim of Object.values(notebook.claims)) {
    if (claim.deletedAt) continue;
    if (claim.claimantId) claimantIds.add(claim.claimantId);
    if (claim.propositionId && notebook.propositions[claim.propositionId] && !notebook.propositions[claim.propositionId]!.deletedAt) propositionIds.add(claim.propositionId);
  }
  if (chosen.claimant) claimantIds.add(chosen.claimant);
  if (chosen.proposition) propositionIds.add(chosen.proposition);
  return {
    claimants: claimantChoices(notebook, claimantIds),
    propositions: [...propositionIds]
      .map((id) => ({ id, statement: notebook.propositions[id]?.statement ?? 'Unknown proposition' }))
      .sort((a, b) => a.statement.localeCompare(b.statement) || (a.id < b.id ? -1 : 1)),
  };
}
