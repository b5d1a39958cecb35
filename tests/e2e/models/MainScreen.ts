// The window as the analyst sees it: toolbar, Library, Reader, Inspector, reached by the
// accessible names of the UI contract, as a screen reader user would find them.
import type { Locator, Page } from '@playwright/test';
import { AddSourceDialog, type SourceFields } from './AddSourceDialog.js';
import { ImportPanel } from './ImportPanel.js';
import { Inspector } from './Inspector.js';
import { LinkDialog } from './LinkDialog.js';
import { Reader } from './Reader.js';
import { SourceDetails } from './SourceDetails.js';

export class MainScreen {
  readonly toolbar: Locator;
  readonly library: Locator;
  readonly sources: Locator;
  readonly claims: Locator;
  readonly reader: Reader;
  readonly inspector: Inspector;
  readonly sourceDetails: SourceDetails;
  readonly importPanel: ImportPanel;
  readonly fileMenuButton: Locator;
  /** The hidden file input behind File ▸ Import files…, reachable by its label. */
  readonly importFilesInput: Locator;
  readonly undoButton: Locator;
  readonly redoButton: Locator;

  constructor(readonly page: Page) {
    this.toolbar = page.getByRole('banner');
    this.library = page.getByRole('complementary', { name: 'Library', exact: true });
    this.sources = this.library.getByRole('list', { name: 'Sources', exact: true }).getByRole('button');
    this.claims = this.library.getByRole('list', { name: 'Claims', exact: true }).getByRole('button');
    this.reader = new Reader(page);
    this.inspector = new Inspector(page);
    this.sourceDetails = new SourceDetails(page);
    this.importPanel = new ImportPanel(page);
    this.fileMenuButton = this.toolbar.getByRole('button', { name: 'File', exact: true });
    this.importFilesInput = page.getByLabel('Import files', { exact: true });
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

  /** The Admiralty grade shown beside a source in the Library ("Reliability B: Usually reliable"). */
  reliabilityBadge(title: string): Locator {
    return this.source(title).getByRole('img', { name: /^Reliability [A-F]:/ });
  }

  /** A status message (a toast) with this text. */
  status(text: string): Locator {
    return this.page.getByRole('status').filter({ hasText: text });
  }

  /** File ▸ Import files…, choosing all `files` at once in the file chooser, as an analyst does with Shift-click. */
  async importFiles(files: string[]): Promise<void> {
    await this.fileMenuButton.click();
    const chooser = this.page.waitForEvent('filechooser');
    await this.page.getByRole('menuitem', { name: 'Import files…', exact: true }).click();
    await (await chooser).setFiles(files);
  }

  /** Opens Source details of the source the reader shows. */
  async openSourceDetails(): Promise<SourceDetails> {
    await this.reader.sourceDetailsButton.click();
    await this.sourceDetails.heading.waitFor();
    return this.sourceDetails;
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
