// File ▸ Import notebook bundle…, after the file is chosen: the "Merge notebook bundle" dialog with
// the counts to add and skip, each conflict as a group named after the object (a radio group:
// Keep mine / Take theirs), Keep all mine, Take all theirs, Merge and Cancel.
import type { Locator, Page } from '@playwright/test';

export class MergeDialog {
  readonly root: Locator;
  readonly mergeButton: Locator;
  readonly cancelButton: Locator;
  readonly keepAllMine: Locator;
  readonly takeAllTheirs: Locator;
  /** Every conflict's group. */
  readonly conflicts: Locator;

  constructor(page: Page) {
    this.root = page.getByRole('dialog', { name: 'Merge notebook bundle', exact: true });
    this.mergeButton = this.root.getByRole('button', { name: 'Merge', exact: true });
    this.cancelButton = this.root.getByRole('button', { name: 'Cancel', exact: true });
    this.keepAllMine = this.root.getByRole('button', { name: 'Keep all mine', exact: true });
    this.takeAllTheirs = this.root.getByRole('button', { name: 'Take all theirs', exact: true });
    this.conflicts = this.root.getByRole('group');
  }

  /** The count beside "To add", "Already here (skipped)" or "In both, but different". */
  count(term: 'To add' | 'Already here (skipped)' | 'In both, but different'): Locator {
    return this.root.getByRole('term').filter({ hasText: term }).locator('xpath=following-sibling::dd[1]');
  }

  /** The conflict group of an object, found by its label ("Claim: North Korea …"). */
  conflict(label: string): Locator {
    return this.conflicts.filter({ hasText: label });
  }

  async choose(label: string, which: 'Keep mine' | 'Take theirs'): Promise<void> {
    await this.conflict(label).getByRole('radio', { name: which, exact: true }).check();
  }
}
