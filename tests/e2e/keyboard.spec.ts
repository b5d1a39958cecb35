// An analyst who does not use a mouse: selects passages in the source text from the keyboard
// and saves them with Ctrl+E (Cmd+E on macOS).
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures.js';
import { AddSourceDialog } from './models/AddSourceDialog.js';
import { MainScreen } from './models/MainScreen.js';

const STATEMENT = {
  title: 'Kim Yo Jong statement on the arms accusation',
  text: ['Kim Yo Jong called the accusation “the most absurd paradox” 😒', 'The statement was carried by the state news agency.'].join('\n'),
};
const FIRST_LINE = STATEMENT.text.split('\n')[0]!;

// The word keys of the platform the suite runs on: Ctrl+Shift+Arrow, or Alt+Shift+Arrow on macOS.
const WORD = process.platform === 'darwin' ? 'Alt' : 'Control';
const SAVE = process.platform === 'darwin' ? 'Meta+E' : 'Control+E';

test('analyst selects passages from the keyboard only and saves them with Ctrl+E', async ({ app }) => {
  const main = new MainScreen(app.page);
  const { page } = app;
  await main.waitUntilLoaded();
  await main.addSource(STATEMENT);

  await test.step('Shift+Arrow and Ctrl+Shift+Arrow select "Kim Yo Jong"', async () => {
    await main.reader.sourceText.focus();
    await expect(main.reader.sourceText).toBeFocused();
    for (let i = 0; i < 3; i++) await page.keyboard.press('Shift+ArrowRight');
    await expect.poll(() => main.reader.selectedText()).toBe('Kim');
    for (let i = 0; i < 2; i++) await page.keyboard.press(`${WORD}+Shift+ArrowRight`);
    // Some platforms take the space after a word along; the excerpt never starts or ends in white space.
    await expect.poll(async () => (await main.reader.selectedText()).trim()).toBe('Kim Yo Jong');
    await expect(main.reader.saveExcerptButton).toBeEnabled();

    await page.keyboard.press(SAVE);
    await expect(main.reader.excerpts).toHaveCount(1);
    await expect(main.reader.excerpts.first()).toContainText('Kim Yo Jong');
    await expect.poll(() => main.reader.highlighted('excerpt')).toEqual(['Kim Yo Jong']);
  });

  await test.step('Shift+End selects the whole line, emoji included, and Ctrl+E saves it', async () => {
    await main.reader.sourceText.focus();
    await page.keyboard.press('Shift+End');
    await expect.poll(() => main.reader.selectedText()).toBe(FIRST_LINE);
    await page.keyboard.press(SAVE);
    await expect(main.reader.excerpts).toHaveCount(2);
    await expect(main.reader.excerpt(FIRST_LINE)).toBeVisible();
    await expect.poll(() => main.reader.highlighted('excerpt')).toEqual(['Kim Yo Jong', FIRST_LINE]);
  });

  await test.step('Add source opens with the focus in Title, ready to type', async () => {
    await main.library.getByRole('button', { name: 'Add source', exact: true }).focus();
    await page.keyboard.press('Enter');
    const dialog = new AddSourceDialog(page);
    await expect(dialog.root).toBeVisible();
    await expect(dialog.title).toBeFocused();
    await page.keyboard.type('Typed without a mouse');
    await expect(dialog.title).toHaveValue('Typed without a mouse');
    await page.keyboard.press('Escape');
    await expect(dialog.root).toBeHidden();
  });

  await test.step('the saved offsets count code points, so the emoji is one', async () => {
    const journal = fs.readFileSync(path.join(app.notebookDir, 'journal.jsonl'), 'utf8');
    const positions = journal
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { op: { type: string; kind?: string; object?: { selectors?: { position: unknown } } } })
      .filter((entry) => entry.op.type === 'create' && entry.op.kind === 'excerpt')
      .map((entry) => entry.op.object?.selectors?.position);
    expect(positions).toEqual([
      { start: 0, end: 'Kim Yo Jong'.length },
      { start: 0, end: [...FIRST_LINE].length },
    ]);
  });
});
