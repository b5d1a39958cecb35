// Tags and notes, as an analyst uses them: tags with levels on an excerpt and a claim, a colour for
// the parent tag that the excerpt's highlight takes, the library filtered by a tag (its children
// included), Ctrl+Z taking a tag back, a tag renamed everywhere; a Markdown note that renders bold and lists but shows raw
// HTML as text, kept across a reload; a draft that survives looking at something else; and the
// notebook's own note. axe on the Tags dialog and on a rendered note, light and dark.
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures.js';
import { MainScreen } from './models/MainScreen.js';
import { ACCUSATION_CLAIM, ACCUSATION_PASSAGE, DENIAL_CLAIM, WIRE_REPORT } from './running-example.js';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** axe on one part of the screen (a CSS selector), in both themes: the rest is checked by the specs that own it. */
async function expectNoAxeViolations(page: Page, where: string, include: string): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    const results = await new AxeBuilder({ page }).include(include).withTags(TAGS).analyze();
    const found = results.violations.map((v) => `${v.id}: ${v.help}\n${v.nodes.map((n) => `  ${n.target.join(' ')}`).join('\n')}`);
    expect(found, `${where} (${colorScheme}):\n${found.join('\n\n')}`).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

/** The tag chips of what the inspector shows, and its "Add tag" field. */
const chips = (inspector: Locator) => inspector.getByRole('list', { name: 'Tags', exact: true }).getByRole('listitem');
const addTag = (inspector: Locator) => inspector.getByRole('combobox', { name: 'Add tag', exact: true });

/** A claim note that tries everything a note must not do. */
const HOSTILE_NOTE = [
  'Check the **rail** figures first.',
  '',
  '- satellite imagery',
  '- customs records',
  '',
  'See [the ministry page](https://example.org/ministry) <img src=x onerror=alert(1)> and <script>alert(2)</script>',
].join('\n');

test('analyst tags an excerpt and a claim, colours a tag, filters the library by it, and writes notes that render safely', async ({ app }) => {
  test.setTimeout(180_000);
  const main = new MainScreen(app.page);
  const page = app.page;
  const inspector = main.inspector.root;
  // A note's script or image handler would show as a browser dialog: none may open.
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await main.waitUntilLoaded();

  await test.step('an excerpt of the wire report, evidence for a claim; a second claim with no evidence', async () => {
    await main.addSource(WIRE_REPORT);
    await main.reader.selectWithMouse(ACCUSATION_PASSAGE);
    await main.reader.saveExcerptButton.click();
    await expect(main.inspector.excerptHeading).toBeVisible();
    const link = await main.openLinkDialog();
    await link.linkToNewClaim(ACCUSATION_CLAIM, 'supports');
    await main.library.getByRole('button', { name: 'New claim', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'New claim', exact: true });
    await dialog.getByRole('textbox', { name: 'Statement', exact: true }).fill(DENIAL_CLAIM.statement);
    await dialog.getByRole('textbox', { name: 'Claimant', exact: true }).fill(DENIAL_CLAIM.claimant);
    await dialog.getByRole('combobox', { name: 'Polarity', exact: true }).selectOption({ label: DENIAL_CLAIM.polarity });
    await dialog.getByRole('button', { name: 'Create', exact: true }).click();
    await expect(dialog).toBeHidden();
    await expect(main.claims).toHaveCount(2);
  });

  await test.step('the excerpt is tagged weapons/artillery; Ctrl+Z takes the tag back, and it is added again', async () => {
    await main.reader.excerpt('The United States and South Korea').click();
    await expect(main.inspector.excerptHeading).toBeVisible();
    await addTag(inspector).fill(' weapons // artillery ');
    await addTag(inspector).press('Enter');
    // Stored as a tag reads: levels trimmed, the doubled slash gone.
    await expect(chips(inspector)).toHaveText(['weapons/artillery']);
    await expect(inspector.getByRole('button', { name: 'Remove tag weapons/artillery', exact: true })).toBeVisible();
    await expect(addTag(inspector)).toHaveValue('');

    await addTag(inspector).press('Control+z');
    await expect(chips(inspector)).toHaveCount(0);
    await expect(inspector.getByText('No tags.', { exact: true })).toBeVisible();

    await addTag(inspector).fill('weapons/artillery');
    await addTag(inspector).press(',');
    await expect(chips(inspector)).toHaveText(['weapons/artillery']);
  });

  await test.step('the first claim is tagged weapons, chosen from the suggestions; the second logistics', async () => {
    await main.claim(ACCUSATION_CLAIM.statement).click();
    await expect(main.inspector.claimHeading).toBeVisible();
    await addTag(inspector).fill('weap');
    const suggestions = inspector.getByRole('listbox', { name: 'Tag suggestions', exact: true }).getByRole('option');
    // The notebook's tags under what is typed, parents first: weapons exists as the parent of weapons/artillery.
    await expect(suggestions).toHaveText(['weapons', 'weapons/artillery']);
    await addTag(inspector).press('ArrowDown');
    await expect(suggestions.first()).toHaveAttribute('aria-selected', 'true');
    await addTag(inspector).press('Enter');
    await expect(chips(inspector)).toHaveText(['weapons']);

    await main.claim(DENIAL_CLAIM.statement).click();
    await addTag(inspector).fill('logistics');
    await addTag(inspector).press(',');
    await expect(chips(inspector)).toHaveText(['logistics']);
    // A tag that cannot be one is refused with the reason, and the text stays for fixing.
    await addTag(inspector).fill(' / / ');
    await addTag(inspector).press('Enter');
    await expect(inspector.getByRole('alert')).toContainText('“/ /” has no name between its slashes');
    await expect(addTag(inspector)).toHaveValue(' / / ');
    await expect(chips(inspector)).toHaveText(['logistics']);
    await addTag(inspector).fill('');
  });

  await test.step('File ▸ Tags… lists the tree with counts; weapons turns red, and weapons/artillery and the excerpt’s highlight follow', async () => {
    await main.fileMenuButton.click();
    await page.getByRole('menuitem', { name: 'Tags…', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Tags', exact: true });
    const rows = dialog.getByRole('row');
    await expect(rows).toHaveCount(4); // the header, logistics, weapons, weapons/artillery
    const weapons = rows.filter({ has: page.getByRole('rowheader', { name: 'weapons', exact: true }) });
    await expect(weapons.getByRole('cell')).toHaveText(['0', '1', '1', /None/, 'Rename']);
    await dialog.getByRole('combobox', { name: 'Colour of weapons', exact: true }).selectOption({ label: 'Red' });
    await expect(dialog.getByRole('status')).toContainText('“weapons” is red now.');
    const artillery = dialog.getByRole('combobox', { name: 'Colour of weapons/artillery', exact: true });
    await expect(artillery).toHaveValue('');
    await expect(dialog.getByText('red from weapons', { exact: true })).toBeVisible();
    await expectNoAxeViolations(page, 'Tags dialog', 'dialog[open]');
    await dialog.getByRole('button', { name: 'Close', exact: true }).click();
    await expect(dialog).toBeHidden();

    // The reader paints the excerpt in the colour its tag takes from weapons.
    await expect
      .poll(() => page.evaluate(() => [...(CSS.highlights.get('excerpt-red') ?? [])].map((r) => (r instanceof Range ? r.toString() : '')).join('|')))
      .toBe(ACCUSATION_PASSAGE);
  });

  await test.step('the library filtered by weapons shows the source (through its excerpt) and the weapons claim; by logistics only the other claim', async () => {
    const filter = main.library.getByRole('combobox', { name: 'Filter by tag', exact: true });
    await filter.selectOption({ label: 'weapons (2)' });
    await expect(main.sources).toHaveCount(1);
    await expect(main.source(WIRE_REPORT.title)).toBeVisible();
    await expect(main.claims).toHaveText([new RegExp(`^${escape(ACCUSATION_CLAIM.statement)}`)]);
    await expect(main.library).toContainText('Showing sources and claims tagged weapons or a tag under it, and sources with an excerpt so tagged.');

    await filter.selectOption('logistics');
    await expect(main.sources).toHaveCount(0);
    await expect(main.library).toContainText('No source is tagged logistics');
    await expect(main.claims).toHaveText([new RegExp(`^${escape(DENIAL_CLAIM.statement)}`)]);

    await main.library.getByRole('button', { name: 'Clear filter', exact: true }).click();
    await expect(filter).toHaveValue('');
    await expect(main.claims).toHaveCount(2);
    await expect(main.sources).toHaveCount(1);
  });

  await test.step('Rename in the Tags dialog renames a tag on everything that has it; one Ctrl+Z takes the rename back', async () => {
    await main.fileMenuButton.click();
    await page.getByRole('menuitem', { name: 'Tags…', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Tags', exact: true });
    await dialog.getByRole('button', { name: 'Rename logistics', exact: true }).click();
    await dialog.getByRole('textbox', { name: 'New name for logistics', exact: true }).fill('supply/rail');
    await dialog.getByRole('button', { name: 'Rename', exact: true }).click();
    await expect(dialog.getByRole('status')).toContainText('Renamed “logistics” to “supply/rail” on 1 object.');
    await expect(dialog.getByRole('rowheader', { name: 'supply/rail', exact: true })).toBeVisible();
    await expect(dialog.getByRole('rowheader', { name: 'logistics', exact: true })).toHaveCount(0);
    await dialog.getByRole('button', { name: 'Close', exact: true }).click();
    await main.claim(DENIAL_CLAIM.statement).click();
    await expect(chips(inspector)).toHaveText(['supply/rail']);
    await main.undoButton.click();
    await expect(chips(inspector)).toHaveText(['logistics']);
  });

  await test.step('a claim note renders bold, a list and a link, shows the HTML as text, and is there after a reload', async () => {
    await main.claim(ACCUSATION_CLAIM.statement).click();
    const note = inspector.getByRole('region', { name: 'Note', exact: true });
    await note.getByRole('button', { name: 'Edit note', exact: true }).click();
    await note.getByRole('textbox', { name: 'Note', exact: true }).fill(HOSTILE_NOTE);
    await note.getByRole('textbox', { name: 'Note', exact: true }).press('Control+Enter');
    await expect(note.getByRole('textbox', { name: 'Note', exact: true })).toBeHidden();
    await expect(note.getByRole('button', { name: 'Edit note', exact: true })).toBeFocused();

    await page.reload();
    await main.waitUntilLoaded();
    await main.claim(ACCUSATION_CLAIM.statement).click();
    await expect(note.locator('strong')).toHaveText('rail');
    await expect(note.getByRole('listitem')).toHaveText(['satellite imagery', 'customs records']);
    const link = note.getByRole('link', { name: 'the ministry page', exact: true });
    await expect(link).toHaveAttribute('href', 'https://example.org/ministry');
    await expect(link).toHaveAttribute('rel', 'noreferrer noopener');
    await expect(note).toContainText('<img src=x onerror=alert(1)> and <script>alert(2)</script>');
    await expect(note.locator('img, script, [onerror], [style]')).toHaveCount(0);
    await expectNoAxeViolations(page, 'a rendered claim note', 'aside[aria-label="Inspector"]');
    expect(dialogs, 'dialogs opened by the note').toEqual([]);
  });

  await test.step('a note being written survives looking at another claim; Escape cancels it', async () => {
    const note = inspector.getByRole('region', { name: 'Note', exact: true });
    await main.claim(DENIAL_CLAIM.statement).click();
    await note.getByRole('button', { name: 'Edit note', exact: true }).click();
    await note.getByRole('textbox', { name: 'Note', exact: true }).fill('Draft: ask the ministry');
    await main.claim(ACCUSATION_CLAIM.statement).click();
    await expect(note.locator('strong')).toHaveText('rail');
    await main.claim(DENIAL_CLAIM.statement).click();
    await expect(note.getByRole('textbox', { name: 'Note', exact: true })).toHaveValue('Draft: ask the ministry');
    await expect(note.getByRole('note')).toContainText('Unsaved note kept from before');
    await note.getByRole('textbox', { name: 'Note', exact: true }).press('Escape');
    await expect(note.getByRole('textbox', { name: 'Note', exact: true })).toBeHidden();
    await expect(note).toContainText('No note yet.');
  });

  await test.step('the notebook note: written from the library, rendered, and the same note Notebook settings edits', async () => {
    await main.library.getByRole('button', { name: 'Notebook note', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Notebook note', exact: true });
    await expect(dialog).toContainText('No notebook note yet.');
    await dialog.getByRole('button', { name: 'Edit note', exact: true }).click();
    await dialog.getByRole('textbox', { name: 'Note', exact: true }).fill('# Open questions\n\n1. Rail or sea?\n2. Who counted the containers?');
    await dialog.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(dialog.getByRole('heading', { name: 'Open questions', level: 3 })).toBeVisible();
    await expect(dialog.getByRole('listitem')).toHaveText(['Rail or sea?', 'Who counted the containers?']);
    await expectNoAxeViolations(page, 'the notebook note', 'dialog[open]');
    // Escape while editing cancels the edit, not the dialog; a second Escape closes it.
    await dialog.getByRole('button', { name: 'Edit note', exact: true }).click();
    await page.keyboard.press('Escape');
    await expect(dialog.getByRole('textbox', { name: 'Note', exact: true })).toBeHidden();
    await expect(dialog).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();

    await main.fileMenuButton.click();
    await page.getByRole('menuitem', { name: 'Notebook settings…', exact: true }).click();
    const settings = page.getByRole('dialog', { name: 'Notebook settings', exact: true });
    await expect(settings.getByRole('textbox', { name: 'Notebook note', exact: true })).toHaveValue('# Open questions\n\n1. Rail or sea?\n2. Who counted the containers?');
    await settings.getByRole('button', { name: 'Cancel', exact: true }).click();
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
