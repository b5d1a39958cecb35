// The suggester's evaluation set (tests/fixtures/suggest/): loading and checking its labels, and
// the long source made from its texts for the speed measurement. Read by `npm run eval:suggest`.
// Never changes a label: a label file that does not fit its text is an error, not a skip.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { ENTITY_KINDS } from '../../notebook/common/model.js';

export const SET_DIR = fileURLToPath(new URL('../fixtures/suggest/', import.meta.url));

/** The patterns a label may carry (README.md in the set explains each). */
export const PATTERNS = ['quote', 'according-to', 'passive', 'pronoun', 'back-reference', 'list', 'coordination', 'alias', 'continuation', 'trailing', 'parenthetical'] as const;

const Attribution = z.object({
  claimant: z.string().min(1),
  /** Other names the claimant goes by in this text, accepted as well. */
  aliases: z.array(z.string().min(1)).default([]),
  kind: z.enum(ENTITY_KINDS),
  stance: z.enum(['asserts', 'denies']),
  /** The reporting verb or phrase as written; tells hedges apart, not matched. */
  verb: z.string().min(1),
  patterns: z.array(z.enum(PATTERNS)),
  /** The sentence the attribution is in, exactly as in the text (it must occur there once). */
  sentence: z.string().min(1),
});
export type LabelledAttribution = z.infer<typeof Attribution>;

const LabelFile = z.object({
  split: z.enum(['tune', 'heldout']),
  attributions: z.array(Attribution),
  /** Sentences that look like attributions and are not. */
  none: z.array(z.string().min(1)),
  entities: z.array(z.object({ name: z.string().min(1), kind: z.enum(ENTITY_KINDS), aliases: z.array(z.string().min(1)) })),
});

export interface LabelledText {
  name: string;
  text: string;
  split: 'tune' | 'heldout';
  attributions: (LabelledAttribution & { start: number; end: number })[];
  none: { sentence: string; start: number; end: number }[];
  entities: z.infer<typeof LabelFile>['entities'];
}

/** Where `sentence` is in `text`, in UTF-16 units; throws unless it occurs exactly once. */
function locate(name: string, text: string, sentence: string): { start: number; end: number } {
  const start = text.indexOf(sentence);
  if (start < 0) throw new Error(`${name}.json: the sentence "${sentence.slice(0, 60)}…" is not in ${name}.txt`);
  if (text.indexOf(sentence, start + 1) >= 0) throw new Error(`${name}.json: the sentence "${sentence.slice(0, 60)}…" occurs more than once in ${name}.txt`);
  return { start, end: start + sentence.length };
}

/** Every labelled text of the set, in name order, labels checked against their texts. */
export function loadSet(): LabelledText[] {
  const names = fs
    .readdirSync(SET_DIR)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -'.json'.length))
    .sort();
  return names.map((name) => {
    const text = fs.readFileSync(path.join(SET_DIR, `${name}.txt`), 'utf8');
    const parsed = LabelFile.safeParse(JSON.parse(fs.readFileSync(path.join(SET_DIR, `${name}.json`), 'utf8')));
    if (!parsed.success) throw new Error(`${name}.json: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    const labels = parsed.data;
    return {
      name,
      text,
      split: labels.split,
      attributions: labels.attributions.map((a) => ({ ...a, ...locate(name, text, a.sentence) })),
      none: labels.none.map((sentence) => ({ sentence, ...locate(name, text, sentence) })),
      entities: labels.entities,
    };
  });
}

/** mulberry32: a small seeded generator, the same on every machine. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A long source made deterministically from the set's texts: round after round of them in a
 * shuffled order, each number changed, until it has at least `words` words. The rounds differ,
 * so nothing could be answered from a cache of the last round.
 */
export function longSource(set: readonly LabelledText[], words: number, seed = 20_000): string {
  const random = rng(seed);
  const parts: string[] = [];
  let count = 0;
  for (let round = 0; count < words; round++) {
    const order = [...set];
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j] as LabelledText, order[i] as LabelledText];
    }
    for (const t of order) {
      const text = t.text.replace(/\d+/g, (d) => String(Math.max(1, Math.round(Number(d) * (0.5 + random()))) + round));
      parts.push(text.trim());
      count += text.split(/\s+/).filter(Boolean).length;
      if (count >= words) break;
    }
  }
  return parts.join('\n\n');
}
