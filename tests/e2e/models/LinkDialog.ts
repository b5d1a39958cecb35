// The "Link excerpt to claim" dialog: an existing claim or a new one, and the relation.
import type { Locator, Page } from '@playwright/test';

export interface NewClaimFields {
  statement: string;
  claimant: string;
  polarity: 'asserts' | 'denies';
}

export class LinkDialog {
  readonly root: Locator;
  readonly claim: Locator;
  readonly statement: Locator;
  readonly claimant: Locator;
  readonly polarity: Locator;
  readonly relation: Locator;
  /** Shown when the claimant typed is no entity yet: person, organisation, state, media outlet, place, group. */
  readonly claimantKind: Locator;
  /** The proposition the new claim is about; shown when the notebook has propositions. */
  readonly about: Locator;

  constructor(page: Page) {
    this.root = page.getByRole('dialog', { name: 'Link excerpt to claim', exact: true });
    this.claim = this.root.getByRole('combobox', { name: 'Claim', exact: true });
    this.statement = this.root.getByRole('textbox', { name: 'Statement', exact: true });
    this.claimant = this.root.getByRole('textbox', { name: 'Claimant', exact: true });
    this.polarity = this.root.getByRole('combobox', { name: 'Polarity', exact: true });
    this.relation = this.root.getByRole('combobox', { name: 'Relation', exact: true });
    this.claimantKind = this.root.getByRole('combobox', { name: 'Kind of new claimant', exact: true });
    this.about = this.root.getByRole('combobox', { name: 'About', exact: true });
  }

  /** Links to a claim written here, with the relation, and waits for the dialog to close. */
  async linkToNewClaim(claim: NewClaimFields, relation: string): Promise<void> {
    await this.claim.selectOption({ label: 'New claim…' });
    await this.statement.fill(claim.statement);
    await this.claimant.fill(claim.claimant);
    await this.polarity.selectOption({ label: claim.polarity });
    await this.relation.selectOption({ label: relation });
    await this.link();
  }

  async link(): Promise<void> {
    await this.root.getByRole('button', { name: 'Link', exact: true }).click();
    await this.root.waitFor({ state: 'hidden' });
  }
}
