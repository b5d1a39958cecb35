// The timeline kept between changes (sorted again only when the library index says a change may
// move an event) shows what the timeline computed afresh shows, through any mix of changes, undo
// and redo; a claim edited without moving shows its new words.
import { describe, expect, it } from 'vitest';
import { indexLinks, timeline, type Timeline } from '../../../notebook/common/analysis.js';
import { libraryIndex } from '../../../renderer/src/library/library-index.js';
import { NO_TIMELINE_FILTER, timelinePage, timelineView, type TimelineFilter } from '../../../renderer/src/timeline/timeline-model.js';
import { changeRun } from './library-index-changes.js';

describe('the timeline kept by the library index’s timelineVersion', () => {
  it('shows what the timeline computed afresh shows, through any mix of changes, undo and redo', () => {
    for (const seed of [5, 6, 7]) {
      const { nb, step } = changeRun(seed);
      let kept = null as { version: number; line: Timeline } | null;
      let changed = 0;
      let reused = 0;
      for (let i = 0; i < 250; i++) {
        if (!step()) continue;
        changed++;
        const version = libraryIndex(nb).timelineVersion;
        if (kept?.version === version) reused++;
        else kept = { version, line: timeline(nb) };
        const fresh = timeline(nb);
        expect(kept.line.events, `seed ${seed}, step ${i}`).toEqual(fresh.events);
        expect(kept.line.undated.map((c) => c.id)).toEqual(fresh.undated.map((c) => c.id));
        // The view from the kept timeline, filtered or not: the claims as they are now.
        const proposition = Object.values(nb.claims).find((c) => !c.deletedAt && c.propositionId)?.propositionId ?? '';
        const links = indexLinks(nb);
        for (const filter of [NO_TIMELINE_FILTER, { claimant: '', proposition }] as TimelineFilter[]) {
          const view = timelineView(nb, filter, links, kept.line);
          expect(view).toEqual(timelineView(nb, filter, links));
          expect(timelinePage(view, 4)).toEqual(timelinePage(timelineView(nb, filter, links), 4));
        }
      }
      expect(changed).toBeGreaterThan(150);
      // Edits that move nothing (a new statement, say) keep the order: what makes an edit cheap.
      expect(reused).toBeGreaterThan(10);
    }
  });
});
