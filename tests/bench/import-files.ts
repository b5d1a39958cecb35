// The import bench's files (issue 8): 200 of them, a quarter each plain text, saved web page, PDF
// and Word document, 2–50 KB as analysts' downloads come, made from a seed (the same bytes every
// run) with the fixture generators the tests use. Each text is its own, so none is a duplicate.
import fs from 'node:fs';
import path from 'node:path';
import { docx } from '../fixtures/generate/docx.js';
import { textPdf } from '../fixtures/generate/pdf.js';
import { makeText, Rng, vocabulary } from './generate.js';

export type ImportKind = 'txt' | 'html' | 'pdf' | 'docx';
export const KINDS: readonly ImportKind[] = ['txt', 'html', 'pdf', 'docx'];

export interface ImportFile {
  path: string;
  kind: ImportKind;
  bytes: number;
  title: string;
}

/** Characters of text a PDF page holds comfortably (A4, Helvetica 11 pt, paragraphs of some 500). */
const PDF_PAGE_CHARS = 2200;

/**
 * How much text makes a file of about `bytes` (measured on these generators): markup takes some of
 * a page's bytes, a PDF's content streams are compressed, and a .docx is a zip with some 3.5 KB of
 * parts around the text.
 */
function textChars(kind: ImportKind, bytes: number): number {
  if (kind === 'docx') return Math.max(600, (bytes - 3500) * 3);
  return bytes * { txt: 0.97, html: 0.9, pdf: 1.05 }[kind];
}

function html(title: string, paragraphs: readonly string[], i: number): string {
  const body = paragraphs.map((p, k) => (k > 0 && k % 5 === 0 ? `<h2>${p.slice(0, p.indexOf(' ', 30))}</h2>\n<p>${p}</p>` : `<p>${p}</p>`)).join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${title} | Harbour Times</title>
<meta property="og:title" content="${title}">
<meta property="og:site_name" content="Harbour Times">
<meta property="article:published_time" content="2023-${String(1 + (i % 12)).padStart(2, '0')}-1${i % 10}T09:00:00Z">
<link rel="canonical" href="https://harbour-times.example/2023/${i}">
</head>
<body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/asia">Asia</a></nav>
<article>
<h1>${title}</h1>
<p class="byline">By Mina Park</p>
${body}
</article>
<footer>© Harbour Times</footer>
</body>
</html>
`;
}

/** Paragraphs of about 500 characters, on pages that hold them. */
function pages(paragraphs: readonly string[]): string[][] {
  const out: string[][] = [[]];
  let size = 0;
  for (const p of paragraphs) {
    if (size + p.length > PDF_PAGE_CHARS && out.at(-1)!.length) {
      out.push([]);
      size = 0;
    }
    out.at(-1)!.push(p);
    size += p.length;
  }
  return out;
}

/** Writes `count` files into dir (made if missing), in a mixed order: txt, html, pdf, docx, txt, … */
export async function writeImportFiles(dir: string, count = 200, seed = 9): Promise<ImportFile[]> {
  fs.mkdirSync(dir, { recursive: true });
  const rng = new Rng(seed);
  const words = vocabulary(rng, 3000);
  const files: ImportFile[] = [];
  for (let i = 0; i < count; i++) {
    const kind = KINDS[i % KINDS.length]!;
    // File sizes spread over 2–50 KB, small ones commoner (as downloads are).
    const target = 2000 + Math.floor(48_000 * rng.next() ** 1.6);
    const title = `${words[i]!.replace(/^./, (c) => c.toUpperCase())} ${rng.pick(words)} report ${i + 1}`;
    const text = makeText(rng, words, textChars(kind, target), { paragraphChars: 500 });
    const paragraphs = text.split('\n');
    let bytes: Uint8Array | string;
    if (kind === 'txt') bytes = `${title}\n\n${paragraphs.join('\n\n')}\n`;
    else if (kind === 'html') bytes = html(title, paragraphs, i);
    else if (kind === 'pdf') bytes = await textPdf({ title, author: 'Lee Soo-jin', creationDate: `D:2024${String(1 + (i % 12)).padStart(2, '0')}12`, pages: pages(paragraphs) });
    else bytes = await docx({ title, creator: 'Ji-ho Kim', created: `2023-${String(1 + (i % 12)).padStart(2, '0')}-02T08:00:00Z`, blocks: [{ heading: title, level: 1 }, ...paragraphs.map((p) => ({ paragraph: p }))] });
    const file = path.join(dir, `${String(i + 1).padStart(3, '0')} ${title}.${kind}`);
    fs.writeFileSync(file, bytes);
    files.push({ path: file, kind, bytes: fs.statSync(file).size, title });
  }
  return files;
}
