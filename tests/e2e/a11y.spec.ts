// Accessibility: axe finds no WCAG 2.1 A/AA violation on the screens an analyst spends time on:
// the empty notebook, the reader with a highlighted excerpt beside a claim, the Add source dialog.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.js';
import { MainScreen } from './models/MainScreen.js';
import { CONTAINERS_CLAIM, CONTAINERS_PASSAGE, WIRE_REPORT } from './running-example.js';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** axe's findings, one paragraph per violation with the elements it names, readable in a failure message. */
async function violations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  return results.violations.map((v) => {
    const nodes = v.nodes.map((n) => `    ${n.target.join(' ')}\n      ${(n.failureSummary ?? '').replace(/\n/g, '\n      ')}`).join('\n');
    return `${v.id} (${v.impact ?? 'unknown impact'}): ${v.help}\n  ${v.helpUrl}\n${nodes}`;
  });
}

test('the app has no WCAG 2.1 A/AA violations axe can find', async ({ app }) => {
  // Three full axe scans take a while on two cores.
  test.setTimeout(90_000);
  const main = new MainScreen(app.page);
  await main.waitUntilLoaded();

  await test.step('the empty notebook', async () => {
    const found = await violations(app.page);
    expect(found, found.join('\n\n')).toEqual([]);
  });

  await test.step('the reader with a highlighted excerpt, the inspector showing a claim', async () => {
    await main.addSource(WIRE_REPORT);
    await main.reader.selectWithMouse(CONTAINERS_PASSAGE);
    await main.reader.saveExcerptButton.click();
    await expect(main.reader.excerpts).toHaveCount(1);
    const dialog = await main.openLinkDialog();
    await dialog.linkToNewClaim(CONTAINERS_CLAIM, 'supports');
    await main.claim(CONTAINERS_CLAIM.statement).click();
    await expect(main.inspector.evidence).toHaveCount(1);
    await expect.poll(() => main.reader.highlighted('excerpt')).toEqual([CONTAINERS_PASSAGE]);

    const found = await violations(app.page);
    expect(found, found.join('\n\n')).toEqual([]);
  });

  await test.step('the Add source dialog, open', async () => {
    const dialog = await main.openAddSource();
    await expect(dialog.title).toBeVisible();
    const found = await violations(app.page);
    expect(found, found.join('\n\n')).toEqual([]);
  });
});
