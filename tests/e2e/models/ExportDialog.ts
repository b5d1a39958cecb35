// File ▸ Export…: the "Export" dialog, with its Format list, the Preview of the exported text, and
// Download, which saves the file.
import fs from 'node:fs';
import type { Download, Locator, Page } from '@playwright/test';

export class ExportDialog {
  readonly root: Locator;
  readonly format: Locator;
  /** The exported text, read-only and scrollable. */
  readonly preview: Locator;
  readonly downloadButton: Locator;
  readonly closeButton: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByRole('dialog', { name: 'Export', exact: true });
    this.format = this.root.getByRole('combobox', { name: 'Format', exact: true });
    this.preview = this.root.getByRole('region', { name: 'Preview', exact: true });
    this.downloadButton = this.root.getByRole('button', { name: 'Download', exact: true });
    this.closeButton = this.root.getByRole('button', { name: 'Close', exact: true });
  }

  /** Chooses a format by its label ("Brief (Markdown)", "Notebook bundle", …) and waits for its preview. */
  async choose(label: string): Promise<void> {
    await this.format.selectOption({ label });
    await this.preview.locator('pre').waitFor();
  }

  /** Saves the previewed export and gives back the download with the file's text. */
  async download(): Promise<{ download: Download; path: string; text: string }> {
    const started = this.page.waitForEvent('download');
    await this.downloadButton.click();
    const download = await started;
    const path = await download.path();
    return { download, path, text: fs.readFileSync(path, 'utf8') };
  }
}
