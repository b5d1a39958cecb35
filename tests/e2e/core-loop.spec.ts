// The analyst's core loop, end to end on a real notebook folder: paste a source, save excerpts
// with the mouse, link one to a new claim, undo and redo that, and find it all again after a
// restart, on screen and on disk.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { SCHEMA_VERSION } from '../../notebook/common/model.js';
import { expect, test } from './fixtures.js';
import { MainScreen } from './models/MainScreen.js';
import { CONTAINERS_CLAIM, CONTAINERS_PASSAGE, SHIPPED_PASSAGE, WIRE_REPORT } from './running-example.js';

interface StoredObject {
  id: string;
  deletedAt?: string;
  [field: string]: unknown;
}

/** The live (not trashed) objects of one collection in notebook.json. */
function live(snapshot: Record<string, unknown>, key: string): StoredObject[] {
  const objects = Object.values((snapshot[key] ?? {}) as Record<string, StoredObject>);
  return objects.filter((o) => !o.deletedAt);
}

test('analyst saves an excerpt and links it to a claim, and it is all there after a restart', async ({ app }) => {
  let main = new MainScreen(app.page);
  await main.waitUntilLoaded();

  await test.step('add the wire report by pasting it', async () => {
    // A new notebook is named after its folder.
    await expect(main.toolbar).toContainText('Korea arms research');
    await main.addSource(WIRE_REPORT);
    await expect(main.sources).toHaveCount(1);
    await expect(main.source(WIRE_REPORT.title)).toBeVisible();
    await expect(main.reader.title).toHaveText(WIRE_REPORT.title);
    await expect(main.reader.sourceText).toContainText('Chloé Han');
    await expect(main.reader.sourceText).toContainText('the most absurd paradox');
  });

  await test.step('select a passage with the mouse and save it as an excerpt', async () => {
    await expect(main.reader.saveExcerptButton).toBeDisabled();
    await main.reader.selectWithMouse(CONTAINERS_PASSAGE);
    await expect(main.reader.saveExcerptButton).toBeEnabled();
    await main.reader.saveExcerptButton.click();

    await expect(main.reader.excerpts).toHaveCount(1);
    await expect(main.reader.excerpt(CONTAINERS_PASSAGE)).toBeVisible();
    await expect(main.inspector.excerptHeading).toBeVisible();
    await expect(main.inspector.root).toContainText(CONTAINERS_PASSAGE);
    await expect.poll(() => main.reader.highlighted('excerpt')).toEqual([CONTAINERS_PASSAGE]);
  });

  await test.step('save a second excerpt that overlaps the first', async () => {
    await main.reader.selectWithMouse(SHIPPED_PASSAGE);
    await main.reader.saveExcerptButton.click();
    await expect(main.reader.excerpts).toHaveCount(2);
    await expect(main.reader.excerpt(SHIPPED_PASSAGE)).toBeVisible();
    await expect.poll(() => main.reader.highlighted('excerpt')).toEqual([CONTAINERS_PASSAGE, SHIPPED_PASSAGE]);
    // The stretch both excerpts cover is painted a second time.
    await expect.poll(() => main.reader.highlighted('excerpt-overlap')).toEqual(['1,000 containers had been shipped']);
  });

  await test.step('link the first excerpt to a new claim as supporting evidence', async () => {
    await main.reader.excerpt(CONTAINERS_PASSAGE).click();
    await expect(main.inspector.root).toContainText(CONTAINERS_PASSAGE);
    const dialog = await main.openLinkDialog();
    await dialog.linkToNewClaim(CONTAINERS_CLAIM, 'supports');

    await expect(main.claims).toHaveCount(1);
    await expect(main.claim(CONTAINERS_CLAIM.statement)).toBeVisible();
    await expect(main.inspector.linkedClaims).toHaveCount(1);
    await expect(main.inspector.linkedClaims.first()).toContainText(CONTAINERS_CLAIM.statement);
    await expect(main.inspector.linkedClaims.first()).toContainText('supports');

    await main.claim(CONTAINERS_CLAIM.statement).click();
    await expect(main.inspector.claimHeading).toBeVisible();
    await expect(main.inspector.root).toContainText(CONTAINERS_CLAIM.statement);
    await expect(main.inspector.root).toContainText(CONTAINERS_CLAIM.claimant);
    await expect(main.inspector.evidence).toHaveCount(1);
    await expect(main.inspector.evidence.first()).toContainText('supports');
    await expect(main.inspector.evidence.first()).toContainText(CONTAINERS_PASSAGE);
  });

  await test.step('Undo takes back the whole link step, Redo brings it back', async () => {
    await main.reader.excerpt(CONTAINERS_PASSAGE).click();
    await expect(main.inspector.linkedClaims).toHaveCount(1);

    await main.undoButton.click();
    await expect(main.claims).toHaveCount(0);
    await expect(main.inspector.linkedClaims).toHaveCount(0);
    // The excerpts were an earlier step: they stay.
    await expect(main.reader.excerpts).toHaveCount(2);

    await main.redoButton.click();
    await expect(main.claims).toHaveCount(1);
    await expect(main.claim(CONTAINERS_CLAIM.statement)).toBeVisible();
    await expect(main.inspector.linkedClaims).toHaveCount(1);
    await expect(main.inspector.linkedClaims.first()).toContainText(CONTAINERS_CLAIM.statement);
  });

  await test.step('restart on the same folder: everything is still there, exactly', async () => {
    main = new MainScreen(await app.restart());
    await main.waitUntilLoaded();
    await expect(main.toolbar).toContainText('Korea arms research');

    await expect(main.sources).toHaveCount(1);
    await main.source(WIRE_REPORT.title).click();
    await expect(main.reader.title).toHaveText(WIRE_REPORT.title);
    await expect(main.reader.excerpts).toHaveCount(2);
    await expect(main.reader.excerpt(CONTAINERS_PASSAGE)).toBeVisible();
    await expect(main.reader.excerpt(SHIPPED_PASSAGE)).toBeVisible();
    await expect.poll(() => main.reader.highlighted('excerpt')).toEqual([CONTAINERS_PASSAGE, SHIPPED_PASSAGE]);

    await expect(main.claims).toHaveCount(1);
    await main.claim(CONTAINERS_CLAIM.statement).click();
    await expect(main.inspector.claimHeading).toBeVisible();
    await expect(main.inspector.root).toContainText(CONTAINERS_CLAIM.claimant);
    await expect(main.inspector.root).toContainText(CONTAINERS_CLAIM.polarity);
    await expect(main.inspector.evidence).toHaveCount(1);
    await expect(main.inspector.evidence.first()).toContainText('supports');
    await expect(main.inspector.evidence.first()).toContainText(CONTAINERS_PASSAGE);

    await main.reader.excerpt(CONTAINERS_PASSAGE).click();
    await expect(main.inspector.linkedClaims).toHaveCount(1);
    await expect(main.inspector.linkedClaims.first()).toContainText(CONTAINERS_CLAIM.statement);
    await main.reader.excerpt(SHIPPED_PASSAGE).click();
    await expect(main.inspector.linkedClaims).toHaveCount(0);
  });

  await test.step('the notebook folder on disk holds the same', async () => {
    const snapshot = JSON.parse(fs.readFileSync(path.join(app.notebookDir, 'notebook.json'), 'utf8')) as Record<string, unknown>;
    expect(snapshot.schemaVersion).toBe(SCHEMA_VERSION);
    expect(fs.existsSync(path.join(app.notebookDir, 'journal.jsonl'))).toBe(true);

    // The first host compacted on close, so the snapshot alone holds the whole story.
    const sources = live(snapshot, 'sources');
    expect(sources.map((s) => s.title)).toEqual([WIRE_REPORT.title]);
    const quotes = live(snapshot, 'excerpts').map((e) => (e.selectors as { quote: { exact: string } }).quote.exact);
    expect(quotes.sort()).toEqual([CONTAINERS_PASSAGE, SHIPPED_PASSAGE].sort());
    expect(live(snapshot, 'claims').map((c) => c.statement)).toEqual([CONTAINERS_CLAIM.statement]);
    expect(live(snapshot, 'entities').map((e) => e.name)).toEqual([CONTAINERS_CLAIM.claimant]);
    expect(live(snapshot, 'links').map((l) => l.relation)).toEqual(['supports']);

    // Excerpt offsets count code points: the emoji before them is 1 code point but 2 UTF-16 units.
    const text = WIRE_REPORT.text;
    const first = live(snapshot, 'excerpts').find((e) => (e.selectors as { quote: { exact: string } }).quote.exact === CONTAINERS_PASSAGE);
    const start = [...text.slice(0, text.indexOf(CONTAINERS_PASSAGE))].length;
    expect((first?.selectors as { position: unknown }).position).toEqual({ start, end: start + [...CONTAINERS_PASSAGE].length });

    const files = fs.readdirSync(path.join(app.notebookDir, 'sources'));
    expect(files.length).toBeGreaterThan(0);
    for (const name of files) {
      const sha = createHash('sha256').update(fs.readFileSync(path.join(app.notebookDir, 'sources', name))).digest('hex');
      expect(sha, `sources/${name} is named by its sha256`).toBe(name);
    }
    const textFile = (sources[0]?.content as { textSha256: string }).textSha256;
    expect(fs.readFileSync(path.join(app.notebookDir, 'sources', textFile), 'utf8')).toBe(WIRE_REPORT.text);
  });
});
