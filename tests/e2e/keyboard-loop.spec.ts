// An analyst who never touches the mouse runs the whole core loop from the keyboard: the command
// palette adds a source, F6 reaches the text, a passage is selected by word (and shrunk back by a
// word) and saved, linked to a new claim with a relation cycled to "refutes", excerpts are stepped
// through, Ctrl+Z undoes, and "?" shows the shortcuts. No click() anywhere in this file.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.js';
import { CommandPalette, ShortcutsSheet } from './models/CommandPalette.js';
import { LinkDialog } from './models/LinkDialog.js';
import { MainScreen } from './models/MainScreen.js';

const MAC = process.platform === 'darwin';
/** The platform's command key, and its word-selection modifier (Ctrl+Shift+Arrow; Alt+Shift+Arrow on macOS). */
const MOD = MAC ? 'Meta' : 'Control';
const WORD = MAC ? 'Alt' : 'Control';
/** How the sheet and the palette write the keys on this platform. */
const KEYS = MAC
  ? { link: '⌘L', undo: '⌘Z', redo: '⇧⌘Z', save: '⌘E', byWord: '⌥⇧→' }
  : { link: 'Ctrl+L', undo: 'Ctrl+Z', redo: 'Ctrl+Shift+Z or Ctrl+Y', save: 'Ctrl+E', byWord: 'Ctrl+Shift+Right Arrow' };

const STATEMENT = {
  title: 'Kim Yo Jong statement on the arms accusation',
  lines: ['Kim Yo Jong called the accusation the most absurd paradox.', 'The statement was carried by the state news agency.'],
};
const FIRST_LINE = STATEMENT.lines[0]!;
const CLAIM = { statement: 'North Korea is not arming Russia.', claimant: 'Kim Yo Jong' };

async function expectNoAxeViolations(page: Page, where: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const found = results.violations.map((v) => `${v.id}: ${v.help}\n${v.nodes.map((n) => `  ${n.target.join(' ')}`).join('\n')}`);
  expect(found, `${where}:\n${found.join('\n\n')}`).toEqual([]);
}

test('analyst runs the core loop with the keyboard alone', async ({ app }) => {
  // A long story with two axe runs, on a machine that may be busy: a bound on a hang, not a budget.
  test.setTimeout(90_000);
  const { page } = app;
  const main = new MainScreen(page);
  const palette = new CommandPalette(page);
  const sheet = new ShortcutsSheet(page);
  const link = new LinkDialog(page);
  const quote = main.inspector.root.getByRole('blockquote');
  await main.waitUntilLoaded();

  await test.step('the command palette adds a source', async () => {
    await page.keyboard.press(`${MOD}+Shift+P`);
    await expect(palette.root).toBeVisible();
    await expect(palette.searchbox).toBeFocused();
    await page.keyboard.type('sou add');
    await expect(palette.options.first()).toHaveAccessibleName('Add source');
    expect(await palette.activeOptionId()).toBe(await palette.options.first().getAttribute('id'));
    await page.keyboard.press('Enter');
    await expect(palette.root).toBeHidden();

    const dialog = page.getByRole('dialog', { name: 'Add source', exact: true });
    await expect(dialog.getByRole('textbox', { name: 'Title', exact: true })).toBeFocused();
    await page.keyboard.type(STATEMENT.title);
    await page.keyboard.press('Tab');
    await expect(dialog.getByRole('textbox', { name: 'Text', exact: true })).toBeFocused();
    await page.keyboard.type(STATEMENT.lines.join('\n'));
    // Back to Title, where Enter submits the form.
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');
    await expect(dialog).toBeHidden();
    await expect(main.reader.title).toHaveText(STATEMENT.title);
  });

  await test.step('F6 goes from pane to pane: the library, then the source text', async () => {
    // The text arrives a moment after the title; until then F6 lands on the reader's first control.
    await expect(main.reader.sourceText).toContainText(STATEMENT.lines[0]!);
    await page.keyboard.press('F6');
    await expect(main.library.locator(':focus')).toHaveCount(1);
    await page.keyboard.press('F6');
    await expect(main.reader.sourceText).toBeFocused();
    // Shift+F6 goes back, F6 forward again.
    await page.keyboard.press('Shift+F6');
    await expect(main.library.locator(':focus')).toHaveCount(1);
    await page.keyboard.press('F6');
    await expect(main.reader.sourceText).toBeFocused();
  });

  await test.step('select four words, shrink back by one, and save the excerpt', async () => {
    for (let i = 0; i < 4; i++) await page.keyboard.press(`${WORD}+Shift+ArrowRight`);
    // Some platforms take the space after a word along; the excerpt never ends in white space.
    await expect.poll(async () => (await main.reader.selectedText()).trim()).toBe('Kim Yo Jong called');
    await page.keyboard.press(`${WORD}+Shift+ArrowLeft`);
    await expect.poll(async () => (await main.reader.selectedText()).trim()).toBe('Kim Yo Jong');
    await page.keyboard.press(`${MOD}+E`);
    await expect(main.reader.excerpts).toHaveCount(1);
    await expect(main.inspector.excerptHeading).toBeVisible();
    await expect(quote).toHaveText('Kim Yo Jong');
  });

  await test.step('the link key links it to a new claim; Alt+R cycles the relation to "refutes"', async () => {
    await page.keyboard.press(`${MOD}+L`);
    await expect(link.root).toBeVisible();
    // No claims yet: the dialog starts at the new claim's statement.
    await expect(link.statement).toBeFocused();
    await page.keyboard.type(CLAIM.statement);
    await page.keyboard.press('Tab');
    await expect(link.claimant).toBeFocused();
    await page.keyboard.type(CLAIM.claimant);

    await expect(link.relation).toHaveValue('supports');
    await page.keyboard.press('Alt+R');
    await expect(link.relation).toHaveValue('refutes');
    await expect(link.root.getByRole('status')).toHaveText('Relation: refutes');
    await page.keyboard.press('Alt+R');
    await expect(link.relation).toHaveValue('qualifies');
    await page.keyboard.press('Alt+Shift+R');
    await expect(link.relation).toHaveValue('refutes');
    // Typing went on in the claimant field all along.
    await expect(link.claimant).toBeFocused();
    await expect(link.claimant).toHaveValue(CLAIM.claimant);

    await page.keyboard.press('Enter');
    await expect(link.root).toBeHidden();
    await expect(main.inspector.linkedClaims).toHaveCount(1);
    await expect(main.inspector.linkedClaims.first()).toContainText('refutes');
    await expect(main.inspector.linkedClaims.first()).toContainText(CLAIM.statement);
    await expect(main.claim(CLAIM.statement)).toBeVisible();
    // The focus is back in the text, where the analyst was.
    await expect(main.reader.sourceText).toBeFocused();
  });

  await test.step('a second excerpt, then Alt+↓/Alt+↑ and J/K step through them in text order', async () => {
    await page.keyboard.press('Shift+End');
    await expect.poll(() => main.reader.selectedText()).toBe(FIRST_LINE);
    await page.keyboard.press(`${MOD}+E`);
    await expect(main.reader.excerpts).toHaveCount(2);
    await expect(quote).toHaveText(FIRST_LINE);

    // Both start at the first word; the longer reads first, as the Excerpts list shows them.
    await page.keyboard.press('Alt+ArrowDown');
    await expect(quote).toHaveText('Kim Yo Jong');
    await expect(main.status('Excerpt 2 of 2')).toBeVisible();
    await expect.poll(() => main.reader.highlighted('excerpt-selected')).toEqual(['Kim Yo Jong']);
    // At the end: it says so, and stays.
    await page.keyboard.press('Alt+ArrowDown');
    await expect(main.status('This is the last excerpt of “Kim Yo Jong statement on the arms accusation”.')).toBeVisible();
    await expect(quote).toHaveText('Kim Yo Jong');

    await page.keyboard.press('Alt+ArrowUp');
    await expect(quote).toHaveText(FIRST_LINE);
    await page.keyboard.press('j');
    await expect(quote).toHaveText('Kim Yo Jong');
    await page.keyboard.press('k');
    await expect(quote).toHaveText(FIRST_LINE);
  });

  await test.step(`${KEYS.undo} undoes the second excerpt`, async () => {
    await page.keyboard.press(`${MOD}+Z`);
    await expect(main.reader.excerpts).toHaveCount(1);
    await expect(main.reader.excerpt('Kim Yo Jong')).toBeVisible();
  });

  await test.step('"?" shows the shortcuts, the link key and the word selection keys among them', async () => {
    await page.keyboard.press('?');
    await expect(sheet.root).toBeVisible();
    await expect(sheet.row('Excerpts', 'Link excerpt to claim')).toContainText(KEYS.link);
    await expect(sheet.row('Excerpts', 'Save excerpt')).toContainText(KEYS.save);
    await expect(sheet.row('Selecting text in the reader', 'Extend or shrink the selection by a word')).toContainText(KEYS.byWord);
    await expect(sheet.row('In the Link excerpt to claim dialog', 'Next relation')).toContainText(MAC ? '⌥R' : 'Alt+R');
    await expectNoAxeViolations(page, 'the shortcuts sheet');
    await page.keyboard.press('Escape');
    await expect(sheet.root).toBeHidden();
    await expect(main.reader.sourceText).toBeFocused();
  });

  await test.step('the palette lists every command with its keys; Enter runs one', async () => {
    await page.keyboard.press('F1');
    await expect(palette.root).toBeVisible();
    await expect(palette.option(`Link excerpt to claim, ${KEYS.link}`)).toBeVisible();
    await expect(palette.option(`Undo, ${KEYS.undo}`)).toBeVisible();
    await expect(palette.option('Add source')).toBeVisible();
    // What cannot run now is listed, greyed, with the reason.
    const save = palette.option(`Save excerpt, ${KEYS.save}`);
    await expect(save).toHaveAttribute('aria-disabled', 'true');
    await expect(save).toHaveAccessibleDescription('Select a passage in the source text first.');
    // ↓ moves the active command.
    const first = await palette.activeOptionId();
    await page.keyboard.press('ArrowDown');
    expect(await palette.activeOptionId()).not.toBe(first);
    await expectNoAxeViolations(page, 'the command palette');

    await page.keyboard.type('redo');
    await expect(palette.options.first()).toHaveAccessibleName(`Redo, ${KEYS.redo}`);
    await page.keyboard.press('Enter');
    await expect(palette.root).toBeHidden();
    await expect(main.reader.excerpts).toHaveCount(2);
    await expect(main.reader.sourceText).toBeFocused();
  });

  await test.step('Escape closes the palette and the focus goes back', async () => {
    await page.keyboard.press(`${MOD}+Shift+P`);
    await page.keyboard.type('no such command here');
    await expect(palette.options).toHaveCount(0);
    await expect(palette.root).toContainText('No command matches');
    await page.keyboard.press('Escape');
    await expect(palette.root).toBeHidden();
    await expect(main.reader.sourceText).toBeFocused();
  });
});
