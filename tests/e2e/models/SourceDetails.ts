// Source details in the Inspector: the source's metadata as a form (title, authors, publisher,
// dates with where each came from, Admiralty reliability), Save and Revert, and the facts of its
// file (format, pages, sha256 of the original and of the text) with Download original.
import type { Locator, Page } from '@playwright/test';

/** The Admiralty grades as the Reliability list names them (STANAG 2511 / FM 2-22.3 meanings). */
export const RELIABILITY_OPTIONS = {
  A: 'A — Completely reliable',
  B: 'B — Usually reliable',
  C: 'C — Fairly reliable',
  D: 'D — Not usually reliable',
  E: 'E — Unreliable',
  F: 'F — Reliability cannot be judged',
} as const;

export class SourceDetails {
  readonly root: Locator;
  readonly heading: Locator;
  readonly notice: Locator;
  readonly title: Locator;
  readonly authors: Locator;
  readonly publisher: Locator;
  readonly language: Locator;
  readonly url: Locator;
  readonly published: Locator;
  readonly modified: Locator;
  readonly type: Locator;
  readonly reliability: Locator;
  readonly rationale: Locator;
  readonly saveButton: Locator;
  readonly revertButton: Locator;
  readonly downloadButton: Locator;

  constructor(page: Page) {
    this.root = page.getByRole('complementary', { name: 'Inspector', exact: true });
    this.heading = this.root.getByRole('heading', { name: 'Source', exact: true });
    this.notice = this.root.getByRole('note');
    const textbox = (name: string) => this.root.getByRole('textbox', { name, exact: true });
    this.title = textbox('Title');
    this.authors = textbox('Authors');
    this.publisher = textbox('Publisher');
    this.language = textbox('Language');
    this.url = textbox('URL');
    this.published = textbox('Published');
    this.modified = textbox('Modified');
    this.type = this.root.getByRole('combobox', { name: 'Type', exact: true });
    this.reliability = this.root.getByRole('combobox', { name: 'Reliability', exact: true });
    this.rationale = textbox('Reliability rationale');
    this.saveButton = this.root.getByRole('button', { name: 'Save', exact: true });
    this.revertButton = this.root.getByRole('button', { name: 'Revert', exact: true });
    this.downloadButton = this.root.getByRole('button', { name: 'Download original', exact: true });
  }

  /**
   * The value of one fact about the file ("Format", "Pages", "Original sha256", …): the definition
   * that follows its term. A term and its definition have no accessible link, only their order.
   */
  fact(term: 'Format' | 'File name' | 'Pages' | 'Characters' | 'Original sha256' | 'Text sha256'): Locator {
    return this.root.locator(`dt:text-is("${term}") + dd`);
  }
}
