// Bad files in a batch do not stop the good ones: each failure is listed with a reason that names
// the file, nothing of a failed file reaches the notebook, and a scanned PDF without a text layer
// still imports, saying so, instead of failing or coming in empty.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { imageOnlyPdf } from '../fixtures/generate/pdf.js';
import { expect, test } from './fixtures.js';
import { MainScreen } from './models/MainScreen.js';

const sha256 = (bytes: Uint8Array | string): string => createHash('sha256').update(bytes).digest('hex');

const STATEMENT = {
  fileName: 'foreign-ministry-statement.md',
  title: 'Foreign ministry statement on rail shipments',
  text: [
    '---',
    'title: Foreign ministry statement on rail shipments',
    'date: 2023-10-15',
    '---',
    '',
    'The ministry rejects the accusation that rail shipments to the border carry weapons.',
    '',
  ].join('\n'),
};

const BULLETIN = {
  fileName: 'Wire bulletin 14 October.txt',
  title: 'Wire bulletin 14 October',
  text: 'Officials in Seoul said some 1,000 containers had been shipped by rail and sea since August.\n',
};

/** Bytes no reader could take for a PDF: what a failed download or a mislabelled attachment leaves. */
function junk(): Uint8Array {
  const bytes = new Uint8Array(2048);
  let x = 2463534242;
  for (let i = 0; i < bytes.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    bytes[i] = x & 0xff;
  }
  return bytes;
}

test('a batch with a junk PDF and an empty text file imports the good files and lists each failure with its reason', async ({ app }) => {
  const main = new MainScreen(app.page);
  await main.waitUntilLoaded();
  const junkBytes = junk();
  const paths = [
    app.writeFile(STATEMENT.fileName, STATEMENT.text),
    app.writeFile('report.pdf', junkBytes),
    app.writeFile(BULLETIN.fileName, BULLETIN.text),
    app.writeFile('notes.txt', ''),
  ];

  await main.importFiles(paths);
  const panel = main.importPanel;
  await expect(panel.finishedHeading).toBeVisible({ timeout: 30_000 });
  await expect(panel.summary).toHaveText('Imported 2 sources · 2 failed');
  await expect(panel.results).toHaveCount(4);

  // What needs the analyst comes first: the failures, in the order the files were chosen.
  await expect(panel.results.nth(0)).toContainText('report.pdf');
  await expect(panel.results.nth(1)).toContainText('notes.txt');
  await expect(panel.result('report.pdf')).toContainText('Failed: report.pdf is not a PDF');
  await expect(panel.result('notes.txt')).toContainText('Failed: notes.txt has no text');
  for (const name of ['report.pdf', 'notes.txt']) await expect(panel.result(name).getByRole('button', { name: 'Open', exact: true })).toHaveCount(0);
  await expect(panel.result(STATEMENT.fileName)).toContainText(`Imported as “${STATEMENT.title}”`);
  await expect(panel.result(BULLETIN.fileName)).toContainText(`Imported as “${BULLETIN.title}”`);

  await expect(main.sources).toHaveCount(2);
  await expect(main.source(STATEMENT.title)).toBeVisible();
  await expect(main.source(BULLETIN.title)).toBeVisible();

  await panel.open(STATEMENT.fileName);
  await expect(main.reader.title).toHaveText(STATEMENT.title);
  await expect(main.reader.sourceText).toContainText('The ministry rejects the accusation');
  await expect(main.reader.sourceText).not.toContainText('title:');

  // Nothing of the failed files was stored.
  const stored = fs.readdirSync(path.join(app.notebookDir, 'sources'));
  expect(stored).not.toContain(sha256(junkBytes));
  expect(stored).not.toContain(sha256(''));
  const snapshotAndJournal = ['notebook.json', 'journal.jsonl']
    .map((name) => path.join(app.notebookDir, name))
    .filter((file) => fs.existsSync(file))
    .map((file) => fs.readFileSync(file, 'utf8'))
    .join('\n');
  expect(snapshotAndJournal).not.toContain('report.pdf');
  expect(snapshotAndJournal).not.toContain('notes.txt');

  await panel.closeButton.click();
  await expect(panel.root).toHaveCount(0);
});

test('a scanned PDF without a text layer imports with a notice that says so', async ({ app }) => {
  const main = new MainScreen(app.page);
  await main.waitUntilLoaded();
  const file = app.writeFile('scanned customs declaration.pdf', await imageOnlyPdf(2));

  await main.importFilesInput.setInputFiles(file);

  // One file: the panel gives way to the source itself.
  await expect(main.status('Imported “scanned customs declaration”. Select a passage to save an excerpt.')).toBeVisible({ timeout: 30_000 });
  await expect(main.importPanel.root).toHaveCount(0);
  await expect(main.sources).toHaveCount(1);
  await expect(main.reader.title).toHaveText('scanned customs declaration');
  await expect(main.reader.notice).toContainText('no text layer');
  await expect(main.reader.notice).toContainText('OCR');
  await expect(main.reader.root).toContainText('2 pages');
  await expect(main.reader.pageBreaks).toHaveCount(1);
  await expect(main.reader.pageBreaks.first()).toHaveAccessibleName('Page 2');
  await expect(main.reader.sourceText).toContainText('[Page 1 has no text layer]');
  await expect(main.reader.sourceText).toContainText('[Page 2 has no text layer]');

  const details = await main.openSourceDetails();
  await expect(details.notice).toContainText('no text layer');
  await expect(details.fact('Format')).toContainText('PDF');
  await expect(details.fact('Pages')).toHaveText('2');
});
