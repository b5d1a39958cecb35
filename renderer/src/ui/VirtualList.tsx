// A list of buttons sized by the notebook (thousands of sources or claims): only the rows in view,
// a few more, and the one that takes the focus are in the page. One Tab stop (roving tabindex):
// arrows, Page Up/Down, Home and End move the focus between rows, rendering the target first.
// Never renders every row, and never moves the focus unless a key in the list asked it to.
import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual';
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type FocusEvent, type KeyboardEvent, type ReactNode } from 'react';
import './virtual-list.css';

export interface VirtualListProps {
  /** How many rows the list has. */
  count: number;
  /** A stable key per row (the object's id). */
  keyOf: (index: number) => string;
  /** The row whose object is open or shown elsewhere (-1 for none): it is scrolled into view when it changes. */
  currentIndex: number;
  /** The id of the element naming the list. */
  labelledBy: string;
  /** A row's height before it is measured. */
  estimateSize: number;
  /** Classes of the scrolling box and of the list. */
  className?: string;
  listClassName?: string;
  /** One row's button; `tabIndex` must be passed on to it. */
  renderRow: (index: number, tabIndex: 0 | -1) => ReactNode;
}

export function VirtualList({ count, keyOf, currentIndex, labelledBy, estimateSize, className, listClassName, renderRow }: VirtualListProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const list = useRef<HTMLUListElement>(null);
  // The row that holds the list's one Tab stop.
  const [active, setActive] = useState(() => Math.max(0, currentIndex));
  const stop = count === 0 ? -1 : Math.min(active, count - 1);
  const pendingFocus = useRef<number | null>(null);

  const stopRef = useRef(stop);
  stopRef.current = stop;
  // The Tab stop is always rendered, even far out of view, so Tab still enters the list there.
  const rangeExtractor = useCallback((range: Range) => {
    const rows = defaultRangeExtractor(range);
    const keep = stopRef.current;
    if (keep < 0 || rows.includes(keep)) return rows;
    return [...rows, keep].sort((a, b) => a - b);
  }, []);

  // The virtualiser's functions change as it scrolls, so this component is not memoised by the compiler, as intended.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scroller.current,
    estimateSize: () => estimateSize,
    overscan: 6,
    getItemKey: keyOf,
    rangeExtractor,
  });

  // When the open object changes from elsewhere (a search result, the board, a link), its row comes into view.
  const currentKey = currentIndex >= 0 && currentIndex < count ? keyOf(currentIndex) : null;
  useEffect(() => {
    if (currentIndex < 0) return;
    setActive(currentIndex);
    virtualizer.scrollToIndex(currentIndex, { align: 'auto' });
    // Only when the current object changes: a row added elsewhere never scrolls the list.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [currentKey]);

  // A key moved the Tab stop: focus its button once it is rendered.
  useLayoutEffect(() => {
    const target = pendingFocus.current;
    if (target === null) return;
    const button = list.current?.querySelector<HTMLElement>(`li[data-index="${target}"] button`);
    if (button) {
      pendingFocus.current = null;
      button.focus({ preventScroll: true });
    }
  });

  const moveTo = (index: number) => {
    const target = Math.max(0, Math.min(count - 1, index));
    pendingFocus.current = target;
    setActive(target);
    virtualizer.scrollToIndex(target, { align: 'auto' });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey || count === 0) return;
    const row = (event.target as HTMLElement).closest<HTMLElement>('li[data-index]');
    const from = row ? Number(row.dataset.index) : stop;
    const page = Math.max(1, Math.floor((scroller.current?.clientHeight ?? 0) / estimateSize) - 1);
    const to: Record<string, number> = { ArrowDown: from + 1, ArrowUp: from - 1, Home: 0, End: count - 1, PageDown: from + page, PageUp: from - page };
    const target = to[event.key];
    if (target === undefined) return;
    event.preventDefault();
    moveTo(target);
  };

  // A click or a Tab into a row makes it the Tab stop.
  const onFocus = (event: FocusEvent<HTMLUListElement>) => {
    const row = (event.target as HTMLElement).closest<HTMLElement>('li[data-index]');
    if (row) setActive(Number(row.dataset.index));
  };

  return (
    <div className={className ? `virtual-scroll ${className}` : 'virtual-scroll'} ref={scroller}>
      <ul
        ref={list}
        className={listClassName ? `virtual-list ${listClassName}` : 'virtual-list'}
        aria-labelledby={labelledBy}
        style={{ height: virtualizer.getTotalSize() }}
        onKeyDown={onKeyDown}
        onFocus={onFocus}
      >
        {virtualizer.getVirtualItems().map((row) => (
          <li
            key={row.key}
            ref={virtualizer.measureElement}
            data-index={row.index}
            aria-setsize={count}
            aria-posinset={row.index + 1}
            className="virtual-row"
            style={{ transform: `translateY(${row.start}px)` }}
          >
            {renderRow(row.index, row.index === stop ? 0 : -1)}
          </li>
        ))}
      </ul>
    </div>
  );
}
