// The command palette ("Commands": a searchbox over a listbox of commands, each named by its title
// and keys) and the "Keyboard shortcuts" sheet (one table per group), by their accessible names.
import type { Locator, Page } from '@playwright/test';

export class CommandPalette {
  readonly root: Locator;
  readonly searchbox: Locator;
  readonly options: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByRole('dialog', { name: 'Commands', exact: true });
    this.searchbox = this.root.getByRole('searchbox', { name: 'Type a command', exact: true });
    this.options = this.root.getByRole('listbox', { name: 'Matching commands', exact: true }).getByRole('option');
  }

  /** A command by its accessible name: its title, then its keys ("Link excerpt to claim, Ctrl+L"). */
  option(name: string | RegExp): Locator {
    return this.root.getByRole('option', { name, exact: typeof name === 'string' });
  }

  /** The command the arrow keys have reached: the one the searchbox names in aria-activedescendant. */
  async activeOptionId(): Promise<string | null> {
    return this.searchbox.getAttribute('aria-activedescendant');
  }
}

export class ShortcutsSheet {
  readonly root: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByRole('dialog', { name: 'Keyboard shortcuts', exact: true });
  }

  /** A group's table, by its caption ("Excerpts", "Selecting text in the reader"). */
  table(caption: string): Locator {
    return this.root.getByRole('table', { name: caption, exact: true });
  }

  /** The row of an action in a group's table: its row header is the action, its cell the keys. */
  row(caption: string, action: string): Locator {
    return this.table(caption).getByRole('row', { name: action });
  }
}
