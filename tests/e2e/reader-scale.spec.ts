// The reader at scale: a 1 MB source with 2,000 overlapping excerpts opens with a bounded DOM
// wherever it is scrolled, paints the highlights in view, lists what covers an overlapped word,
// saves an excerpt far down and shows it at once, and returns to where the analyst was. The text
// is made here, from a seed, so every run reads the same 1 MB.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { describe } from '../../notebook/common/anchoring.js';
import { newId, now } from '../../notebook/common/ids.js';
import { CodePointIndex } from '../../notebook/common/text.js';
import { callApi } from './api.js';
import { expect, test } from './fixtures.js';
import { MainScreen } from './models/MainScreen.js';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
/** The bound the reader keeps: elements inside "Source text", wherever it is scrolled. */
const DOM_BOUND = 500;

const BIG_TITLE = 'Rail logistics log, 2023 (1 MB)';
const OTHER_TITLE = 'A short note on the border crossing';
/** Near the top, under exactly two excerpts that overlap on "is the marker near the top". */
const TOP_FIRST = 'Quillfeather is the marker near the top';
const TOP_SECOND = 'is the marker near the top of this log';
/** A word far down, covered by no excerpt. */
const FAR_WORD = 'Zanzibarite';

/** A small deterministic generator (mulberry32): the same words on every run. */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = (
  'shipment artillery containers rail port ministry official report satellite imagery Seoul Pyongyang Moscow said according to the of and in on ' +
  'was were had been shipped by sea since August Chloé Han accusation paradox weapons tests build-up plan five-year analysts estimate thousands ' +
  'munitions trains border crossing Rason Vladivostok wagon counts logistics'
).split(' ');
/** Astral characters, a flag and a joined family: offsets in code points differ from UTF-16 all the way down. */
const EMOJI = ['🙂', '🇰🇷', '👩‍👩‍👧', '🚂', '📦'];

/**
 * About a million characters: paragraphs of one to seven sentences apart by a blank line or a
 * single line break, every 97th paragraph a very long one (some 40,000 characters without a line
 * break), emoji here and there, the top marker first and the far word at about 80 %.
 */
function bigText(): string {
  const r = random(7);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(r() * a.length)]!;
  const sentence = () => {
    const words = Array.from({ length: 8 + Math.floor(r() * 16) }, () => (r() < 0.01 ? pick(EMOJI) : pick(WORDS)));
    return words.join(' ').replace(/^./, (c) => c.toUpperCase()) + '.';
  };
  const paragraph = (min: number, max: number) => Array.from({ length: min + Math.floor(r() * (max - min)) }, sentence).join(' ');
  const parts = [`${TOP_FIRST} of this log. ${paragraph(2, 4)}`];
  let length = parts[0]!.length;
  let far = false;
  for (let k = 1; length < 1_000_000; k++) {
    let p = k % 97 === 0 ? paragraph(300, 400) : paragraph(1, 7);
    if (!far && length > 800_000) {
      p = `${FAR_WORD} stands alone far down. ${p}`;
      far = true;
    }
    parts.push(p);
    length += p.length + 2;
  }
  return parts.map((p, i) => (i === 0 ? p : (r() < 0.8 ? '\n\n' : '\n') + p)).join('');
}

/**
 * 2,000 excerpts in overlapping pairs (the second starts halfway through the first), starting on
 * words, kept away from the markers; and the two over the top marker.
 */
function bigExcerpts(text: string, sourceId: string): { op: unknown; start: number; end: number }[] {
  const r = random(11);
  const index = new CodePointIndex(text);
  const cpOf = (s: string) => index.toCodePoint(text.indexOf(s));
  const wordStart = (cp: number) => {
    let u = index.toUtf16(cp);
    while (u < text.length && !/\s/.test(text[u - 1] ?? ' ')) u++;
    return index.toCodePoint(u);
  };
  const ops: { op: unknown; start: number; end: number }[] = [];
  const create = (start: number, end: number) => {
    const at = now();
    const selectors = describe(text, { start, end }, index);
    ops.push({ op: { type: 'create', kind: 'excerpt', object: { id: newId(), createdAt: at, updatedAt: at, sourceId, selectors } }, ...selectors.position });
  };
  const top = cpOf(TOP_FIRST);
  create(top, top + [...TOP_FIRST].length);
  const second = cpOf(TOP_SECOND);
  create(second, second + [...TOP_SECOND].length);
  const keepAway = [top, cpOf(FAR_WORD)];
  while (ops.length < 2000) {
    const start = wordStart(Math.floor(r() * (index.length - 2000)));
    if (keepAway.some((k) => Math.abs(start - k) < 800)) continue;
    const first = 20 + Math.floor(r() * 300);
    create(start, start + first);
    const next = wordStart(start + Math.floor(first / 2));
    create(next, next + 20 + Math.floor(r() * 300));
  }
  return ops;
}

/** How many pieces of the excerpts lie in the rendered spans: what the reader must paint, no more, no less. */
function expectedPieces(excerpts: readonly { start: number; end: number }[], spans: readonly { start: number; end: number }[]): number {
  let pieces = 0;
  for (const span of spans) for (const e of excerpts) if (e.start < span.end && e.end > span.start) pieces++;
  return pieces;
}

async function expectNoAxeViolations(page: Page, where: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const found = results.violations.map((v) => `${v.id}: ${v.help}\n${v.nodes.map((n) => `  ${n.target.join(' ')}`).join('\n')}`);
  expect(found, `${where}:\n${found.join('\n\n')}`).toEqual([]);
}

test('a 1 MB source with 2,000 overlapping excerpts reads, scrolls and takes a new excerpt with a bounded DOM', async ({ app }) => {
  // Storing the 2,000 excerpts checks each quote against the 1 MB text: more than the default 30 s on two shared cores.
  test.setTimeout(120_000);
  const text = bigText();
  const index = new CodePointIndex(text);
  const { page } = app;
  const main = new MainScreen(page);
  let excerpts: { start: number; end: number }[] = [];
  /** Ranges painted in the default colour less the pieces of excerpts in the rendered blocks: 0 when exactly those are painted. */
  const paintedMinusExpected = async () => {
    const spans = await main.reader.renderedSpans();
    const painted = await main.reader.paintedRanges(['excerpt']);
    return painted.total - expectedPieces(excerpts, spans);
  };
  await main.waitUntilLoaded();

  await test.step('a short source and the 1 MB one, with 2,000 excerpts in one operation, through the API', async () => {
    expect(text.length).toBeGreaterThan(1_000_000);
    await callApi(page, 'addTextSource', { title: OTHER_TITLE, text: 'Trains crossed at Tumangang.\nNothing else was seen.' });
    const added = await callApi<{ source: { id: string } }>(page, 'addTextSource', { title: BIG_TITLE, text });
    const made = bigExcerpts(text, added.source.id);
    expect(made).toHaveLength(2000);
    excerpts = made.map(({ start, end }) => ({ start, end }));
    await callApi(page, 'apply', { op: { type: 'batch', label: '2,000 excerpts', ops: made.map((m) => m.op) } });
    await page.reload();
    await main.waitUntilLoaded();
  });

  await test.step('it opens at the top with under 500 elements in the text and the highlights in view painted', async () => {
    await main.source(BIG_TITLE).click();
    await expect(main.reader.title).toHaveText(BIG_TITLE);
    await expect(main.reader.sourceText).toContainText(TOP_FIRST);
    await expect(main.reader.root.getByText('2,000', { exact: true })).toBeVisible();
    expect(await main.reader.elementCount()).toBeLessThan(DOM_BOUND);
    await expect.poll(() => main.reader.highlighted('excerpt')).toContain(TOP_FIRST);
    // Exactly the excerpts in the rendered blocks are painted (a few, not 2,000), inside those blocks, some on screen.
    await expect.poll(() => paintedMinusExpected()).toBe(0);
    const expected = expectedPieces(excerpts, await main.reader.renderedSpans());
    expect(expected).toBeGreaterThan(1);
    expect(expected).toBeLessThan(200);
    const painted = await main.reader.paintedRanges();
    expect(painted.outsideText, 'highlight ranges outside the rendered blocks').toBe(0);
    expect(painted.inView).toBeGreaterThan(0);
    await expectNoAxeViolations(page, 'the reader with the 1 MB source');
  });

  await test.step('hovering a word under two excerpts lists both; choosing one selects it', async () => {
    await main.reader.hoverWord('marker');
    await expect(main.reader.coverList).toBeVisible();
    await expect(main.reader.coverList).toHaveAccessibleName('Covered by 2 excerpts');
    const choices = main.reader.coverList.getByRole('button');
    await expect(choices).toHaveCount(2);
    // Innermost (shortest) first.
    await expect(choices.nth(0)).toContainText(TOP_SECOND);
    await expect(choices.nth(1)).toContainText(TOP_FIRST);
    await expectNoAxeViolations(page, 'the list of what covers a word');
    await choices.filter({ hasText: TOP_SECOND }).click();
    await expect(main.reader.coverList).toBeHidden();
    await expect(main.inspector.excerptHeading).toBeVisible();
    await expect(main.inspector.root).toContainText(TOP_SECOND);
    await expect.poll(() => main.reader.highlighted('excerpt-selected')).toEqual([TOP_SECOND]);
  });

  await test.step('scrolled to the middle and to the end, the text stays under 500 elements, painted where it is', async () => {
    for (const fraction of [0.5, 1]) {
      await main.reader.scrollTextTo(fraction);
      expect(await main.reader.elementCount(), `elements at ${fraction * 100}%`).toBeLessThan(DOM_BOUND);
      // What is painted is exactly what the rendered blocks hold (measured together: the view may still be settling).
      await expect.poll(() => paintedMinusExpected(), { message: `painted minus expected pieces at ${fraction * 100}%` }).toBe(0);
      expect((await main.reader.paintedRanges()).outsideText, `ranges outside the rendered blocks at ${fraction * 100}%`).toBe(0);
    }
    await expect(main.reader.sourceText).toContainText(text.slice(-40));
  });

  await test.step('a word far down, selected with the mouse and saved, is highlighted at once', async () => {
    await main.reader.scrollToCodePoint(index.toCodePoint(text.indexOf(FAR_WORD)));
    await main.reader.selectWithMouse(FAR_WORD);
    await main.reader.saveExcerptButton.click();
    await expect(main.reader.root.getByText('2,001', { exact: true })).toBeVisible();
    await expect.poll(() => main.reader.highlighted('excerpt')).toContain(FAR_WORD);
    await expect.poll(() => main.reader.highlighted('excerpt-selected')).toEqual([FAR_WORD]);
    expect(await main.reader.elementCount()).toBeLessThan(DOM_BOUND);
  });

  await test.step('opening another source and coming back returns to the same place', async () => {
    // Somewhere of its own, between the middle and the word just saved.
    await main.reader.scrollTextTo(0.62);
    const before = await main.reader.topOfView();
    expect(before).not.toBeNull();
    // Remembered once the scrolling stops: a code point in the block at the top.
    await expect
      .poll(async () => (await main.reader.rememberedPositions()).some((cp) => cp >= before!.start && cp <= before!.end), { message: 'the position remembered' })
      .toBe(true);
    await main.source(OTHER_TITLE).click();
    await expect(main.reader.title).toHaveText(OTHER_TITLE);
    await main.source(BIG_TITLE).click();
    await expect(main.reader.title).toHaveText(BIG_TITLE);
    await expect.poll(async () => (await main.reader.topOfView())?.block).toBe(before!.block);
    const after = await main.reader.topOfView();
    // The same line at the top: the block may start above the view by a different part of a line, never a whole one.
    expect(Math.abs(after!.above - before!.above)).toBeLessThan(30);
  });
});
