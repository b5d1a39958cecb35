// Search everywhere, end to end: an analyst with three sources, tagged claims and an excerpt opens
// the search with Ctrl+K, finds a passage deep in a long source despite a typo, opens it in the
// reader at the match, opens a claim in the inspector, narrows by tag, lists by filter alone, and
// opens and closes the search from the keyboard with the focus going back where it was.
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { newId, now } from '../../notebook/common/ids.js';
import { callApi } from './api.js';
import { expect, test } from './fixtures.js';
import { MainScreen } from './models/MainScreen.js';
import { WIRE_REPORT } from './running-example.js';

const SEARCH_KEY = process.platform === 'darwin' ? 'Meta+K' : 'Control+K';
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** The match sits in the 60th of 64 paragraphs: far below the first screen of the reader. */
const DEEP_MATCH = 'Satellite images showed artillery shells stacked beside the Tumangang rail yard.';
const RAIL_FREIGHT = {
  title: 'Rail freight through Rason, a logbook',
  text: Array.from({ length: 64 }, (_, i) =>
    i === 59 ? DEEP_MATCH : `Day ${i + 1}: freight wagons left the border station on schedule, and the customs clerks logged each consignment by hand before the evening shift changed over.`,
  ).join('\n'),
};
const STATEMENT = {
  title: 'Kim Yo Jong statement on the accusation',
  text: 'Kim Yo Jong called the accusation against Pyongyang “the most absurd paradox” and said the tests belonged to a five-year plan.',
};

const CLAIMS = {
  shells: { statement: 'North Korea is shipping artillery shells and missiles to Russia.', tags: ['weapons/artillery'] },
  rail: { statement: 'Rail traffic from Rason to Russia has tripled since August.', tags: ['logistics'] },
  denial: { statement: 'North Korea has not shipped weapons to Russia.', tags: ['weapons'], polarity: 'denies' as const },
};
const EXCERPT_QUOTE = 'accused North Korea of shipping artillery shells and missiles to Russia';

/** The search dialog, reached as a screen reader user would. */
class SearchDialog {
  readonly root: Locator;
  readonly box: Locator;
  readonly results: Locator;
  readonly status: Locator;
  readonly filtersButton: Locator;
  readonly activeFilters: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByRole('dialog', { name: 'Search', exact: true });
    this.box = this.root.getByRole('searchbox', { name: 'Search the notebook', exact: true });
    this.results = this.root.getByRole('listbox', { name: 'Search results', exact: true });
    this.status = this.root.getByRole('status');
    this.filtersButton = this.root.getByRole('button', { name: 'Filters', exact: true });
    this.activeFilters = this.root.getByRole('group', { name: 'Active filters', exact: true });
  }

  /** A group of hits by its heading ("Source text", "Claims"…); its name also holds the count. */
  group(heading: string): Locator {
    return this.results.getByRole('group', { name: new RegExp(`^${heading} \\d`) });
  }

  hits(heading: string): Locator {
    return this.group(heading).getByRole('option');
  }

  /** The option aria-activedescendant points at: what Enter opens. */
  async activeHitText(): Promise<string> {
    const id = await this.box.getAttribute('aria-activedescendant');
    if (!id) return '';
    return (await this.page.locator(`[id="${id}"]`).textContent()) ?? '';
  }
}

interface NotebookShape {
  notebook: { sources: Record<string, { id: string; title: string; deletedAt?: string }> };
}

/** Entities, three tagged claims and a tagged excerpt of the wire report, as one change (the tags UI is not what this spec tests). */
async function addClaimsAndExcerpt(page: Page): Promise<void> {
  const { notebook } = await callApi<NotebookShape>(page, 'getNotebook', {});
  const wire = Object.values(notebook.sources).find((s) => s.title === WIRE_REPORT.title)!;
  const stamp = () => ({ id: newId(), createdAt: now(), updatedAt: now() });
  const us = { ...stamp(), name: 'United States', kind: 'state' };
  const kim = { ...stamp(), name: 'Kim Yo Jong', kind: 'person' };
  const claim = (c: { statement: string; tags: string[]; polarity?: 'denies' }, claimantId?: string) => ({ ...stamp(), ...c, ...(claimantId ? { claimantId } : {}) });
  const units = WIRE_REPORT.text.indexOf(EXCERPT_QUOTE);
  const start = [...WIRE_REPORT.text.slice(0, units)].length;
  const end = start + [...EXCERPT_QUOTE].length;
  const excerpt = {
    ...stamp(),
    sourceId: wire.id,
    tags: ['weapons/artillery'],
    selectors: { position: { start, end }, quote: { exact: EXCERPT_QUOTE, prefix: WIRE_REPORT.text.slice(Math.max(0, units - 32), units), suffix: WIRE_REPORT.text.slice(units + EXCERPT_QUOTE.length, units + EXCERPT_QUOTE.length + 32) } },
  };
  const ops = [
    { type: 'create', kind: 'entity', object: us },
    { type: 'create', kind: 'entity', object: kim },
    { type: 'create', kind: 'claim', object: claim(CLAIMS.shells, us.id) },
    { type: 'create', kind: 'claim', object: claim(CLAIMS.rail) },
    { type: 'create', kind: 'claim', object: claim(CLAIMS.denial, kim.id) },
    { type: 'create', kind: 'excerpt', object: excerpt },
  ];
  await callApi(page, 'apply', { op: { type: 'batch', label: 'claims for the search spec', ops } });
}

/** The text the reader paints in its search-flash highlight (or, a moment later, in its fading stage). */
function flashed(page: Page): Promise<string[]> {
  return page.evaluate(() => ['search-flash', 'search-flash-fade'].flatMap((name) => [...(CSS.highlights.get(name) ?? [])].map((range) => range.toString())));
}

async function expectNoAxeViolations(page: Page, where: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  const found = results.violations.map((v) => `${v.id}: ${v.help}\n${v.nodes.map((n) => `  ${n.target.join(' ')}`).join('\n')}`);
  expect(found, `${where}:\n${found.join('\n\n')}`).toEqual([]);
}

test('analyst finds a passage despite a typo, opens it at the match, narrows by tag, all from one search box', async ({ app }) => {
  test.setTimeout(90_000);
  const { page } = app;
  const main = new MainScreen(page);
  const search = new SearchDialog(page);
  await main.waitUntilLoaded();

  await test.step('three sources added through the app, claims and an excerpt with tags', async () => {
    await main.addSource(WIRE_REPORT);
    await main.addSource(RAIL_FREIGHT);
    await main.addSource(STATEMENT);
    await addClaimsAndExcerpt(page);
    // The page's copy of the notebook follows the change the spec made behind its back.
    await page.reload();
    await main.waitUntilLoaded();
    await expect(main.claims).toHaveCount(3);
    // The reader shows the statement: the logbook is not open.
    await expect(main.reader.title).toHaveText(STATEMENT.title);
  });

  await test.step('Ctrl+K opens the search; a misspelt word finds the passage with the word marked', async () => {
    await page.keyboard.press(SEARCH_KEY);
    await expect(search.root).toBeVisible();
    await expect(search.box).toBeFocused();
    await page.keyboard.type('artilery');
    const passage = search.hits('Source text').filter({ hasText: RAIL_FREIGHT.title });
    await expect(passage).toHaveCount(1);
    await expect(passage.locator('mark')).toHaveText(['artillery']);
    await expect(search.hits('Claims').filter({ hasText: CLAIMS.shells.statement })).toHaveCount(1);
    await expect(search.status).toContainText(/\d+ match/);
    // The first hit is active, and the arrow keys move through the hits without leaving the box.
    const first = await search.activeHitText();
    expect(first).not.toBe('');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => search.activeHitText()).not.toBe(first);
    await expect(search.box).toBeFocused();
  });

  await test.step('axe finds nothing on the dialog with results, light and dark', async () => {
    await expectNoAxeViolations(page, 'search dialog with results (light)');
    await page.emulateMedia({ colorScheme: 'dark' });
    await expectNoAxeViolations(page, 'search dialog with results (dark)');
    await page.emulateMedia({ colorScheme: 'light' });
  });

  await test.step('Enter on the passage opens the logbook at the match, flashed and in view, the focus in its text', async () => {
    for (let i = 0; i < 10 && !(await search.activeHitText()).includes(RAIL_FREIGHT.title); i++) await page.keyboard.press('ArrowDown');
    expect(await search.activeHitText()).toContain(RAIL_FREIGHT.title);
    await page.keyboard.press('Enter');
    await expect(search.root).toBeHidden();
    // The match is flashed (the reader fades it out after a moment, so the fading stage counts too).
    await expect.poll(() => flashed(page), { intervals: [50] }).toEqual(['artillery']);
    await expect(main.status(`Showing the match in ${RAIL_FREIGHT.title}`)).toBeAttached();
    await expect(main.reader.title).toHaveText(RAIL_FREIGHT.title);
    await expect(main.reader.sourceText.getByText(DEEP_MATCH)).toBeInViewport();
    await expect(main.reader.sourceText).toBeFocused();
  });

  await test.step('the search comes back as it was left; a claim hit clicked opens the claim in the inspector', async () => {
    await page.keyboard.press(SEARCH_KEY);
    await expect(search.box).toHaveValue('artilery');
    // The words are selected: typing replaces them.
    await page.keyboard.type('shipping');
    await expect(search.box).toHaveValue('shipping');
    await search.hits('Claims').filter({ hasText: CLAIMS.shells.statement }).click();
    await expect(search.root).toBeHidden();
    await expect(main.inspector.claimHeading).toBeVisible();
    await expect(main.inspector.root).toContainText(CLAIMS.shells.statement);
    await expect(main.inspector.root).toContainText('United States');
  });

  await test.step('a tag filter narrows the hits to what carries the tag or one below it', async () => {
    await page.keyboard.press(SEARCH_KEY);
    await page.keyboard.type('Russia');
    await expect(search.hits('Claims')).toHaveCount(3);
    await expect(search.group('Source text')).toBeVisible();
    await search.filtersButton.click();
    await expect(search.filtersButton).toHaveAttribute('aria-expanded', 'true');
    await search.root.getByRole('combobox', { name: 'Tag', exact: true }).selectOption('weapons');
    await expect(search.activeFilters.getByRole('button', { name: 'Remove filter Tag: weapons', exact: true })).toBeVisible();
    await expect(search.hits('Claims')).toHaveCount(2);
    await expect(search.hits('Claims').filter({ hasText: CLAIMS.rail.statement })).toHaveCount(0);
    await expect(search.hits('Excerpts')).toHaveCount(1);
    // Sources carry no tag here, so no passage of their text matches the filter.
    await expect(search.group('Source text')).toHaveCount(0);
  });

  await test.step('filters alone list what matches them; removing the filter widens the search again', async () => {
    await search.box.fill('');
    await search.root.getByRole('combobox', { name: 'Tag', exact: true }).selectOption('weapons/artillery');
    await expect(search.hits('Claims')).toHaveText([new RegExp(CLAIMS.shells.statement.replace('.', '\\.'))]);
    await expect(search.hits('Excerpts')).toHaveCount(1);
    await search.activeFilters.getByRole('button', { name: 'Remove filter Tag: weapons/artillery', exact: true }).click();
    await expect(search.activeFilters).toHaveCount(0);
    // No words and no filter: nothing is asked, and the dialog says what to do.
    await expect(search.results.getByRole('option')).toHaveCount(0);
    await search.box.fill('Russia');
    await expect(search.hits('Claims')).toHaveCount(3);
  });

  await test.step('words nothing matches say so and suggest what to try', async () => {
    await search.box.fill('zzyzx');
    await expect(search.status).toHaveText('No matches for “zzyzx”');
    await expect(search.root).toContainText('try fewer words');
  });

  await test.step('Escape closes and gives the focus back; "/" opens the search when not typing', async () => {
    await page.keyboard.press('Escape');
    await expect(search.root).toBeHidden();
    const searchButton = main.toolbar.getByRole('button', { name: 'Search', exact: true });
    await searchButton.click();
    await expect(search.box).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(search.root).toBeHidden();
    await expect(searchButton).toBeFocused();

    await main.reader.sourceText.focus();
    await page.keyboard.press('/');
    await expect(search.root).toBeVisible();
    await expect(search.box).toBeFocused();
    // The key opened the search and typed nothing: the last words are still there.
    await expect(search.box).toHaveValue('zzyzx');
    await page.keyboard.press('Escape');
    await expect(search.root).toBeHidden();
    await expect(main.reader.sourceText).toBeFocused();
  });
});

test('a proposition found by search opens the claims board at that proposition, far down a long board', async ({ app }) => {
  test.setTimeout(60_000);
  const { page } = app;
  const main = new MainScreen(page);
  const search = new SearchDialog(page);
  await main.waitUntilLoaded();
  const TARGET = 'Freight through the Tumangang crossing carries munitions.';

  await test.step('forty propositions, each with a claim; the one searched for comes last', async () => {
    const stamp = () => ({ id: newId(), createdAt: now(), updatedAt: now() });
    const ops: unknown[] = [];
    for (let i = 1; i <= 40; i++) {
      const proposition = { ...stamp(), statement: i === 40 ? TARGET : `Harvest estimate ${i} for the northern provinces was revised.` };
      ops.push({ type: 'create', kind: 'proposition', object: proposition });
      ops.push({ type: 'create', kind: 'claim', object: { ...stamp(), statement: `Claim ${i} about the estimate.`, propositionId: proposition.id } });
    }
    await callApi(page, 'apply', { op: { type: 'batch', label: 'a long board', ops } });
    await page.reload();
    await main.waitUntilLoaded();
  });

  await test.step('Enter on the proposition hit shows the board scrolled to it, its heading focused', async () => {
    await page.keyboard.press(SEARCH_KEY);
    await page.keyboard.type('Tumangang');
    await expect(search.hits('Propositions')).toHaveCount(1);
    for (let i = 0; i < 10 && !(await search.activeHitText()).includes(TARGET); i++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect(search.root).toBeHidden();
    const board = page.getByRole('main', { name: 'Claims board' });
    const heading = board.getByRole('heading', { level: 3, name: TARGET });
    await expect(heading).toBeInViewport();
    await expect(heading).toBeFocused();
    // The first proposition is scrolled away: the board moved, not merely rendered.
    await expect(board.getByRole('heading', { level: 3, name: 'Harvest estimate 1 for the northern provinces was revised.' })).not.toBeInViewport();
  });
});
