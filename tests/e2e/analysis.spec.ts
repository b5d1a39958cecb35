// The analysis layer, end to end: the running example of DESIGN.md built through the UI (one wire
// report, three claimants, an assertion and its denial grouped under one proposition and flagged as
// contradicting, grades, an attribution chain, an ACH matrix with two hypotheses), then each view
// checked for what the analyst must see, axe run on each, undo, and all of it again after a restart.
import fs from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures.js';
import { MainScreen } from './models/MainScreen.js';
import {
  ACCUSATION_CLAIM,
  ACCUSATION_PASSAGE,
  CONTAINERS_CLAIM,
  CONTAINERS_PASSAGE,
  DENIAL_CLAIM,
  DENIAL_PASSAGE,
  HYPOTHESES,
  PROPOSITION,
  QUESTION,
  WIRE_REPORT,
} from './running-example.js';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

async function expectNoAxeViolations(page: Page, where: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const found = results.violations.map((v) => `${v.id}: ${v.help}\n${v.nodes.map((n) => `  ${n.target.join(' ')}`).join('\n')}`);
  expect(found, `${where}:\n${found.join('\n\n')}`).toEqual([]);
}

const view = (page: Page, name: string) => page.getByRole('main', { name, exact: true });
const tab = (page: Page, name: string) => page.getByRole('navigation', { name: 'Views', exact: true }).getByRole('button', { name, exact: true });

/** Saves the passage as an excerpt and links it to a new claim, with a new claimant of that kind. */
async function excerptToNewClaim(main: MainScreen, passage: string, claim: { statement: string; claimant: string; polarity: 'asserts' | 'denies' }, kind: string): Promise<void> {
  await main.reader.selectWithMouse(passage);
  await main.reader.saveExcerptButton.click();
  await expect(main.inspector.excerptHeading).toBeVisible();
  const dialog = await main.openLinkDialog();
  await dialog.claim.selectOption({ label: 'New claim…' });
  await dialog.statement.fill(claim.statement);
  await dialog.claimant.fill(claim.claimant);
  await dialog.claimantKind.selectOption(kind);
  await dialog.polarity.selectOption({ label: claim.polarity });
  await dialog.relation.selectOption({ label: 'supports' });
  await dialog.link();
}

/** Opens the Edit claim form of a claim from the library, runs `fill`, and saves. */
async function editClaim(main: MainScreen, statement: string, fill: (form: Locator) => Promise<void>): Promise<void> {
  await main.claim(statement).click();
  await main.inspector.editClaimButton.click();
  const form = main.inspector.claimForm;
  await fill(form);
  await form.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(form).toBeHidden();
}

test('analyst builds the running example and every analysis view shows it, before and after a restart', async ({ app }) => {
  test.setTimeout(240_000);
  let main = new MainScreen(app.page);
  let page = app.page;
  await main.waitUntilLoaded();

  await test.step('a graded wire report with three excerpts, each evidence for a claim by a new claimant', async () => {
    await main.addSource(WIRE_REPORT);
    const details = await main.openSourceDetails();
    await details.reliability.selectOption('B');
    await details.saveButton.click();
    await expect(details.saveButton).toBeDisabled();
    await excerptToNewClaim(main, ACCUSATION_PASSAGE, ACCUSATION_CLAIM, 'state');
    await excerptToNewClaim(main, CONTAINERS_PASSAGE, CONTAINERS_CLAIM, 'organisation');
    await excerptToNewClaim(main, DENIAL_PASSAGE, DENIAL_CLAIM, 'person');
    await expect(main.claims).toHaveCount(3);
  });

  await test.step('the three claims grouped under one proposition are flagged as contradicting', async () => {
    await editClaim(main, ACCUSATION_CLAIM.statement, async (form) => {
      await form.getByRole('combobox', { name: 'Proposition', exact: true }).selectOption({ label: 'New proposition…' });
      await form.getByRole('textbox', { name: 'New proposition', exact: true }).fill(PROPOSITION);
    });
    for (const claim of [CONTAINERS_CLAIM, DENIAL_CLAIM]) {
      await editClaim(main, claim.statement, async (form) => {
        await form.getByRole('combobox', { name: 'Proposition', exact: true }).selectOption({ label: `${PROPOSITION} (${claim === CONTAINERS_CLAIM ? 1 : 2} claim${claim === CONTAINERS_CLAIM ? '' : 's'})` });
      });
    }
    await main.claim(DENIAL_CLAIM.statement).click();
    await expect(main.inspector.contradictedFlag).toBeVisible();
    await expect(main.inspector.contradictions).toHaveCount(2);
  });

  await test.step('the containers claim: graded, assessed in ICD 203 terms, reported through a chain', async () => {
    await editClaim(main, CONTAINERS_CLAIM.statement, async (form) => {
      await form.getByRole('combobox', { name: 'Credibility', exact: true }).selectOption('2');
      await form.getByRole('combobox', { name: 'Likelihood', exact: true }).selectOption('likely');
      await form.getByRole('combobox', { name: 'Confidence', exact: true }).selectOption('moderate');
      await form.getByRole('combobox', { name: 'Basis', exact: true }).selectOption('reported');
      await form.getByRole('textbox', { name: 'Claimed on', exact: true }).fill('2023-10-13');
      const chain = form.getByRole('group', { name: 'Attribution chain', exact: true });
      const steps: [string, string, string][] = [
        ['publisher', 'Northwind Wire', 'new media outlet'],
        ['intermediary', 'Officials in Seoul', 'label only (no entity)'],
        ['speaker', CONTAINERS_CLAIM.claimant, ''],
      ];
      for (const [i, [role, who, recordAs]] of steps.entries()) {
        await chain.getByRole('button', { name: 'Add step', exact: true }).click();
        const step = main.inspector.formStep(i + 1);
        await step.getByRole('combobox', { name: 'Role', exact: true }).selectOption(role);
        await step.getByRole('textbox', { name: 'Who', exact: true }).fill(who);
        if (recordAs) await step.getByRole('combobox', { name: 'Record as', exact: true }).selectOption({ label: recordAs });
      }
    });
    const inspector = main.inspector.root;
    await expect(inspector).toContainText('2 — Probably true');
    await expect(inspector).toContainText('likely · 55–80 %');
    await expect(inspector).toContainText('Northwind Wire → Officials in Seoul → South Korean defence ministry');
    await expect(inspector.getByText(/^\W*Reported$/)).toBeVisible();
  });

  await test.step('claims board: one proposition, asserting and denying side by side, flagged; filters', async () => {
    await tab(page, 'Claims board').click();
    const board = view(page, 'Claims board');
    const group = board.getByRole('region', { name: PROPOSITION, exact: true });
    await expect(group).toBeVisible();
    await expect(group.getByText('Contradicted', { exact: true })).toBeVisible();
    await expect(group).toContainText(ACCUSATION_CLAIM.statement);
    await expect(group).toContainText(CONTAINERS_CLAIM.statement);
    await expect(group).toContainText(DENIAL_CLAIM.statement);
    await expectNoAxeViolations(page, 'claims board');
    await board.getByRole('combobox', { name: 'Claimant', exact: true }).selectOption({ label: DENIAL_CLAIM.claimant });
    await expect(board).toContainText(DENIAL_CLAIM.statement);
    await expect(board).not.toContainText(CONTAINERS_CLAIM.statement);
    await board.getByRole('button', { name: 'Clear filters', exact: true }).click();
    await expect(board).toContainText(CONTAINERS_CLAIM.statement);
  });

  await test.step('evidence matrix: each claim × the wire report holds its supporting excerpt', async () => {
    await page.keyboard.press('Alt+3');
    const matrix = view(page, 'Evidence matrix');
    await expect(matrix.getByRole('table')).toBeVisible();
    const cells = matrix.getByRole('button', { name: /: 1 supports$/ });
    await expect(cells).toHaveCount(3);
    await cells.first().click();
    await expect(matrix.getByRole('list', { name: 'Excerpts in this cell', exact: true })).toContainText(ACCUSATION_PASSAGE);
    await expectNoAxeViolations(page, 'evidence matrix');
  });

  await test.step('competing hypotheses: two hypotheses rated against the evidence; the least inconsistent is marked', async () => {
    await tab(page, 'Hypotheses').click();
    const ach = view(page, 'Hypotheses');
    await ach.getByRole('button', { name: 'New question', exact: true }).click();
    let dialog = page.getByRole('dialog', { name: 'New question', exact: true });
    await dialog.getByRole('textbox', { name: 'Question', exact: true }).fill(QUESTION);
    await dialog.getByRole('button', { name: 'Create', exact: true }).click();
    await expect(dialog).toBeHidden();
    for (const hypothesis of HYPOTHESES) {
      await ach.getByRole('button', { name: 'Add hypothesis', exact: true }).click();
      dialog = page.getByRole('dialog', { name: 'Add hypothesis', exact: true });
      await dialog.getByRole('textbox', { name: 'Hypothesis', exact: true }).fill(hypothesis);
      await dialog.getByRole('button', { name: 'Add', exact: true }).click();
      await expect(dialog).toBeHidden();
    }
    await ach.getByRole('button', { name: 'Add evidence', exact: true }).click();
    dialog = page.getByRole('dialog', { name: 'Add evidence', exact: true });
    await dialog.getByRole('button', { name: 'Add all', exact: true }).click();
    await expect(dialog).toBeHidden();
    // The excerpts of the accusation and the containers fit the first hypothesis and not the second.
    const rate = async (evidence: string, hypothesis: string, rating: string) =>
      ach.getByRole('combobox', { name: new RegExp(`^Rating of ${escape(evidence.slice(0, 30))}.* against ${escape(hypothesis.slice(0, 30))}`) }).selectOption(rating);
    await rate(ACCUSATION_PASSAGE, HYPOTHESES[0], 'C');
    await rate(ACCUSATION_PASSAGE, HYPOTHESES[1], 'I');
    await rate(CONTAINERS_PASSAGE, HYPOTHESES[0], 'CC');
    await rate(CONTAINERS_PASSAGE, HYPOTHESES[1], 'II');
    await rate(DENIAL_PASSAGE, HYPOTHESES[0], 'N');
    await rate(DENIAL_PASSAGE, HYPOTHESES[1], 'C');
    const leastInconsistent = ach.getByRole('columnheader').filter({ hasText: 'Least inconsistent' });
    await expect(leastInconsistent).toHaveCount(1);
    await expect(leastInconsistent).toContainText(HYPOTHESES[0]);
    await expectNoAxeViolations(page, 'competing hypotheses');

    // One rating undone with Ctrl+Z, then redone with the Redo button.
    const last = ach.getByRole('combobox', { name: new RegExp(`^Rating of ${escape(DENIAL_PASSAGE.slice(0, 30))}.* against ${escape(HYPOTHESES[1].slice(0, 30))}`) });
    // Ctrl+Z with the focus still on the select: a select has no undo of its own, so the app's undoes.
    await last.focus();
    await page.keyboard.press('Control+z');
    await expect(last).toHaveValue('');
    await main.redoButton.click();
    await expect(last).toHaveValue('C');

    const download = page.waitForEvent('download');
    await ach.getByRole('button', { name: 'Export CSV', exact: true }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('Is North Korea supplying Russia with munitions.csv');
    const records = fs.readFileSync(await file.path(), 'utf8').split('\r\n');
    expect(records[0]).toContain(HYPOTHESES[0]);
    // The passage holds commas, so the field is quoted (RFC 4180); its ratings follow the figures.
    expect(records.find((r) => r.startsWith(`\uFEFF"${CONTAINERS_PASSAGE}"`) || r.startsWith(`"${CONTAINERS_PASSAGE}"`))).toMatch(/,CC,II$/);
  });

  await test.step('a note on a hypothesis, written in Markdown, shows rendered below the matrix', async () => {
    const notes = view(page, 'Hypotheses').getByRole('region', { name: 'Notes on the question and its hypotheses' });
    await expect(notes.getByRole('region', { name: 'Note on the question' })).toContainText('No note yet.');
    const note = notes.getByRole('region', { name: `Note on H1: ${HYPOTHESES[0]}` });
    await note.getByRole('button', { name: 'Edit note', exact: true }).click();
    await note.getByRole('textbox', { name: 'Note', exact: true }).fill('**Rail** data decides it');
    await note.getByRole('textbox', { name: 'Note', exact: true }).press('Control+Enter');
    await expect(note.locator('strong')).toHaveText('Rail');
  });

  await test.step('timeline: the report published on 14 Oct 2023, the claims on their dates', async () => {
    await tab(page, 'Timeline').click();
    const timeline = view(page, 'Timeline');
    const events = timeline.getByRole('list', { name: 'Dated claims and sources', exact: true });
    await expect(events).toContainText(WIRE_REPORT.title);
    await expect(events).toContainText(CONTAINERS_CLAIM.statement);
    // The containers claim was made the day before the report that carries it.
    const text = await events.innerText();
    expect(text.indexOf(CONTAINERS_CLAIM.statement)).toBeLessThan(text.indexOf(WIRE_REPORT.title));
    await expectNoAxeViolations(page, 'timeline');
  });

  await test.step('entity page: Kim Yo Jong’s denial, and her name confirmed as a mention in the report', async () => {
    await main.library.getByRole('list', { name: 'Entities', exact: true }).getByRole('button', { name: new RegExp(`^${DENIAL_CLAIM.claimant}`) }).click();
    const entity = view(page, 'Entity');
    await expect(entity.getByRole('heading', { level: 2 })).toHaveText(DENIAL_CLAIM.claimant);
    await expect(entity.getByRole('list', { name: /^Claims it makes/ })).toContainText(DENIAL_CLAIM.statement);
    await entity.getByRole('button', { name: 'Find mentions in sources', exact: true }).click();
    await entity.getByRole('button', { name: /^Confirm all/ }).click();
    await expect(entity.getByRole('list', { name: /^Mentions/ }).getByRole('listitem')).toHaveCount(1);
    await expectNoAxeViolations(page, 'entity page');
  });

  await test.step('after a restart the proposition, the grades, the ratings and the mention are all there', async () => {
    page = await app.restart();
    main = new MainScreen(page);
    await main.waitUntilLoaded();
    await tab(page, 'Claims board').click();
    await expect(view(page, 'Claims board').getByRole('region', { name: PROPOSITION, exact: true }).getByText('Contradicted', { exact: true })).toBeVisible();
    await main.claim(CONTAINERS_CLAIM.statement).click();
    await expect(main.inspector.root).toContainText('likely · 55–80 %');
    await tab(page, 'Hypotheses').click();
    await expect(view(page, 'Hypotheses').getByRole('columnheader').filter({ hasText: 'Least inconsistent' })).toContainText(HYPOTHESES[0]);
    await main.library.getByRole('list', { name: 'Entities', exact: true }).getByRole('button', { name: new RegExp(`^${DENIAL_CLAIM.claimant}`) }).click();
    await expect(view(page, 'Entity').getByRole('list', { name: /^Mentions/ }).getByRole('listitem')).toHaveCount(1);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
