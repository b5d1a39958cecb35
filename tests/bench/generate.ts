// Deterministic notebooks for the benchmarks (issue 8): the same seed gives the same bytes. Writes
// a notebook folder directly (notebook.json at seq 0 and the source texts), as a notebook saved by
// Corroborate would look, far faster than going through operations. Never used by `npm test`.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe as describeRange } from '../../notebook/common/anchoring.js';
import { Claim, Entity, Excerpt, Hypothesis, Link, type Notebook, Question, RatingValue, Source, emptyNotebook, RELATIONS, SCHEMA_VERSION } from '../../notebook/common/model.js';
import { CodePointIndex } from '../../notebook/common/text.js';

export interface Scale {
  name: string;
  sources: number;
  excerpts: number;
  claims: number;
  links: number;
  entities: number;
  /** Competing-hypotheses questions, each with HYPOTHESES hypotheses rating EVIDENCE_ROWS rows of evidence. */
  questions: number;
}

const HYPOTHESES = 5;
const EVIDENCE_ROWS = 100;

/** The design target (DESIGN.md, issue 8) is the 100k row: 10,000 sources of ~5 KB, 100,000 excerpts, 40,000 claims and links. */
export const SCALES: Record<'1k' | '10k' | '100k', Scale> = {
  '1k': { name: '1k', sources: 100, excerpts: 1_000, claims: 400, links: 400, entities: 60, questions: 2 },
  '10k': { name: '10k', sources: 1_000, excerpts: 10_000, claims: 4_000, links: 4_000, entities: 300, questions: 5 },
  '100k': { name: '100k', sources: 10_000, excerpts: 100_000, claims: 40_000, links: 40_000, entities: 2_000, questions: 20 },
};

/** mulberry32: small, fast, and the same everywhere. */
export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    let t = (this.state += 0x6d2b79f5);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }
}

const SYLLABLES = ['ka', 'ro', 'mi', 'sen', 'tal', 'vo', 'dre', 'nu', 'pol', 'ash', 'ki', 'lum', 'bor', 'ets', 'gra', 'hin', 'jo', 'quar', 'zel', 'fi', 'mont', 'ré', 'ça', 'ün'];
const COMMON = ['the', 'of', 'and', 'to', 'in', 'a', 'was', 'said', 'that', 'by', 'on', 'for', 'with', 'officials', 'report', 'ministry', 'shipment', 'border', 'statement', 'weapons', 'artillery', 'rail', 'port', 'containers'];

/** A vocabulary of made-up words (some with accents), so searches can be selective or common at will. */
export function vocabulary(rng: Rng, size = 4000): string[] {
  const words = new Set<string>();
  while (words.size < size) {
    let w = '';
    const n = 2 + rng.int(3);
    for (let i = 0; i < n; i++) w += rng.pick(SYLLABLES);
    words.add(w);
  }
  return [...words];
}

/** About `bytes` of text: paragraphs of sentences, common words mixed with the vocabulary. */
export function makeText(rng: Rng, words: readonly string[], bytes: number, options: { paragraphChars?: number } = {}): string {
  const paragraphChars = options.paragraphChars ?? 600;
  const paragraphs: string[] = [];
  let total = 0;
  while (total < bytes) {
    let p = '';
    while (p.length < paragraphChars * (0.5 + rng.next())) {
      const n = 6 + rng.int(14);
      const sentence: string[] = [];
      for (let i = 0; i < n; i++) sentence.push(rng.next() < 0.45 ? rng.pick(COMMON) : rng.pick(words));
      const s = sentence.join(' ');
      p += `${s[0]!.toUpperCase()}${s.slice(1)}. `;
    }
    p = p.trimEnd();
    paragraphs.push(p);
    total += p.length + 1;
  }
  return paragraphs.join('\n');
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** A UUIDv7-shaped id from a counter: deterministic, unique, and sorted by creation like real ones. */
function idMaker(): () => string {
  let n = 0;
  return () => {
    n++;
    const hex = n.toString(16).padStart(12, '0');
    const tail = (n * 2654435761 % 0xffffffffffff).toString(16).padStart(12, '0');
    return `01941c2a-${hex.slice(0, 4)}-7${hex.slice(4, 7)}-8${hex.slice(7, 10)}-${tail}`;
  };
}

export interface Generated {
  dir: string;
  notebook: Notebook;
  /** The texts by sha256. */
  texts: Map<string, string>;
  words: string[];
}

/** Writes an empty notebook into dir (made if missing): what the app costs by itself, or a notebook to import into. */
export function writeEmptyNotebook(dir: string, name: string): void {
  fs.mkdirSync(path.join(dir, 'sources'), { recursive: true });
  const notebook = emptyNotebook('01941c2c-0000-7000-8000-000000000001', name, new Date(Date.UTC(2024, 0, 1)).toISOString());
  fs.writeFileSync(path.join(dir, 'notebook.json'), JSON.stringify({ ...notebook, schemaVersion: SCHEMA_VERSION, seq: 0 }));
}

/**
 * Writes a notebook of this scale into dir (made if missing; must be empty): sources of ~5 KB
 * each, excerpts spread over them (overlapping where they fall), claims by entities, links from
 * excerpts to claims.
 */
export function generateNotebook(dir: string, scale: Scale, seed = 1): Generated {
  const rng = new Rng(seed);
  const words = vocabulary(rng);
  const id = idMaker();
  const at = (i: number) => new Date(Date.UTC(2024, 0, 1) + i * 1000).toISOString();
  const notebook = emptyNotebook(id(), `bench ${scale.name}`, at(0));
  const texts = new Map<string, string>();
  fs.mkdirSync(path.join(dir, 'sources'), { recursive: true });

  const entities: Entity[] = [];
  for (let i = 0; i < scale.entities; i++) {
    const e = Entity.parse({ id: id(), createdAt: at(i), updatedAt: at(i), name: `${rng.pick(words)} ${rng.pick(words)}`, kind: rng.pick(['person', 'organisation', 'state', 'media outlet'] as const) });
    notebook.entities[e.id] = e;
    entities.push(e);
  }
  const sources: { source: Source; text: string; index: CodePointIndex }[] = [];
  for (let i = 0; i < scale.sources; i++) {
    const text = `${rng.pick(words)} ${i}\n${makeText(rng, words, 5000)}`;
    const sha = sha256(text);
    texts.set(sha, text);
    fs.writeFileSync(path.join(dir, 'sources', sha), text);
    const s = Source.parse({
      id: id(),
      createdAt: at(i),
      updatedAt: at(i),
      title: `${rng.pick(words)} ${rng.pick(words)} report ${i}`,
      type: 'article',
      authors: [],
      publisher: rng.pick(entities)?.name ?? '',
      language: 'en',
      url: `https://example.org/${i}`,
      dates: { published: { value: `2024-${String(1 + rng.int(12)).padStart(2, '0')}-${String(1 + rng.int(28)).padStart(2, '0')}`, from: 'analyst' } },
      reliability: { grade: rng.pick(['A', 'B', 'C', 'D', 'E', 'F'] as const), rationale: '' },
      content: { textSha256: sha, originalSha256: sha, mediaType: 'text/plain', length: [...text].length },
      tags: rng.next() < 0.3 ? [rng.pick(['weapons/artillery', 'weapons/missiles', 'logistics/rail', 'logistics/sea'])] : [],
    });
    notebook.sources[s.id] = s;
    sources.push({ source: s, text, index: new CodePointIndex(text) });
  }
  const excerpts: Excerpt[] = [];
  for (let i = 0; i < scale.excerpts; i++) {
    const { source, text, index } = sources[i % sources.length]!;
    const length = index.length;
    const start = rng.int(Math.max(1, length - 200));
    const end = Math.min(length, start + 20 + rng.int(160));
    const e = Excerpt.parse({
      id: id(),
      createdAt: at(i),
      updatedAt: at(i),
      sourceId: source.id,
      selectors: describeRange(text, { start, end }, index),
      note: rng.next() < 0.2 ? `${rng.pick(words)} ${rng.pick(words)}` : '',
    });
    notebook.excerpts[e.id] = e;
    excerpts.push(e);
  }
  const claims: Claim[] = [];
  for (let i = 0; i < scale.claims; i++) {
    const c = Claim.parse({
      id: id(),
      createdAt: at(i),
      updatedAt: at(i),
      statement: `${rng.pick(words)} ${rng.pick(COMMON)} ${rng.pick(words)} ${rng.pick(words)} ${rng.pick(COMMON)} ${rng.pick(words)}`,
      polarity: rng.next() < 0.8 ? 'asserts' : 'denies',
      claimantId: rng.pick(entities)?.id,
      credibility: { grade: rng.pick(['1', '2', '3', '4', '5', '6'] as const), rationale: '' },
      claimedAt: `2024-${String(1 + rng.int(12)).padStart(2, '0')}`,
    });
    notebook.claims[c.id] = c;
    claims.push(c);
  }
  for (let i = 0; i < scale.links; i++) {
    const l = Link.parse({ id: id(), createdAt: at(i), updatedAt: at(i), fromKind: 'excerpt', fromId: excerpts[i % excerpts.length]!.id, toKind: 'claim', toId: claims[rng.int(claims.length)]!.id, relation: rng.pick(RELATIONS) });
    notebook.links[l.id] = l;
  }
  // Last, so everything above is the same whatever the number of questions.
  for (let i = 0; i < scale.questions; i++) {
    const evidence = Array.from({ length: EVIDENCE_ROWS }, (_, r) =>
      r % 2 === 0 ? { kind: 'excerpt' as const, id: excerpts[rng.int(excerpts.length)]!.id } : { kind: 'claim' as const, id: claims[rng.int(claims.length)]!.id },
    );
    const q = Question.parse({ id: id(), createdAt: at(i), updatedAt: at(i), text: `Is ${rng.pick(words)} ${rng.pick(words)} behind ${rng.pick(words)}?`, evidence });
    notebook.questions[q.id] = q;
    for (let h = 0; h < HYPOTHESES; h++) {
      const ratings = Object.fromEntries(evidence.filter(() => rng.next() < 0.7).map((row) => [row.id, rng.pick(RatingValue.options)]));
      const hypothesis = Hypothesis.parse({ id: id(), createdAt: at(i), updatedAt: at(i), questionId: q.id, statement: `${rng.pick(words)} ${rng.pick(COMMON)} ${rng.pick(words)}`, ratings });
      notebook.hypotheses[hypothesis.id] = hypothesis;
    }
  }
  fs.writeFileSync(path.join(dir, 'notebook.json'), JSON.stringify({ ...notebook, schemaVersion: SCHEMA_VERSION, seq: 0 }));
  return { dir, notebook, texts, words };
}
