// Toggle theme: the analyst overrides the operating system's light or dark setting from the command
// palette or its key (the desktop app's View menu sends the same command), sees the whole window
// change, finds the key in the shortcuts sheet, and gets the same theme when the window opens again.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.js';
import { CommandPalette, ShortcutsSheet } from './models/CommandPalette.js';
import { MainScreen } from './models/MainScreen.js';
import { WIRE_REPORT } from './running-example.js';

/** The window's background, as the theme paints it. */
const background = (page: Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
/** Light and dark backgrounds of theme.css (--bg). */
const LIGHT = 'rgb(244, 243, 240)';
const DARK = 'rgb(23, 25, 28)';

async function expectNoAxeViolations(page: Page, where: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const found = results.violations.map((v) => `${v.id}: ${v.help}\n${v.nodes.map((n) => `  ${n.target.join(' ')}`).join('\n')}`);
  expect(found, `${where}:\n${found.join('\n\n')}`).toEqual([]);
}

test('analyst switches the theme against the system setting, and it stays when the window opens again', async ({ app }) => {
  test.setTimeout(60_000);
  const page = app.page;
  await page.emulateMedia({ colorScheme: 'dark' });
  const main = new MainScreen(page);
  await main.waitUntilLoaded();
  await main.addSource(WIRE_REPORT);

  await test.step('System follows the operating system: dark', async () => {
    expect(await background(page)).toBe(DARK);
  });

  await test.step('Toggle theme from the command palette: Light, although the system is dark', async () => {
    await page.keyboard.press('Control+Shift+P');
    const palette = new CommandPalette(page);
    await palette.searchbox.fill('dark mode');
    await palette.option(/^Toggle theme/).click();
    await expect(main.status('Theme: Light.')).toBeVisible();
    expect(await background(page)).toBe(LIGHT);
    await expectNoAxeViolations(page, 'Light over a dark system');
  });

  await test.step('its key, shown in the shortcuts sheet, goes on to Dark, then back to System', async () => {
    await page.keyboard.press('?');
    const sheet = new ShortcutsSheet(page);
    await expect(sheet.row('Views and panes', 'Toggle theme (System, Light, Dark)')).toContainText('Ctrl+Shift+L');
    await page.keyboard.press('Escape');
    await page.emulateMedia({ colorScheme: 'light' });
    await page.keyboard.press('Control+Shift+L');
    await expect(main.status('Theme: Dark.')).toBeVisible();
    expect(await background(page)).toBe(DARK);
    await expectNoAxeViolations(page, 'Dark over a light system');
  });

  await test.step('the window opens again in the theme chosen last', async () => {
    // A reload: the browser host's page keeps the setting in its storage, as Electron's window does in its profile.
    await page.reload();
    await new MainScreen(page).waitUntilLoaded();
    expect(await background(page)).toBe(DARK);
    await page.keyboard.press('Control+Shift+L');
    await expect(main.status('Theme: System')).toBeVisible();
    expect(await background(page)).toBe(LIGHT);
  });
});
