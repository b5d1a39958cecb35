// Bad input changes nothing: a source whose text is only white space is refused with a message
// that names the problem, the analyst's typing is kept, and the notebook is left as it was.
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures.js';
import { MainScreen } from './models/MainScreen.js';

/** The notebook's files that any change would touch, with their bytes. */
function notebookFiles(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of ['notebook.json', 'journal.jsonl']) {
    const file = path.join(dir, name);
    files[name] = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '(missing)';
  }
  files['sources/'] = fs.existsSync(path.join(dir, 'sources')) ? fs.readdirSync(path.join(dir, 'sources')).sort().join(',') : '(missing)';
  return files;
}

test('a source with only white space for text is refused, the typing kept, the notebook unchanged', async ({ app }) => {
  const main = new MainScreen(app.page);
  await main.waitUntilLoaded();
  const before = notebookFiles(app.notebookDir);

  const dialog = await main.openAddSource();
  await dialog.fill({ title: 'Statement that never arrived', text: '   \n\t  \n ', publisher: 'Northwind Wire' });
  await dialog.add();

  await expect(dialog.alert).toBeVisible();
  await expect(dialog.alert).toContainText(/text/i);
  await expect(dialog.root).toBeVisible();
  await expect(dialog.title).toHaveValue('Statement that never arrived');
  await expect(dialog.publisher).toHaveValue('Northwind Wire');

  await dialog.cancel();
  await expect(dialog.root).toBeHidden();
  await expect(main.sources).toHaveCount(0);
  await expect(main.undoButton).toBeDisabled();
  expect(notebookFiles(app.notebookDir)).toEqual(before);
});
