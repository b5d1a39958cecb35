// The Inspector pane: the selected excerpt (its quote, Linked claims, Link to claim), the selected
// claim (statement, claimant, polarity, attribution, grading, proposition, Evidence; Edit claim opens
// the "Edit claim" form), or a source's details (with Claims this source bears on).
import type { Locator, Page } from '@playwright/test';

export class Inspector {
  readonly root: Locator;
  readonly excerptHeading: Locator;
  readonly claimHeading: Locator;
  readonly linkedClaims: Locator;
  readonly evidence: Locator;
  readonly linkToClaimButton: Locator;
  readonly editClaimButton: Locator;
  /** The "Edit claim" form: Statement, Claimant, Polarity, Status, Claimed on, Tags, the Grading and Attribution chain groups, Proposition, Notes, Save, Cancel. */
  readonly claimForm: Locator;
  /** The "Contradicted" flag of the inspected claim. */
  readonly contradictedFlag: Locator;
  /** Claims that contradict the inspected one, each a button that inspects it. */
  readonly contradictions: Locator;
  /** The attribution chain's steps, read-only. */
  readonly attributionSteps: Locator;
  /** In source details: the claims the source bears on, each a button that inspects it. */
  readonly sourceClaims: Locator;

  constructor(page: Page) {
    this.root = page.getByRole('complementary', { name: 'Inspector', exact: true });
    this.excerptHeading = this.root.getByRole('heading', { name: 'Excerpt', exact: true });
    this.claimHeading = this.root.getByRole('heading', { name: 'Claim', exact: true });
    this.linkedClaims = this.root.getByRole('list', { name: 'Linked claims', exact: true }).getByRole('listitem');
    this.evidence = this.root.getByRole('list', { name: 'Evidence', exact: true }).getByRole('listitem');
    this.linkToClaimButton = this.root.getByRole('button', { name: 'Link to claim', exact: true });
    this.editClaimButton = this.root.getByRole('button', { name: 'Edit claim', exact: true });
    this.claimForm = this.root.getByRole('form', { name: 'Edit claim', exact: true });
    this.contradictedFlag = this.root.getByText('Contradicted', { exact: true });
    this.contradictions = this.root.getByRole('list', { name: 'Contradicted by', exact: true }).getByRole('button');
    this.attributionSteps = this.root.getByRole('list', { name: 'Attribution chain', exact: true }).getByRole('listitem');
    this.sourceClaims = this.root.getByRole('list', { name: 'Claims this source bears on', exact: true }).getByRole('button');
  }

  /** A step of the chain in the Edit claim form ("Step 1", …): Role, Who, Record as, Shown by excerpt, Move step n up/down, Remove step n. */
  formStep(n: number): Locator {
    return this.claimForm.getByRole('group', { name: 'Attribution chain', exact: true }).getByRole('group', { name: `Step ${n}`, exact: true });
  }
}
