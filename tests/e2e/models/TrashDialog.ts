// The Trash dialog (File ▸ Trash…): what was moved to the trash, grouped by kind (lists named
// Sources, Excerpts, Claims, Entities, Propositions, Questions, Hypotheses, Links), each item with
// "trashed <when>", what went with it ("with 2 excerpts and 1 link") and a "Restore <label>" button.
import type { Locator, Page } from '@playwright/test';

export class TrashDialog {
  readonly root: Locator;
  /** Shown when nothing is in the trash, saying what lands there. */
  readonly emptyState: Locator;
  /** The filter box, shown when the trash holds more than a few items. */
  readonly filter: Locator;
  readonly closeButton: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByRole('dialog', { name: 'Trash', exact: true });
    this.emptyState = this.root.getByText('The trash is empty.', { exact: true });
    this.filter = this.root.getByRole('searchbox', { name: 'Filter the trash', exact: true });
    this.closeButton = this.root.getByRole('button', { name: 'Close', exact: true });
  }

  /** File ▸ Trash…, waiting for the dialog. */
  static async open(page: Page): Promise<TrashDialog> {
    await page.getByRole('banner').getByRole('button', { name: 'File', exact: true }).click();
    await page.getByRole('menuitem', { name: 'Trash…', exact: true }).click();
    const dialog = new TrashDialog(page);
    await dialog.root.waitFor();
    return dialog;
  }

  /** The items of one kind's group, by its heading ("Sources", "Claims", …). */
  group(heading: string): Locator {
    return this.root.getByRole('list', { name: heading, exact: true }).getByRole('listitem');
  }

  /** The item whose text holds `label`. */
  item(label: string): Locator {
    return this.root.getByRole('listitem').filter({ hasText: label });
  }

  restoreButton(label: string): Locator {
    return this.root.getByRole('button', { name: `Restore ${label}`, exact: true });
  }

  async close(): Promise<void> {
    await this.closeButton.click();
    await this.root.waitFor({ state: 'hidden' });
  }
}
