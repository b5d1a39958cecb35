// The Reader pane: the open source's title and text, excerpts painted with the CSS Custom
// Highlight API, Save excerpt, and the source's Excerpts. Selects text the way an analyst does:
// dragging the mouse over it, or from the keyboard.
import { expect, type Locator, type Page } from '@playwright/test';

interface Point {
  x: number;
  y: number;
}

/** The names reader.css styles with ::highlight(): every excerpt, and the selected one. */
export type HighlightName = 'excerpt' | 'excerpt-overlap' | 'excerpt-selected';

export class Reader {
  readonly root: Locator;
  readonly title: Locator;
  readonly sourceText: Locator;
  readonly saveExcerptButton: Locator;
  readonly sourceDetailsButton: Locator;
  readonly excerpts: Locator;
  /** What the reader says about the source's text, e.g. that a PDF has no text layer. */
  readonly notice: Locator;
  /** The headings kept from the original document, inside the text. */
  readonly textHeadings: Locator;
  /** The dividers between a paged source's pages, named "Page 2", "Page 3", … */
  readonly pageBreaks: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByRole('main', { name: 'Reader', exact: true });
    this.title = this.root.getByRole('heading', { level: 2 });
    this.sourceText = this.root.getByLabel('Source text', { exact: true });
    this.saveExcerptButton = this.root.getByRole('button', { name: 'Save excerpt', exact: true });
    this.sourceDetailsButton = this.root.getByRole('button', { name: 'Source details', exact: true });
    this.excerpts = this.root.getByRole('list', { name: 'Excerpts', exact: true }).getByRole('button');
    this.notice = this.root.getByRole('note');
    this.textHeadings = this.sourceText.getByRole('heading');
    this.pageBreaks = this.sourceText.getByRole('separator');
  }

  excerpt(quote: string): Locator {
    return this.excerpts.filter({ hasText: quote });
  }

  /**
   * Where to press and release the mouse to select `passage`: inside the left edge of its first
   * character and inside the right edge of its last, measured over a DOM Range in the page.
   * The passage must occur exactly once, within one line of the text.
   */
  private async passageEnds(passage: string): Promise<{ from: Point; to: Point }> {
    return this.sourceText.evaluate((container, passage) => {
      const found: { node: Text; index: number }[] = [];
      const walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const data = (node as Text).data;
        for (let i = data.indexOf(passage); i !== -1; i = data.indexOf(passage, i + 1)) found.push({ node: node as Text, index: i });
      }
      if (found.length !== 1) throw new Error(`"${passage}" occurs ${found.length} times in one line of the source text; expected once`);
      const { node, index } = found[0]!;
      node.parentElement?.scrollIntoView({ block: 'center' });
      const end = index + passage.length;
      // The first and last characters as the reader sees them: a surrogate pair is one character.
      const firstLength = passage.codePointAt(0)! > 0xffff ? 2 : 1;
      const lastLength = /[\uDC00-\uDFFF]$/.test(passage) ? 2 : 1;
      const rectOf = (start: number, stop: number): DOMRect => {
        const range = document.createRange();
        range.setStart(node, start);
        range.setEnd(node, stop);
        const rects = range.getClientRects();
        const rect = rects[rects.length - 1];
        if (!rect || rect.width === 0) throw new Error(`a character of "${passage}" has no box on screen`);
        return rect;
      };
      const first = rectOf(index, index + firstLength);
      const last = rectOf(end - lastLength, end);
      const inset = (r: DOMRect) => Math.min(2, r.width / 4);
      return {
        from: { x: first.left + inset(first), y: first.top + first.height / 2 },
        to: { x: last.right - inset(last), y: last.top + last.height / 2 },
      };
    }, passage);
  }

  /** Drags the mouse from the passage's first character to its last, and checks the page selected exactly it. */
  async selectWithMouse(passage: string): Promise<void> {
    const { from, to } = await this.passageEnds(passage);
    await this.page.mouse.move(from.x, from.y);
    await this.page.mouse.down();
    await this.page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 5 });
    await this.page.mouse.move(to.x, to.y, { steps: 5 });
    await this.page.mouse.up();
    await expect.poll(() => this.selectedText(), { message: 'the text the mouse selected' }).toBe(passage);
  }

  /** The page's current selection, as text. */
  async selectedText(): Promise<string> {
    return this.page.evaluate(() => window.getSelection()?.toString() ?? '');
  }

  /**
   * The text under each range of a highlight, in document order (of two that start together, the
   * shorter first); null when the page registered
   * no such highlight.
   */
  async highlighted(name: HighlightName = 'excerpt'): Promise<string[] | null> {
    return this.page.evaluate((name) => {
      const highlight = CSS.highlights.get(name);
      if (!highlight) return null;
      const ranges = [...highlight].map((r) => {
        if (!(r instanceof Range)) throw new Error(`highlight "${name}" holds a StaticRange, which cannot be read back as text`);
        return r;
      });
      ranges.sort((a, b) => a.compareBoundaryPoints(Range.START_TO_START, b) || a.compareBoundaryPoints(Range.END_TO_END, b));
      return ranges.map((r) => r.toString());
    }, name);
  }
}
