// Accessibility: axe finds no WCAG 2.1 A/AA violation on the screens an analyst spends time on:
// the empty notebook, the reader with a highlighted excerpt beside a claim, the Add source dialog,
// an import's summary, a PDF with its page breaks, the Source details form, and a claims board
// with two propositions.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { newId, now } from '../../notebook/common/ids.js';
import { callApi } from './api.js';
import { expect, test } from './fixtures.js';
import { PDF_REPORT, WORD_MINUTES, pdfReport, wordMinutes } from './import-files.js';
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

test('importing, a PDF with page breaks and Source details have no WCAG 2.1 A/AA violations axe can find', async ({ app }) => {
  test.setTimeout(90_000);
  const main = new MainScreen(app.page);
  await main.waitUntilLoaded();
  const files = [
    app.writeFile(PDF_REPORT.fileName, await pdfReport()),
    app.writeFile(WORD_MINUTES.fileName, await wordMinutes()),
    app.writeFile('notes.txt', ''),
  ];

  await test.step('the import summary, with a failure among the results', async () => {
    await main.importFiles(files);
    await expect(main.importPanel.finishedHeading).toBeVisible({ timeout: 30_000 });
    await expect(main.importPanel.summary).toHaveText('Imported 2 sources · 1 failed');
    const found = await violations(app.page);
    expect(found, found.join('\n\n')).toEqual([]);
  });

  await test.step('the reader on the PDF, with its page breaks and an excerpt citing its page', async () => {
    await main.importPanel.open(PDF_REPORT.fileName);
    await expect(main.reader.title).toHaveText(PDF_REPORT.title);
    await main.importPanel.closeButton.click();
    await expect(main.reader.pageBreaks).toHaveCount(PDF_REPORT.pages - 1);
    await main.reader.selectWithMouse(PDF_REPORT.passage);
    await main.reader.saveExcerptButton.click();
    await expect(main.reader.excerpt(PDF_REPORT.passage)).toContainText('p. 2');
    const found = await violations(app.page);
    expect(found, found.join('\n\n')).toEqual([]);
  });

  await test.step('the Source details form, with a date it refuses', async () => {
    const details = await main.openSourceDetails();
    await details.reliability.selectOption({ label: 'B — Usually reliable' });
    await details.published.fill('2024-13');
    await details.saveButton.click();
    await expect(details.published).toHaveAttribute('aria-invalid', 'true');
    const found = await violations(app.page);
    expect(found, found.join('\n\n')).toEqual([]);
  });
});

test('a claims board with two contradicted propositions has no WCAG 2.1 A/AA violations axe can find', async ({ app }) => {
  test.setTimeout(90_000);
  const main = new MainScreen(app.page);
  await main.waitUntilLoaded();
  const propositions = ['The shipment left Rajin in October', 'The shipment carried artillery shells'];

  await test.step('each proposition asserted by one claim and denied by another', async () => {
    const stamp = () => ({ id: newId(), createdAt: now(), updatedAt: now() });
    const ops: unknown[] = [];
    for (const [i, statement] of propositions.entries()) {
      const proposition = { ...stamp(), statement };
      ops.push({ type: 'create', kind: 'proposition', object: proposition });
      ops.push({ type: 'create', kind: 'claim', object: { ...stamp(), statement: `${statement}, said observer ${i + 1}`, propositionId: proposition.id } });
      ops.push({ type: 'create', kind: 'claim', object: { ...stamp(), statement: `${statement} is false, said official ${i + 1}`, polarity: 'denies', propositionId: proposition.id } });
    }
    await callApi(app.page, 'apply', { op: { type: 'batch', label: 'two propositions', ops } });
    await app.page.reload();
    await main.waitUntilLoaded();
  });

  await test.step('the board shows both, each flagged, and each note region is told apart', async () => {
    await app.page.getByRole('navigation', { name: 'Views', exact: true }).getByRole('button', { name: 'Claims board', exact: true }).click();
    const board = app.page.getByRole('main', { name: 'Claims board', exact: true });
    for (const statement of propositions) {
      const group = board.getByRole('region', { name: statement, exact: true });
      await expect(group).toBeVisible();
      await expect(group.getByText('Contradicted', { exact: true })).toBeVisible();
      // A screen reader's list of regions tells the two notes apart (axe's landmark-unique is not a WCAG rule).
      await expect(group.getByRole('region', { name: `Note on the proposition: ${statement}`, exact: true })).toBeVisible();
    }
    const found = await violations(app.page);
    expect(found, found.join('\n\n')).toEqual([]);
  });
});
