import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cutSnippet, SNIPPET_LENGTH, termMatcher } from '../../../../notebook/common/search/snippet.js';
import { foldTerm } from '../../../../notebook/common/search/words.js';

const shown = (text: string, terms: string[]) => {
  const { snippet } = cutSnippet(text, new Set(terms));
  return { ...snippet, marked: snippet.marks.map(([a, b]) => snippet.text.slice(a, b)) };
};

describe('cutSnippet', () => {
  it('shows a short text whole with every matching word marked', () => {
    expect(shown('Artillery shells, more artillery.', ['artillery'])).toMatchObject({
      text: 'Artillery shells, more artillery.',
      marked: ['Artillery', 'artillery'],
      cutStart: false,
      cutEnd: false,
    });
  });

  it('marks the words of a prefix that matched many terms as surely as those of a few', () => {
    // A prefix such as "ship" matches many terms of a large index: all are marked, none else.
    const terms = ['shipment', 'shipments', 'shipped', 'shipper', 'shipping', 'ships', 'shipyard', 'shipwreck', 'shipboard', 'shipload', 'shipmaster', 'shipowner'];
    const text = 'The shipper said shipments left the shipyard; the ship itself, Shipboard crews and a shipwreck.';
    expect(shown(text, terms).marked).toEqual(['shipper', 'shipments', 'shipyard', 'Shipboard', 'shipwreck']);
    expect(shown(text, terms.slice(0, 3)).marked).toEqual(['shipments']);
  });

  it('cuts a long text around the first match, at spaces, with marks on the words', () => {
    const text = `${'Lorem ipsum dolor sit amet. '.repeat(10)}The depot at Wonsan holds shells. ${'Consectetur adipiscing elit. '.repeat(10)}`;
    const s = shown(text, ['wonsan', 'shells']);
    expect(s.cutStart).toBe(true);
    expect(s.cutEnd).toBe(true);
    expect(s.text.length).toBeLessThanOrEqual(SNIPPET_LENGTH);
    expect(s.marked).toEqual(['Wonsan', 'shells']);
    expect(s.text.startsWith(' ')).toBe(false);
    expect(text).toContain(s.text);
  });

  it('never splits an emoji, and marks stay on the words after emoji', () => {
    const text = `${'🙂'.repeat(100)} the word here ${'🙂'.repeat(100)}`;
    const s = shown(text, ['word']);
    expect(s.marked).toEqual(['word']);
    expect(s.text).toMatch(/^(\p{Extended_Pictographic}| |\w)+$/u);
    expect(s.text).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
  });

  it('shows line breaks as spaces without moving the marks', () => {
    expect(shown('First line\nsecond line', ['second'])).toMatchObject({ text: 'First line second line', marked: ['second'] });
  });

  it('shows the beginning, unmarked, when no word matches', () => {
    const text = 'x '.repeat(200);
    const s = shown(text, ['absent']);
    expect(s.marks).toEqual([]);
    expect(s.cutStart).toBe(false);
    expect(s.cutEnd).toBe(true);
  });

  it('merges the overlapping pairs of a word in a script without spaces into one mark', () => {
    expect(shown('朝鲜向俄罗斯提供', ['俄罗', '罗斯']).marked).toEqual(['俄罗斯']);
  });

  it('marks the words of a prefix whose terms are too many for one RegExp', () => {
    // A two-letter prefix of a large index expands to hundreds of terms: the scan reads every word.
    const terms = Array.from({ length: 300 }, (_, i) => `sh${i.toString(36)}x`).concat(['shipment']);
    expect(shown('Lorem ipsum. The shipment left. Dolor sit amet.', terms).marked).toEqual(['shipment']);
  });

  it('finds the same first match and marks when it skips ahead as when it reads every word', () => {
    // The scan starts at the first place a term could be (found by a RegExp); words that fold to a
    // term from letters the RegExp does not spell (ß, marks, other scripts) must not be skipped.
    const vocabulary = ['cafe', 'Café', 'CAFÉ', 'cafe\u0301s', 'cafes', 'strasse', 'Straße', 'STRASSE', 'naïve', 'NAIVE', 'Łódź', 'lodz', 'ſtar', 'star', 'Ωmega', 'ωμέγα', '平壌', 'Pyongyang平壌', '“quoted”', '—', 'it’s', 'K\u212a', 'kk', '🙂', 'x9', 'X9', 'décafé', 'ascafe'];
    const word = fc.constantFrom(...vocabulary);
    const filler = fc.constantFrom('lorem', 'ipsum', 'dolor', 'sit', 'amet', 'Consectetur');
    const text = fc.array(fc.oneof(word, filler, filler), { minLength: 1, maxLength: 120 }).map((ws) => ws.join(' '));
    const terms = fc.uniqueArray(word.map(foldTerm), { minLength: 1, maxLength: 4 });
    fc.assert(
      fc.property(text, terms, (t, ts) => {
        const matcher = termMatcher(ts);
        const everyWord = cutSnippet(t, { ...matcher, find: null, scanAll: true });
        expect(cutSnippet(t, matcher)).toEqual(everyWord);
      }),
      { numRuns: 500 },
    );
  });
});
