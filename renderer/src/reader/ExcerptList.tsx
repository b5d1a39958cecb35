// The open source's excerpts in reading order; choosing one selects it and scrolls the text to it.
// Memoised: the reader re-renders when a passage gets selected, this list need not.
import { SectionHead } from '../ui/SectionHead.js';
import { memo, useId } from 'react';
import type { Excerpt, Id, Notebook, Source } from '../../../notebook/common/model.js';
import { MOD, plural } from '../ui/format.js';
import { excerptPages } from './structure.js';

export const ExcerptList = memo(function ExcerptList({
  notebook,
  source,
  excerpts,
  selectedExcerptId,
  onSelect,
}: {
  notebook: Notebook;
  /** The excerpts' source, for page citations. */
  source: Source;
  excerpts: readonly Excerpt[];
  selectedExcerptId: Id | null;
  onSelect: (id: Id) => void;
}) {
  const id = useId();
  const linkCounts = new Map<Id, number>();
  for (const l of Object.values(notebook.links)) if (!l.deletedAt) linkCounts.set(l.fromId, (linkCounts.get(l.fromId) ?? 0) + 1);
  return (
    <section className="excerpt-strip">
      <SectionHead labelId={`${id}-label`} label="Excerpts" count={excerpts.length} />
      <ul className="excerpt-list" aria-labelledby={`${id}-label`}>
        {excerpts.map((e) => {
          const links = linkCounts.get(e.id) ?? 0;
          const pages = excerptPages(source, e);
          return (
            <li key={e.id}>
              <button type="button" className="excerpt-item" aria-current={e.id === selectedExcerptId ? 'true' : undefined} onClick={() => onSelect(e.id)}>
                <span className="excerpt-quote">{e.selectors.quote.exact}</span>
                {pages && <span className="excerpt-page">{pages}</span>}
                <span className="excerpt-meta">{links ? plural(links, 'claim') : 'not linked'}</span>
              </button>
            </li>
          );
        })}
      </ul>
      {excerpts.length === 0 && <p className="empty">No excerpts yet. Select a passage above (with the mouse, or Shift+Arrow keys) and choose Save excerpt ({MOD}E).</p>}
    </section>
  );
});
