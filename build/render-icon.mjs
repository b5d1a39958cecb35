#!/usr/bin/env node
// Renders build/icon.svg to build/icon.png (1024 × 1024, transparent corners) in Chromium, the
// icon electron-builder makes every platform's icons from (.icns, .ico, the Linux sizes).
// Run it after changing the SVG: `node build/render-icon.mjs` (CHROMIUM_PATH picks the browser,
// default /usr/bin/chromium). Never fetches anything: the SVG is inlined into the page.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';

const SIZE = 1024;
const here = path.dirname(fileURLToPath(import.meta.url));
const svg = fs.readFileSync(path.join(here, 'icon.svg'), 'utf8');
const out = path.join(here, 'icon.png');

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
try {
  const page = await browser.newPage({ viewport: { width: SIZE, height: SIZE }, deviceScaleFactor: 1 });
  const dataUrl = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
  await page.setContent(`<!doctype html><style>html,body{margin:0;background:transparent}img{display:block;width:${SIZE}px;height:${SIZE}px}</style><img alt="" src="${dataUrl}">`);
  await page.locator('img').evaluate((img) => (img.complete ? undefined : new Promise((resolve) => img.addEventListener('load', resolve, { once: true }))));
  await page.screenshot({ path: out, omitBackground: true, clip: { x: 0, y: 0, width: SIZE, height: SIZE } });
  console.log(`Wrote ${path.relative(process.cwd(), out)} (${SIZE} × ${SIZE})`);
} finally {
  await browser.close();
}
