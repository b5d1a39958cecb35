import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { writeMarkdownBrief } from '../../../../notebook/common/export/markdown.js';
import { htmlEscape, REPORT_CSP, writeHtmlReport } from '../../../../notebook/common/export/report-html.js';
import { HOSTILE, HOSTILE_LINES, hostileExample } from './hostile-example.js';
import { blockQuotes, headings } from './markdown-reading.js';
import { ACCUSATION_PASSAGE, EXPORTED_AT, FREIGHT_PASSAGE, STUDY, TRASHED, WIRE_REPORT, runningExample } from './running-example.js';

const ctx = (example: ReturnType<typeof runningExample> = runningExample()) => ({ notebook: example.notebook, files: example.files, exportedAt: EXPORTED_AT });
/** Parsed as a browser would, scripts off (the report has none to run). */
const parse = (html: string) => new JSDOM(html).window.document;
const texts = (nodes: NodeListOf<Element>) => [...nodes].map((n) => n.textContent ?? '');

describe('the HTML report of the running example', () => {
  const file = writeHtmlReport(ctx());
  const doc = parse(file.text);

  it('is one self-contained page: a strict CSP, no scripts, no handlers, nothing fetched from elsewhere', () => {
    expect(file.filename).toBe('Munitions to Russia.html');
    expect(file.mediaType).toBe('text/html; charset=utf-8');
    expect(file.text.startsWith('<!DOCTYPE html>\n')).toBe(true);
    expect(doc.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content')).toBe("default-src 'none'; style-src 'unsafe-inline'");
    expect(REPORT_CSP).toBe("default-src 'none'; style-src 'unsafe-inline'");
    expect(file.text).not.toMatch(/<script/i);
    expect(doc.querySelectorAll('script, iframe, object, embed, img, link, base, form, frame, svg').length).toBe(0);
    for (const element of doc.querySelectorAll('*')) {
      for (const attribute of element.getAttributeNames()) expect(attribute).not.toMatch(/^on|^src$|^srcset$/);
    }
    for (const a of doc.querySelectorAll('a')) expect(a.getAttribute('href')).toMatch(/^https:\/\//);
    const style = doc.querySelector('style')!.textContent!;
    expect(style).not.toMatch(/url\(|@import/);
  });

  it('is ready to print: page breaks before the big sections, quotes and rows kept whole', () => {
    const style = doc.querySelector('style')!.textContent!;
    expect(style).toMatch(/@media print \{[^]*h2\.section \{ break-before: page;/);
    expect(style).toMatch(/blockquote, \.citation, tr, dl \{ break-inside: avoid;/);
    expect(texts(doc.querySelectorAll('h2.section'))).toEqual(['Claims by proposition', 'Competing hypotheses', 'Appendix: sources']);
  });

  it('says what the Markdown brief says: the same headings and the same quotes', () => {
    const markdown = writeMarkdownBrief(ctx()).text;
    expect(texts(doc.querySelectorAll('h1, h2, h3, h4, h5')).map((t) => t)).toEqual(headings(markdown).map((h) => h.text));
    expect(texts(doc.querySelectorAll('blockquote'))).toEqual(blockQuotes(markdown));
    expect(doc.title).toBe('Munitions to Russia');
  });

  it('quotes excerpts exactly and cites source, publisher, date, page and reliability', () => {
    const quotes = [...doc.querySelectorAll('blockquote')];
    const accusation = quotes.find((q) => q.textContent === ACCUSATION_PASSAGE)!;
    expect(accusation.nextElementSibling!.textContent).toBe(
      `Source S1: ${WIRE_REPORT.title}, Northwind Wire, 2023-10-14. Reliability B (Usually reliable). Relation: supports, strong. Rationale: The report quotes the accusation directly.`,
    );
    expect(accusation.nextElementSibling!.querySelector('cite')!.textContent).toBe(WIRE_REPORT.title);
    const freight = quotes.filter((q) => q.textContent === FREIGHT_PASSAGE);
    expect(freight.map((q) => q.nextElementSibling!.textContent)).toEqual([
      `Source S2: ${STUDY.title}, Open Freight Monitor, 2023-10-02, p. 2. Reliability C (Fairly reliable). Relation: supports, moderate. Rationale: Independent count of freight cars.`,
      `Source S2: ${STUDY.title}, Open Freight Monitor, 2023-10-02, p. 2. Reliability C (Fairly reliable). Relation: refutes, moderate. Rationale: The rail traffic is there.`,
    ]);
  });

  it('shows the claim fields, the contradiction and the matrix with its totals', () => {
    const claim = [...doc.querySelectorAll('section.claim')].find((s) => s.querySelector('h4')!.textContent!.includes('1,000 containers'))!;
    const fields = Object.fromEntries([...claim.querySelectorAll('dt')].map((dt) => [dt.textContent, dt.nextElementSibling!.textContent]));
    expect(fields).toMatchObject({
      Claimant: 'South Korean defence ministry',
      Attribution: 'Northwind Wire → Officials in Seoul → Chloé Han (reported)',
      Credibility: '2 (Probably true). Consistent with the rail traffic the Open Freight Monitor counted.',
      Assessment: 'Likely (55–80%), moderate confidence, basis: reported',
    });
    expect(doc.querySelector('p.contradicted')!.textContent).toBe('Contradicted. 2 claims assert it, 1 claim denies it.');
    const table = doc.querySelector('table')!;
    expect(texts(table.querySelectorAll('thead th'))).toEqual(['Evidence', 'Kind', 'From', 'Relevance', 'Credibility', 'Weight', 'Diagnosticity', 'H1', 'H2']);
    expect([...table.querySelectorAll('tbody tr')].map((tr) => texts(tr.querySelectorAll('td')).slice(-2))).toEqual([
      ['C', 'I'],
      ['CC', 'I'],
      ['CC', 'II'],
      ['I', 'C'],
    ]);
    expect([...table.querySelectorAll('tfoot tr')].map((tr) => texts(tr.querySelectorAll('th, td')))).toEqual([
      ['Inconsistency', '1', '4'],
      ['Weighted inconsistency', '0.5', '6.24'],
      ['Unrated', '0', '0'],
    ]);
    expect(table.querySelector('abbr')!.getAttribute('title')).toBe('Consistent');
  });

  it('leaves out everything in the trash', () => {
    for (const gone of [TRASHED.claim, TRASHED.sourceTitle, TRASHED.excerpt, TRASHED.wireExcerpt]) expect(file.text).not.toContain(gone);
  });
});

describe('the HTML report of hostile strings', () => {
  const example = hostileExample();
  const file = writeHtmlReport(ctx(example));
  const doc = parse(file.text);

  it('escapes them: no element, attribute or link comes from the notebook', () => {
    expect(htmlEscape(`<a href="x" onclick='y'>&amp;</a>`)).toBe('&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;');
    expect(file.text).not.toMatch(/<script|<img|<div/i);
    expect(doc.querySelectorAll('script, img, div').length).toBe(0);
    for (const element of doc.querySelectorAll('*')) for (const attribute of element.getAttributeNames()) expect(attribute).not.toMatch(/^on/);
    expect([...doc.querySelectorAll('a')].map((a) => a.getAttribute('href'))).toEqual(['https://northwind-wire.example/world/asia/2023/10/14/korea-russia-arms', 'https://freight-monitor.example/reports/tumangang-2023']);
  });

  it('shows them as text, exactly', () => {
    expect(doc.title).toBe(HOSTILE);
    expect(doc.querySelector('h1')!.textContent).toBe(HOSTILE);
    expect(texts(doc.querySelectorAll('h3'))).toContain(`Proposition: ${HOSTILE}`);
    expect(texts(doc.querySelectorAll('blockquote'))).toContain(HOSTILE_LINES);
    expect(doc.querySelector('header p')!.textContent).toContain(`by ${HOSTILE}.`);
    const source = [...doc.querySelectorAll('h3')].find((h) => h.textContent === `S3: ${HOSTILE}`)!;
    const fields = Object.fromEntries([...source.nextElementSibling!.querySelectorAll('dt')].map((dt) => [dt.textContent, dt.nextElementSibling!.textContent]));
    expect(fields).toMatchObject({ URL: 'javascript:alert(1)', Notes: HOSTILE_LINES, Publisher: HOSTILE });
  });
});
