// Plain text from HTML on the clipboard, for the Add source dialog, when the clipboard holds no
// plain text of its own. Read as a string, tags dropped, entities decoded: no parser builds
// elements from it (even an inert DOMParser document makes Chromium compile its onerror and
// onclick attributes against the page's CSP). Pure. Never puts pasted markup into the page.

/** Elements whose content is never text a reader sees: dropped with everything inside them. */
const HIDDEN = ['script', 'style', 'noscript', 'template', 'iframe', 'object', 'svg', 'math', 'head', 'title', 'select', 'button', 'textarea'];
/** Blocks that stand apart by a blank line. */
const BLOCKS = ['address', 'article', 'aside', 'blockquote', 'div', 'dl', 'figcaption', 'figure', 'footer', 'form', 'h[1-6]', 'header', 'hr', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'table', 'ul'];
/** Blocks that take a line of their own. */
const LINES = ['li', 'tr', 'dt', 'dd'];

// A tag, with quoted attribute values that may hold ">".
const ATTRS = `(?:[^>"']|"[^"]*"|'[^']*')*`;
const hiddenRe = new RegExp(`<(${HIDDEN.join('|')})\\b${ATTRS}>[\\s\\S]*?</\\1\\s*>`, 'gi');
const blockRe = new RegExp(`</?(?:${BLOCKS.join('|')})\\b${ATTRS}>`, 'gi');
const lineRe = new RegExp(`</?(?:${LINES.join('|')})\\b${ATTRS}>`, 'gi');
const cellRe = new RegExp(`</t[dh]\\s*>`, 'gi');
const brRe = new RegExp(`<br\\b${ATTRS}>`, 'gi');
const tagRe = new RegExp(`<[!/?]?[a-zA-Z]${ATTRS}>|<!${ATTRS}>`, 'g');

// Break markers, private-use characters that pasted text never carries in practice.
const LINE = '\uE001';
const GAP = '\uE002';
const BR = '\uE003';

const NAMED: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ndash: '–', mdash: '—', lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”',
  hellip: '…', middot: '·', bull: '•', copy: '©', reg: '®', trade: '™', deg: '°', euro: '€', pound: '£', yen: '¥', laquo: '«', raquo: '»',
  shy: '', zwj: '\u200d', zwnj: '\u200c', times: '×', eacute: 'é', egrave: 'è', agrave: 'à', ccedil: 'ç', uuml: 'ü', ouml: 'ö', auml: 'ä', szlig: 'ß',
};

/** Character references (&amp; &#8212; &#x2014;); an unknown name is left as written. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#\d{1,7}|#x[0-9a-f]{1,6}|[a-z][a-z0-9]{1,31});?/gi, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : '\ufffd';
    }
    return NAMED[ref] ?? NAMED[ref.toLowerCase()] ?? whole;
  });
}

/** The text of an HTML fragment: paragraphs apart by a blank line, list items and <br> on their own lines. */
export function htmlToText(html: string): string {
  const marked = html
    .replace(/<!--[\s\S]*?(?:-->|$)/g, '')
    .replace(hiddenRe, '')
    .replace(brRe, BR)
    .replace(lineRe, LINE)
    .replace(blockRe, GAP)
    .replace(cellRe, '\t')
    .replace(tagRe, '')
    .replace(/[ \t\n\r\f]+/g, ' ');
  // Breaks that meet (the end of one item, the start of the next) count once, at the larger;
  // each <br> counts on its own.
  const joined = marked.replace(/[ \uE001\uE002\uE003]*[\uE001\uE002\uE003][ \uE001\uE002\uE003]*/g, (run) => {
    const brs = (run.match(/\uE003/g) ?? []).length;
    const block = run.includes(GAP) ? '\n\n' : run.includes(LINE) ? '\n' : '';
    return block.length >= brs ? block || '\n' : '\n'.repeat(brs);
  });
  return decodeEntities(joined)
    .split('\n')
    .map((line) => line.replace(/[ \t\u00a0]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
