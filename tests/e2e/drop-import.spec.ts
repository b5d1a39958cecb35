// Drag and drop: files dropped anywhere on the window come in as they would through File ▸ Import…:
// source files become sources in the Library, a notebook bundle opens the Merge dialog, and what
// cannot be imported is named with the reason. While files are over the window a drop target
// says what may be dropped; axe finds nothing wrong with it.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.js';
import { DropTarget } from './models/DropTarget.js';
import { MainScreen } from './models/MainScreen.js';
import { MergeDialog } from './models/MergeDialog.js';

const STATEMENT = {
  name: 'KCNA statement.txt',
  type: 'text/plain',
  text: 'Kim Yo Jong called the accusation “the most absurd paradox” and said the weapons tests belonged to a five-year build-up plan.',
};
const BRIEFING = {
  name: 'Defence ministry briefing.md',
  type: 'text/markdown',
  text: '# Defence ministry briefing\n\nSome 1,000 containers have been shipped by rail and sea since August, officials said.\n',
};
/** A bundle as a colleague's script might write it: one source, its text, nothing computed (the importer fills in the rest). */
const BUNDLE = {
  name: 'colleague.corroborate.json',
  type: 'application/json',
  text: JSON.stringify(
    {
      format: 'corroborate-bundle',
      schemaVersion: 4,
      sources: [{ id: '01900000-0000-7000-8000-00000000b001', title: 'Rail freight satellite survey', text: 'Satellite images show 73 freight cars at Tumangang station.' }],
    },
    null,
    2,
  ),
};

async function expectNoAxeViolations(page: Page, where: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const found = results.violations.map((v) => `${v.id}: ${v.help}\n${v.nodes.map((n) => `  ${n.target.join(' ')}`).join('\n')}`);
  expect(found, `${where}:\n${found.join('\n\n')}`).toEqual([]);
}

test('analyst drops files on the window: sources come in, a bundle is offered for merging, the rest is named with why', async ({ app }) => {
  test.setTimeout(60_000);
  const main = new MainScreen(app.page);
  const drop = new DropTarget(app.page);
  await main.waitUntilLoaded();

  await test.step('dragging files over the window shows where to drop them, and it goes when they leave', async () => {
    const dragging = await drop.dragOver([STATEMENT]);
    await expect(drop.overlay).toBeVisible();
    await expect(drop.overlay).toContainText('Drop files to import');
    await expect(drop.overlay).toContainText('A notebook bundle to merge');
    await expectNoAxeViolations(app.page, 'the drop target');
    await dragging.leave();
    await expect(drop.overlay).toBeHidden();
    await expect(main.sources).toHaveCount(0);
  });

  await test.step('two files dropped together become two sources in the Library', async () => {
    await drop.drop([STATEMENT, BRIEFING]);
    await expect(drop.overlay).toBeHidden();
    await expect(main.importPanel.summary).toContainText('Imported 2 sources');
    await expect(main.source('KCNA statement')).toBeVisible();
    await expect(main.source('Defence ministry briefing')).toBeVisible();
    await main.importPanel.closeButton.click();
  });

  await test.step('a notebook bundle dropped opens the Merge dialog, and merging brings its source in', async () => {
    await drop.drop([BUNDLE]);
    const merge = new MergeDialog(app.page);
    await expect(merge.root).toBeVisible();
    await expect(merge.count('To add')).toContainText('1 source');
    await merge.mergeButton.click();
    await expect(merge.root).toBeHidden();
    await expect(main.status('Merged the bundle')).toBeVisible();
    await expect(main.source('Rail freight satellite survey')).toBeVisible();
  });

  await test.step('a file Corroborate does not read, and JSON of no known kind, are named with the reason; nothing is added', async () => {
    await drop.drop([
      { name: 'satellite.png', type: 'image/png', text: '\u0089PNG' },
      { name: 'package.json', type: 'application/json', text: '{ "name": "left-pad" }' },
    ]);
    await expect(app.page.getByRole('alert').filter({ hasText: 'package.json is JSON of no kind Corroborate imports' })).toBeVisible();
    await expect(main.importPanel.result('satellite.png')).toContainText('satellite.png is a .png file');
    await expect(main.sources).toHaveCount(3);
  });
});
