import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { NotebookError } from '../../../../notebook/common/errors.js';
import { extractHtml, extractMhtml, MAX_ELEMENTS } from '../../../../notebook/node/import/html.js';
import { DEFAULT_LIMITS, type ExtractedSource, type Extractor } from '../../../../notebook/node/import/types.js';

const fixture = (name: string) => new Uint8Array(readFileSync(fileURLToPath(new URL(`../../../fixtures/html/${name}`, import.meta.url))));
const read = (name: string, extractor: Extractor = name.endsWith('.mhtml') ? extractMhtml : extractHtml) => extractor({ filename: name, bytes: fixture(name) }, DEFAULT_LIMITS);
const page = (html: string, filename = 'page.html') => extractHtml({ filename, bytes: new TextEncoder().encode(html) }, DEFAULT_LIMITS);

/** The text from code point `start` on, as the reader would show it from a heading offset. */
const from = (text: string, start: number) => Array.from(text).slice(start).join('');
const headingTexts = (r: ExtractedSource) => (r.headings ?? []).map((h) => [h.level, from(r.text, h.start).split('\n')[0]]);

/** Quoted-printable as browsers write MHTML (RFC 2045 §6.7): lines of at most 76, "=" soft breaks, "=XX" for other bytes. */
function quotedPrintable(bytes: Uint8Array): string {
  const lines: string[] = [];
  let line = '';
  const put = (token: string) => {
    if (line.length + token.length > 75) {
      lines.push(`${line}=`);
      line = '';
    }
    line += token;
  };
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b === 0x0a) {
      lines.push(line);
      line = '';
    } else if ((b >= 33 && b <= 126 && b !== 61) || (b === 32 && i + 1 < bytes.length && bytes[i + 1] !== 0x0a)) {
      put(String.fromCharCode(b));
    } else {
      put(`=${b.toString(16).toUpperCase().padStart(2, '0')}`);
    }
  }
  lines.push(line);
  return lines.join('\r\n');
}

async function refusal(promise: Promise<unknown>): Promise<NotebookError> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof NotebookError) return e;
    throw e;
  }
  throw new Error('the file was accepted');
}

/** Enough article text that Readability takes the page for an article. */
const BODY = `
  <p>South Korean officials said on Friday that thousands of containers had been shipped from the port of Rajin to Russia since August, enough to hold more than a million artillery rounds.</p>
  <p>North Korea's KCNA carried a statement by Kim Yo Jong calling the accusation "the most absurd paradox" and saying the weapons tests belong to a five-year build-up plan.</p>
  <p>Russia's Defence Ministry did not respond to a request for comment on the shipments, which both governments have denied.</p>`;

describe('extractHtml: a wire report with JSON-LD, Open Graph and a byline', () => {
  it('takes title, authors, publisher, URL and language from the JSON-LD article node, following @id references', async () => {
    const r = await read('wire-report.html');
    expect(r.mediaType).toBe('text/html');
    expect(r.type).toBe('article');
    expect(r.title).toBe('U.S., South Korea accuse North Korea of shipping artillery & missiles to Russia');
    expect(r.authors).toEqual(['Hyun Ji-woo', 'Daniel Mercer']);
    expect(r.publisher).toBe('Example Wire');
    expect(r.url).toBe('https://wire.example.com/world/asia/us-south-korea-accuse-north-korea-artillery-russia-2024-01-05/');
    expect(r.language).toBe('en');
  });

  it('records the published and modified dates with where each was read', async () => {
    const r = await read('wire-report.html');
    expect(r.dates).toEqual({
      published: { value: '2024-01-05T00:12:00.000Z', detail: 'JSON-LD datePublished' },
      modified: { value: '2024-01-05T05:40:00.000Z', detail: 'JSON-LD dateModified' },
    });
    expect(r.datesFrom).toBe('metadata');
  });

  it('keeps the story as headings, paragraphs, list items and table rows', async () => {
    const r = await read('wire-report.html');
    expect(r.text.startsWith('SEOUL, Jan 5 (Example Wire) - The United States and South Korea on Friday accused North Korea')).toBe(true);
    expect(headingTexts(r)).toEqual([
      [2, 'Pyongyang denies the accusation'],
      [2, 'What officials say was shipped'],
    ]);
    const blocks = r.text.split('\n\n');
    expect(blocks).toContain('Pyongyang denies the accusation');
    expect(blocks).toContain('“We have never exported weapons to anyone and have no plan to,” the statement said.');
    expect(blocks).toContain('• 152 mm artillery shells');
    expect(blocks).toContain('• Short-range ballistic missiles');
    expect(blocks).toContain('Period | Containers');
    expect(blocks).toContain('August–October | 1,000');
    expect(blocks.at(-1)).toMatch(/^Russia's Defence Ministry did not respond/);
    expect(r.text).toContain('called the accusation “the most absurd paradox”');
  });

  it('leaves out the site menu, the advertisements, related links, the footer and the page scripts', async () => {
    const { text } = await read('wire-report.html');
    for (const boilerplate of ['Markets', 'Sport', 'ADVERTISEMENT', 'Leaderboard Mart', 'Related coverage', 'Ten recipes', 'All rights reserved', 'dataLayer', 'border: 1px']) {
      expect(text).not.toContain(boilerplate);
    }
  });
});

describe('extractHtml: metadata from other places in the page', () => {
  it('reads <meta name="author"> and the <time> elements of the byline', async () => {
    const r = await read('meta-and-time.html');
    expect(r.title).toBe('Rail traffic at the Tumen River crossing');
    expect(r.authors).toEqual(['Lee Min-seo']);
    expect(r.dates).toEqual({
      published: { value: '2024-01-03', detail: '<time datetime> in the byline' },
      modified: { value: '2024-01-04T08:30:00.000Z', detail: '<time class="updated">' },
    });
    expect(r.text).toContain('Satellite images taken over three weeks show freight trains crossing the Tumen River bridge');
    expect(r.url).toBeUndefined();
    expect(r.publisher).toBeUndefined();
  });

  it('reads citation_* tags (Google Scholar) before Open Graph and Dublin Core, and calls a technical report a report', async () => {
    const r = await read('citation-report.html');
    expect(r.type).toBe('report');
    expect(r.title).toBe('Munitions Transfers from the DPRK to Russia: An Open-Source Assessment');
    expect(r.authors).toEqual(['Park, Soo-ah', 'Okafor, Emeka']);
    expect(r.publisher).toBe('Institute for Open-Source Analysis');
    expect(r.dates?.published).toEqual({ value: '2024-01-08', detail: '<meta name="citation_publication_date">' });
    expect(r.url).toBe('https://iosa.example.org/reports/iosa-2024-01');
    expect(r.text).toContain('1. Container traffic at Rajin rose sharply from September 2023.\n\n2. Debris recovered in Ukraine');
  });

  it('reads Open Graph and article:* when there is no JSON-LD, and never takes an author page URL for an author', async () => {
    const r = await page(`<html><head>
      <meta property="og:title" content="Seoul counts containers">
      <meta property="og:site_name" content="Example Wire">
      <meta property="og:url" content="https://wire.example.com/seoul-counts">
      <meta property="og:locale" content="en_GB">
      <meta property="article:published_time" content="2024-01-05T10:00:00+09:00">
      <meta property="article:modified_time" content="not a date">
      <meta property="article:author" content="https://www.facebook.com/examplewire">
      <meta property="article:author" content="Hyun Ji-woo">
      <meta name="date" content="2023-12-01">
      <title>Other title</title></head><body><article>${BODY}</article></body></html>`);
    expect(r.title).toBe('Seoul counts containers');
    expect(r.publisher).toBe('Example Wire');
    expect(r.url).toBe('https://wire.example.com/seoul-counts');
    expect(r.language).toBe('en-GB');
    expect(r.authors).toEqual(['Hyun Ji-woo']);
    expect(r.dates).toEqual({ published: { value: '2024-01-05T01:00:00.000Z', detail: '<meta property="article:published_time">' } });
  });

  it('falls back to Dublin Core and Parse.ly tags, then <link rel=canonical> and <html lang>', async () => {
    const r = await page(`<html lang="ko-KR"><head>
      <meta name="DC.date" content="2024-01-06">
      <meta name="parsely-author" content="Kim Soo-jin">
      <meta name="dcterms.modified" content="2024-01-07T12:00:00Z">
      <link rel="canonical" href="https://news.example.kr/2024/01/06/kcna">
      <title>KCNA denies arms shipments | Example News</title></head><body><article>${BODY}</article></body></html>`);
    expect(r.dates).toEqual({
      published: { value: '2024-01-06', detail: '<meta name="dc.date">' },
      modified: { value: '2024-01-07T12:00:00.000Z', detail: '<meta name="dcterms.modified">' },
    });
    expect(r.authors).toEqual(['Kim Soo-jin']);
    expect(r.url).toBe('https://news.example.kr/2024/01/06/kcna');
    expect(r.language).toBe('ko-KR');
    expect(r.title).toBe('KCNA denies arms shipments | Example News');
  });

  it('reads a JSON-LD Report as a report and a PressRelease as a statement, with authors given as plain strings', async () => {
    const ld = (node: object) => page(`<html><head><script type="application/ld+json">${JSON.stringify(node)}</script></head><body><article>${BODY}</article></body></html>`);
    const report = await ld({ '@context': 'https://schema.org', '@type': 'Report', name: 'Arms transfers, 2023', author: 'Institute for Open-Source Analysis', datePublished: '2024-01' });
    expect(report.type).toBe('report');
    expect(report.title).toBe('Arms transfers, 2023');
    expect(report.authors).toEqual(['Institute for Open-Source Analysis']);
    expect(report.dates?.published).toEqual({ value: '2024-01', detail: 'JSON-LD datePublished' });
    const statement = await ld([{ '@type': 'WebSite', name: 'KCNA Watch' }, { '@type': ['PressRelease'], headline: 'Statement of Kim Yo Jong', author: ['KCNA', { '@type': 'Person', givenName: 'Yo Jong', familyName: 'Kim' }] }]);
    expect(statement.type).toBe('statement');
    expect(statement.title).toBe('Statement of Kim Yo Jong');
    expect(statement.authors).toEqual(['KCNA', 'Yo Jong Kim']);
  });

  it('ignores JSON-LD it cannot parse and URLs that are not absolute http(s)', async () => {
    const r = await page(`<html><head>
      <script type="application/ld+json">{ "@type": "NewsArticle", "headline": "broken", </script>
      <script type="application/ld+json">{"@type":"NewsArticle","headline":"Seoul counts containers","url":"javascript:alert(1)","mainEntityOfPage":"/relative/path"}</script>
      <meta property="og:url" content="data:text/html,hello">
      <link rel="canonical" href="https://wire.example.com/seoul-counts"></head><body><article>${BODY}</article></body></html>`);
    expect(r.title).toBe('Seoul counts containers');
    expect(r.url).toBe('https://wire.example.com/seoul-counts');
  });

  it('uses the byline Readability finds when the page names no author in its metadata', async () => {
    const r = await page(`<html><head><title>Seoul counts containers</title></head><body><article><h1>Seoul counts containers</h1><p class="byline">By Hyun Ji-woo and Daniel Mercer</p>${BODY}</article></body></html>`);
    expect(r.authors).toEqual(['Hyun Ji-woo', 'Daniel Mercer']);
    expect(r.text).not.toContain('By Hyun Ji-woo');
  });

  it('takes the title from Readability (the <title> without the site name), else the file name', async () => {
    const titled = await page(`<html><head><title>Seoul counts thousands of containers shipped to Russia - Example Wire</title></head><body><article>${BODY}</article></body></html>`);
    expect(titled.title).toBe('Seoul counts thousands of containers shipped to Russia');
    const untitled = await page(`<html><body><article>${BODY}</article></body></html>`, 'seoul-briefing.htm');
    expect(untitled.title).toBe('seoul-briefing');
    expect(untitled.dates).toBeUndefined();
    expect(untitled.datesFrom).toBeUndefined();
  });
});

describe('extractHtml: encodings', () => {
  it('reads a windows-1252 page that says so in <meta charset>: curly quotes, dashes, the euro sign', async () => {
    const r = await read('windows-1252-meta-charset.html');
    expect(r.title).toBe('KCNA: “the most absurd paradox”');
    expect(r.text).toContain('Kim Yo Jong called the accusation “the most absurd paradox” — a claim Seoul’s ministry dismissed over café talk of a €5 million deal.');
  });

  it('lets a UTF-16 byte-order mark decide over a <meta charset> that says otherwise', async () => {
    const r = await read('utf16le-bom.html');
    expect(r.title).toBe('서울 발표');
    expect(r.language).toBe('ko');
    expect(r.text).toContain('South Korean officials said thousands of containers were shipped — 컨테이너 수천 개.');
  });

  it('reads the charset of <meta http-equiv="Content-Type"> (EUC-KR)', async () => {
    const head = new TextEncoder().encode(`<html><head><meta http-equiv="Content-Type" content="text/html; charset=euc-kr"><title>`);
    const tail = new TextEncoder().encode(`</title></head><body><article>${BODY}</article></body></html>`);
    const seoulStatement = [0xbc, 0xad, 0xbf, 0xef, 0x20, 0xb9, 0xdf, 0xc7, 0xa5]; // "서울 발표" in EUC-KR
    const r = await extractHtml({ filename: 'euc-kr.html', bytes: new Uint8Array([...head, ...seoulStatement, ...tail]) }, DEFAULT_LIMITS);
    expect(r.title).toBe('서울 발표');
  });

  it('reads undeclared bytes as UTF-8 when they are valid UTF-8, else as windows-1252', async () => {
    const utf8 = await extractHtml({ filename: 'utf8.html', bytes: new TextEncoder().encode(`<title>Café “talk”</title><article>${BODY}</article>`) }, DEFAULT_LIMITS);
    expect(utf8.title).toBe('Café “talk”');
    const legacy = new Uint8Array([...new TextEncoder().encode('<title>Caf'), 0xe9, 0x20, 0x93, ...new TextEncoder().encode('talk'), 0x94, ...new TextEncoder().encode(`</title><article>${BODY}</article>`)]);
    expect((await extractHtml({ filename: 'legacy.html', bytes: legacy }, DEFAULT_LIMITS)).title).toBe('Café “talk”');
  });
});

describe('extractHtml: text structure', () => {
  it('numbers ordered lists, bullets the others, joins data cells with " | ", and keeps the lines of <pre> and of paragraphs with <br>', async () => {
    const r = await page(`<html><body><article>
      <h2>Timeline</h2>
      <p>Officials gave the following account of the shipments, which they said had continued through the winter despite repeated warnings from Washington and Seoul.</p>
      <ol start="3"><li>Containers loaded at Rajin</li><li>Ships sail to Dunai<ul><li>Some by rail instead</li></ul></li></ol>
      <dl><dt>KCNA</dt><dd>Korean Central News Agency, the state news agency of North Korea.</dd></dl>
      <figure><figcaption>Satellite image of Rajin port, 5 October 2023.</figcaption></figure>
      <blockquote>The most absurd paradox.</blockquote>
      <pre>Ship      Containers
Angara    300
Maria     250</pre>
      <p>Ministry of Foreign Affairs<br>Seoul<br>Republic of Korea</p>
      <table><tr><th>Month</th><th>Containers</th></tr><tr><td>October</td><td><b>1,000</b></td></tr></table>
      <p>${BODY}</p>
    </article></body></html>`);
    const blocks = r.text.split('\n\n');
    expect(blocks).toEqual(
      expect.arrayContaining([
        'Timeline',
        '3. Containers loaded at Rajin',
        '4. Ships sail to Dunai',
        '• Some by rail instead',
        'KCNA',
        'Korean Central News Agency, the state news agency of North Korea.',
        'Satellite image of Rajin port, 5 October 2023.',
        'The most absurd paradox.',
        'Ship Containers\nAngara 300\nMaria 250', // lines kept; TextBuilder collapses the spaces within them
        'Ministry of Foreign Affairs\nSeoul\nRepublic of Korea',
        'Month | Containers',
        'October | 1,000',
      ]),
    );
    expect(headingTexts(r)).toEqual([[2, 'Timeline']]);
  });

  it('reads <main> (or the body) the same way when Readability keeps only a sliver of the page', async () => {
    // Readability drops the headline (it repeats <title>) and the <footer>, leaving one short
    // line of a page that has far more: not an article, so the page itself is read.
    const r = await page(`<html><head><title>Shipments</title></head><body>
      <main><h1>Shipments</h1><p>Short lead.</p><footer>${'Contact the desk. Corrections policy. Careers at Example Wire. '.repeat(10)}</footer></main>
    </body></html>`);
    expect(headingTexts(r)).toEqual([[1, 'Shipments']]);
    expect(r.text).toBe('Shipments\n\nShort lead.');
  });
});

describe('extractHtml: refusals', () => {
  it('refuses a page without readable text, naming the file', async () => {
    const e = await refusal(read('no-readable-text.html'));
    expect(e.code).toBe('invalid');
    expect(e.message).toBe('no-readable-text.html has no readable text');
  });

  it('refuses a page whose text is longer than the limit, naming the file and the limit', async () => {
    const e = await refusal(extractHtml({ filename: 'long.html', bytes: new TextEncoder().encode(`<article>${BODY}</article>`) }, { ...DEFAULT_LIMITS, maxTextLength: 100 }));
    expect(e.code).toBe('invalid');
    expect(e.message).toBe('long.html: its text is longer than 100 characters, the most Corroborate imports from one file');
  });

  it(`refuses a page of more than ${MAX_ELEMENTS.toLocaleString('en')} elements before building it`, async () => {
    const e = await refusal(page('<p>x</p>'.repeat(MAX_ELEMENTS + 1), 'huge.html'));
    expect(e.code).toBe('invalid');
    expect(e.message).toMatch(/^huge\.html has more than 250,000 elements/);
  });
});

describe('extractMhtml', () => {
  it('reads the page of a quoted-printable MHTML archive, with the archived URL as its URL', async () => {
    const r = await read('kcna-statement.mhtml');
    expect(r.mediaType).toBe('multipart/related');
    expect(r.type).toBe('statement');
    expect(r.title).toBe('Kim Yo Jong: accusation of arms exports is “the most absurd paradox”');
    expect(r.authors).toEqual(['KCNA']);
    expect(r.publisher).toBe('Korea Watch Archive');
    expect(r.language).toBe('en');
    expect(r.url).toBe('https://archive.example.net/kcna/2024/01/06/statement-kim-yo-jong');
    expect(r.dates).toEqual({ published: { value: '2024-01-06', detail: 'JSON-LD datePublished' } });
    expect(r.text).toContain('Pyongyang, January 6 (KCNA) — Kim Yo Jong, vice department director of the Central Committee of the Workers’ Party of Korea');
    expect(r.text).toContain('Our weapons tests are part of the five-year plan for the development of defence science and weapon systems');
    expect(r.text).not.toContain('font-family'); // the style sheet part
  });

  it('gives the same source for a page saved as MHTML as for the page itself (a quoted-printable round trip)', async () => {
    const html = fixture('wire-report.html');
    const archive = [
      'From: <Saved by Blink>',
      'MIME-Version: 1.0',
      'Content-Type: multipart/related;',
      '\ttype="text/html";',
      '\tboundary="----MultipartBoundary--roundTrip----"',
      '',
      '------MultipartBoundary--roundTrip----',
      'Content-Type: text/html',
      'Content-Transfer-Encoding: quoted-printable',
      'Content-Location: https://wire.example.com/saved-copy',
      '',
      quotedPrintable(html),
      '------MultipartBoundary--roundTrip------',
      '',
    ].join('\r\n');
    const fromArchive = await extractMhtml({ filename: 'wire-report.mhtml', bytes: new TextEncoder().encode(archive) }, DEFAULT_LIMITS);
    const fromPage = await read('wire-report.html');
    expect(archive).toContain('charset=3D"utf-8"'); // the page really went through the encoding,
    expect(archive).toMatch(/=\r\n/); // soft line breaks included
    expect({ ...fromArchive, mediaType: 'text/html' }).toEqual(fromPage);
    expect(fromArchive.mediaType).toBe('multipart/related');
  });

  const mhtml = (parts: string[], head = 'multipart/related; type="text/html"; boundary="=_b"') =>
    extractMhtml(
      { filename: 'saved.mht', bytes: new TextEncoder().encode([`MIME-Version: 1.0`, `Content-Location: https://archive.example.net/outer`, `Content-Type: ${head}`, '', ...parts.flatMap((p) => ['--=_b', p]), '--=_b--', ''].join('\r\n')) },
      DEFAULT_LIMITS,
    );
  const base64Part = (html: string, type = 'text/html; charset=utf-8', extra = '') =>
    `Content-Type: ${type}\r\nContent-Transfer-Encoding: base64\r\n${extra}\r\n${Buffer.from(html).toString('base64').replace(/.{76}/g, '$&\r\n')}`;

  it('reads a base64 part, the root named by "start", and prefers the page’s canonical URL to the archive’s', async () => {
    const r = await mhtml(
      [
        'Content-Type: text/css\r\nContent-Location: https://archive.example.net/style.css\r\n\r\nbody { color: red }',
        base64Part('<html><head><title>Not the root</title></head><body><p>A frame.</p></body></html>', 'text/html', 'Content-ID: <frame@x>\r\n'),
        base64Part(`<html><head><title>Seoul counts containers</title><link rel="canonical" href="https://wire.example.com/seoul"></head><body><article>${BODY}</article></body></html>`, 'text/html; charset=utf-8', 'Content-ID: <root@x>\r\n'),
      ],
      'multipart/related; type="text/html"; start="<root@x>"; boundary="=_b"',
    );
    expect(r.title).toBe('Seoul counts containers');
    expect(r.url).toBe('https://wire.example.com/seoul');
    expect(r.text).toContain('the most absurd paradox');
  });

  it('decodes a part by the charset its Content-Type names', async () => {
    const html = `<title>Caf\u00e9</title><article>${BODY}</article>`;
    const latin1 = Buffer.from(html, 'latin1').toString('base64');
    const r = await mhtml([`Content-Type: text/html; charset=iso-8859-1\r\nContent-Transfer-Encoding: base64\r\n\r\n${latin1}`]);
    expect(r.title).toBe('Café');
    expect(r.url).toBe('https://archive.example.net/outer');
  });

  it.each([
    ['no MIME headers', new TextEncoder().encode('<html><body>just a page</body></html>'), 'it does not begin with MIME headers'],
    ['no boundary', new TextEncoder().encode('MIME-Version: 1.0\r\nContent-Type: multipart/related; type="text/html"\r\n\r\n--x\r\n\r\nhi\r\n--x--'), 'its multipart/related Content-Type names no boundary'],
    ['no part at the boundary', new TextEncoder().encode('MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="abc"\r\n\r\n--other\r\nContent-Type: text/html\r\n\r\n<p>hi</p>\r\n--other--'), 'no part begins with its boundary "abc"'],
    ['no web page in it', new TextEncoder().encode('MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="abc"\r\n\r\n--abc\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n--abc--'), 'no part of it is a web page (text/html)'],
    ['an unknown transfer encoding', new TextEncoder().encode('MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="abc"\r\n\r\n--abc\r\nContent-Type: text/html\r\nContent-Transfer-Encoding: x-uuencode\r\n\r\nbegin 644 page.html\r\n--abc--'), 'its web page part uses the unknown transfer encoding "x-uuencode"'],
    ['damaged base64', new TextEncoder().encode('MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="abc"\r\n\r\n--abc\r\nContent-Type: text/html\r\nContent-Transfer-Encoding: base64\r\n\r\nPGh0bWw+*#!\r\n--abc--'), 'its web page part is damaged base64'],
  ])('refuses an archive with %s, saying why', async (_, bytes, reason) => {
    const e = await refusal(extractMhtml({ filename: 'saved.mhtml', bytes }, DEFAULT_LIMITS));
    expect(e.code).toBe('invalid');
    expect(e.message).toBe(`saved.mhtml is not a readable MHTML archive (${reason})`);
  });
});
