// Trash and restore, end to end: an analyst trashes a claim, then the wire report with its
// excerpts (one of them evidence for a claim that stays); File ▸ Trash… lists both with what went
// along; restoring the source brings it back whole, highlighted in the reader; Ctrl+Z puts it back
// in the trash, and the trash is still there after a restart.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.js';
import { MainScreen } from './models/MainScreen.js';
import { TrashDialog } from './models/TrashDialog.js';
import { ACCUSATION_CLAIM, CONTAINERS_CLAIM, CONTAINERS_PASSAGE, DENIAL_PASSAGE, WIRE_REPORT } from './running-example.js';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

async function expectNoAxeViolations(page: Page, where: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const found = results.violations.map((v) => `${v.id}: ${v.help}\n${v.nodes.map((n) => `  ${n.target.join(' ')}`).join('\n')}`);
  expect(found, `${where}:\n${found.join('\n\n')}`).toEqual([]);
}

test('analyst trashes a source with its excerpts and a claim, restores the source, and Ctrl+Z puts it back', async ({ app }) => {
  // A long story on a shared two-core machine: a restart and three accessibility scans.
  test.setTimeout(90_000);
  let main = new MainScreen(app.page);
  await main.waitUntilLoaded();

  await test.step('an empty trash says what lands there', async () => {
    const trash = await TrashDialog.open(app.page);
    await expect(trash.emptyState).toBeVisible();
    await expect(trash.root).toContainText('Sources, excerpts, claims and anything else you move to the trash land here');
    await expectNoAxeViolations(app.page, 'empty trash');
    await trash.close();
  });

  await test.step('the wire report with two excerpts, one of them evidence for a claim; a second claim', async () => {
    await main.addSource(WIRE_REPORT);
    await main.reader.selectWithMouse(CONTAINERS_PASSAGE);
    await main.reader.saveExcerptButton.click();
    await expect(main.inspector.excerptHeading).toBeVisible();
    const link = await main.openLinkDialog();
    await link.linkToNewClaim(CONTAINERS_CLAIM, 'supports');
    await main.reader.selectWithMouse(DENIAL_PASSAGE);
    await main.reader.saveExcerptButton.click();
    await expect(main.reader.excerpts).toHaveCount(2);

    await main.library.getByRole('button', { name: 'New claim', exact: true }).click();
    const dialog = app.page.getByRole('dialog', { name: 'New claim', exact: true });
    await dialog.getByRole('textbox', { name: 'Statement', exact: true }).fill(ACCUSATION_CLAIM.statement);
    await dialog.getByRole('textbox', { name: 'Claimant', exact: true }).fill(ACCUSATION_CLAIM.claimant);
    await dialog.getByRole('button', { name: 'Create', exact: true }).click();
    await expect(dialog).toBeHidden();
    await expect(main.claims).toHaveCount(2);
  });

  await test.step('move the second claim to the trash, then the source', async () => {
    await main.claim(ACCUSATION_CLAIM.statement).click();
    await expect(main.inspector.claimHeading).toBeVisible();
    await main.inspector.root.getByRole('button', { name: 'Move to trash', exact: true }).click();
    await expect(main.claims).toHaveCount(1);

    await main.openSourceDetails();
    await main.inspector.root.getByRole('button', { name: 'Move source to trash', exact: true }).click();
    await expect(main.sources).toHaveCount(0);
    // The claim stands on its own; only its evidence went with the source.
    await main.claim(CONTAINERS_CLAIM.statement).click();
    await expect(main.inspector.evidence).toHaveCount(0);
  });

  await test.step('File ▸ Trash… lists both, newest first, with what went with the source', async () => {
    const trash = await TrashDialog.open(app.page);
    await expect(trash.group('Sources')).toHaveCount(1);
    await expect(trash.group('Sources').first()).toContainText(WIRE_REPORT.title);
    await expect(trash.group('Sources').first()).toContainText('trashed just now · with 2 excerpts and 1 link');
    await expect(trash.group('Claims')).toHaveCount(1);
    await expect(trash.group('Claims').first()).toContainText(ACCUSATION_CLAIM.statement);
    await expect(trash.root.getByRole('heading', { level: 3 })).toHaveText([/^Sources/, /^Claims/]);
    await expectNoAxeViolations(app.page, 'trash with a source and a claim');
  });

  await test.step('restore the source: it is back with its excerpts, highlighted, and evidence again', async () => {
    const trash = new TrashDialog(app.page);
    await trash.restoreButton(WIRE_REPORT.title).click();
    await expect(trash.root).toBeHidden();
    await expect(main.status(`Restored the source “${WIRE_REPORT.title}” with 2 excerpts and 1 link. Ctrl+Z puts them back in the trash.`)).toBeVisible();
    await expect(main.sources).toHaveCount(1);
    await expect(main.reader.title).toHaveText(WIRE_REPORT.title);
    await expect(main.reader.excerpts).toHaveCount(2);
    await expect.poll(() => main.reader.highlighted('excerpt')).toEqual([CONTAINERS_PASSAGE, DENIAL_PASSAGE]);
    await main.claim(CONTAINERS_CLAIM.statement).click();
    await expect(main.inspector.evidence).toHaveCount(1);
    await expect(main.inspector.evidence.first()).toContainText(CONTAINERS_PASSAGE);
    // The claim trashed on its own stays in the trash.
    await expect(main.claims).toHaveCount(1);
  });

  await test.step('Ctrl+Z puts the source back in the trash, in one step', async () => {
    await main.undoButton.focus();
    await app.page.keyboard.press('Control+z');
    await expect(main.sources).toHaveCount(0);
    await expect(main.inspector.evidence).toHaveCount(0);
    const trash = await TrashDialog.open(app.page);
    await expect(trash.group('Sources').first()).toContainText('with 2 excerpts and 1 link');
    await trash.close();
  });

  await test.step('after a restart the trash still holds both, and the claim can be restored', async () => {
    main = new MainScreen(await app.restart());
    await main.waitUntilLoaded();
    await expect(main.sources).toHaveCount(0);
    const trash = await TrashDialog.open(app.page);
    await expect(trash.group('Sources')).toHaveCount(1);
    await trash.restoreButton(ACCUSATION_CLAIM.statement).click();
    await expect(main.status(`Restored the claim “${ACCUSATION_CLAIM.statement}”. Ctrl+Z puts it back in the trash.`)).toBeVisible();
    await expect(main.claims).toHaveCount(2);
    // The restored claim is the one the inspector shows.
    await expect(main.inspector.claimHeading).toBeVisible();
    await expect(main.inspector.root).toContainText(ACCUSATION_CLAIM.statement);
  });
});
