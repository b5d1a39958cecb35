// The colours tags can have, and which colour a tag or an excerpt's highlight takes. Pure: the
// names here are the only colours stored (settings.tagColors); CSS gives each a value per theme
// (--tag-<name> in tags.css, ::highlight(excerpt-<name>) in reader.css). Colour never carries
// meaning alone: a tag chip always shows the tag's name too.
import type { Excerpt, Notebook } from '../../../notebook/common/model.js';

export const TAG_COLORS = ['yellow', 'green', 'blue', 'purple', 'red', 'orange', 'grey'] as const;
export type TagColorName = (typeof TAG_COLORS)[number];

export function isTagColor(value: string): value is TagColorName {
  return (TAG_COLORS as readonly string[]).includes(value);
}

/** The colour of a tag: its own, else its nearest coloured parent's (weapons/artillery takes weapons'); null when none. */
export function tagColorOf(tagColors: Readonly<Record<string, string>>, tag: string): TagColorName | null {
  for (let path = tag; path; path = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '') {
    const color = Object.hasOwn(tagColors, path) ? tagColors[path] : undefined;
    if (color && isTagColor(color)) return color;
  }
  return null;
}

/** The highlight colour of an excerpt: its first tag that has a colour (the highlight follows the tag), else its own colour; null for the default. */
export function highlightColorOf(notebook: Notebook, excerpt: Excerpt): TagColorName | null {
  for (const tag of excerpt.tags) {
    const color = tagColorOf(notebook.settings.tagColors, tag);
    if (color) return color;
  }
  return isTagColor(excerpt.color) ? excerpt.color : null;
}
