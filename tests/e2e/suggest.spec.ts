// Suggested claims, as an analyst uses them (issue 10): a news report with several attributions (a
// denial, a pronoun pointing back to a named inspector, a group of officials) is read for who claims
// what; one candidate's statement is edited and accepted, which records the excerpt (highlighted in
// the reader), the claim with its claimant and polarity (in the library), and the evidence link (in
// the inspector), and one Ctrl+Z takes all of it back; another candidate is dismissed and stays
// dismissed after a reload; the palette opens the panel; a suggested entity is added; Accept all is
// one change. axe on the panel, a candidate being edited and the Accept all dialog, in both themes.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.js';
import { CommandPalette } from './models/CommandPalette.js';
import { MainScreen } from './models/MainScreen.js';
import { SuggestionsPanel } from './models/SuggestionsPanel.js';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** axe on the Suggestions panel (and the reader beside it), light and dark. */
async function expectNoAxeViolations(page: Page, where: string): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    const results = await new AxeBuilder({ page }).include('[aria-label="Suggestions"]').include('main[aria-label="Reader"]').withTags(TAGS).analyze();
    const found = results.violations.map((v) => `${v.id}: ${v.help}\n${v.nodes.map((n) => `  ${n.target.join(' ')}`).join('\n')}`);
    expect(found, `${where} (${colorScheme}):\n${found.join('\n\n')}`).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

/** A harbour report, invented for this test: three claimants and a sentence that claims nothing. */
const REPORT = {
  title: 'Tanker left port without a manifest, inspectors say',
  publisher: 'Harbour Wire',
  published: '2024-05-03',
  text: [
    'GENEVA, May 3 (Harbour Wire) — The harbour authority said the tanker Meridian left port on Tuesday with a full cargo of diesel.',
    'The shipping company denied that the tanker had switched off its transponder.',
    'Maria Okafor, a port inspector, reviewed the logs on Wednesday. She said the crew had filed no manifest for the second stop.',
    'The weather was calm along the coast all week.',
    'Coast guard officials suggested that a second vessel met the tanker at sea.',
  ].join('\n'),
};
const EDITED_STATEMENT = 'The Meridian switched off its transponder during the voyage.';

test('analyst accepts an edited suggested claim, undoes and redoes it, and dismisses another for good', async ({ app }) => {
  test.setTimeout(180_000);
  const page = app.page;
  let main = new MainScreen(page);
  let panel = new SuggestionsPanel(page);
  await main.waitUntilLoaded();
  await main.addSource(REPORT);
  let denialQuote = '';

  await test.step('the Suggestions panel lists who claims what, the denial and the pronoun resolved', async () => {
    await main.reader.suggestionsButton.click();
    await expect(main.reader.suggestionsButton).toHaveAttribute('aria-pressed', 'true');
    await expect(panel.root).toBeVisible();
    await expect(panel.candidates.first()).toBeVisible({ timeout: 20_000 });
    expect(await panel.candidates.count()).toBeGreaterThanOrEqual(3);
    const denial = panel.candidate('denied');
    await expect(denial).toHaveCount(1);
    await expect(denial).toContainText('denies');
    await expect(denial).toContainText(/shipping company/i);
    // "She said…" is Maria Okafor's, named in the sentence before.
    await expect(panel.candidate('She said')).toContainText('Maria Okafor');
    await expect(panel.candidate('calm along the coast')).toHaveCount(0);
    // Nothing was recorded by looking.
    await expect(main.claims).toHaveCount(0);
    await expect(main.reader.excerpts).toHaveCount(0);
    await expectNoAxeViolations(page, 'the Suggestions panel');
  });

  await test.step('pointing at a candidate highlights its passage in the reader', async () => {
    const denial = panel.candidate('denied');
    denialQuote = await panel.quoteOf(denial);
    await denial.hover();
    await expect.poll(() => main.reader.highlighted('suggestion-preview')).toEqual([denialQuote]);
  });

  await test.step('the denial, its statement edited, is accepted: excerpt, claim, claimant and link in one step', async () => {
    const denial = panel.candidate('denied');
    await panel.edit(denial);
    await denial.getByRole('textbox', { name: 'Statement', exact: true }).fill(EDITED_STATEMENT);
    await expect(denial.getByRole('combobox', { name: 'Stance', exact: true })).toHaveValue('denies');
    await expectNoAxeViolations(page, 'a candidate being edited');
    await panel.accept(denial);
    await expect(denial).toContainText('Accepted as a claim');
    await expect.poll(() => main.reader.highlighted('excerpt')).toEqual([denialQuote]);
    await expect(main.reader.excerpt(denialQuote.slice(0, 40))).toHaveCount(1);
    const claim = main.claim(EDITED_STATEMENT);
    await expect(claim).toHaveCount(1);
    await expect(claim).toContainText(/shipping company/i);
    await expect(claim).toContainText('denies');

    await claim.click();
    await expect(main.inspector.claimHeading).toBeVisible();
    await expect(main.inspector.root).toContainText(EDITED_STATEMENT);
    await expect(main.inspector.root).toContainText(/shipping company/i);
    await expect(main.inspector.evidence).toHaveCount(1);
    await expect(main.inspector.evidence.first()).toContainText('supports');
    await expect(main.inspector.evidence.first()).toContainText(denialQuote.slice(0, 40));
  });

  await test.step('one Ctrl+Z takes back the excerpt, the claim and the new claimant; redo brings them again', async () => {
    const entities = main.library.getByRole('list', { name: 'Entities', exact: true }).getByRole('listitem');
    const entitiesBefore = await entities.count();
    expect(entitiesBefore).toBeGreaterThanOrEqual(1);
    await page.keyboard.press('Control+z');
    await expect(main.claims).toHaveCount(0);
    await expect(main.reader.excerpts).toHaveCount(0);
    await expect(entities).toHaveCount(0);
    await expect.poll(() => main.reader.highlighted('excerpt')).toEqual([]);

    await page.keyboard.press('Control+Shift+z');
    await expect(main.claim(EDITED_STATEMENT)).toHaveCount(1);
    await expect(main.reader.excerpts).toHaveCount(1);
    await expect(entities).toHaveCount(entitiesBefore);
  });

  await test.step('another candidate is dismissed: gone, and still gone after a reload', async () => {
    await main.reader.suggestionsButton.click();
    await expect(panel.candidate('denied')).toContainText('Accepted as a claim');
    const pronoun = panel.candidate('She said');
    await expect(pronoun).toHaveCount(1);
    const before = await panel.candidates.count();
    await panel.dismiss(pronoun);
    await expect(panel.candidate('She said')).toHaveCount(0);
    await expect(panel.candidates).toHaveCount(before - 1);
    await expect(panel.summary).toContainText('1 dismissed');

    await page.reload();
    main = new MainScreen(page);
    panel = new SuggestionsPanel(page);
    await main.waitUntilLoaded();
    await main.reader.suggestionsButton.click();
    await expect(panel.candidates.first()).toBeVisible({ timeout: 20_000 });
    await expect(panel.candidates).toHaveCount(before - 1);
    await expect(panel.candidate('She said')).toHaveCount(0);
    await expect(panel.summary).toContainText('1 dismissed');
    await expect(panel.candidate('denied')).toContainText('Accepted as a claim');
  });

  await test.step('the command palette opens the panel too, from another view', async () => {
    await panel.closeButton.click();
    await expect(panel.root).toBeHidden();
    await expect(main.reader.suggestionsButton).toBeFocused();
    await page.keyboard.press('Alt+2');
    await expect(page.getByRole('main', { name: 'Claims board', exact: true })).toBeVisible();
    await page.keyboard.press('Control+Shift+p');
    const palette = new CommandPalette(page);
    await palette.searchbox.fill('suggest claims');
    await palette.option('Suggest claims for this source').click();
    await expect(panel.root).toBeVisible();
    await expect(main.reader.title).toHaveText(REPORT.title);
    await expect(panel.candidates.first()).toBeVisible();
  });

  await test.step('a suggested entity is added to the notebook from the panel', async () => {
    const maria = panel.entities.filter({ hasText: 'Maria Okafor' });
    await expect(maria).toHaveCount(1);
    await maria.getByRole('button', { name: 'Add entity Maria Okafor', exact: true }).click();
    await expect(main.library.getByRole('list', { name: 'Entities', exact: true })).toContainText('Maria Okafor');
    await expect(maria.getByRole('button', { name: /^Open Maria Okafor/ })).toBeVisible();
  });

  await test.step('Accept all records every open candidate as one change, which one Ctrl+Z takes back', async () => {
    const open = (await panel.candidates.count()) - 1;
    await panel.acceptAllButton.click();
    const dialog = page.getByRole('dialog', { name: 'Accept all suggestions', exact: true });
    await expect(dialog).toContainText(`${open} claims`);
    await expectNoAxeViolations(page, 'the Accept all dialog');
    await dialog.getByRole('button', { name: 'Accept all', exact: true }).click();
    await expect(dialog).toBeHidden();
    await expect(main.claims).toHaveCount(open + 1);
    await expect(panel.candidates.filter({ hasText: 'Accepted as a claim' })).toHaveCount(open + 1);
    await expect(main.claim(EDITED_STATEMENT)).toHaveCount(1);

    await page.keyboard.press('Control+z');
    await expect(main.claims).toHaveCount(1);
    await expect(panel.candidates.filter({ hasText: 'Accepted as a claim' })).toHaveCount(1);
  });
});
