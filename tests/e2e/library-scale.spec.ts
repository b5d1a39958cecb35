// The library at scale: 3,000 sources and 3,000 claims. The lists keep only the rows in view in the
// page yet say how many there are; a keyboard user reaches every row (arrows, Page keys, Home, End)
// and opens it with Enter; a source opened from the search far down is shown and marked in its list.
import { newId } from '../../notebook/common/ids.js';
import { callApi } from './api.js';
import { expect, test } from './fixtures.js';

const SOURCES = 3000;
const CLAIMS = 3000;
/** Fewer buttons than this in a list of thousands: only the rows in view (and a few more) are rendered. */
const RENDERED_BOUND = 100;
/** The source the search finds: the only one with its own text, listed 2,001st of 3,000. */
const FAR = { title: 'Quarterly freight audit of the Rason terminal', word: 'Zanzibarite', position: 2001 };

const title = (n: number) => `Source ${String(n).padStart(4, '0')} on rail shipments`;
const statement = (n: number) => `Claim ${String(n).padStart(4, '0')}: containers crossed the border`;
/** Instants in the list's order: before the far source (added now) for the first 2,000, after it for the rest. */
const instant = (n: number) => new Date(Date.UTC(n <= 2000 ? 2020 : 2090, 0, 1) + n * 1000).toISOString();

test.skip(({ host }) => host !== 'browser', 'the notebook is filled over HTTP; the lists are the same page under Electron');

test('the library lists thousands of sources and claims with few rows in the page, every one reachable from the keyboard', async ({ app }) => {
  test.setTimeout(180_000);
  let page = app.page;
  const library = page.getByRole('complementary', { name: 'Library' });

  await test.step('a notebook with 3,000 sources and 3,000 claims', async () => {
    // One real text (the far source); the others share a short one, enough for a list.
    const shared = await callApi<{ source: { content: unknown } }>(page, 'addTextSource', { title: 'placeholder', text: 'A short note on rail shipments.' });
    await callApi(page, 'addTextSource', { title: FAR.title, text: `The ${FAR.word} ledger lists every wagon that left the terminal.` });
    const ops: unknown[] = [];
    for (let n = 1; n <= SOURCES; n++) {
      if (n === FAR.position) continue;
      ops.push({ type: 'create', kind: 'source', object: { id: newId(), createdAt: instant(n), updatedAt: instant(n), title: title(n), content: shared.source.content } });
    }
    for (let n = 1; n <= CLAIMS; n++) ops.push({ type: 'create', kind: 'claim', object: { id: newId(), createdAt: instant(n), updatedAt: instant(n), statement: statement(n) } });
    await callApi(page, 'apply', { op: { type: 'batch', label: 'a big library', ops } });
    // The placeholder goes to the trash, so exactly 3,000 sources are live.
    const placeholder = (await callApi<{ notebook: { sources: Record<string, { id: string; title: string }> } }>(page, 'getNotebook', {})).notebook.sources;
    const id = Object.values(placeholder).find((s) => s.title === 'placeholder')!.id;
    await callApi(page, 'apply', { op: { type: 'delete', kind: 'source', id, at: new Date().toISOString() } });
    await page.reload();
    page = app.page;
  });

  const sources = library.getByRole('list', { name: 'Sources', exact: true });
  const claims = library.getByRole('list', { name: 'Claims', exact: true });
  const reader = page.getByRole('main', { name: 'Reader' });

  await test.step('each list says how many it holds, yet renders only a screenful', async () => {
    await expect(sources.getByRole('button').first()).toHaveAccessibleName(/^Source \d{4} on rail shipments/);
    // Counted as the analyst reads them: "3,000", not "3000".
    await expect(library.locator('.section-head').filter({ hasText: 'Sources' }).locator('.section-count')).toHaveText('3,000');
    await expect(library.locator('.section-head').filter({ hasText: 'Claims' }).locator('.section-count')).toHaveText('3,000');
    expect(await sources.getByRole('button').count()).toBeLessThan(RENDERED_BOUND);
    expect(await claims.getByRole('button').count()).toBeLessThan(RENDERED_BOUND);
    await expect(sources.getByRole('listitem').first()).toHaveAttribute('aria-setsize', String(SOURCES));
    await expect(claims.getByRole('listitem').first()).toHaveAttribute('aria-setsize', String(CLAIMS));
  });

  await test.step('arrows, Page Down, Home and End move through the sources; Enter opens the last one', async () => {
    // Whichever row is in view, Home goes to the first.
    await sources.getByRole('button').first().focus();
    await page.keyboard.press('Home');
    const first = sources.getByRole('button', { name: new RegExp(`^${title(1)}`) });
    await expect(first).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(sources.getByRole('button', { name: new RegExp(`^${title(2)}`) })).toBeFocused();
    await page.keyboard.press('ArrowUp');
    await expect(first).toBeFocused();
    await page.keyboard.press('PageDown');
    // A page further on: more than one row, and still a source of this list.
    const paged = sources.locator(':focus');
    await expect(paged).toHaveAccessibleName(/^Source \d{4}/);
    expect(Number(await paged.locator('xpath=..').getAttribute('aria-posinset'))).toBeGreaterThan(2);
    await page.keyboard.press('End');
    const last = sources.getByRole('button', { name: new RegExp(`^${title(SOURCES)}`) });
    await expect(last).toBeFocused();
    await expect(last.locator('xpath=..')).toHaveAttribute('aria-posinset', String(SOURCES));
    await page.keyboard.press('Enter');
    await expect(reader.getByRole('heading', { level: 2 })).toHaveText(title(SOURCES));
    await expect(last).toHaveAttribute('aria-current', 'true');
    expect(await sources.getByRole('button').count()).toBeLessThan(RENDERED_BOUND);
    await page.keyboard.press('Home');
    await expect(first).toBeFocused();
  });

  await test.step('Tab leaves the list in one step and Shift+Tab comes back to the same row', async () => {
    await page.keyboard.press('ArrowDown');
    const second = sources.getByRole('button', { name: new RegExp(`^${title(2)}`) });
    await expect(second).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(sources.locator(':focus')).toHaveCount(0);
    await page.keyboard.press('Shift+Tab');
    await expect(second).toBeFocused();
  });

  await test.step('End reaches the last claim too, and Enter shows it in the inspector', async () => {
    await claims.getByRole('button').first().focus();
    await page.keyboard.press('End');
    const last = claims.getByRole('button', { name: new RegExp(`^${statement(CLAIMS)}`) });
    await expect(last).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('complementary', { name: 'Inspector' })).toContainText(statement(CLAIMS));
    await expect(last).toHaveAttribute('aria-current', 'true');
  });

  await test.step('a source found by the search far down the list opens, and its row is shown and current', async () => {
    await sources.getByRole('button', { name: new RegExp(`^${title(1)}`) }).click();
    await expect(sources.getByRole('button', { name: new RegExp(`^${FAR.title}`) })).toHaveCount(0);
    await page.keyboard.press('Control+k');
    const search = page.getByRole('dialog', { name: 'Search', exact: true });
    await search.getByRole('searchbox', { name: 'Search the notebook', exact: true }).fill(FAR.word);
    await search.getByRole('option').filter({ hasText: FAR.title }).first().click();
    await expect(reader.getByRole('heading', { level: 2 })).toHaveText(FAR.title);
    const row = sources.getByRole('button', { name: new RegExp(`^${FAR.title}`) });
    await expect(row).toBeInViewport();
    await expect(row).toHaveAttribute('aria-current', 'true');
    await expect(row.locator('xpath=..')).toHaveAttribute('aria-posinset', String(FAR.position));
  });
});
