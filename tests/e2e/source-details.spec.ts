// An analyst grades an imported statement: Admiralty reliability B with a rationale and the
// publisher corrected, saved as one step that Undo takes back and Redo brings again. A date that
// is not one is refused with a message, and nothing is saved.
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures.js';
import { MainScreen } from './models/MainScreen.js';
import { RELIABILITY_OPTIONS } from './models/SourceDetails.js';

const STATEMENT = {
  fileName: 'foreign-ministry-statement.md',
  title: 'Foreign ministry statement on rail shipments',
  text: [
    '---',
    'title: Foreign ministry statement on rail shipments',
    'date: 2023-10-15',
    'url: https://mfa.example/statements/2023-10-15',
    'publisher: MFA',
    '---',
    '',
    'The ministry rejects the accusation that rail shipments to the border carry weapons.',
    '',
  ].join('\n'),
};
const PUBLISHER = 'Ministry of Foreign Affairs';
const RATIONALE = 'Official channel with a consistent record; states its own position.';
const BADGE = 'Reliability B: Usually reliable';

test('analyst grades a source B with a rationale and corrects its publisher; Undo and Redo; a bad date is refused', async ({ app }) => {
  const main = new MainScreen(app.page);
  await main.waitUntilLoaded();
  await main.importFilesInput.setInputFiles(app.writeFile(STATEMENT.fileName, STATEMENT.text));
  await expect(main.reader.title).toHaveText(STATEMENT.title, { timeout: 30_000 });
  const details = await main.openSourceDetails();

  await test.step('the imported metadata, with where the date came from', async () => {
    await expect(details.title).toHaveValue(STATEMENT.title);
    await expect(details.url).toHaveValue('https://mfa.example/statements/2023-10-15');
    await expect(details.published).toHaveValue('2023-10-15');
    await expect(details.published).toHaveAccessibleDescription("from the file's front matter date");
    await expect(details.publisher).toHaveValue('MFA');
    await expect(details.reliability).toHaveValue('');
    await expect(details.reliability.getByRole('option')).toHaveText(['Not graded', ...Object.values(RELIABILITY_OPTIONS)]);
    await expect(details.rationale).toBeDisabled();
    await expect(details.saveButton).toBeDisabled();
    await expect(main.reliabilityBadge(STATEMENT.title)).toHaveCount(0);
  });

  await test.step('grade it B with a rationale, correct the publisher, and save', async () => {
    await details.reliability.selectOption({ label: RELIABILITY_OPTIONS.B });
    await expect(details.rationale).toBeEnabled();
    await details.rationale.fill(RATIONALE);
    await details.publisher.fill(PUBLISHER);
    await details.saveButton.click();

    await expect(main.status('Source details saved.')).toBeVisible();
    await expect(main.reliabilityBadge(STATEMENT.title)).toHaveAccessibleName(BADGE);
    await expect(main.source(STATEMENT.title)).toContainText(PUBLISHER);
    await expect(main.reader.root).toContainText(PUBLISHER);
    await expect(details.saveButton).toBeDisabled();
  });

  await test.step('Undo takes the whole edit back; Redo brings it again', async () => {
    await main.undoButton.click();
    await expect(main.reliabilityBadge(STATEMENT.title)).toHaveCount(0);
    await expect(details.reliability).toHaveValue('');
    await expect(details.rationale).toHaveValue('');
    await expect(details.publisher).toHaveValue('MFA');
    await expect(main.source(STATEMENT.title)).not.toContainText(PUBLISHER);

    await main.redoButton.click();
    await expect(main.reliabilityBadge(STATEMENT.title)).toHaveAccessibleName(BADGE);
    await expect(details.reliability).toHaveValue('B');
    await expect(details.reliability.locator('option:checked')).toHaveText(RELIABILITY_OPTIONS.B);
    await expect(details.rationale).toHaveValue(RATIONALE);
    await expect(details.publisher).toHaveValue(PUBLISHER);
  });

  await test.step('a month 13 is refused with a message, and nothing is saved', async () => {
    const journal = path.join(app.notebookDir, 'journal.jsonl');
    const before = fs.readFileSync(journal, 'utf8');

    await details.published.fill('2024-13');
    await details.saveButton.click();
    // The click submits: the analyst is taken to the field to fix.
    await expect(details.published).toBeFocused();
    await expect(details.published).toHaveAttribute('aria-invalid', 'true');
    await expect(details.published).toHaveAccessibleDescription(/2024-13.*month 13/);
    await expect(details.root).toContainText('“2024-13” has no month 13');
    await expect(details.published).toHaveValue('2024-13');

    // Saving from the keyboard takes the analyst to the field to fix.
    await details.saveButton.focus();
    await app.page.keyboard.press('Enter');
    await expect(details.published).toBeFocused();
    await expect(details.published).toHaveAttribute('aria-invalid', 'true');
    expect(fs.readFileSync(journal, 'utf8')).toBe(before);

    await details.revertButton.click();
    await expect(details.published).toHaveValue('2023-10-15');
    await expect(details.published).not.toHaveAttribute('aria-invalid', 'true');
    await expect(details.published).toHaveAccessibleDescription("from the file's front matter date");

    // The last step in the notebook is still the grading: Undo takes back that, not a date.
    await main.undoButton.click();
    await expect(main.reliabilityBadge(STATEMENT.title)).toHaveCount(0);
    await expect(details.published).toHaveValue('2023-10-15');
  });
});
