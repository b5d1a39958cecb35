import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../../../notebook/common/suggest/sentences.js';

const split = (text: string) => splitSentences(text).map((s) => text.slice(s.start, s.end));

describe('splitSentences', () => {
  it('splits at full stops, question and exclamation marks, trimming each sentence', () => {
    expect(split('  The port closed. Was it safe? Nobody knew!  ')).toEqual(['The port closed.', 'Was it safe?', 'Nobody knew!']);
  });

  it('does not split after titles, initials or abbreviations that go on in the same sentence', () => {
    expect(split('Dr. Ayesha Malik met Gen. Park and J. R. Hill in the U.S. capital. They talked.')).toEqual([
      'Dr. Ayesha Malik met Gen. Park and J. R. Hill in the U.S. capital.',
      'They talked.',
    ]);
    // …but an abbreviation before a word that starts sentences ends one.
    expect(split('Shells were shipped to the U.S. The ministry denied it.')).toEqual(['Shells were shipped to the U.S.', 'The ministry denied it.']);
    expect(split('Growth was 4.2 per cent, e.g. in March.')).toEqual(['Growth was 4.2 per cent, e.g. in March.']);
  });

  it('keeps a quotation and its attribution together when the quotation ends with a comma', () => {
    expect(split('"We came in good faith. They did not," he said. "Nobody wants that." The talks ended.')).toEqual([
      '"We came in good faith. They did not," he said.',
      '"Nobody wants that."',
      'The talks ended.',
    ]);
    expect(split('“It is over.” She left.')).toEqual(['“It is over.”', 'She left.']);
  });

  it('ends a sentence at a blank line and after a heading, and reads a wrapped line as a space', () => {
    const text = 'Short headline\nThe minister said on Tuesday that the border with its northern neighbour\nwould reopen next week because the talks had gone well enough.\n\nSecond paragraph';
    const sentences = splitSentences(text);
    expect(sentences.map((s) => text.slice(s.start, s.end))).toEqual([
      'Short headline',
      'The minister said on Tuesday that the border with its northern neighbour\nwould reopen next week because the talks had gone well enough.',
      'Second paragraph',
    ]);
    expect(sentences.map((s) => s.paragraph)).toEqual([0, 0, 1]);
  });

  it('gives UTF-16 ranges of the text itself, whatever comes before', () => {
    const text = '🇰🇷 e\u0301 One. Two.';
    for (const s of splitSentences(text)) expect(text.slice(s.start, s.end)).toMatch(/One\.|Two\.|🇰🇷/);
    expect(split(text).at(-1)).toBe('Two.');
  });

  it('leaves a news dateline out of the sentence it opens, at the start of a paragraph or a line', () => {
    const text = 'SEOUL, Jan. 5 (Wire) - Officials said so.\n\nGENEVA, May 3 — The authority said it would not. KYIV (Wire) -- Not a dateline here.\nNEW YORK (Wire) - Markets fell.';
    const got = splitSentences(text).map((s) => text.slice(s.start, s.end));
    expect(got).toEqual(['Officials said so.', 'The authority said it would not.', 'KYIV (Wire) -- Not a dateline here.', 'Markets fell.']);
    expect(splitSentences('U.S. officials said so.').map((s) => s.start)).toEqual([0]);
  });
});
