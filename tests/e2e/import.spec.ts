// An analyst's downloads become sources: a web page saved from a browser, a PDF report and Word
// minutes, imported in one go with File ▸ Import files…. Each keeps its metadata (and says where
// each date came from), its original file with a sha256 that proves it unchanged, its headings or
// its pages; an excerpt of the PDF cites its page. The page's scripts never run and nothing it
// names is ever loaded. Importing a file again offers the source already there.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.js';
import { PDF_REPORT, WEB_PAGE, WORD_MINUTES, pdfReport, webPage, wordMinutes } from './import-files.js';
import { MainScreen } from './models/MainScreen.js';

const sha256 = (bytes: Uint8Array | string): string => createHash('sha256').update(bytes).digest('hex');

/** A server on 127.0.0.1 that only counts who asks: the hostile page points everything at it. */
async function startCanary(): Promise<{ origin: string; hits: string[]; close(): Promise<void> }> {
  const hits: string[] = [];
  const server = http.createServer((req, res) => {
    hits.push(req.url ?? '');
    res.writeHead(204).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { origin: `http://127.0.0.1:${port}`, hits, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** Everything the page does that imported markup could cause: dialogs opened, requests to other origins. */
function watchForEscapes(page: Page): { dialogs: string[]; foreignRequests: string[] } {
  const origin = new URL(page.url()).origin;
  const seen = { dialogs: [] as string[], foreignRequests: [] as string[] };
  page.on('dialog', (dialog) => {
    seen.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('request', (request) => {
    const url = request.url();
    if (new URL(url).origin !== origin) seen.foreignRequests.push(url);
  });
  return seen;
}

test('analyst imports a saved web page, a PDF report and a Word document, and cites each', async ({ app }) => {
  // Three imports, three excerpts and a restart on two cores.
  test.setTimeout(90_000);
  const canary = await startCanary();
  try {
    let main = new MainScreen(app.page);
    await main.waitUntilLoaded();
    const windowTitle = await app.page.title();
    let escapes = watchForEscapes(app.page);

    const files = {
      html: { ...WEB_PAGE, bytes: new TextEncoder().encode(webPage(canary.origin)) },
      pdf: { ...PDF_REPORT, bytes: await pdfReport() },
      docx: { ...WORD_MINUTES, bytes: await wordMinutes() },
    };
    const paths = Object.values(files).map((f) => app.writeFile(f.fileName, f.bytes));

    await test.step('import all three at once with File ▸ Import files…: a progress bar, then the summary', async () => {
      const progress = await main.importPanel.watchProgress();
      await main.importFiles(paths);

      const panel = main.importPanel;
      await expect(panel.finishedHeading).toBeVisible({ timeout: 30_000 });
      await expect(panel.summary).toHaveText('Imported 3 sources');
      await expect(panel.results).toHaveCount(3);
      for (const f of Object.values(files)) {
        await expect(panel.result(f.fileName)).toContainText(`Imported as “${f.title}”`);
        await expect(panel.result(f.fileName).getByRole('button', { name: 'Open', exact: true })).toBeVisible();
      }
      await expect(panel.progressbar).toHaveCount(0);
      await expect(panel.cancelButton).toHaveCount(0);

      // The bar counted the files one by one, out of three.
      const seen = await progress();
      expect(seen.length, 'the progress bar was drawn').toBeGreaterThan(0);
      expect([...new Set(seen.map((s) => s.label))]).toEqual(['Importing 1 of 3', 'Importing 2 of 3', 'Importing 3 of 3']);
      expect(seen.every((s) => s.max === '3')).toBe(true);

      await expect(main.sources).toHaveCount(3);
      await panel.closeButton.click();
      await expect(panel.root).toHaveCount(0);
    });

    await test.step('the web page: its own title, authors, publisher and dates, its headings, and none of its code', async () => {
      const f = files.html;
      await main.source(f.title).click();
      await expect(main.reader.title).toHaveText(f.title);
      for (const heading of f.headings) await expect(main.reader.textHeadings.filter({ hasText: heading })).toBeVisible();
      await expect(main.reader.textHeadings.first()).toHaveAttribute('aria-level', /^[3-6]$/);
      await expect(main.reader.sourceText).toContainText('Download the wagon counts');
      await expect(main.reader.sourceText).not.toContainText('Hijacked');
      await expect(main.reader.sourceText).not.toContainText('fetch(');

      const details = await main.openSourceDetails();
      await expect(details.title).toHaveValue(f.title);
      await expect(details.authors).toHaveValue(f.authors.join('\n'));
      await expect(details.publisher).toHaveValue(f.publisher);
      await expect(details.url).toHaveValue(f.url);
      await expect(details.language).toHaveValue('en');
      await expect(details.published).toHaveValue(f.published);
      await expect(details.published).toHaveAccessibleDescription(f.publishedFrom);
      await expect(details.modified).toHaveValue('2023-10-13');
      await expect(details.modified).toHaveAccessibleDescription("from the page's JSON-LD dateModified");
      await expect(details.fact('Format')).toContainText('Web page (HTML)');
      await expect(details.fact('File name')).toHaveText(f.fileName);
      await expect(details.fact('Original sha256')).toContainText(sha256(f.bytes));

      await main.reader.selectWithMouse(f.passage);
      await main.reader.saveExcerptButton.click();
      await expect(main.reader.excerpts).toHaveCount(1);
      await expect(main.reader.excerpt(f.passage)).toBeVisible();
      await expect(main.inspector.excerptHeading).toBeVisible();
      await expect(main.inspector.root).toContainText(f.passage);
    });

    await test.step('the PDF: title, authors and date from its metadata, its pages, and an excerpt that cites p. 2', async () => {
      const f = files.pdf;
      await main.source(f.title).click();
      await expect(main.reader.title).toHaveText(f.title);
      await expect(main.reader.root).toContainText(`${f.pages} pages`);
      await expect(main.reader.pageBreaks).toHaveCount(f.pages - 1);
      await expect(main.reader.pageBreaks.nth(0)).toHaveAccessibleName('Page 2');
      await expect(main.reader.pageBreaks.nth(1)).toHaveAccessibleName('Page 3');

      const details = await main.openSourceDetails();
      await expect(details.title).toHaveValue(f.title);
      await expect(details.authors).toHaveValue(f.authors.join('\n'));
      await expect(details.published).toHaveValue(f.published);
      await expect(details.published).toHaveAccessibleDescription(f.publishedFrom);
      await expect(details.fact('Format')).toContainText('PDF');
      await expect(details.fact('Pages')).toHaveText(String(f.pages));
      await expect(details.fact('Original sha256')).toContainText(sha256(f.bytes));

      // The text sha256 names the normalised text beside the original, and is what that file hashes to.
      const textSha = ((await details.fact('Text sha256').textContent()) ?? '').replace(/Copy$/, '').trim();
      expect(textSha).toMatch(/^[0-9a-f]{64}$/);
      expect(textSha).not.toBe(sha256(f.bytes));
      const textFile = fs.readFileSync(path.join(app.notebookDir, 'sources', textSha));
      expect(sha256(textFile)).toBe(textSha);
      expect(textFile.toString('utf8')).toContain(f.passage);

      if (app.host === 'browser') {
        // The original, downloaded again, is byte for byte what was imported. (Electron asks
        // where to save with a native dialog, which a test cannot answer.)
        const download = app.page.waitForEvent('download');
        await details.downloadButton.click();
        const saved = await (await download).path();
        expect((await download).suggestedFilename()).toBe(f.fileName);
        expect(sha256(fs.readFileSync(saved))).toBe(sha256(f.bytes));
      }

      await main.reader.selectWithMouse(f.passage);
      await main.reader.saveExcerptButton.click();
      await expect(main.reader.excerpts).toHaveCount(1);
      await expect(main.reader.excerpt(f.passage)).toContainText('p. 2');
      await expect(main.inspector.excerptHeading).toBeVisible();
      await expect(main.inspector.root).toContainText(f.passage);
      await expect(main.inspector.root).toContainText(`${f.title}, p. 2`);
    });

    await test.step('the Word document: core properties, company as publisher, headings', async () => {
      const f = files.docx;
      await main.source(f.title).click();
      await expect(main.reader.title).toHaveText(f.title);
      for (const heading of f.headings) await expect(main.reader.textHeadings.filter({ hasText: heading })).toBeVisible();

      const details = await main.openSourceDetails();
      await expect(details.authors).toHaveValue(f.authors.join('\n'));
      await expect(details.publisher).toHaveValue(f.publisher);
      await expect(details.published).toHaveValue(f.published);
      await expect(details.published).toHaveAccessibleDescription(f.publishedFrom);
      await expect(details.fact('Format')).toContainText('Word document');
      await expect(details.fact('Original sha256')).toContainText(sha256(f.bytes));

      await main.reader.selectWithMouse(f.passage);
      await main.reader.saveExcerptButton.click();
      await expect(main.reader.excerpts).toHaveCount(1);
      await expect(main.reader.excerpt(f.passage)).toBeVisible();
      await expect(main.inspector.root).toContainText(f.passage);
    });

    await test.step("nothing of the web page's code ran or loaded", async () => {
      expect(escapes.dialogs, 'dialogs the page opened').toEqual([]);
      await expect(app.page).toHaveTitle(windowTitle);
      expect(escapes.foreignRequests, 'requests from the app to other origins').toEqual([]);
      expect(canary.hits, 'requests that reached the address the page named').toEqual([]);
    });

    await test.step('restart: the three sources and their excerpts are all still there', async () => {
      main = new MainScreen(await app.restart());
      escapes = watchForEscapes(app.page);
      await main.waitUntilLoaded();
      await expect(main.sources).toHaveCount(3);
      for (const f of Object.values(files)) {
        await main.source(f.title).click();
        await expect(main.reader.title).toHaveText(f.title);
        await expect(main.reader.excerpts).toHaveCount(1);
        await expect(main.reader.excerpt(f.passage)).toBeVisible();
        await expect.poll(() => main.reader.highlighted('excerpt')).toEqual([f.passage]);
      }
      await main.source(files.pdf.title).click();
      await expect(main.reader.excerpt(files.pdf.passage)).toContainText('p. 2');
      await main.reader.excerpt(files.pdf.passage).click();
      await expect(main.inspector.root).toContainText(`${files.pdf.title}, p. 2`);
      await expect(main.reader.pageBreaks).toHaveCount(files.pdf.pages - 1);

      await main.source(files.html.title).click();
      await expect(main.reader.textHeadings.filter({ hasText: files.html.headings[0] })).toBeVisible();
      expect(escapes.dialogs).toEqual([]);
      expect(escapes.foreignRequests).toEqual([]);
      expect(canary.hits).toEqual([]);
    });

    await test.step('importing the PDF again offers the source already there, and adds nothing', async () => {
      await main.importFiles([paths[1]!]);
      await expect(main.status(`Already in the notebook as “${files.pdf.title}”`)).toBeVisible({ timeout: 30_000 });
      await expect(main.reader.title).toHaveText(files.pdf.title);
      await expect(main.sources).toHaveCount(3);
      await expect(main.reader.excerpts).toHaveCount(1);
    });
  } finally {
    await canary.close();
  }
});
