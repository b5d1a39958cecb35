// What the tag field offers as the analyst types, and what the library's tag filter lists. Pure;
// never changes the notebook.
import { countAll, tagTree, type TagNode } from '../../../notebook/common/tags.js';
import type { Notebook } from '../../../notebook/common/model.js';
import { plural } from '../ui/format.js';

/** How many suggestions the tag field lists at once: enough to choose from, short enough to scan. */
export const SUGGESTION_LIMIT = 8;

/** What was typed, as a tag would read: levels trimmed, stray slashes gone, case folded. Never throws. */
function fold(text: string): string {
  return text
    .split('/')
    .map((level) => level.trim())
    .filter(Boolean)
    .join('/')
    .toLocaleLowerCase();
}

/**
 * The notebook's tags (in tree order) that match what is typed, best first: those that start with
 * it, then those with a level that starts with it ("art" finds weapons/artillery), then those that
 * contain it. Tags the object has already are left out. With nothing typed, every tag, in tree order.
 */
export function suggestTags(all: readonly string[], typed: string, exclude: readonly string[], limit = SUGGESTION_LIMIT): string[] {
  const query = fold(typed);
  const skip = new Set(exclude);
  const ranked: { tag: string; rank: number; order: number }[] = [];
  all.forEach((tag, order) => {
    if (skip.has(tag)) return;
    const folded = tag.toLocaleLowerCase();
    let rank: number;
    if (!query) rank = 0;
    else if (folded.startsWith(query)) rank = 0;
    else if (folded.split('/').some((_, i, levels) => levels.slice(i).join('/').startsWith(query))) rank = 1;
    else if (folded.includes(query)) rank = 2;
    else return;
    ranked.push({ tag, rank, order });
  });
  ranked.sort((a, b) => a.rank - b.rank || a.order - b.order);
  return ranked.slice(0, limit).map((r) => r.tag);
}

export interface TagFilterChoice {
  path: string;
  depth: number;
  /** "weapons/artillery (3)": the whole path, so a screen reader hears where it sits, and how many objects are under it. */
  label: string;
  /** "1 source, 2 excerpts": what the count is made of. */
  detail: string;
}

/** What the count of a tag is made of: "1 source, 2 excerpts, 1 claim"; "nothing" for a tag no live object carries. */
export function countsText(node: Pick<TagNode, 'counts'>): string {
  const parts = [
    node.counts.source && plural(node.counts.source, 'source'),
    node.counts.excerpt && plural(node.counts.excerpt, 'excerpt'),
    node.counts.claim && plural(node.counts.claim, 'claim'),
  ].filter(Boolean);
  return parts.length ? parts.join(', ') : 'nothing';
}

/**
 * The choices of the library's "Filter by tag": every tag in the tree with how many live objects
 * are under it. The chosen tag stays a choice after its last object went (trash, undo), so the
 * control never shows a filter other than the one applied.
 */
export function tagFilterChoices(notebook: Notebook, chosen: string): TagFilterChoice[] {
  return tagTree(notebook, chosen ? [chosen] : []).map((node) => ({
    path: node.path,
    depth: node.depth,
    label: `${node.path} (${countAll(node.counts)})`,
    detail: countsText(node),
  }));
}
