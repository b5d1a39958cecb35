// The text of one source, one <p> per line (headings marked as such, page dividers between
// pages), with its excerpts painted as highlights. Reports whether a passage is selected, turns
// the selection into code points on request, selects the excerpt under a click, and extends the
// selection from the keyboard. The paragraphs are rendered once per text, never again on a
// selection change.
import { memo, useEffect, useImperativeHandle, useLayoutEffect, useRef, type KeyboardEvent, type MouseEvent, type ReactNode, type Ref } from 'react';
import type { Excerpt, Id } from '../../../notebook/common/model.js';
import { clearExcerpts, paintExcerpts } from './highlights.js';
import { extendSelectionByKey } from './keyboard-selection.js';
import type { PageBreak } from './structure.js';
import { domRange, offsetOfPoint, selectedRange, trimRange, type CodePointRange, type Paragraph, type TextLayout } from './text-dom.js';

export interface SourceTextHandle {
  /** The selected passage as code points, white space at its ends left out; null when none. */
  selection(): CodePointRange | null;
  clearSelection(): void;
  /** Scrolls the passage into view if it is not. */
  reveal(range: CodePointRange): void;
}

export interface SourceTextProps {
  layout: TextLayout;
  excerpts: readonly Excerpt[];
  selectedExcerptId: Id | null;
  onSelectExcerpt: (id: Id) => void;
  /** Called with true when a passage of this text becomes selected, false when none is. */
  onSelectionChange: (selected: boolean) => void;
  ref?: Ref<SourceTextHandle>;
}

/** A page divider: no text of its own (its label is drawn by CSS), so it never enters a selection or an offset. */
function PageDivider({ pageBreak }: { pageBreak: PageBreak }) {
  return <div role="separator" aria-label={pageBreak.label} className="page-break" data-before={pageBreak.before} data-label={pageBreak.label} />;
}

const Paragraphs = memo(function Paragraphs({ layout }: { layout: TextLayout }) {
  const { paragraphs, breaks, headings } = layout;
  const out: ReactNode[] = [];
  let b = 0;
  paragraphs.forEach((p: Paragraph, i) => {
    for (; b < breaks.length && breaks[b]!.before === i; b++) out.push(<PageDivider key={`page-${b}`} pageBreak={breaks[b]!} />);
    const level = headings.get(i);
    out.push(
      level ? (
        <p key={i} data-index={i} data-start={p.start} role="heading" aria-level={level} className={`line line-heading line-heading-${level}`}>
          {p.text}
        </p>
      ) : (
        <p key={i} data-index={i} data-start={p.start} className={p.length === 0 ? 'line line-blank' : 'line'}>
          {p.text}
        </p>
      ),
    );
  });
  for (; b < breaks.length; b++) out.push(<PageDivider key={`page-${b}`} pageBreak={breaks[b]!} />);
  return out;
});

export function SourceText({ layout, excerpts, selectedExcerptId, onSelectExcerpt, onSelectionChange, ref }: SourceTextProps) {
  const containerRef = useRef<HTMLElement>(null);
  const viewportRef = useRef<HTMLDivElement>(null);

  const currentSelection = (): CodePointRange | null => {
    const container = containerRef.current;
    if (!container) return null;
    const range = selectedRange(container, layout);
    return range ? trimRange(layout, range) : null;
  };

  useImperativeHandle(ref, () => ({
    selection: currentSelection,
    clearSelection: () => {
      const selection = window.getSelection();
      if (selection && containerRef.current && selection.rangeCount && selection.getRangeAt(0).intersectsNode(containerRef.current)) selection.removeAllRanges();
    },
    reveal: (range) => {
      const container = containerRef.current;
      const viewport = viewportRef.current;
      const dom = container && domRange(container, layout, range);
      if (!dom || !viewport) return;
      const rect = dom.getBoundingClientRect();
      const view = viewport.getBoundingClientRect();
      if (rect.top >= view.top && rect.bottom <= view.bottom) return;
      const smooth = !window.matchMedia('(prefers-reduced-motion: reduce)').matches;
      viewport.scrollTo({ top: viewport.scrollTop + rect.top - view.top - view.height / 3, behavior: smooth ? 'smooth' : 'auto' });
    },
  }));

  // Whether a passage is selected, reported only when it changes, so the reader re-renders
  // once per change and not on every selectionchange event.
  const reported = useRef<boolean | null>(null);
  const report = useRef(onSelectionChange);
  useEffect(() => {
    report.current = onSelectionChange;
  });
  useEffect(() => {
    const check = () => {
      const container = containerRef.current;
      const range = container ? selectedRange(container, layout) : null;
      const selected = range !== null && trimRange(layout, range) !== null;
      if (selected !== reported.current) {
        reported.current = selected;
        report.current(selected);
      }
    };
    check();
    document.addEventListener('selectionchange', check);
    return () => document.removeEventListener('selectionchange', check);
  }, [layout]);

  // Painted and cleared in the same layout phase: a passive cleanup would run after the next
  // text's paint (a source switch remounts this) and wipe its highlights.
  useLayoutEffect(() => {
    if (!containerRef.current) return;
    paintExcerpts(containerRef.current, layout, excerpts, selectedExcerptId);
    return clearExcerpts;
  }, [layout, excerpts, selectedExcerptId]);

  /** The code point under the pointer (not merely nearest the caret), or null over blank space. */
  const offsetAt = (x: number, y: number): number | null => {
    const container = containerRef.current;
    const position = document.caretPositionFromPoint?.(x, y);
    if (!container || !position || !container.contains(position.offsetNode)) return null;
    const caret = offsetOfPoint(container, layout, position.offsetNode, position.offset);
    for (const cp of [caret, caret - 1]) {
      if (cp < 0) continue;
      const one = domRange(container, layout, { start: cp, end: cp + 1 });
      for (const r of one?.getClientRects() ?? []) {
        if (x >= r.left && x <= r.right && y >= r.top && y <= r.bottom) return cp;
      }
    }
    return null;
  };

  const onClick = (event: MouseEvent) => {
    const selection = window.getSelection();
    if (selection && !selection.isCollapsed) return;
    const cp = offsetAt(event.clientX, event.clientY);
    if (cp === null) return;
    // The innermost excerpt under the click: the shortest that covers it, then the newest.
    let best: Excerpt | null = null;
    for (const e of excerpts) {
      const { start, end } = e.selectors.position;
      if (start > cp || end <= cp) continue;
      const better = !best || end - start < best.selectors.position.end - best.selectors.position.start || (end - start === best.selectors.position.end - best.selectors.position.start && e.createdAt > best.createdAt);
      if (better) best = e;
    }
    if (best) onSelectExcerpt(best.id);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (containerRef.current && viewportRef.current) extendSelectionByKey(event.nativeEvent, containerRef.current, viewportRef.current);
  };

  return (
    <div className="reader-scroll" ref={viewportRef}>
      <article
        ref={containerRef}
        className="source-text"
        aria-label="Source text"
        aria-describedby="reader-select-hint"
        tabIndex={0}
        onClick={onClick}
        onKeyDown={onKeyDown}
      >
        <Paragraphs layout={layout} />
      </article>
    </div>
  );
}
