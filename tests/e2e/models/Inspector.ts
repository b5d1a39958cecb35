// The Inspector pane: the selected excerpt (its quote, Linked claims, Link to claim) or the
// selected claim (statement, claimant, polarity, Evidence).
import type { Locator, Page } from '@playwright/test';

export class Inspector {
  readonly root: Locator;
  readonly excerptHeading: Locator;
  readonly claimHeading: Locator;
  readonly linkedClaims: Locator;
  readonly evidence: Locator;
  readonly linkToClaimButton: Locator;

  constructor(page: Page) {
    this.root = page.getByRole('complementary', { name: 'Inspector', exact: true });
    this.excerptHeading = this.root.getByRole('heading', { name: 'Excerpt', exact: true });
    this.claimHeading = this.root.getByRole('heading', { name: 'Claim', exact: true });
    this.linkedClaims = this.root.getByRole('list', { name: 'Linked claims', exact: true }).getByRole('listitem');
    this.evidence = this.root.getByRole('list', { name: 'Evidence', exact: true }).getByRole('listitem');
    this.linkToClaimButton = this.root.getByRole('button', { name: 'Link to claim', exact: true });
  }
}
