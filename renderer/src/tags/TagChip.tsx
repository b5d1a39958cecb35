// A tag as a chip: a swatch of its colour (its own or its nearest coloured parent's) and its name,
// and optionally a button that takes it off. Colour never carries meaning alone: the name is there.
import './tags.css';
import type { ReactNode } from 'react';
import { tagColorOf, type TagColorName } from './tag-colors.js';

/** The class that gives an element a colour's tint and strong tone (tags.css), or '' for none. */
export function tagColorClass(color: TagColorName | null): string {
  return color ? `tag-color-${color}` : '';
}

export function TagChip({ tag, tagColors, children }: { tag: string; tagColors: Readonly<Record<string, string>>; children?: ReactNode }) {
  const color = tagColorOf(tagColors, tag);
  return (
    <li className={['tag-chip', tagColorClass(color), children ? '' : 'tag-chip-plain'].filter(Boolean).join(' ')}>
      {color && <span className="tag-swatch" aria-hidden="true" />}
      <span className="tag-name">{tag}</span>
      {children}
    </li>
  );
}
