// The reader bench's notebook (issue 8): a 1 MB source with 2,000 overlapping excerpts, and a short
// source beside it (the baseline, and the one shown first), written straight to a notebook folder
// from a seed, as generate.ts does. Never used by `npm test`.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe as describeRange } from '../../notebook/common/anchoring.js';
import { Excerpt, SCHEMA_VERSION, Source, emptyNotebook, type Notebook } from '../../notebook/common/model.js';
import { CodePointIndex } from '../../notebook/common/text.js';
import { makeText, Rng, vocabulary } from './generate.js';

export const BIG_TITLE = 'Rail logistics log, 2023 (1 MB)';
export const SHORT_TITLE = 'A short note on the border crossing';
export const EXCERPTS = 2000;

export interface ReaderNotebook {
  bigId: string;
  shortId: string;
  /** The 1 MB text. */
  text: string;
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * About a million characters as analysts' long sources come: paragraphs of some 600 characters,
 * with every 97th a very long one (40,000 characters without a line break, which the reader
 * cuts into blocks).
 */
export function bigText(rng: Rng, words: readonly string[]): string {
  const parts: string[] = [];
  let length = 0;
  for (let k = 0; length < 1_000_000; k++) {
    const p = k % 97 === 96 ? makeText(rng, words, 40_000, { paragraphChars: 40_000 }) : makeText(rng, words, 600);
    parts.push(p);
    length += p.length + 1;
  }
  return parts.join('\n');
}

export function generateReaderNotebook(dir: string, seed = 5): ReaderNotebook {
  const rng = new Rng(seed);
  const words = vocabulary(rng);
  const text = bigText(rng, words);
  const short = 'Trains crossed at Tumangang on 28 September.\nNothing else was seen at the border that week.';
  let n = 0;
  const id = () => {
    n++;
    return `01941c2b-${n.toString(16).padStart(4, '0')}-7000-8000-${(n * 2654435761).toString(16).padStart(12, '0').slice(-12)}`;
  };
  const at = (i: number) => new Date(Date.UTC(2024, 0, 1) + i * 1000).toISOString();
  const notebook: Notebook = emptyNotebook(id(), 'bench reader', at(0));
  fs.mkdirSync(path.join(dir, 'sources'), { recursive: true });
  const addSource = (title: string, body: string, i: number): Source => {
    const sha = sha256(body);
    fs.writeFileSync(path.join(dir, 'sources', sha), body);
    const s = Source.parse({
      id: id(),
      createdAt: at(i),
      updatedAt: at(i),
      title,
      content: { textSha256: sha, originalSha256: sha, mediaType: 'text/plain', length: [...body].length },
    });
    notebook.sources[s.id] = s;
    return s;
  };
  // The short source is the newer one: the app opens on it, and the bench then chooses the big one.
  const big = addSource(BIG_TITLE, text, 1);
  const small = addSource(SHORT_TITLE, short, 2);

  const index = new CodePointIndex(text);
  const wordStart = (cp: number) => {
    let u = index.toUtf16(cp);
    while (u < text.length && text[u - 1] !== ' ' && text[u - 1] !== '\n') u++;
    return index.toCodePoint(u);
  };
  let made = 0;
  const create = (start: number, end: number) => {
    const e = Excerpt.parse({ id: id(), createdAt: at(10 + made), updatedAt: at(10 + made), sourceId: big.id, selectors: describeRange(text, { start, end: Math.min(end, index.length) }, index) });
    notebook.excerpts[e.id] = e;
    made++;
  };
  // Two overlapping at the very top, so the first screen always has highlights to paint.
  create(0, 60);
  create(wordStart(30), wordStart(30) + 80);
  // The rest in overlapping pairs (the second starts halfway through the first), anywhere.
  while (made < EXCERPTS) {
    const start = wordStart(rng.int(index.length - 2000));
    const first = 20 + rng.int(300);
    create(start, start + first);
    const next = wordStart(start + Math.floor(first / 2));
    create(next, next + 20 + rng.int(300));
  }
  fs.writeFileSync(path.join(dir, 'notebook.json'), JSON.stringify({ ...notebook, schemaVersion: SCHEMA_VERSION, seq: 0 }));
  return { bigId: big.id, shortId: small.id, text };
}
