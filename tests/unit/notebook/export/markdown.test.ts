import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mdBlockQuote, mdInline, mdLines, mdParagraphs, mdUrl, writeMarkdownBrief } from '../../../../notebook/common/export/markdown.js';
import { HOSTILE, HOSTILE_LINES, HOSTILE_URL, hostileExample } from './hostile-example.js';
import { blockAfterQuote, blockQuotes, decodeInline, headings, unescapedMarkup } from './markdown-reading.js';
import {
  ACCUSATION_PASSAGE,
  BUILD_UP_PASSAGE,
  CONTAINERS_PASSAGE,
  DENIAL_PASSAGE,
  EMOJI_PASSAGE,
  EXPORTED_AT,
  FREIGHT_PASSAGE,
  NOT_EVERY_PASSAGE,
  NOTEBOOK_NOTES,
  SHIPPED_PASSAGE,
  STUDY,
  TRASHED,
  WIRE_REPORT,
  runningExample,
} from './running-example.js';

const brief = (example = runningExample()) => writeMarkdownBrief({ notebook: example.notebook, files: example.files, exportedAt: EXPORTED_AT });

/** Characters that are markup somewhere in CommonMark, in every position that matters: line starts, runs, edges. */
const markupChars = fc.constantFrom(...'\\`*_[]<>#|~&;!-+=.)(:"\' \t\n\r1234567890abcé😠'.split(/(?:)/u));
const nasty = fc.string({ unit: markupChars, maxLength: 60 });

describe('escaping notebook strings for CommonMark', () => {
  it('keeps any string as one paragraph of text, exactly, with no markup', () => {
    fc.assert(
      fc.property(nasty, (s) => {
        const md = mdLines(s);
        expect(unescapedMarkup(md)).toEqual([]);
        expect(decodeInline(md)).toBe(s.replace(/\r\n?/g, '\n'));
      }),
    );
  });

  it('keeps any string on one line, its line breaks as spaces, with no markup', () => {
    fc.assert(
      fc.property(nasty, (s) => {
        const md = mdInline(s);
        expect(md).not.toMatch(/[\r\n]/);
        expect(unescapedMarkup(md)).toEqual([]);
        expect(decodeInline(md)).toBe(s.replace(/[ \t]*(?:\r\n?|\n)[ \t]*/g, ' ').trim());
      }),
    );
  });

  it('escapes what would be emphasis, code, links, HTML, tables, headings and lists', () => {
    expect(mdInline('*bold* <script> [x](javascript:alert(1)) | # 1. _')).toBe('\\*bold\\* \\<script\\> \\[x\\](javascript:alert(1)) \\| \\# 1. \\_');
    expect(mdInline('1. first')).toBe('1\\. first');
    expect(mdInline('2) second')).toBe('2\\) second');
    expect(mdInline('- item')).toBe('\\- item');
    expect(mdInline('+ item')).toBe('\\+ item');
    expect(mdInline('AT&T &amp; &#60; & co')).toBe('AT\\&T \\&amp; &\\#60; & co');
    expect(mdInline('`code` ~~gone~~')).toBe('\\`code\\` \\~\\~gone\\~\\~');
  });

  it('keeps leading spaces, blank lines and a trailing backslash of a quote as text, not as indentation or breaks', () => {
    expect(mdBlockQuote('    code?\n\n- list?\nend\\')).toBe('> &#32;&#32;&#32;&#32;code?\\\n> \\\n> \\- list?\\\n> end\\\\');
    expect(mdBlockQuote('\nstarts and ends with a line break\n')).toBe('> &#10;starts and ends with a line break&#10;');
  });

  it('splits notes into paragraphs at blank lines', () => {
    expect(mdParagraphs('one\ntwo\n\n  \n# three')).toEqual(['one\\\ntwo', '\\# three']);
    expect(mdParagraphs('  \n\n')).toEqual([]);
  });

  it('links only http(s) URLs, their destinations encoded so nothing ends them early', () => {
    expect(mdUrl('https://example.org/a(c)<d>\\e')).toBe('[https://example.org/a(c)\\<d\\>\\\\e](https://example.org/a%28c%29%3Cd%3E%5Ce)');
    expect(mdUrl('https://example.org/a b')).toBe('https://example.org/a b');
    expect(mdUrl(HOSTILE_URL)).toBe('javascript:alert(1)');
    expect(mdUrl('data:text/html,<script>')).not.toContain('](');
  });
});

describe('the Markdown brief of the running example', () => {
  it('is named for the notebook, LF-only, ends with one newline, and is the same every time', () => {
    const file = brief();
    expect(file.filename).toBe('Munitions to Russia.md');
    expect(file.mediaType).toBe('text/markdown; charset=utf-8');
    expect(file.text).not.toContain('\r');
    expect(file.text.endsWith('\n') && !file.text.endsWith('\n\n')).toBe(true);
    expect(brief().text).toBe(file.text);
  });

  it('has no raw HTML: every "<" is escaped', () => {
    const { text } = brief();
    expect(text.match(/(?<!\\)</g)).toBeNull();
  });

  it('has the title, the export date, the note, claims by proposition, the matrix and the sources, in that order', () => {
    expect(headings(brief().text)).toEqual([
      { level: 1, text: 'Munitions to Russia' },
      { level: 2, text: 'Notes' },
      { level: 2, text: 'Claims by proposition' },
      { level: 3, text: 'Proposition: North Korea is supplying munitions to Russia.' },
      { level: 4, text: 'Claim: North Korea is shipping artillery shells and missiles to Russia.' },
      { level: 5, text: 'Supporting evidence' },
      { level: 5, text: 'Other evidence' },
      { level: 4, text: 'Claim: North Korea has shipped about 1,000 containers of munitions to Russia.' },
      { level: 5, text: 'Supporting evidence' },
      { level: 5, text: 'Refuting evidence' },
      { level: 5, text: 'Other evidence' },
      { level: 4, text: 'Claim: North Korea has shipped weapons to Russia.' },
      { level: 5, text: 'Supporting evidence' },
      { level: 5, text: 'Refuting evidence' },
      { level: 3, text: 'Claims without a proposition' },
      { level: 4, text: 'Claim: The weapons tests belong to a five-year build-up plan.' },
      { level: 5, text: 'Supporting evidence' },
      { level: 2, text: 'Competing hypotheses' },
      { level: 3, text: 'Question: Is North Korea supplying Russia with munitions?' },
      { level: 2, text: 'Appendix: sources' },
      { level: 3, text: `S1: ${WIRE_REPORT.title}` },
      { level: 3, text: `S2: ${STUDY.title}` },
    ]);
    const { text } = brief();
    expect(text).toContain('\nExported 2023-10-20 12:00 UTC by Harbour Analysis Group. 2 sources · 4 claims · 1 question.\n');
    expect(decodeInline(text.split('## Notes\n\n')[1]!.split('\n\n')[0]!)).toBe(NOTEBOOK_NOTES);
  });

  it('quotes every excerpt linked as evidence exactly, once per link, in link order', () => {
    expect(blockQuotes(brief().text)).toEqual([
      ACCUSATION_PASSAGE,
      EMOJI_PASSAGE,
      CONTAINERS_PASSAGE,
      SHIPPED_PASSAGE,
      FREIGHT_PASSAGE,
      NOT_EVERY_PASSAGE,
      DENIAL_PASSAGE,
      FREIGHT_PASSAGE,
      BUILD_UP_PASSAGE,
    ]);
  });

  it('cites each quote: source number, title, publisher, date, page of a PDF, reliability with its meaning, the link', () => {
    const { text } = brief();
    expect(blockAfterQuote(text, ACCUSATION_PASSAGE)).toEqual([
      `Source S1: *${WIRE_REPORT.title}*, Northwind Wire, 2023-10-14. Reliability B (Usually reliable). Relation: supports, strong. Rationale: The report quotes the accusation directly.`,
    ]);
    expect(blockAfterQuote(text, FREIGHT_PASSAGE)).toEqual([
      `Source S2: *${STUDY.title}*, Open Freight Monitor, 2023-10-02, p. 2. Reliability C (Fairly reliable). Relation: supports, moderate. Rationale: Independent count of freight cars.`,
      `Source S2: *${STUDY.title}*, Open Freight Monitor, 2023-10-02, p. 2. Reliability C (Fairly reliable). Relation: refutes, moderate. Rationale: The rail traffic is there.`,
    ]);
    expect(blockAfterQuote(text, NOT_EVERY_PASSAGE)[0]).toContain('2023-10-02, p. 3. Reliability C');
  });

  it('gives each claim its claimant, attribution chain, polarity, date, grades and ICD 203 assessment', () => {
    const { text } = brief();
    const containers = text.split('#### Claim: North Korea has shipped about 1,000 containers of munitions to Russia.\n\n')[1]!.split('\n\n')[0]!;
    expect(containers.split('\n')).toEqual([
      '- **Claimant:** South Korean defence ministry',
      '- **Polarity:** asserts',
      '- **Attribution:** Northwind Wire → Officials in Seoul → Chloé Han (reported)',
      '- **Claimed:** 2023-10-13',
      '- **Status:** assessed',
      '- **Credibility:** 2 (Probably true). Consistent with the rail traffic the Open Freight Monitor counted.',
      '- **Assessment:** Likely (55–80%), moderate confidence, basis: reported',
      '- **Rationale:** Two independent sources agree on shipments by rail; the contents are not confirmed.',
      '- **Contradicted by:** “North Korea has shipped weapons to Russia.”; “The weapons tests belong to a five-year build-up plan.”',
      '- **Tags:** munitions, logistics/rail',
    ]);
    expect(text).toContain('- **Polarity:** denies\n');
    expect(text).toContain('- **Assessment:** Unlikely (20–45%), low confidence, basis: judgment\n');
    expect(text).toContain('\n**Contradicted.** 2 claims assert it, 1 claim denies it.\n');
    expect(text).toContain('\n**Claim by Kim Yo Jong** (asserts): “The weapons tests belong to a five-year build-up plan.” Relation: contradicts. Rationale: A build-up at home leaves nothing to ship.\n');
  });

  it('lays out the competing hypotheses as a table with totals and the least inconsistent', () => {
    const { text } = brief();
    expect(text).toContain(
      [
        '- **H1:** North Korea is supplying munitions to Russia.',
        '- **H2:** The shipments are its own five-year build-up plan.',
        '',
        '| Evidence | Kind | From | Relevance | Credibility | Weight | Diagnosticity | H1 | H2 |',
        '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
        `| E1: ${ACCUSATION_PASSAGE} | excerpt | ${WIRE_REPORT.title} | medium | high | 1.41 | 1 | C | I |`,
        `| E2: ${CONTAINERS_PASSAGE} | excerpt | ${WIRE_REPORT.title} | high | high | 2 | 1 | CC | I |`,
        `| E3: ${FREIGHT_PASSAGE} | excerpt | ${STUDY.title}, p. 2 | high | medium | 1.41 | 2 | CC | II |`,
        '| E4: North Korea has shipped weapons to Russia. | claim | Kim Yo Jong | low | low | 0.5 | 1 | I | C |',
        '| **Inconsistency** | | | | | | | 1 | 4 |',
        '| **Weighted inconsistency** | | | | | | | 0.5 | 6.24 |',
        '| **Unrated** | | | | | | | 0 | 0 |',
        '',
        '**Least inconsistent:** H1, “North Korea is supplying munitions to Russia.”',
      ].join('\n'),
    );
  });

  it('lists the sources with their grades, URLs as links, and dates with where they came from', () => {
    const appendix = brief().text.split('## Appendix: sources\n\n')[1]!;
    expect(appendix).toContain('- **URL:** [https://northwind-wire.example/world/asia/2023/10/14/korea-russia-arms](https://northwind-wire.example/world/asia/2023/10/14/korea-russia-arms)\n');
    expect(appendix).toContain('- **Published:** 2023-10-14 (metadata: JSON-LD datePublished)\n- **Accessed:** 2023-10-15 (analyst)\n');
    expect(appendix).toContain('- **Reliability:** B (Usually reliable). Established wire service; reports officials by name and agency.\n');
    expect(appendix).toContain('- **Reliability:** C (Fairly reliable).');
    expect(appendix).toContain('- **Pages:** 3 pages');
  });

  it('leaves out everything in the trash', () => {
    const { text } = brief();
    for (const gone of [TRASHED.claim, TRASHED.sourceTitle, TRASHED.excerpt, TRASHED.wireExcerpt, 'S3']) expect(text).not.toContain(gone);
    expect(text).not.toContain('paid North Korea');
  });
});

describe('the Markdown brief of hostile strings', () => {
  const { text } = brief(hostileExample());

  it('shows them as text: headings, the quote and the notes read back exactly', () => {
    const shown = headings(text).map((h) => h.text);
    expect(shown[0]).toBe(HOSTILE);
    expect(shown).toContain(`Proposition: ${HOSTILE}`);
    expect(shown).toContain(`Claim: ${HOSTILE}`);
    expect(shown).toContain(`S3: ${HOSTILE}`);
    expect(blockQuotes(text)).toContain(HOSTILE_LINES);
    expect(text).toContain(`## Notes\n\n${mdParagraphs(HOSTILE_LINES).join('\n\n')}\n\n## Claims`);
    expect(mdParagraphs(HOSTILE_LINES).map(decodeInline).join('\n\n')).toBe(HOSTILE_LINES);
  });

  it('makes no raw HTML, no link from a javascript: URL, no list, code block, heading or rule of its own', () => {
    expect(text.match(/(?<!\\)</g)).toBeNull();
    expect(text.match(/(?<!\\)\]\(javascript/)).toBeNull();
    expect(text).toContain('- **URL:** javascript:alert(1)\n');
    const lines = text.split('\n');
    // Every line is one the writer made: a heading, a field, a quote, a table row, a paragraph of its own words or of escaped text.
    for (const line of lines) expect(line).not.toMatch(/^(?: {4}|\t|```|---|===|\d+\. |\+ )/);
    expect(lines.filter((l) => /^#{1,6} /.test(l)).every((l) => !/^#{1,6} .*(?<!\\)#/.test(l))).toBe(true);
  });
});
