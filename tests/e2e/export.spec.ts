// Out and back in, end to end: an analyst grades a wire report, links an excerpt to a claim and
// assesses it, exports the brief from File ▸ Export… and finds the claim, the exact quote, its
// citation and the ICD 203 words in the file; exports the notebook bundle, merges it into a fresh
// notebook through the merge dialog, and resolves a conflicting edit with "Take theirs"; one
// Ctrl+Z takes the merge back. axe checks the Export and Merge dialogs.
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.js';
import { ExportDialog } from './models/ExportDialog.js';
import { MainScreen } from './models/MainScreen.js';
import { MergeDialog } from './models/MergeDialog.js';
import { CONTAINERS_CLAIM, CONTAINERS_PASSAGE, WIRE_REPORT } from './running-example.js';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

async function expectNoAxeViolations(page: Page, where: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const found = results.violations.map((v) => `${v.id}: ${v.help}\n${v.nodes.map((n) => `  ${n.target.join(' ')}`).join('\n')}`);
  expect(found, `${where}:\n${found.join('\n\n')}`).toEqual([]);
}

/** The wire report graded B, the containers passage as evidence for the ministry's claim, assessed "likely" with moderate confidence. */
async function assessedClaim(main: MainScreen): Promise<void> {
  await main.addSource(WIRE_REPORT);
  const details = await main.openSourceDetails();
  await details.reliability.selectOption('B');
  await details.saveButton.click();
  await expect(details.saveButton).toBeDisabled();

  await main.reader.selectWithMouse(CONTAINERS_PASSAGE);
  await main.reader.saveExcerptButton.click();
  await expect(main.inspector.excerptHeading).toBeVisible();
  const link = await main.openLinkDialog();
  await link.claim.selectOption({ label: 'New claim…' });
  await link.statement.fill(CONTAINERS_CLAIM.statement);
  await link.claimant.fill(CONTAINERS_CLAIM.claimant);
  await link.claimantKind.selectOption('organisation');
  await link.polarity.selectOption({ label: CONTAINERS_CLAIM.polarity });
  await link.relation.selectOption({ label: 'supports' });
  await link.link();

  await main.claim(CONTAINERS_CLAIM.statement).click();
  await main.inspector.editClaimButton.click();
  const form = main.inspector.claimForm;
  await form.getByRole('combobox', { name: 'Status', exact: true }).selectOption('assessed');
  await form.getByRole('combobox', { name: 'Likelihood', exact: true }).selectOption('likely');
  await form.getByRole('combobox', { name: 'Confidence', exact: true }).selectOption('moderate');
  await form.getByRole('combobox', { name: 'Basis', exact: true }).selectOption('reported');
  await form.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(form).toBeHidden();
}

async function fileMenu(main: MainScreen, item: string): Promise<void> {
  await main.fileMenuButton.click();
  await main.page.getByRole('menuitem', { name: item, exact: true }).click();
}

async function openExport(main: MainScreen): Promise<ExportDialog> {
  await fileMenu(main, 'Export…');
  const dialog = new ExportDialog(main.page);
  await dialog.preview.locator('pre').waitFor();
  return dialog;
}

/** File ▸ Import notebook bundle…, choosing `file`; gives back the merge dialog it opens. */
async function importBundle(main: MainScreen, file: string): Promise<MergeDialog> {
  await main.fileMenuButton.click();
  const chooser = main.page.waitForEvent('filechooser');
  await main.page.getByRole('menuitem', { name: 'Import notebook bundle…', exact: true }).click();
  await (await chooser).setFiles(file);
  const dialog = new MergeDialog(main.page);
  await dialog.root.waitFor();
  return dialog;
}

test('analyst exports the Markdown brief from the Export dialog and finds the claim, the exact quote, its citation and the assessment', async ({ app }) => {
  test.setTimeout(90_000);
  const main = new MainScreen(app.page);
  await main.waitUntilLoaded();
  await assessedClaim(main);

  const dialog = await openExport(main);
  await expect(dialog.format).toHaveValue('markdown');
  await expect(dialog.preview).toContainText(CONTAINERS_CLAIM.statement);
  await expectNoAxeViolations(app.page, 'Export dialog');

  const { download, text } = await dialog.download();
  expect(download.suggestedFilename()).toMatch(/\.md$/);
  const lines = text.split('\n');
  expect(text).toContain(CONTAINERS_CLAIM.statement);
  expect(text).toContain(CONTAINERS_CLAIM.claimant);
  // The quote exactly as the text has it, as a block quote, and right after it its citation.
  const quote = lines.indexOf(`> ${CONTAINERS_PASSAGE}`);
  expect(quote, 'the quote as a block quote line').toBeGreaterThan(-1);
  const citation = lines.slice(quote + 1).find((line) => line.trim() !== '') ?? '';
  expect(citation).toContain(WIRE_REPORT.title);
  expect(citation).toContain(WIRE_REPORT.publisher);
  expect(citation).toContain('Reliability B (Usually reliable)');
  // The analyst's assessment in ICD 203 words, with its range, and the confidence apart from it.
  expect(text).toContain('Likely (55–80%)');
  expect(text).toContain('moderate confidence');
  // No raw HTML in the brief.
  expect(text).not.toMatch(/<[a-z][^>]*>/i);

  // The printable report says how to make a PDF; Close leaves the notebook as it was.
  await dialog.format.selectOption({ label: 'Printable report (HTML)' });
  await expect(dialog.root).toContainText('PDF: use the printable report and Print ▸ Save as PDF');
  await expect(dialog.preview).toContainText('<!DOCTYPE html>');
  await dialog.closeButton.click();
  await expect(dialog.root).toBeHidden();
});

test('a notebook bundle merges into a fresh notebook; a conflicting edit is resolved with "Take theirs"; Ctrl+Z takes the merge back', async ({ app }) => {
  test.setTimeout(120_000);
  const main = new MainScreen(app.page);
  const page = app.page;
  await main.waitUntilLoaded();
  await assessedClaim(main);

  const exported = await openExport(main);
  await exported.choose('Notebook bundle');
  await expect(exported.preview).toContainText('"format": "corroborate-bundle"');
  const bundle = await exported.download();
  expect(bundle.download.suggestedFilename()).toMatch(/\.corroborate\.json$/);
  const bundleFile = app.writeFile('colleague.corroborate.json', bundle.text);
  await exported.closeButton.click();

  await test.step('a fresh notebook takes in everything the bundle has', async () => {
    await fileMenu(main, 'New notebook…');
    const folder = page.getByRole('dialog', { name: 'New notebook', exact: true });
    await folder.getByRole('textbox', { name: 'Folder path', exact: true }).fill(path.join(path.dirname(app.notebookDir), 'Fresh copy.corroborate'));
    await folder.getByRole('button', { name: 'Create', exact: true }).click();
    await expect(folder).toBeHidden();
    await expect(main.sources).toHaveCount(0);

    const merge = await importBundle(main, bundleFile);
    await expect(merge.count('To add')).toHaveText('1 source, 1 excerpt, 1 claim, 1 link and 1 entity');
    await expect(merge.count('In both, but different')).toHaveText('none');
    await expect(merge.mergeButton).toBeEnabled();
    await expectNoAxeViolations(page, 'Merge dialog without conflicts');
    await merge.mergeButton.click();
    await expect(merge.root).toBeHidden();
    await expect(main.status('Merged the bundle: added 1 source, 1 excerpt, 1 claim, 1 link and 1 entity.')).toBeVisible();
    await expect(main.source(WIRE_REPORT.title)).toHaveCount(1);
    await expect(main.reliabilityBadge(WIRE_REPORT.title)).toHaveAccessibleName(/^Reliability B/);
    await expect(main.claim(CONTAINERS_CLAIM.statement)).toHaveCount(1);
    await main.claim(CONTAINERS_CLAIM.statement).click();
    await expect(main.inspector.evidence.filter({ hasText: CONTAINERS_PASSAGE })).toHaveCount(1);
  });

  const reworded = 'North Korea shipped about a thousand containers to Russia.';
  await test.step('the claim reworded here conflicts with the bundle; Merge waits for a choice; Take theirs restores it', async () => {
    await main.inspector.editClaimButton.click();
    const form = main.inspector.claimForm;
    await form.getByRole('textbox', { name: 'Statement', exact: true }).fill(reworded);
    await form.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(form).toBeHidden();
    await expect(main.claim(reworded)).toHaveCount(1);

    const merge = await importBundle(main, bundleFile);
    await expect(merge.count('To add')).toHaveText('nothing');
    await expect(merge.count('Already here (skipped)')).toHaveText('4 objects');
    await expect(merge.conflicts).toHaveCount(1);
    const conflict = merge.conflict(`Claim: ${reworded}`);
    await expect(conflict).toContainText('Differs in its statement.');
    await expect(conflict).toContainText(/Mine saved .* UTC \(newer\)/);
    await expect(merge.mergeButton).toBeDisabled();
    await expectNoAxeViolations(page, 'Merge dialog with a conflict');

    await merge.choose(`Claim: ${reworded}`, 'Take theirs');
    await expect(merge.mergeButton).toBeEnabled();
    await merge.mergeButton.click();
    await expect(merge.root).toBeHidden();
    await expect(main.status('took 1 of theirs, kept 0 of yours')).toBeVisible();
    await expect(main.claim(CONTAINERS_CLAIM.statement)).toHaveCount(1);
    await expect(main.claim(reworded)).toHaveCount(0);
  });

  await test.step('one Ctrl+Z takes the whole merge back', async () => {
    await page.keyboard.press('Control+z');
    await expect(main.claim(reworded)).toHaveCount(1);
    await expect(main.claim(CONTAINERS_CLAIM.statement)).toHaveCount(0);
  });
});

test('notebook settings: the organisation set there authors the exported assessments; one Ctrl+Z undoes the change', async ({ app }) => {
  test.setTimeout(90_000);
  const main = new MainScreen(app.page);
  const page = app.page;
  await main.waitUntilLoaded();
  await assessedClaim(main);
  const name = main.toolbar.getByRole('heading', { level: 1 });
  const before = await name.textContent();

  await fileMenu(main, 'Notebook settings…');
  const settings = page.getByRole('dialog', { name: 'Notebook settings', exact: true });
  await settings.getByRole('textbox', { name: 'Name', exact: true }).fill('Munitions brief');
  await settings.getByRole('textbox', { name: 'Organisation', exact: true }).fill('Harbour Analysis Group');
  await settings.getByRole('textbox', { name: 'Notebook note', exact: true }).fill('Working file. Open question: the **rail** data.');
  await expectNoAxeViolations(page, 'Notebook settings dialog');
  await settings.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(settings).toBeHidden();
  await expect(name).toHaveText('Munitions brief');

  const dialog = await openExport(main);
  await dialog.choose('schema.org ClaimReview (JSON-LD)');
  const review = JSON.parse((await dialog.preview.locator('pre').textContent()) ?? '') as unknown;
  expect(JSON.stringify(review)).toContain('"name":"Harbour Analysis Group"');
  await dialog.closeButton.click();

  await page.keyboard.press('Control+z');
  await expect(name).toHaveText(before ?? '');
  await fileMenu(main, 'Notebook settings…');
  await expect(settings.getByRole('textbox', { name: 'Organisation', exact: true })).toHaveValue('');
  await settings.getByRole('button', { name: 'Cancel', exact: true }).click();
});
