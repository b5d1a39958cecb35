// Which excerpts touch which blocks of the rendered text, built once per change of the excerpts,
// so painting a scrolled window, finding what covers a word under the pointer, and picking the
// excerpt a click lands on cost only the excerpts near there, not all 2,000. Pure; never changes
// an excerpt.
import { paragraphAt, type CodePointRange, type Paragraph } from './text-layout.js';

/** What the index needs of an excerpt: where it is, and enough to order the innermost first. */
export interface Placed {
  id: string;
  createdAt: string;
  selectors: { position: CodePointRange };
}

/**
 * An excerpt spanning more blocks than this is kept in one list checked on every query instead of
 * in each block's list: a few excerpts of whole chapters must not make the index quadratic.
 */
export const WIDE_BLOCKS = 64;

export interface ExcerptIndex<E extends Placed> {
  readonly excerpts: readonly E[];
  /** Per block, the positions (in `excerpts`) of the excerpts that touch it; undefined for none. */
  readonly byBlock: readonly (readonly number[] | undefined)[];
  /** Positions of the excerpts that span more than WIDE_BLOCKS blocks. */
  readonly wide: readonly number[];
  readonly paragraphs: readonly Paragraph[];
}

/** The blocks [first, last] an excerpt touches (an excerpt ending where a block starts does not touch it). */
function blocksOf(paragraphs: readonly Paragraph[], { start, end }: CodePointRange): [number, number] {
  return [paragraphAt(paragraphs, start), paragraphAt(paragraphs, Math.max(start, end - 1))];
}

export function indexExcerpts<E extends Placed>(paragraphs: readonly Paragraph[], excerpts: readonly E[]): ExcerptIndex<E> {
  const byBlock: number[][] = [];
  const wide: number[] = [];
  excerpts.forEach((e, k) => {
    const [first, last] = blocksOf(paragraphs, e.selectors.position);
    if (last - first >= WIDE_BLOCKS) {
      wide.push(k);
      return;
    }
    for (let i = first; i <= last; i++) (byBlock[i] ??= []).push(k);
  });
  return { excerpts, byBlock, wide, paragraphs };
}

const overlapsSpan = (p: CodePointRange, from: number, to: number): boolean => p.start < to && p.end > from;

/** The excerpts touching blocks first..last (inclusive), each once, in the index's order. */
export function excerptsInBlocks<E extends Placed>(index: ExcerptIndex<E>, first: number, last: number): E[] {
  const { paragraphs, byBlock, wide, excerpts } = index;
  const a = paragraphs[first];
  const b = paragraphs[last];
  if (!a || !b) return [];
  const from = a.start;
  const to = b.start + Math.max(1, b.length);
  const seen = new Set<number>();
  for (let i = first; i <= last; i++) for (const k of byBlock[i] ?? []) seen.add(k);
  for (const k of wide) if (overlapsSpan(excerpts[k]!.selectors.position, from, to)) seen.add(k);
  return [...seen].sort((x, y) => x - y).map((k) => excerpts[k]!);
}

/** The length of an excerpt, then newer first: the innermost of several over one place comes first. */
function innermostFirst(a: Placed, b: Placed): number {
  const la = a.selectors.position.end - a.selectors.position.start;
  const lb = b.selectors.position.end - b.selectors.position.start;
  return la - lb || (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0);
}

/** The excerpts covering code point cp (start ≤ cp < end), innermost first: the shortest, then the newest. */
export function excerptsAt<E extends Placed>(index: ExcerptIndex<E>, cp: number): E[] {
  const { paragraphs, byBlock, wide, excerpts } = index;
  if (paragraphs.length === 0) return [];
  const candidates = [...(byBlock[paragraphAt(paragraphs, cp)] ?? []), ...wide];
  return candidates
    .map((k) => excerpts[k]!)
    .filter((e) => e.selectors.position.start <= cp && cp < e.selectors.position.end)
    .sort(innermostFirst);
}
