// The timeline: sources' publications and claims on a time axis, so who asserted and who denied
// what, and when, reads top to bottom. A list first (ol/li), drawn as an axis. Reads the notebook;
// never changes it.
import './timeline.css';
import { useId, useMemo, useState } from 'react';
import { indexLinks, timeline, type TimelineEvent } from '../../../notebook/common/analysis.js';
import type { Claim, Notebook } from '../../../notebook/common/model.js';
import { ChoiceOptions } from '../board/ChoiceOptions.js';
import { formatCount, plural } from '../ui/format.js';
import { PolarityLabel } from '../claims/PolarityLabel.js';
import { libraryIndex } from '../library/library-index.js';
import type { ViewProps } from '../views/views.js';
import { NO_LINKS, NO_TIMELINE_FILTER, TIMELINE_PAGE, timelineChoices, timelinePage, timelineView, type TimelineFilter } from './timeline-model.js';

export function Timeline(props: ViewProps) {
  const { notebook, revision } = props;
  const id = useId();
  const [filter, setFilterState] = useState<TimelineFilter>(NO_TIMELINE_FILTER);
  const [limit, setLimit] = useState(TIMELINE_PAGE);
  // Another filter is another list: it starts again at one page.
  const setFilter = (next: TimelineFilter) => {
    setFilterState(next);
    setLimit(TIMELINE_PAGE);
  };
  const filtered = Boolean(filter.claimant || filter.proposition);
  // Links are indexed only for a filter (which sources bear on the claims asked about): at 100k
  // indexing them on every change of the notebook cost more than the rest of the view.
  const index = useMemo(() => {
    void revision;
    return filtered ? indexLinks(notebook) : NO_LINKS;
  }, [notebook, revision, filtered]);
  // The events in date order are sorted again only when a change may move one (the library index
  // says when): at 100k sorting them on every edit of a statement cost more than a frame.
  const library = libraryIndex(notebook);
  const timelineVersion = library.timelineVersion;
  const line = useMemo(() => {
    void timelineVersion;
    return timeline(notebook);
  }, [notebook, timelineVersion]);
  // A filter reads the claims' claimants and propositions, which any change may alter.
  const filterRevision = filtered ? revision : 0;
  const view = useMemo(() => {
    void filterRevision;
    return timelineView(notebook, filter, index, line);
  }, [notebook, filterRevision, filter, index, line]);
  const page = useMemo(() => timelinePage(view, limit), [view, limit]);
  const choices = useMemo(() => {
    void revision;
    return timelineChoices(notebook, filter, library);
  }, [notebook, revision, filter, library]);
  const clear = () => setFilter(NO_TIMELINE_FILTER);
  const empty = useMemo(() => {
    void revision;
    return library.claimIds.length === 0 && !library.sourceIds.some((id) => notebook.sources[id]!.dates.published);
  }, [notebook, revision, library]);
  const events = useMemo(() => view.groups.reduce((n, g) => n + g.events.length, 0), [view]);

  return (
    <main className="pane view timeline" aria-label="Timeline">
      <div className="view-head timeline-head">
        <h2>Timeline</h2>
        <p className="timeline-count" role="status">
          {plural(events, 'dated event')}
          {view.undated.length > 0 && `, ${plural(view.undated.length, 'undated claim')}`}
        </p>
        {!empty && (
          <div className="timeline-filters" role="group" aria-label="Timeline filters">
            <div className="field">
              <label htmlFor={`${id}-claimant`}>Claimant</label>
              <select id={`${id}-claimant`} value={filter.claimant} onChange={(e) => setFilter({ ...filter, claimant: e.target.value })}>
                <option value="">Any</option>
                <ChoiceOptions choices={choices.claimants} />
              </select>
            </div>
            <div className="field timeline-filter-proposition">
              <label htmlFor={`${id}-proposition`}>Proposition</label>
              <select id={`${id}-proposition`} value={filter.proposition} onChange={(e) => setFilter({ ...filter, proposition: e.target.value })}>
                <option value="">Any</option>
                <ChoiceOptions choices={choices.propositions} />
              </select>
            </div>
            <button type="button" className="button button-small" onClick={clear} disabled={!filtered}>
              Clear filters
            </button>
          </div>
        )}
      </div>
      <div className="view-body timeline-body">
        {empty ? (
          <div className="empty-state empty-state-small">
            <h3>Nothing on the timeline yet</h3>
            <p>
              Sources appear here on the date they were published and claims on the date they were made. Give a source its Published date in Source details,
              and record claims with the sources that carry them.
            </p>
          </div>
        ) : view.shown === 0 ? (
          <div className="empty-state empty-state-small">
            <h3>Nothing matches these filters</h3>
            <p>No claim matches the claimant and proposition chosen.</p>
            <button type="button" className="button" onClick={clear}>
              Show everything
            </button>
          </div>
        ) : (
          <>
            <p className="hint timeline-legend">
              Oldest first. A claim without a date of its own is placed on its source’s publication date and marked{' '}
              <span className="timeline-source-dated">
                <span aria-hidden="true">≈ </span>source date
              </span>
              .
            </p>
            {page.groups.length > 0 ? (
              <ol className="tl" aria-label="Dated claims and sources">
                {page.groups.map((group, i) => (
                  <li key={`${group.label} ${i}`} className="tl-date">
                    {group.startsYear && (
                      <span className="tl-year" aria-hidden="true">
                        {group.year}
                      </span>
                    )}
                    <h3 className="tl-date-label">
                      <time dateTime={group.dateTime}>{group.label}</time>
                    </h3>
                    <ol className="tl-events">
                      {group.events.map((event) => (
                        <EventItem key={`${event.kind}:${event.id}`} {...props} event={event} />
                      ))}
                    </ol>
                    {group.hidden > 0 && (
                      <p className="view-cut">
                        + {formatCount(group.hidden)} more on {group.label}
                      </p>
                    )}
                  </li>
                ))}
              </ol>
            ) : (
              <p className="empty">Nothing dated{filtered ? ' matches these filters' : ' yet'}.</p>
            )}
            {page.undated.length > 0 && (
              <section className="tl-undated" aria-labelledby={`${id}-undated`}>
                <h3 id={`${id}-undated`}>Undated claims</h3>
                <p className="hint">Neither the claim nor a source that carries it has a date. Record when it was claimed, or give its source a Published date.</p>
                <ul className="tl-events">
                  {page.undated.map(({ id }) => (
                    <ClaimItem key={id} {...props} claim={notebook.claims[id]!} sourceDated={false} />
                  ))}
                </ul>
              </section>
            )}
            {page.more > 0 && (
              <div className="tl-more">
                <p className="hint">{plural(page.more, 'more event')} not shown yet.</p>
                <button type="button" className="button" onClick={() => setLimit((n) => n + TIMELINE_PAGE)}>
                  Show more events
                </button>
              </div>
            )}
          </>
        )}
      </div>
    </main>
  );
}

function EventItem(props: ViewProps & { event: TimelineEvent }) {
  const { notebook, event, onOpenSource } = props;
  if (event.kind === 'claim') return <ClaimItem {...props} claim={notebook.claims[event.id]!} sourceDated={event.dated === 'source date'} />;
  const source = notebook.sources[event.id]!;
  return (
    <li className="tl-event tl-event-source">
      <p className="tl-line">
        <span className="tl-marker tl-marker-published">
          <span aria-hidden="true">▤ </span>published
        </span>
        {source.publisher && <span className="tl-publisher">{source.publisher}</span>}
      </p>
      <button type="button" className="tl-title" onClick={() => onOpenSource(source.id)}>
        {source.title}
      </button>
    </li>
  );
}

function ClaimItem({ notebook, claim, sourceDated, inspectedClaimId, onInspectClaim, onOpenEntity }: ViewProps & { claim: Claim; sourceDated: boolean }) {
  const claimant = claim.claimantId ? notebook.entities[claim.claimantId] : undefined;
  const proposition = propositionOf(notebook, claim);
  const current = claim.id === inspectedClaimId;
  return (
    <li className={`tl-event tl-event-claim tl-event-${claim.polarity}`} data-current={current || undefined}>
      <p className="tl-line">
        {claimant ? (
          <button type="button" className="link-button tl-claimant" onClick={() => onOpenEntity(claimant.id)}>
            {claimant.name}
          </button>
        ) : (
          <span className="muted">No claimant recorded</span>
        )}
        <PolarityLabel polarity={claim.polarity} />
        {sourceDated && (
          <span className="timeline-source-dated" title="The claim has no date of its own: it is placed on the publication date of the earliest source that carries it.">
            <span aria-hidden="true">≈ </span>source date
          </span>
        )}
      </p>
      <button type="button" className="tl-title tl-statement" aria-current={current ? 'true' : undefined} onClick={() => onInspectClaim(claim.id)}>
        {claim.statement}
      </button>
      {proposition && <p className="tl-about">About: {proposition}</p>}
    </li>
  );
}

/** 4812 → "4,812": big counts read at a glance. */

function propositionOf(notebook: Notebook, claim: Claim): string | undefined {
  const proposition = claim.propositionId ? notebook.propositions[claim.propositionId] : undefined;
  return proposition && !proposition.deletedAt ? proposition.statement : undefined;
}
