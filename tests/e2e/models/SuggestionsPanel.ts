// The Suggestions panel (complementary "Suggestions", in the inspector's place): the source's
// suggested claims (list "Suggested claims"), each with its quote, claimant, stance and statement,
// Accept, Edit (Statement, Claimant, Stance) and Dismiss; "Accept all…"; the suggested entities.
import type { Locator, Page } from '@playwright/test';

export class SuggestionsPanel {
  readonly root: Locator;
  readonly candidates: Locator;
  /** The line that counts the suggestions ("3 to review · 1 accepted · 1 dismissed", "All accepted"), or says "No suggestions". */
  readonly summary: Locator;
  readonly acceptAllButton: Locator;
  readonly closeButton: Locator;
  readonly entities: Locator;
  /** The error when suggestions could not be made. */
  readonly alert: Locator;

  constructor(page: Page) {
    this.root = page.getByRole('complementary', { name: 'Suggestions', exact: true });
    this.candidates = this.root.getByRole('list', { name: 'Suggested claims', exact: true }).getByRole('listitem');
    this.summary = this.root.getByRole('status').filter({ hasText: /to review|accepted|dismissed|No suggestions/ });
    this.acceptAllButton = this.root.getByRole('button', { name: 'Accept all…', exact: true });
    this.closeButton = this.root.getByRole('button', { name: 'Close suggestions', exact: true });
    this.entities = this.root.getByRole('list', { name: 'Suggested entities', exact: true }).getByRole('listitem');
    this.alert = this.root.getByRole('alert');
  }

  /** The candidate whose quote holds `text`. */
  candidate(text: string): Locator {
    return this.candidates.filter({ has: this.root.page().locator('blockquote', { hasText: text }) });
  }

  /** The quote of a candidate, as the text has it (the typographic quotes around it are decoration). */
  async quoteOf(candidate: Locator): Promise<string> {
    return (await candidate.locator('blockquote').textContent()) ?? '';
  }

  /** Opens a candidate's fields (Statement, Claimant, Stance). */
  async edit(candidate: Locator): Promise<void> {
    await candidate.getByRole('button', { name: 'Edit', exact: true }).click();
    await candidate.getByRole('textbox', { name: 'Statement', exact: true }).waitFor();
  }

  accept(candidate: Locator): Promise<void> {
    return candidate.getByRole('button', { name: 'Accept', exact: true }).click();
  }

  dismiss(candidate: Locator): Promise<void> {
    return candidate.getByRole('button', { name: 'Dismiss', exact: true }).click();
  }
}
