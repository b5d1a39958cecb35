// The files the import stories hand to the app, written by these tests: a web page saved from a
// browser (with JSON-LD, Open Graph and some hostile markup), a three-page PDF report and Word
// minutes, each with its metadata, and the passage an analyst excerpts from it.
import { docx } from '../fixtures/generate/docx.js';
import { textPdf } from '../fixtures/generate/pdf.js';

export const WEB_PAGE = {
  fileName: 'rail-freight-tumangang.html',
  title: 'Rail freight to Tumangang doubled in September, satellite images show',
  authors: ['Mina Park', 'Tomás Ortega'],
  publisher: 'Harbour Times',
  /** JSON-LD datePublished; the page's article:published_time says a day later, and loses. */
  published: '2023-10-11',
  publishedFrom: "from the page's JSON-LD datePublished",
  url: 'https://harbour-times.example/2023/10/rail-freight-tumangang',
  headings: ['Wagons counted from orbit', 'What the wagons carry'],
  passage: '212 covered wagons in the yard on 28 September',
} as const;

/**
 * The saved page. Everything hostile in it points at `canary` (an origin the test listens on):
 * a script that would rename the window, call fetch and alert; an external script and style
 * sheet; an image whose onerror would run; a javascript: link; an iframe; a meta refresh. None of
 * it may run or load, in the app's page or in the host that reads the file.
 */
export function webPage(canary: string): string {
  const jsonLd = {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: WEB_PAGE.title,
    datePublished: WEB_PAGE.published,
    dateModified: '2023-10-13',
    author: WEB_PAGE.authors.map((name) => ({ '@type': 'Person', name })),
    publisher: { '@type': 'Organization', name: WEB_PAGE.publisher },
    mainEntityOfPage: WEB_PAGE.url,
  };
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="refresh" content="0; url=${canary}/refresh">
<title>Rail freight | Harbour Times</title>
<link rel="canonical" href="${WEB_PAGE.url}">
<link rel="stylesheet" href="${canary}/style.css">
<meta property="og:title" content="${WEB_PAGE.title}">
<meta property="og:site_name" content="${WEB_PAGE.publisher}">
<meta property="og:type" content="article">
<meta property="article:published_time" content="2023-10-12T09:00:00Z">
<script type="application/ld+json">${JSON.stringify(jsonLd)}</script>
<script src="${canary}/tracker.js"></script>
<script>document.title = 'Hijacked by the page'; fetch('${canary}/fetch'); alert('the page ran a script');</script>
</head>
<body onload="alert('onload ran')">
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article>
<h1>${WEB_PAGE.title}</h1>
<p class="byline">By ${WEB_PAGE.authors.join(' and ')}</p>
<p>Commercial satellite images of the Tumangang rail yard, on the border with Russia, show twice as many freight wagons in September as in any month of the previous year, according to an analysis by the Harbour Times.</p>
<h2>${WEB_PAGE.headings[0]}</h2>
<p>Analysts counted ${WEB_PAGE.passage}, against an average of 96 over the preceding twelve months. <img src="${canary}/pixel.png" onerror="document.title = 'Hijacked by onerror'; alert('onerror ran')" alt=""></p>
<p>The line runs from the port of Rajin through Tumangang to Khasan, the only rail crossing between the two countries.</p>
<h2>${WEB_PAGE.headings[1]}</h2>
<p>The images cannot show what the wagons carry. South Korean officials have said the shipments include artillery shells; North Korea denies sending any weapons.</p>
<p><a href="javascript:alert(document.cookie)">Download the wagon counts</a> as a spreadsheet from the newsroom's data desk.</p>
<iframe src="${canary}/frame.html" title="Related video"></iframe>
</article>
<script>fetch('${canary}/late-fetch').then(() => { document.title = 'Hijacked late'; });</script>
</body>
</html>
`;
}

export const PDF_REPORT = {
  fileName: 'rajin-container-traffic-2023.pdf',
  title: 'Container traffic through Rajin port, 2023',
  authors: ['Lee Soo-jin', 'Daniel Brandt'],
  published: '2024-03-12',
  publishedFrom: "from the PDF's info CreationDate (when the file was made, taken as published)",
  pages: 3,
  /** On page 2. */
  passage: 'an estimated 4,300 containers in 2023',
} as const;

export function pdfReport(): Promise<Uint8Array> {
  return textPdf({
    title: PDF_REPORT.title,
    author: PDF_REPORT.authors.join('; '),
    creationDate: 'D:20240312',
    pages: [
      [
        PDF_REPORT.title,
        'This report estimates the container traffic handled by the port of Rajin between January and December 2023, from shipping records and satellite imagery.',
      ],
      ['Findings', `Rajin handled ${PDF_REPORT.passage}, up from 1,100 the year before.`, 'Most of the increase came after August, when rail shipments to the border began.'],
      ['Method', 'Containers were counted on cloud-free images taken at least once a week.'],
    ],
  });
}

export const WORD_MINUTES = {
  fileName: 'Rason briefing minutes.docx',
  title: 'Minutes: briefing on the Rason shipments',
  authors: ['Ji-ho Kim', 'Regional Desk'],
  publisher: 'Northwind Analysis Unit',
  published: '2023-11-02',
  publishedFrom: "from the document's dcterms:created",
  headings: ['Briefing on the Rason shipments', 'Discussion'],
  passage: 'three vessels loaded containers at Rason',
} as const;

export function wordMinutes(): Promise<Uint8Array> {
  return docx({
    title: WORD_MINUTES.title,
    creator: WORD_MINUTES.authors.join('; '),
    created: WORD_MINUTES.published,
    company: WORD_MINUTES.publisher,
    blocks: [
      { heading: WORD_MINUTES.headings[0], level: 1 },
      { paragraph: 'Present: the regional desk and two guests from the shipping registry.' },
      { heading: WORD_MINUTES.headings[1], level: 2 },
      { paragraph: `The registry confirmed that ${WORD_MINUTES.passage} in the first week of October.` },
      { paragraph: 'The desk will compare the registry data with the satellite counts before the next briefing.' },
    ],
  });
}
