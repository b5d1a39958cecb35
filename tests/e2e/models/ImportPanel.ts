// The Import panel (region "Import"): a progress bar with Cancel import while files are read, then
// the summary and each file's outcome, with Open for a source and Close.
import type { Locator, Page } from '@playwright/test';

/** What the progress bar said, each time the page drew it. */
export interface ProgressSeen {
  label: string;
  now: string | null;
  max: string | null;
}

export class ImportPanel {
  readonly root: Locator;
  readonly progressbar: Locator;
  readonly cancelButton: Locator;
  readonly finishedHeading: Locator;
  readonly cancelledHeading: Locator;
  /** "Imported 2 sources · 1 already in the notebook · 2 failed". */
  readonly summary: Locator;
  readonly results: Locator;
  readonly closeButton: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByRole('region', { name: 'Import', exact: true });
    this.progressbar = this.root.getByRole('progressbar');
    this.cancelButton = this.root.getByRole('button', { name: 'Cancel import', exact: true });
    this.finishedHeading = this.root.getByRole('heading', { name: 'Import finished', exact: true });
    this.cancelledHeading = this.root.getByRole('heading', { name: 'Import cancelled', exact: true });
    this.summary = this.root.getByRole('status');
    this.results = this.root.getByRole('list', { name: 'Import results', exact: true }).getByRole('listitem');
    this.closeButton = this.root.getByRole('button', { name: 'Close', exact: true });
  }

  /** The result line of one file, found by its name as the list shows it. */
  result(fileName: string): Locator {
    return this.results.filter({ hasText: fileName });
  }

  /** Opens the source a file became (or already was) in the reader. */
  async open(fileName: string): Promise<void> {
    await this.result(fileName).getByRole('button', { name: 'Open', exact: true }).click();
  }

  /**
   * Starts noting every state of the progress bar the page draws, before an import begins: small
   * files are read in a blink, so the bar may be gone before an assertion could look at it. Call
   * the returned function to read what was seen.
   */
  async watchProgress(): Promise<() => Promise<ProgressSeen[]>> {
    await this.page.evaluate(() => {
      const seen: { label: string; now: string | null; max: string | null }[] = [];
      const note = () => {
        for (const bar of document.querySelectorAll('[role="progressbar"]')) {
          const state = { label: bar.getAttribute('aria-label') ?? '', now: bar.getAttribute('aria-valuenow'), max: bar.getAttribute('aria-valuemax') };
          const last = seen.at(-1);
          if (!last || last.label !== state.label || last.now !== state.now || last.max !== state.max) seen.push(state);
        }
      };
      new MutationObserver(note).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-label', 'aria-valuenow'] });
      (window as unknown as { progressSeen: typeof seen }).progressSeen = seen;
    });
    return () => this.page.evaluate(() => (window as unknown as { progressSeen: ProgressSeen[] }).progressSeen);
  }
}
