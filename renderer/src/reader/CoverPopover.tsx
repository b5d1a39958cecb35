// The list of what covers a place in the source text, "Covered by 2 excerpts": shown on hovering a
// word under two or more excerpts, or from the keyboard (Alt+Enter in the text). Each excerpt is a
// button (start of its quote, its tags, how many claims it is linked to) that selects it. Never
// covers the line it points at, and never takes the focus unless the keyboard asked for it.
import { useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { indexLinks } from '../../../notebook/common/analysis.js';
import type { Excerpt, Id, Notebook } from '../../../notebook/common/model.js';
import type { TagColorName } from '../tags/tag-colors.js';
import { ellipsise, plural } from '../ui/format.js';

export interface CoverAnchor {
  /** The covered character's box, in the scroller's content coordinates. */
  top: number;
  bottom: number;
  left: number;
}

export interface CoverPopoverProps {
  notebook: Notebook;
  /** Innermost first. */
  excerpts: readonly Excerpt[];
  anchor: CoverAnchor;
  /** The scroller's visible box in its content coordinates, to keep the list inside it. */
  bounds: { top: number; bottom: number; width: number };
  colourOf: (excerpt: Excerpt) => TagColorName | null;
  /** Moves the focus to the first excerpt (the list was asked for from the keyboard). */
  takeFocus: boolean;
  onChoose: (id: Id) => void;
  /** `returnFocus`: the list had the focus, give it back to the text. */
  onClose: (returnFocus: boolean) => void;
  onPointerEnter: () => void;
  onPointerLeave: () => void;
}

const GAP = 6;
const WIDTH = 352;

export function CoverPopover({ notebook, excerpts, anchor, bounds, colourOf, takeFocus, onChoose, onClose, onPointerEnter, onPointerLeave }: CoverPopoverProps) {
  const root = useRef<HTMLDivElement>(null);
  const [above, setAbove] = useState<number | null>(null);
  // Not memoised: the notebook changes in place, and the list is rendered only while it is shown.
  const links = indexLinks(notebook).from;
  const title = `Covered by ${plural(excerpts.length, 'excerpt')}`;

  // Below the line, or above it when there is no room below: measured once it has its size.
  useLayoutEffect(() => {
    const height = root.current?.offsetHeight ?? 0;
    const fitsBelow = anchor.bottom + GAP + height <= bounds.bottom;
    const fitsAbove = anchor.top - GAP - height >= bounds.top;
    setAbove(!fitsBelow && fitsAbove ? anchor.top - GAP - height : null);
  }, [anchor, bounds, excerpts]);

  useLayoutEffect(() => {
    if (takeFocus) root.current?.querySelector<HTMLButtonElement>('button')?.focus();
  }, [takeFocus, excerpts]);

  const onKeyDown = (event: KeyboardEvent) => {
    const buttons = [...(root.current?.querySelectorAll<HTMLButtonElement>('button') ?? [])];
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    const move = (to: number) => {
      event.preventDefault();
      buttons[(to + buttons.length) % buttons.length]?.focus();
    };
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onClose(true);
    } else if (event.key === 'ArrowDown') move(at + 1);
    else if (event.key === 'ArrowUp') move(at - 1);
    else if (event.key === 'Home') move(0);
    else if (event.key === 'End') move(buttons.length - 1);
  };

  const left = Math.max(8, Math.min(anchor.left - 12, bounds.width - WIDTH - 8));
  return (
    <div
      ref={root}
      className="cover-popover"
      role="group"
      aria-labelledby="cover-popover-title"
      style={{ top: above ?? anchor.bottom + GAP, left }}
      onKeyDown={onKeyDown}
      onMouseEnter={onPointerEnter}
      onMouseLeave={onPointerLeave}
      onBlur={(event) => {
        if (!root.current?.contains(event.relatedTarget as Node | null)) onClose(false);
      }}
    >
      <p id="cover-popover-title" className="cover-title">
        {title}
      </p>
      <ul className="cover-list">
        {excerpts.map((e) => {
          const claims = links.get(e.id)?.length ?? 0;
          const colour = colourOf(e);
          return (
            <li key={e.id}>
              <button type="button" className="cover-item" onClick={() => onChoose(e.id)}>
                <span aria-hidden="true" className={`cover-swatch cover-swatch-${colour ?? 'default'}`} />
                <span className="cover-quote">“{ellipsise(e.selectors.quote.exact, 70)}”</span>{' '}
                <span className="cover-meta">
                  {e.tags.length > 0 && <span className="cover-tags">{e.tags.join(', ')} · </span>}
                  {claims ? `linked to ${plural(claims, 'claim')}` : 'not linked'}
                </span>
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
