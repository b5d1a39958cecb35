import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TermIndex, type Expansion } from '../../../../notebook/common/search/term-index.js';
import { termsOf } from '../../../../notebook/common/search/words.js';

// Two fields, weighed as a title and a body are.
const BOOST = [3, 1];

type Doc = [title: string, body: string];

/** What match() gives, as [document, score] sorted by document. */
function matches(index: TermIndex, words: string[], prefix = false): [number, number][] {
  const expansions = words.map((w) => index.expand(w, { prefix, typos: 0 }));
  const out: [number, number][] = [];
  index.match(expansions, BOOST, (doc, _kind, score) => out.push([doc, score]));
  return out.sort((a, b) => a[0] - b[0]);
}

/**
 * The same answer worked out the slow way, to check the index against: every document holding
 * every word, scored by BM25+ as term-index.ts documents it (k 1.2, b 0.7, d 0.5; a field's length
 * is its distinct terms; idf from the live documents holding the term in that field).
 */
function oracle(docs: (Doc | null)[], words: string[]): [number, number][] {
  const live = docs.flatMap((d, n) => (d ? [{ n, fields: d.map((f) => termsOf(f)) }] : []));
  const average = [0, 1].map((f) => {
    const lengths = live.map((d) => new Set(d.fields[f]).size).filter((l) => l > 0);
    return lengths.reduce((a, b) => a + b, 0) / lengths.length;
  });
  const out: [number, number][] = [];
  for (const d of live) {
    if (!words.every((w) => d.fields.some((f) => f.includes(w)))) continue;
    let score = 0;
    for (const w of words) {
      for (const f of [0, 1]) {
        const tf = d.fields[f]!.filter((t) => t === w).length;
        if (!tf) continue;
        const df = live.filter((o) => o.fields[f]!.includes(w)).length;
        const idf = Math.log(1 + (live.length - df + 0.5) / (df + 0.5));
        const length = new Set(d.fields[f]).size;
        score += BOOST[f]! * idf * (0.5 + (tf * 2.2) / (tf + 1.2 * (1 - 0.7 + (0.7 * length) / average[f]!)));
      }
    }
    out.push([d.n, score]);
  }
  return out;
}

function expectClose(actual: [number, number][], expected: [number, number][]): void {
  expect(actual.map(([d]) => d)).toEqual(expected.map(([d]) => d));
  actual.forEach(([, score], i) => expect(score).toBeCloseTo(expected[i]![1], 9));
}

const WORDS = ['rail', 'port', 'shells', 'convoy', 'depot', 'rajin', 'wonsan', 'artillery'];
const arbDoc = fc.tuple(fc.array(fc.constantFrom(...WORDS), { maxLength: 4 }), fc.array(fc.constantFrom(...WORDS), { maxLength: 12 })).map(([t, b]) => [t.join(' '), b.join(' ')] as Doc);

describe('TermIndex', () => {
  it('finds and scores as BM25+ over the live documents, however its postings are cut into segments', () => {
    fc.assert(
      fc.property(
        fc.array(arbDoc, { minLength: 1, maxLength: 40 }),
        fc.array(fc.boolean(), { maxLength: 40 }),
        fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 3 }),
        (docs, queryAfter, words) => {
          const index = new TermIndex(2);
          docs.forEach((d, n) => {
            expect(index.add(1, d)).toBe(n);
            // A query between additions makes the postings so far a segment; segments merge as they grow.
            if (queryAfter[n]) matches(index, ['rail']);
          });
          expectClose(matches(index, words), oracle(docs, words));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('looks a word that matches many documents up per candidate, with the same result as reading it through', () => {
    const index = new TermIndex(2);
    const docs: Doc[] = [];
    for (let n = 0; n < 400; n++) docs.push([n % 100 === 7 ? 'wonsan depot' : 'depot', `rail ${n % 3 ? 'port' : 'convoy'}`]);
    for (const d of docs) index.add(1, d);
    // "wonsan" is in 4 documents, "depot" in all 400: the second is sought, not read.
    expectClose(matches(index, ['wonsan', 'depot']), oracle(docs, ['wonsan', 'depot']));
    expectClose(matches(index, ['depot', 'convoy', 'wonsan']), oracle(docs, ['depot', 'convoy', 'wonsan']));
  });

  it('never matches a removed document, and after a sweep numbers the rest afresh with the same scores', () => {
    fc.assert(
      fc.property(fc.array(arbDoc, { minLength: 1, maxLength: 30 }), fc.array(fc.boolean(), { maxLength: 30 }), fc.constantFrom(...WORDS), (docs, removed, word) => {
        const index = new TermIndex(2);
        docs.forEach((d) => index.add(1, d));
        matches(index, [word]);
        const kept = docs.map((d, n) => (removed[n] ? null : d));
        kept.forEach((d, n) => d === null && index.remove(n));
        expect(matches(index, [word]).map(([d]) => d)).toEqual(oracle(kept, [word]).map(([d]) => d));
        const renumber = index.sweep();
        const survivors = kept.filter((d): d is Doc => d !== null);
        let next = 0;
        expect([...renumber]).toEqual(kept.map((d) => (d ? next++ : -1)));
        expect(index.size).toBe(survivors.length);
        expectClose(matches(index, [word]), oracle(survivors, [word]));
        // Numbers go on from where the sweep left them.
        expect(index.add(1, ['rail', ''])).toBe(survivors.length);
      }),
      { numRuns: 100 },
    );
  });

  it('completes a word from its beginning and forgives typos, each weighed less than the word itself', () => {
    const index = new TermIndex(2);
    index.add(1, ['artillery', '']);
    index.add(1, ['artil', '']);
    index.add(1, ['artilery', '']);
    const weights = (e: Expansion[]) => Object.fromEntries(e.map((x) => [x.term, Number(x.weight.toFixed(3))]));
    // Prefix: 0.375 × n / (n + 0.3 × letters added); typo: 0.45 × n / (n + edits).
    expect(weights(index.expand('artil', { prefix: true, typos: 0 }))).toEqual({ artil: 1, artillery: 0.331, artilery: 0.337 });
    expect(weights(index.expand('artillery', { prefix: false, typos: 2 }))).toEqual({ artillery: 1, artilery: 0.4 });
    expect(index.expand('artillery', { prefix: false, typos: 0 }).map((e) => e.term)).toEqual(['artillery']);
  });

  it('counts a word repeated in a field once for the field length and often for its weight', () => {
    const index = new TermIndex(2);
    index.add(1, ['', 'rail rail rail port']);
    index.add(1, ['', 'rail port convoy depot']);
    const [thrice, once] = matches(index, ['rail']).map(([, score]) => score);
    expect(thrice).toBeGreaterThan(once!);
    expectClose(matches(index, ['rail']), oracle([['', 'rail rail rail port'], ['', 'rail port convoy depot']], ['rail']));
  });

  it('keeps the terms of any script apart, whatever their hash', () => {
    const index = new TermIndex(1);
    const words = Array.from({ length: 5000 }, (_, i) => `w${i.toString(36)}`);
    words.forEach((w) => index.add(1, [w]));
    index.add(1, ['Chloé Straße Москва 俄罗斯']);
    expect(index.terms).toBe(5000 + 5);
    for (const [i, w] of words.entries()) if (i % 97 === 0) expect(matches(index, [w]).map(([d]) => d)).toEqual([i]);
    expect(matches(index, ['chloe', 'strasse', 'москва', '俄罗', '罗斯']).map(([d]) => d)).toEqual([5000]);
  });
});
