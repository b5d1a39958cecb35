// The open source's excerpts in reading order; choosing one selects it and scrolls the text to it.
// Virtualised (a source can have thousands) and memoised: the reader re-renders when a passage gets
// selected, this list need not. Never renders more rows than fit its strip and a few more.
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useId, useRef } from 'react';
import type { Excerpt, Id, Notebook, Source } from '../../../notebook/common/model.js';
import { libraryIndex } from '../library/library-index.js';
import { highlightColorOf } from '../tags/tag-colors.js';
import { SectionHead } from '../ui/SectionHead.js';
import { MOD, plural } from '../ui/format.js';
import { excerptPages } from './structure.js';

/** A row's height before it is measured: one line of quote in the list's type. */
const ROW_PX = 34;

export const ExcerptList = memo(function ExcerptList({
  notebook,
  revision,
  source,
  excerpts,
  selectedExcerptId,
  onSelect,
}: {
  notebook: Notebook;
  /** Changes with every change of the notebook (which is changed in place). */
  revision: number;
  /** The excerpts' source, for page citations. */
  source: Source;
  excerpts: readonly Excerpt[];
  selectedExcerptId: Id | null;
  onSelect: (id: Id) => void;
}) {
  const id = useId();
  const scroller = useRef<HTMLDivElement>(null);
  // Kept current from each applied operation: indexing every link on each change cost a frame at 100k.
  const linkCounts = libraryIndex(notebook).linkCountsFrom;
  void revision;
  const virtualizer = useVirtualizer({
    count: excerpts.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_PX,
    overscan: 8,
    getItemKey: (i) => excerpts[i]!.id,
  });

  // The selected excerpt is brought into the list's view when it changes (a click in the text, the next-excerpt key).
  const selectedIndex = selectedExcerptId ? excerpts.findIndex((e) => e.id === selectedExcerptId) : -1;
  useEffect(() => {
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
    // Only on a change of the selection: adding an excerpt elsewhere never scrolls the list.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [selectedExcerptId]);

  return (
    <section className="excerpt-strip">
      <SectionHead labelId={`${id}-label`} label="Excerpts" count={excerpts.length} />
      <div className="excerpt-scroll" ref={scroller}>
        <ul className="excerpt-list" aria-labelledby={`${id}-label`} style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((row) => {
            const e = excerpts[row.index]!;
            const claims = linkCounts.get(e.id) ?? 0;
            const pages = excerptPages(source, e);
            const colour = highlightColorOf(notebook, e);
            return (
              <li
                key={row.key}
                ref={virtualizer.measureElement}
                data-index={row.index}
                aria-setsize={excerpts.length}
                aria-posinset={row.index + 1}
                className="excerpt-row"
                style={{ transform: `translateY(${row.start}px)` }}
              >
                <button
                  type="button"
                  className={`excerpt-item excerpt-colour-${colour ?? 'default'}`}
                  aria-current={e.id === selectedExcerptId ? 'true' : undefined}
                  onClick={() => onSelect(e.id)}
                >
                  <span className="excerpt-quote">{e.selectors.quote.exact}</span>
                  {pages && <span className="excerpt-page">{pages}</span>}
                  <span className="excerpt-meta">{claims ? plural(claims, 'claim') : 'not linked'}</span>
                </button>
              </li>
            );
          })}
        </ul>
      </div>
      {excerpts.length === 0 && (
        <p className="empty">No excerpts yet. Select a passage above (with the mouse, or Shift+Arrow keys) and choose Save excerpt ({MOD}E).</p>
      )}
    </section>
  );
});
