// The "Add source" dialog: pasted text with a title and where it came from.
import type { Locator, Page } from '@playwright/test';

export interface SourceFields {
  title: string;
  text: string;
  publisher?: string;
  published?: string;
  url?: string;
}

export class AddSourceDialog {
  readonly root: Locator;
  readonly title: Locator;
  readonly text: Locator;
  readonly publisher: Locator;
  readonly published: Locator;
  readonly url: Locator;
  readonly alert: Locator;

  constructor(page: Page) {
    this.root = page.getByRole('dialog', { name: 'Add source', exact: true });
    this.title = this.root.getByRole('textbox', { name: 'Title', exact: true });
    this.text = this.root.getByRole('textbox', { name: 'Text', exact: true });
    this.publisher = this.root.getByRole('textbox', { name: 'Publisher', exact: true });
    this.published = this.root.getByRole('textbox', { name: 'Published', exact: true });
    this.url = this.root.getByRole('textbox', { name: 'URL', exact: true });
    this.alert = this.root.getByRole('alert');
  }

  async fill(fields: SourceFields): Promise<void> {
    await this.title.fill(fields.title);
    await this.text.fill(fields.text);
    if (fields.publisher !== undefined) await this.publisher.fill(fields.publisher);
    if (fields.published !== undefined) await this.published.fill(fields.published);
    if (fields.url !== undefined) await this.url.fill(fields.url);
  }

  async add(): Promise<void> {
    await this.root.getByRole('button', { name: 'Add', exact: true }).click();
  }

  async cancel(): Promise<void> {
    await this.root.getByRole('button', { name: 'Cancel', exact: true }).click();
  }
}
