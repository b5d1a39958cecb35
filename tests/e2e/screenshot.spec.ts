// The picture in the README: the running example at 1280×800, an excerpt highlighted in the
// reader and its linked claim, with its evidence, in the inspector. Saved to the test's output;
// with UPDATE_SCREENSHOT=1 the browser host (a window of exactly that size) writes docs/screenshot.png,
// so an ordinary test run leaves the committed picture alone.
import path from 'node:path';
import { expect, ROOT, test, VIEWPORT } from './fixtures.js';
import { MainScreen } from './models/MainScreen.js';
import { CONTAINERS_CLAIM, CONTAINERS_PASSAGE, DENIAL_CLAIM, DENIAL_PASSAGE, SHIPPED_PASSAGE, WIRE_REPORT } from './running-example.js';

test('screenshot: the running example with an excerpt linked to a claim', async ({ app }, testInfo) => {
  const main = new MainScreen(app.page);
  await main.waitUntilLoaded();
  await main.addSource(WIRE_REPORT);

  for (const passage of [CONTAINERS_PASSAGE, SHIPPED_PASSAGE, DENIAL_PASSAGE]) {
    await main.reader.selectWithMouse(passage);
    await main.reader.saveExcerptButton.click();
    await expect(main.reader.excerpt(passage)).toBeVisible();
  }
  for (const [passage, claim] of [
    [DENIAL_PASSAGE, DENIAL_CLAIM],
    [CONTAINERS_PASSAGE, CONTAINERS_CLAIM],
  ] as const) {
    await main.reader.excerpt(passage).click();
    const dialog = await main.openLinkDialog();
    await dialog.linkToNewClaim(claim, 'supports');
  }

  await main.claim(CONTAINERS_CLAIM.statement).click();
  await expect(main.inspector.claimHeading).toBeVisible();
  await expect(main.inspector.evidence).toHaveCount(1);
  await expect.poll(() => main.reader.highlighted('excerpt')).toEqual([CONTAINERS_PASSAGE, SHIPPED_PASSAGE, DENIAL_PASSAGE]);
  // No caret or selection in the picture, and no status message still fading out.
  await app.page.evaluate(() => window.getSelection()?.removeAllRanges());
  await app.page.mouse.move(0, 0);
  for (const close of await app.page.getByRole('button', { name: 'Dismiss', exact: true }).all()) await close.click();

  const file = app.host === 'browser' && process.env.UPDATE_SCREENSHOT === '1' ? path.join(ROOT, 'docs', 'screenshot.png') : testInfo.outputPath('screenshot.png');
  if (app.host === 'browser') expect(app.page.viewportSize()).toEqual(VIEWPORT);
  await app.page.screenshot({ path: file, animations: 'disabled' });
  await testInfo.attach('screenshot', { path: file, contentType: 'image/png' });
});
