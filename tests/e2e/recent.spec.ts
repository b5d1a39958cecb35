// Recent notebooks, end to end: an analyst makes a second notebook, goes back to the first through
// File ▸ Open recent, finds a notebook whose folder has moved shown as not found, and forgets it.
// The list lives in the test's own config folder (CORROBORATE_CONFIG_DIR), never the real one.
import fs from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.js';
import { MainScreen } from './models/MainScreen.js';
import { WIRE_REPORT } from './running-example.js';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

async function expectNoAxeViolations(page: Page, where: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const found = results.violations.map((v) => `${v.id}: ${v.help}\n${v.nodes.map((n) => `  ${n.target.join(' ')}`).join('\n')}`);
  expect(found, `${where}:\n${found.join('\n\n')}`).toEqual([]);
}

test('analyst opens a second notebook, then goes back to the first through File ▸ Open recent', async ({ app }) => {
  test.setTimeout(90_000);
  const page = app.page;
  const main = new MainScreen(page);
  const menu = page.getByRole('menu', { name: 'File', exact: true });
  const recent = menu.getByRole('group', { name: 'Open recent', exact: true });
  const ukraineDir = path.join(app.tempDir, 'Ukraine grain.corroborate');
  await main.waitUntilLoaded();

  await test.step('the first notebook, with a source; nothing else to reopen yet', async () => {
    await main.addSource(WIRE_REPORT);
    await main.fileMenuButton.click();
    await expect(menu).toBeVisible();
    // The open notebook is not offered again.
    await expect(recent).toHaveCount(0);
    await page.keyboard.press('Escape');
  });

  await test.step('File ▸ New notebook… makes a second notebook in the test folder', async () => {
    await main.fileMenuButton.click();
    await menu.getByRole('menuitem', { name: 'New notebook…', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'New notebook', exact: true });
    await dialog.getByRole('textbox', { name: 'Folder path', exact: true }).fill(ukraineDir);
    await dialog.getByRole('button', { name: 'Create', exact: true }).click();
    await expect(dialog).toBeHidden();
    await expect(main.toolbar.getByRole('heading', { level: 1 })).toHaveText('Ukraine grain');
    await expect(main.sources).toHaveCount(0);
  });

  await test.step('File ▸ Open recent lists the first notebook, with its folder', async () => {
    await main.fileMenuButton.click();
    const first = recent.getByRole('menuitem', { name: 'Korea arms research', exact: true });
    await expect(recent.getByRole('menuitem')).toHaveCount(1);
    await expect(first).toHaveAccessibleDescription(app.notebookDir);
    await expectNoAxeViolations(page, 'File menu with Open recent');
    // The list is kept in the test's config folder, not in the analyst's own.
    expect(fs.existsSync(path.join(app.configDir, 'recent-notebooks.json'))).toBe(true);
  });

  await test.step('choosing it reopens it, with its source', async () => {
    await recent.getByRole('menuitem', { name: 'Korea arms research', exact: true }).click();
    await expect(menu).toBeHidden();
    await expect(main.toolbar.getByRole('heading', { level: 1 })).toHaveText('Korea arms research');
    await expect(main.sources).toHaveCount(1);
    await expect(main.reader.title).toHaveText(WIRE_REPORT.title);
  });

  await test.step('a notebook whose folder moved is shown as not found, and can be forgotten', async () => {
    fs.renameSync(ukraineDir, path.join(app.tempDir, 'Moved away.corroborate'));
    await main.fileMenuButton.click();
    const gone = recent.getByRole('menuitem', { name: 'Ukraine grain (not found)', exact: true });
    await expect(gone).toBeVisible();
    await expect(gone).toBeDisabled();
    // Choosing it does nothing: the menu stays open, the notebook stays the same.
    await gone.focus();
    await page.keyboard.press('Enter');
    await expect(menu).toBeVisible();
    await menu.getByRole('menuitem', { name: 'Forget notebooks not found', exact: true }).click();
    await expect(recent).toHaveCount(0);
    await page.keyboard.press('Escape');
    await expect(main.toolbar.getByRole('heading', { level: 1 })).toHaveText('Korea arms research');
  });

  await test.step('Delete forgets a notebook from the list without touching its folder', async () => {
    fs.renameSync(path.join(app.tempDir, 'Moved away.corroborate'), ukraineDir);
    await main.fileMenuButton.click();
    await menu.getByRole('menuitem', { name: 'Open notebook…', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Open notebook', exact: true });
    await dialog.getByRole('textbox', { name: 'Folder path', exact: true }).fill(ukraineDir);
    await dialog.getByRole('button', { name: 'Open', exact: true }).click();
    await expect(main.toolbar.getByRole('heading', { level: 1 })).toHaveText('Ukraine grain');

    await main.fileMenuButton.click();
    const korea = recent.getByRole('menuitem', { name: 'Korea arms research', exact: true });
    await korea.focus();
    await page.keyboard.press('Delete');
    await expect(recent).toHaveCount(0);
    // The focus stays in the menu, on the row that took its place.
    await expect(menu.getByRole('menuitem', { name: 'Import files…', exact: true })).toBeFocused();
    expect(fs.existsSync(path.join(app.notebookDir, 'notebook.json'))).toBe(true);
  });
});
