// The Reader pane: the open source's title and text, excerpts painted with the CSS Custom
// Highlight API, Save excerpt, and the source's Excerpts. Selects text the way an analyst does:
// dragging the mouse over it, or from the keyboard.
import { expect, type Locator, type Page } from '@playwright/test';

interface Point {
  x: number;
  y: number;
}

/** The names reader.css styles with ::highlight(): every excerpt, and the selected one; and the suggested claim pointed at in the Suggestions panel. */
export type HighlightName = 'excerpt' | 'excerpt-overlap' | 'excerpt-selected' | 'suggestion-preview';

export class Reader {
  readonly root: Locator;
  readonly title: Locator;
  readonly sourceText: Locator;
  readonly saveExcerptButton: Locator;
  readonly sourceDetailsButton: Locator;
  /** Opens (or closes) the Suggestions panel of the source shown; pressed while it is open. */
  readonly suggestionsButton: Locator;
  readonly excerpts: Locator;
  /** What the reader says about the source's text, e.g. that a PDF has no text layer. */
  readonly notice: Locator;
  /** The headings kept from the original document, inside the text. */
  readonly textHeadings: Locator;
  /** The dividers between a paged source's pages, named "Page 2", "Page 3", … */
  readonly pageBreaks: Locator;
  /** The list of the excerpts covering a word ("Covered by 2 excerpts"), shown on hover or Alt+Enter. */
  readonly coverList: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByRole('main', { name: 'Reader', exact: true });
    this.title = this.root.getByRole('heading', { level: 2 });
    this.sourceText = this.root.getByLabel('Source text', { exact: true });
    this.saveExcerptButton = this.root.getByRole('button', { name: 'Save excerpt', exact: true });
    this.sourceDetailsButton = this.root.getByRole('button', { name: 'Source details', exact: true });
    this.suggestionsButton = this.root.getByRole('button', { name: 'Suggestions', exact: true });
    this.excerpts = this.root.getByRole('list', { name: 'Excerpts', exact: true }).getByRole('button');
    this.notice = this.root.getByRole('note');
    this.textHeadings = this.sourceText.getByRole('heading');
    this.pageBreaks = this.sourceText.getByRole('separator');
    this.coverList = this.root.getByRole('group', { name: /^Covered by \d+ excerpts?$/ });
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

  /** How many elements the source text holds now (the virtualised text keeps this small wherever it is scrolled). */
  async elementCount(): Promise<number> {
    return this.sourceText.evaluate((text) => text.querySelectorAll('*').length);
  }

  /** Scrolls the text so that `fraction` (0 at the top, 1 at the end) of it is above the view, and waits for the blocks there. */
  async scrollTextTo(fraction: number): Promise<void> {
    await this.sourceText.evaluate((text, fraction) => {
      const scroller = text.parentElement!;
      scroller.scrollTop = (scroller.scrollHeight - scroller.clientHeight) * fraction;
    }, fraction);
    await expect.poll(() => this.blocksInView(), { message: 'blocks rendered in view' }).toBeGreaterThan(0);
  }

  /** How many rendered blocks of text intersect the scroller's view. */
  async blocksInView(): Promise<number> {
    return this.sourceText.evaluate((text) => {
      const view = text.parentElement!.getBoundingClientRect();
      return [...text.querySelectorAll('[data-index]')].filter((b) => {
        const r = b.getBoundingClientRect();
        return r.bottom > view.top && r.top < view.bottom;
      }).length;
    });
  }

  /**
   * Scrolls (as an analyst does, by the scroller) until the block holding code point `cp` is
   * rendered, and centres it. The text is virtualised, so a passage far down is not in the DOM
   * until the view gets near it.
   */
  async scrollToCodePoint(cp: number): Promise<void> {
    for (let step = 0; step < 40; step++) {
      const done = await this.sourceText.evaluate((text, cp) => {
        const scroller = text.parentElement!;
        const blocks = [...text.querySelectorAll<HTMLElement>('[data-index]')].sort((a, b) => Number(a.dataset.index) - Number(b.dataset.index));
        const holding = blocks.filter((b) => Number(b.dataset.start) <= cp).at(-1);
        const next = blocks.find((b) => Number(b.dataset.start) > cp);
        if (holding && next) {
          holding.scrollIntoView({ block: 'center' });
          return true;
        }
        // Not rendered: jump by the distance in code points, at the height per code point of the blocks rendered now.
        const first = blocks[0];
        const last = blocks.at(-1);
        if (!first || !last) return false;
        const from = Number(first.dataset.start);
        const to = Number(last.dataset.start) + (last.textContent?.length ?? 0);
        const height = last.getBoundingClientRect().bottom - first.getBoundingClientRect().top;
        scroller.scrollTop += (cp - (from + to) / 2) * (height / Math.max(1, to - from));
        return false;
      }, cp);
      if (done) return;
      await this.page.waitForTimeout(50);
    }
    throw new Error(`code point ${cp} never came into the rendered text`);
  }

  /**
   * The ranges of the named highlights (every excerpt highlight when no name is given) and where
   * they lie: how many, how many start or end outside a rendered block of the text, and how many
   * are on screen in the scroller.
   */
  async paintedRanges(names?: string[]): Promise<{ total: number; outsideText: number; inView: number }> {
    return this.sourceText.evaluate((text, names) => {
      const view = text.parentElement!.getBoundingClientRect();
      const inBlock = (node: Node) => {
        const element = node.nodeType === Node.TEXT_NODE ? node.parentElement : (node as Element);
        const block = element?.closest('[data-index]');
        return !!block && text.contains(block);
      };
      let total = 0;
      let outsideText = 0;
      let inView = 0;
      for (const [name, highlight] of CSS.highlights) {
        if (names ? !names.includes(name) : !name.startsWith('excerpt')) continue;
        for (const range of highlight) {
          if (!(range instanceof Range)) continue;
          total++;
          if (!inBlock(range.startContainer) || !inBlock(range.endContainer)) outsideText++;
          const r = range.getBoundingClientRect();
          if (r.bottom > view.top && r.top < view.bottom && r.height > 0) inView++;
        }
      }
      return { total, outsideText, inView };
    }, names);
  }

  /** The text under each range of any highlight name (a tag colour's "excerpt-red" too), in document order; null when not registered. */
  async highlightedIn(name: string): Promise<string[] | null> {
    return this.page.evaluate((name) => {
      const highlight = CSS.highlights.get(name);
      if (!highlight) return null;
      const ranges = [...highlight].filter((r): r is Range => r instanceof Range);
      ranges.sort((a, b) => a.compareBoundaryPoints(Range.START_TO_START, b) || a.compareBoundaryPoints(Range.END_TO_END, b));
      return ranges.map((r) => r.toString());
    }, name);
  }

  /** Rests the mouse on the middle of `word`, which must occur exactly once in the rendered text. */
  async hoverWord(word: string): Promise<void> {
    const point = await this.sourceText.evaluate((container, word) => {
      const found: { node: Text; index: number }[] = [];
      const walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const data = (node as Text).data;
        for (let i = data.indexOf(word); i !== -1; i = data.indexOf(word, i + 1)) found.push({ node: node as Text, index: i });
      }
      if (found.length !== 1) throw new Error(`"${word}" occurs ${found.length} times in the rendered text; expected once`);
      const { node, index } = found[0]!;
      const range = document.createRange();
      range.setStart(node, index);
      range.setEnd(node, index + word.length);
      const rect = range.getClientRects()[0]!;
      return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
    }, word);
    await this.page.mouse.move(point.x - 20, point.y);
    await this.page.mouse.move(point.x, point.y, { steps: 4 });
  }

  /**
   * The first rendered block whose bottom is below the top of the view: its block index, its code
   * points [start, end), and how far above the view's top it starts (px).
   */
  async topOfView(): Promise<{ block: number; start: number; end: number; above: number } | null> {
    return this.sourceText.evaluate((text) => {
      const top = text.parentElement!.getBoundingClientRect().top;
      const blocks = [...text.querySelectorAll<HTMLElement>('[data-index]')].sort((a, b) => Number(a.dataset.index) - Number(b.dataset.index));
      for (const b of blocks) {
        const r = b.getBoundingClientRect();
        const start = Number(b.dataset.start);
        if (r.bottom > top + 1) return { block: Number(b.dataset.index), start, end: start + [...(b.textContent ?? '')].length, above: Math.round(top - r.top) };
      }
      return null;
    });
  }

  /** The positions remembered per source (localStorage corroborate.position.<notebook>.<source>), as code points. */
  async rememberedPositions(): Promise<number[]> {
    return this.page.evaluate(() =>
      Object.keys(localStorage)
        .filter((key) => key.startsWith('corroborate.position.'))
        .map((key) => Number(localStorage.getItem(key))),
    );
  }

  /** The rendered blocks of the text as runs of consecutive blocks, each as code points [start, end). */
  async renderedSpans(): Promise<{ start: number; end: number }[]> {
    return this.sourceText.evaluate((text) => {
      const blocks = [...text.querySelectorAll<HTMLElement>('[data-index]')].sort((a, b) => Number(a.dataset.index) - Number(b.dataset.index));
      const spans: { start: number; end: number; last: number }[] = [];
      for (const b of blocks) {
        const index = Number(b.dataset.index);
        const start = Number(b.dataset.start);
        const end = start + [...(b.textContent ?? '')].length;
        const run = spans.at(-1);
        if (run && run.last === index - 1) {
          run.end = end;
          run.last = index;
        } else spans.push({ start, end, last: index });
      }
      return spans.map(({ start, end }) => ({ start, end }));
    });
  }
}
