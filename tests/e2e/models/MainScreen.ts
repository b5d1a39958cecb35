// The window as the analyst sees it: toolbar, Library, Reader, Inspector, reached by the
// accessible names of the UI contract, as a screen reader user would find them.
import type { Locator, Page } from '@playwright/test';
import { AddSourceDialog, type SourceFields } from './AddSourceDialog.js';
import { Inspector } from './Inspector.js';
import { LinkDialog } from './LinkDialog.js';
import { Reader } from './Reader.js';

export class MainScreen {
  readonly toolbar: Locator;
  readonly library: Locator;
  readonly sources: Locator;
  readonly claims: Locator;
  readonly reader: Reader;
  readonly inspector: Inspector;
  readonly undoButton: Locator;
  readonly redoButton: Locator;

  constructor(readonly page: Page) {
    this.toolbar = page.getByRole('banner');
    this.library = page.getByRole('complementary', { name: 'Library', exact: true });
    this.sources = this.library.getByRole('list', { name: 'Sources', exact: true }).getByRole('button');
    this.claims = this.library.getByRole('list', { name: 'Claims', exact: true }).getByRole('button');
    this.reader = new Reader(page);
    this.inspector = new Inspector(page);
    this.undoButton = page.getByRole('button', { name: 'Undo', exact: true });
    this.redoButton = page.getByRole('button', { name: 'Redo', exact: true });
  }

  /** Waits until the notebook is on screen (the Library is rendered once it has loaded). */
  async waitUntilLoaded(): Promise<void> {
    await this.library.getByRole('button', { name: 'Add source', exact: true }).waitFor();
  }

  async openAddSource(): Promise<AddSourceDialog> {
    await this.library.getByRole('button', { name: 'Add source', exact: true }).click();
    const dialog = new AddSourceDialog(this.page);
    await dialog.root.waitFor();
    return dialog;
  }

  /** Adds a source by pasting its text, and waits until the reader shows it. */
  async addSource(fields: SourceFields): Promise<void> {
    const dialog = await this.openAddSource();
    await dialog.fill(fields);
    await dialog.add();
    await dialog.root.waitFor({ state: 'hidden' });
    await this.reader.title.filter({ hasText: fields.title }).waitFor();
  }

  source(title: string): Locator {
    return this.sources.filter({ hasText: title });
  }

  claim(statement: string): Locator {
    return this.claims.filter({ hasText: statement });
  }

  /** Opens the Link dialog for the excerpt the inspector shows. */
  async openLinkDialog(): Promise<LinkDialog> {
    await this.inspector.linkToClaimButton.click();
    const dialog = new LinkDialog(this.page);
    await dialog.root.waitFor();
    return dialog;
  }
}
