// The text of one source, virtualised: only the blocks in view (and a few either side) exist in
// the DOM, so a 1 MB source with thousands of excerpts stays a few hundred elements wherever it is
// scrolled. Headings and page dividers are items like the blocks. The rendered items flow one
// after another below a spacer standing for the items above them, so the first screen is right
// before any block is measured; blocks are measured by a ResizeObserver after layout, never by
// reading sizes while React commits (which forced a layout of the page per render). Excerpts are
// painted over the rendered blocks as highlights in their tags' colours; hovering a word under two
// or more of them (or Alt+Enter at the caret) lists them. Reports whether a passage is selected, turns the
// selection into code points, selects the excerpt under a click, extends the selection from the
// keyboard, goes to a passage on request, and remembers where the analyst was. Never re-renders
// the blocks on a selection change, and never lets a block the selection starts or ends in leave
// the DOM while the selection lasts (its offsets would be lost).
import { defaultRangeExtractor, useVirtualizer, type Range as VirtualRange, type Virtualizer } from '@tanstack/react-virtual';
import {
  memo,
  useCallback,
  useEffect,
  useImperativeHandle,
  useLayoutEffect,
  useMemo,
  useReducer,
  useRef,
  useState,
  type ClipboardEvent,
  type KeyboardEvent,
  type MouseEvent,
  type ReactNode,
  type Ref,
} from 'react';
import { flushSync } from 'react-dom';
import type { Excerpt, Id, Notebook } from '../../../notebook/common/model.js';
import { highlightColorOf } from '../tags/tag-colors.js';
import { CoverPopover, type CoverAnchor } from './CoverPopover.js';
import { excerptsAt, indexExcerpts } from './excerpt-index.js';
import { HighlightPainter } from './highlights.js';
import { extendSelectionByKey } from './keyboard-selection.js';
import { recallPosition, rememberPosition } from './position-memory.js';
import { domRange, finderOf, offsetOfPoint, selectedRange } from './text-dom.js';
import { headingOf, paragraphAt, spacedBefore, trimRange, type CodePointRange, type TextLayout } from './text-layout.js';

export interface SourceTextHandle {
  /** The selected passage as code points, white space at its ends left out; null when none. */
  selection(): CodePointRange | null;
  clearSelection(): void;
  /**
   * Scrolls to the passage (if it is not in view already). A search hit is also flashed, and
   * `flash` is what the status line says about it.
   */
  reveal(range: CodePointRange, options?: { flash: string }): void;
}

export interface SourceTextProps {
  layout: TextLayout;
  notebook: Notebook;
  sourceId: Id;
  excerpts: readonly Excerpt[];
  selectedExcerptId: Id | null;
  /** Open at the remembered position (false when a reveal is about to ask for another place). */
  restorePosition: boolean;
  onSelectExcerpt: (id: Id) => void;
  /** Called with true when a passage of this text becomes selected, false when none is. */
  onSelectionChange: (selected: boolean) => void;
  /** Says something to screen readers (the reader's status line). */
  onAnnounce: (message: string) => void;
  /** A passage to highlight and bring into view: the suggested claim pointed at in the Suggestions panel. */
  preview?: CodePointRange | null;
  ref?: Ref<SourceTextHandle>;
}

/** Items rendered beyond each edge of the view: enough that a quick scroll or a selection drag never shows a gap. */
const OVERSCAN = 6;
/** The text's space above and below, inside the scroller (the virtualiser places items below PAD_TOP). */
const PAD_TOP = 24;
const PAD_BOTTOM = 40;
/** Reading metrics from reader.css, for estimating a block's height before it is measured. */
const FONT_PX = 17;
const LINE_PX = FONT_PX * 1.7;
const AVERAGE_CHAR_PX = FONT_PX * 0.48;
/** How long a search hit stays flashed, and when it starts to fade. */
const FLASH_MS = 2000;
const FADE_AT_MS = 1500;
/** How long the pointer rests on a covered word before the list shows, and lingers after it leaves. */
const HOVER_SHOW_MS = 250;
const HOVER_HIDE_MS = 300;
/** How many frames a reveal keeps correcting while blocks are measured around its target. */
const SETTLE_FRAMES = 40;

const reducedMotion = (): boolean => window.matchMedia('(prefers-reduced-motion: reduce)').matches;

/**
 * The size of the view the text was last shown in: a text opening sizes its first window of blocks
 * from it (the reader's scroller keeps its size from one source to the next) rather than from an
 * empty rectangle, which would render a few blocks, measure the scroller and render again.
 */
let lastViewport: { width: number; height: number } | null = null;
/** Characters per line at the reading measure, as last measured: what a block's height is estimated from. */
let lastCharsPerLine = 80;

/**
 * How the virtualiser sizes an item: from a ResizeObserver entry (after layout, no forced reflow),
 * and otherwise (an item just attached) what it knows already, its measured or estimated size.
 */
function itemSize(element: Element, entry: ResizeObserverEntry | undefined, instance: Virtualizer<HTMLDivElement, Element>): number {
  const box = entry?.borderBoxSize?.[0];
  if (box) return box.blockSize;
  const index = instance.indexFromElement(element);
  return instance.itemSizeCache.get(instance.options.getItemKey(index)) ?? instance.options.estimateSize(index);
}

interface BlockProps {
  layout: TextLayout;
  item: number;
  measure: (element: HTMLElement | null) => void;
}

/** One item of the text: a block (a line or a piece of a long one), or a page divider, which has no text of its own. */
const Item = memo(function Item({ layout, item, measure }: BlockProps) {
  const entry = layout.items[item]!;
  if (entry.kind === 'break') {
    const { before, label } = entry.pageBreak;
    return <div ref={measure} data-item={item} role="separator" aria-label={label} className="page-break" data-before={before} data-label={label} />;
  }
  const i = entry.paragraph;
  const p = layout.paragraphs[i]!;
  const heading = headingOf(layout, i);
  const classes = ['line'];
  if (p.length === 0) classes.push('line-blank');
  if (spacedBefore(layout, i)) classes.push('line-spaced');
  if (heading) classes.push('line-heading', `line-heading-${heading}`);
  // Only a heading line's first block is the heading; the rest of a (rare) giant heading line is drawn alike.
  const role = heading && !p.continues ? { role: 'heading', 'aria-level': heading } : {};
  return (
    <p ref={measure} data-item={item} data-index={i} data-start={p.start} className={classes.join(' ')} {...role}>
      {p.text}
    </p>
  );
});

interface Popover {
  excerpts: Excerpt[];
  anchor: CoverAnchor;
  bounds: { top: number; bottom: number; width: number };
  keyboard: boolean;
}

export function SourceText({ layout, notebook, sourceId, excerpts, selectedExcerptId, restorePosition, onSelectExcerpt, onSelectionChange, onAnnounce, preview = null, ref }: SourceTextProps) {
  const containerRef = useRef<HTMLElement>(null);
  const viewportRef = useRef<HTMLDivElement>(null);
  const index = useMemo(() => indexExcerpts(layout.paragraphs, excerpts), [layout, excerpts]);
  const colourOf = useCallback((e: Excerpt) => highlightColorOf(notebook, e), [notebook]);

  // The items the selection starts and ends in, rendered wherever the view is.
  const [pinned, setPinned] = useState<readonly number[]>([]);
  const rangeExtractor = useCallback(
    (range: VirtualRange) => {
      const shown = defaultRangeExtractor(range);
      const extra = pinned.filter((i) => i < range.count && !shown.includes(i));
      return extra.length ? [...shown, ...extra].sort((a, b) => a - b) : shown;
    },
    [pinned],
  );

  const charsPerLine = useRef(lastCharsPerLine);
  const observed = useRef(false);
  const [, forceRender] = useReducer((n: number) => n + 1, 0);
  const estimateSize = useCallback(
    (i: number) => {
      const item = layout.items[i]!;
      if (item.kind === 'break') return 52;
      const p = layout.paragraphs[item.paragraph]!;
      if (p.length === 0) return FONT_PX * 0.85;
      const lines = Math.max(1, Math.ceil(p.text.length / charsPerLine.current));
      return lines * LINE_PX + (spacedBefore(layout, item.paragraph) ? FONT_PX / 2 : 0);
    },
    [layout],
  );

  // eslint-disable-next-line react-hooks/incompatible-library -- its functions are called afresh on every render, never memoised
  const virtualizer = useVirtualizer({
    count: layout.items.length,
    getScrollElement: () => viewportRef.current,
    estimateSize,
    overscan: OVERSCAN,
    paddingStart: PAD_TOP,
    paddingEnd: PAD_BOTTOM,
    // data-index names the block (text-dom.ts); the virtualiser counts dividers too.
    indexAttribute: 'data-item',
    rangeExtractor,
    measureElement: (element, entry, instance) => {
      if (entry) observed.current = true;
      return itemSize(element, entry, instance);
    },
    initialRect: lastViewport ?? { width: 0, height: typeof window === 'undefined' ? 0 : window.innerHeight },
    onChange: (instance) => {
      if (instance.scrollRect && instance.scrollRect.height > 0) lastViewport = instance.scrollRect;
      // Sizes from the ResizeObserver arrive after layout and before paint: rendered at once, the
      // blocks they bring into view (or move the spacers for) are in the same frame, not the next.
      if (observed.current) {
        observed.current = false;
        flushSync(forceRender);
      }
    },
  });

  useLayoutEffect(() => {
    const width = containerRef.current?.clientWidth ?? 0;
    if (width > 0) lastCharsPerLine = charsPerLine.current = Math.max(20, Math.floor(width / AVERAGE_CHAR_PX));
  }, []);

  // ── Highlights ──────────────────────────────────────────────────────────────
  const [flash, setFlash] = useState<{ range: CodePointRange; fading: boolean } | null>(null);
  const painter = useRef<HighlightPainter<Excerpt> | null>(null);
  // Painted in the layout phase, after every render (the rendered window may have changed), before
  // the browser paints: a new excerpt shows in the very next frame.
  useLayoutEffect(() => {
    if (!containerRef.current) return;
    painter.current ??= new HighlightPainter();
    painter.current.paint({ container: containerRef.current, layout, index, colourOf, selectedId: selectedExcerptId, flash, preview });
  });
  // Cleared in the same layout phase: a passive cleanup would run after the next text's paint (a
  // source switch remounts this), and the painter only removes highlights it registered.
  useLayoutEffect(
    () => () => {
      painter.current?.dispose();
      painter.current = null;
    },
    [],
  );

  // Strong, then fading, then gone; with reduced motion, strong and then gone.
  useEffect(() => {
    if (!flash) return;
    const timer = flash.fading
      ? setTimeout(() => setFlash(null), FLASH_MS - FADE_AT_MS)
      : reducedMotion()
        ? setTimeout(() => setFlash(null), FLASH_MS)
        : setTimeout(() => setFlash((f) => f && { ...f, fading: true }), FADE_AT_MS);
    return () => clearTimeout(timer);
  }, [flash]);

  // ── Going to a place: a reveal, or the remembered position ──────────────────
  const target = useRef<{ range: CodePointRange; align: 'top' | 'third'; frames: number; still: number } | null>(null);
  const frame = useRef(0);

  const settle = useCallback(() => {
    frame.current = 0;
    const t = target.current;
    const container = containerRef.current;
    const viewport = viewportRef.current;
    if (!t || !container || !viewport) return;
    const again = () => {
      if (++t.frames < SETTLE_FRAMES) frame.current = requestAnimationFrame(settle);
      else target.current = null;
    };
    const block = paragraphAt(layout.paragraphs, t.range.start);
    const blockEnd = layout.paragraphs[block]!.start + layout.paragraphs[block]!.length;
    // Its first character, not a caret: a caret where a line wraps reports the end of the line before.
    const first = domRange(container, layout, { start: t.range.start, end: Math.min(t.range.start + 1, blockEnd) });
    if (!first) {
      // Not rendered yet: aim the virtualiser at its block and look again next frame.
      const offset = virtualizer.getOffsetForIndex(layout.itemOfParagraph[block]!, 'start')?.[0];
      if (offset !== undefined) viewport.scrollTop = Math.max(0, offset - (t.align === 'third' ? viewport.clientHeight / 3 : 0));
      again();
      return;
    }
    const view = viewport.getBoundingClientRect();
    const rect = first.getClientRects()[0] ?? (first.startContainer instanceof Element ? first.startContainer.getBoundingClientRect() : first.getBoundingClientRect());
    if (t.align === 'third') {
      const whole = domRange(container, layout, t.range)?.getBoundingClientRect();
      if (whole && whole.top >= view.top && whole.bottom <= view.bottom) {
        target.current = null;
        return;
      }
    }
    const delta = rect.top - (t.align === 'top' ? view.top : view.top + view.height / 3);
    if (Math.abs(delta) < 1) {
      // Still for two frames running: the blocks around it are measured and nothing moves any more.
      if (++t.still >= 2) {
        target.current = null;
        return;
      }
    } else {
      t.still = 0;
      viewport.scrollTop += delta;
    }
    again();
  }, [layout, virtualizer]);

  const goTo = useCallback(
    (range: CodePointRange, align: 'top' | 'third') => {
      target.current = { range, align, frames: 0, still: 0 };
      cancelAnimationFrame(frame.current);
      settle();
    },
    [settle],
  );

  // A suggested claim pointed at is brought into view (only scrolled to when it is not in view already).
  const previewStart = preview?.start;
  const previewEnd = preview?.end;
  useEffect(() => {
    if (previewStart !== undefined && previewEnd !== undefined) goTo({ start: previewStart, end: previewEnd }, 'third');
  }, [previewStart, previewEnd, goTo]);

  // The analyst taking over (wheel, touch, a key, a click) ends a reveal still settling.
  useEffect(() => {
    const viewport = viewportRef.current;
    if (!viewport) return;
    const stop = () => {
      target.current = null;
    };
    const events = ['wheel', 'touchstart', 'pointerdown', 'keydown'] as const;
    for (const e of events) viewport.addEventListener(e, stop, { passive: true });
    return () => {
      for (const e of events) viewport.removeEventListener(e, stop);
      cancelAnimationFrame(frame.current);
    };
  }, []);

  // ── Position memory ─────────────────────────────────────────────────────────
  /** The first code point in view: the start of the first line at the top edge. */
  const firstVisibleOffset = useCallback((): number | null => {
    const container = containerRef.current;
    const viewport = viewportRef.current;
    if (!container || !viewport) return null;
    const top = viewport.getBoundingClientRect().top;
    const blocks = [...container.querySelectorAll<HTMLElement>('[data-index]')].sort((a, b) => Number(a.dataset.index) - Number(b.dataset.index));
    for (const block of blocks) {
      const rect = block.getBoundingClientRect();
      if (rect.bottom <= top + 1) continue;
      const start = layout.paragraphs[Number(block.dataset.index)]!.start;
      if (rect.top >= top || !block.firstChild) return start;
      const position = document.caretPositionFromPoint?.(rect.left + 1, top + 4);
      return position && block.contains(position.offsetNode) ? offsetOfPoint(container, layout, position.offsetNode, position.offset) : start;
    }
    return null;
  }, [layout]);

  const notebookId = notebook.id;
  const savePosition = useCallback(() => {
    const t = target.current;
    // While going back to a remembered place, that place is the position.
    const cp = t?.align === 'top' ? t.range.start : firstVisibleOffset();
    if (cp !== null) rememberPosition(notebookId, sourceId, cp);
  }, [firstVisibleOffset, notebookId, sourceId]);

  useEffect(() => {
    if (!restorePosition) return;
    const cp = recallPosition(notebookId, sourceId, layout.index.length);
    if (cp) goTo({ start: cp, end: cp }, 'top');
    // Only when the text opens: later changes of the props never move the analyst.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useLayoutEffect(() => {
    const viewport = viewportRef.current;
    if (!viewport) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onScroll = () => {
      clearTimeout(timer);
      timer = setTimeout(savePosition, 200);
    };
    viewport.addEventListener('scroll', onScroll, { passive: true });
    return () => {
      viewport.removeEventListener('scroll', onScroll);
      // Still in the document here (a layout cleanup), so the place can be read one last time.
      if (timer !== undefined) {
        clearTimeout(timer);
        savePosition();
      }
    };
  }, [savePosition]);

  // ── Selection ───────────────────────────────────────────────────────────────
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
    reveal: (range, options) => {
      goTo(range, 'third');
      if (options) {
        setFlash({ range, fading: false });
        onAnnounce(options.flash);
      }
    },
  }));

  // Whether a passage is selected, reported only when it changes, so the reader re-renders once
  // per change and not on every selectionchange event; and which items to keep rendered for it.
  // A text opens with nothing selected in it (the reader assumes so too): no report, no second
  // render of the reader on its first screen. One that goes away with a passage selected says so.
  const reported = useRef(false);
  const report = useRef(onSelectionChange);
  useEffect(() => {
    report.current = onSelectionChange;
  });
  useEffect(
    () => () => {
      if (reported.current) report.current(false);
    },
    [],
  );
  const pinnedNow = useRef<readonly number[]>([]);
  useEffect(() => {
    const itemOf = (node: Node | null): number | null => {
      const element = node?.nodeType === Node.TEXT_NODE ? node.parentElement : (node as Element | null);
      const block = element?.closest<HTMLElement>('[data-index]');
      return block && containerRef.current?.contains(block) ? (layout.itemOfParagraph[Number(block.dataset.index)] ?? null) : null;
    };
    const check = () => {
      const container = containerRef.current;
      const range = container ? selectedRange(container, layout) : null;
      const selected = range !== null && trimRange(layout, range) !== null;
      if (selected !== reported.current) {
        reported.current = selected;
        report.current(selected);
      }
      const selection = window.getSelection();
      const ends = range && selection ? [itemOf(selection.anchorNode), itemOf(selection.focusNode)].filter((i): i is number => i !== null) : [];
      const current = pinnedNow.current;
      if (current.length === ends.length && current.every((i, k) => i === ends[k])) return;
      pinnedNow.current = ends;
      setPinned(ends);
    };
    check();
    document.addEventListener('selectionchange', check);
    return () => document.removeEventListener('selectionchange', check);
  }, [layout]);

  /** The code point under the pointer (not merely nearest the caret) and its box, or null over blank space. */
  const hitAt = (x: number, y: number): { cp: number; rect: DOMRect } | null => {
    const container = containerRef.current;
    const position = document.caretPositionFromPoint?.(x, y);
    if (!container || !position || !container.contains(position.offsetNode)) return null;
    const caret = offsetOfPoint(container, layout, position.offsetNode, position.offset);
    const find = finderOf(container);
    for (const cp of [caret, caret - 1]) {
      if (cp < 0) continue;
      const one = domRange(container, layout, { start: cp, end: cp + 1 }, find);
      for (const r of one?.getClientRects() ?? []) {
        if (x >= r.left && x <= r.right && y >= r.top && y <= r.bottom) return { cp, rect: r };
      }
    }
    return null;
  };

  const onClick = (event: MouseEvent) => {
    const selection = window.getSelection();
    if (selection && !selection.isCollapsed) return;
    const hit = hitAt(event.clientX, event.clientY);
    // The innermost excerpt under the click: the shortest that covers it, then the newest.
    const innermost = hit && excerptsAt(index, hit.cp)[0];
    if (innermost) onSelectExcerpt(innermost.id);
  };

  // A selection can run over blocks that are not rendered: copy the text it stands for, not the DOM's.
  const onCopy = (event: ClipboardEvent) => {
    const range = containerRef.current && selectedRange(containerRef.current, layout);
    if (!range) return;
    event.preventDefault();
    event.clipboardData.setData('text/plain', layout.index.slice(range.start, range.end));
  };

  // ── What covers a word ──────────────────────────────────────────────────────
  const [popover, setPopover] = useState<Popover | null>(null);
  const hoverTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const pointerFrame = useRef(0);
  const pointer = useRef<{ x: number; y: number } | null>(null);
  const overPopover = useRef(false);
  useEffect(
    () => () => {
      clearTimeout(hoverTimer.current);
      cancelAnimationFrame(pointerFrame.current);
    },
    [],
  );

  /** The list for code point cp, placed at its box. */
  const popoverAt = (cp: number, rect: DOMRect, keyboard: boolean): Popover | null => {
    const viewport = viewportRef.current;
    const covering = excerptsAt(index, cp);
    if (!viewport || covering.length === 0) return null;
    const view = viewport.getBoundingClientRect();
    const y = viewport.scrollTop - view.top;
    return {
      excerpts: covering,
      anchor: { top: rect.top + y, bottom: rect.bottom + y, left: rect.left - view.left + viewport.scrollLeft },
      bounds: { top: viewport.scrollTop, bottom: viewport.scrollTop + viewport.clientHeight, width: viewport.clientWidth },
      keyboard,
    };
  };

  const sameList = (a: readonly Excerpt[], b: readonly Excerpt[]) => a.length === b.length && a.every((e, k) => e.id === b[k]!.id);

  const hoverCheck = () => {
    pointerFrame.current = 0;
    const at = pointer.current;
    if (!at) return;
    const hit = hitAt(at.x, at.y);
    const covering = hit ? excerptsAt(index, hit.cp) : [];
    clearTimeout(hoverTimer.current);
    // A list the keyboard asked for stays until the keyboard (or a click) closes it.
    if (popover?.keyboard) return;
    if (covering.length >= 2 && hit) {
      if (popover && sameList(popover.excerpts, covering)) return;
      hoverTimer.current = setTimeout(() => setPopover(popoverAt(hit.cp, hit.rect, false)), HOVER_SHOW_MS);
    } else if (popover) {
      hoverTimer.current = setTimeout(() => {
        if (!overPopover.current) setPopover(null);
      }, HOVER_HIDE_MS);
    }
  };

  const onMouseMove = (event: MouseEvent) => {
    // A drag is a selection being made: no list gets in its way.
    if (event.buttons !== 0) return;
    pointer.current = { x: event.clientX, y: event.clientY };
    if (!pointerFrame.current) pointerFrame.current = requestAnimationFrame(hoverCheck);
  };

  const onMouseLeave = () => {
    pointer.current = null;
    clearTimeout(hoverTimer.current);
    if (popover && !popover.keyboard) {
      hoverTimer.current = setTimeout(() => {
        if (!overPopover.current) setPopover(null);
      }, HOVER_HIDE_MS);
    }
  };

  const onMouseDown = () => {
    clearTimeout(hoverTimer.current);
    if (popover) setPopover(null);
  };

  /** Alt+Enter: the list for the caret (the moving end of the selection), or for the first word in view. */
  const listAtCaret = () => {
    const container = containerRef.current;
    const selection = window.getSelection();
    if (!container) return;
    let cp: number | null = null;
    if (selection?.focusNode && container.contains(selection.focusNode)) {
      cp = offsetOfPoint(container, layout, selection.focusNode, selection.focusOffset);
      // A selection made forwards has its caret after its last character: that character is meant.
      if (!selection.isCollapsed && selection.anchorNode && offsetOfPoint(container, layout, selection.anchorNode, selection.anchorOffset) < cp) cp--;
    }
    cp ??= firstVisibleOffset();
    if (cp === null) return;
    const box = domRange(container, layout, { start: cp, end: Math.min(layout.index.length, cp + 1) });
    const rect = box?.getClientRects()[0] ?? box?.getBoundingClientRect();
    const next = rect ? popoverAt(cp, rect, true) : null;
    if (next) setPopover(next);
    else onAnnounce('No excerpt covers this place in the text.');
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && event.altKey && !event.ctrlKey && !event.metaKey && !event.shiftKey) {
      event.preventDefault();
      listAtCaret();
      return;
    }
    if (containerRef.current && viewportRef.current) extendSelectionByKey(event.nativeEvent, containerRef.current, viewportRef.current);
  };

  const closePopover = (returnFocus: boolean) => {
    setPopover(null);
    overPopover.current = false;
    if (returnFocus) containerRef.current?.focus({ preventScroll: true });
  };

  // A list that names an excerpt no longer there (an undo, a trash) is not shown.
  const live = useMemo(() => new Set(excerpts.map((e) => e.id)), [excerpts]);
  const shownPopover = popover && popover.excerpts.every((e) => live.has(e.id)) ? popover : null;

  // The items in order, each run of consecutive ones after a spacer as tall as what is left out
  // before it (the items above the view, or between the view and a block a selection holds on to).
  const children: ReactNode[] = [];
  let end = 0;
  for (const v of virtualizer.getVirtualItems()) {
    if (v.start > end) children.push(<div key={`gap-${v.index}`} className="text-gap" aria-hidden="true" style={{ height: v.start - end }} />);
    children.push(<Item key={v.key} layout={layout} item={v.index} measure={virtualizer.measureElement} />);
    end = Math.max(end, v.end);
  }
  return (
    <div className="reader-scroll" ref={viewportRef}>
      <article
        ref={containerRef}
        className="source-text"
        aria-label="Source text"
        aria-describedby="reader-select-hint"
        tabIndex={0}
        style={{ height: virtualizer.getTotalSize() }}
        onClick={onClick}
        onCopy={onCopy}
        onKeyDown={onKeyDown}
        onMouseMove={onMouseMove}
        onMouseLeave={onMouseLeave}
        onMouseDown={onMouseDown}
      >
        {children}
      </article>
      {shownPopover && (
        <CoverPopover
          notebook={notebook}
          excerpts={shownPopover.excerpts}
          anchor={shownPopover.anchor}
          bounds={shownPopover.bounds}
          colourOf={colourOf}
          takeFocus={shownPopover.keyboard}
          onChoose={(id) => {
            onSelectExcerpt(id);
            closePopover(shownPopover.keyboard);
          }}
          onClose={closePopover}
          onPointerEnter={() => {
            overPopover.current = true;
            clearTimeout(hoverTimer.current);
          }}
          onPointerLeave={() => {
            overPopover.current = false;
            hoverTimer.current = setTimeout(() => setPopover(null), HOVER_HIDE_MS);
          }}
        />
      )}
    </div>
  );
}
