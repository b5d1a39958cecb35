// The open source's excerpts in reading order; choosing one selects it and scrolls the text to it.
// Virtualised on the shared VirtualList (a source can have thousands: one Tab stop, arrow keys move
// between rows) and memoised: the reader re-renders when a passage gets selected, this list need
// not. Never renders more rows than fit its strip and a few more.
import { memo, useId } from 'react';
import type { Excerpt, Id, Notebook, Source } from '../../../notebook/common/model.js';
import { libraryIndex } from '../library/library-index.js';
import { highlightColorOf } from '../tags/tag-colors.js';
import { SectionHead } from '../ui/SectionHead.js';
import { MOD, plural } from '../ui/format.js';
import { VirtualList } from '../ui/VirtualList.js';
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
  // Kept current from each applied operation: indexing every link on each change cost a frame at 100k.
  const linkCounts = libraryIndex(notebook).linkCountsFrom;
  void revision;
  // The selected excerpt's row is brought into view when the selection changes (a click in the text, the next-excerpt key).
  const selectedIndex = selectedExcerptId ? excerpts.findIndex((e) => e.id === selectedExcerptId) : -1;

  return (
    <section className="excerpt-strip">
      <SectionHead labelId={`${id}-label`} label="Excerpts" count={excerpts.length} />
      <VirtualList
        count={excerpts.length}
        keyOf={(i) => excerpts[i]!.id}
        currentIndex={selectedIndex}
        labelledBy={`${id}-label`}
        estimateSize={ROW_PX}
        className="excerpt-scroll"
        listClassName="excerpt-list"
        renderRow={(i, tabIndex) => {
          const e = excerpts[i]!;
          const claims = linkCounts.get(e.id) ?? 0;
          const pages = excerptPages(source, e);
          const colour = highlightColorOf(notebook, e);
          return (
            <button
              type="button"
              tabIndex={tabIndex}
              className={`excerpt-item excerpt-colour-${colour ?? 'default'}`}
              aria-current={e.id === selectedExcerptId ? 'true' : undefined}
              onClick={() => onSelect(e.id)}
            >
              <span className="excerpt-quote">{e.selectors.quote.exact}</span>
              {pages && <span className="excerpt-page">{pages}</span>}
              <span className="excerpt-meta">{claims ? plural(claims, 'claim') : 'not linked'}</span>
            </button>
          );
        }}
      />
      {excerpts.length === 0 && (
        <p className="empty">No excerpts yet. Select a passage above (with the mouse, or Shift+Arrow keys) and choose Save excerpt ({MOD}E).</p>
      )}
    </section>
  );
});
