import { describe, expect, it } from 'vitest';
import { foldTerm, termsOf, wordsOf } from '../../../../notebook/common/search/words.js';

describe('wordsOf', () => {
  it('splits at spaces and punctuation in any spaced script, keeping each word place', () => {
    const text = 'Kim Yo-jong: «Москва» — Ελλάδα, 2024-03-05; 북한 한국';
    const words = wordsOf(text);
    expect(words.map((w) => text.slice(w.start, w.end))).toEqual(['Kim', 'Yo', 'jong', 'Москва', 'Ελλάδα', '2024', '03', '05', '북한', '한국']);
    expect(words.map((w) => w.term)).toEqual(['kim', 'yo', 'jong', 'москва', 'ελλαδα', '2024', '03', '05', '북한', '한국']);
  });

  it('keeps places right after astral characters (UTF-16 offsets)', () => {
    const text = '🇰🇵🚀 Pyongyang';
    const [word] = wordsOf(text);
    expect(text.slice(word!.start, word!.end)).toBe('Pyongyang');
    expect(word!.start).toBe(7);
  });

  it('cuts scripts without spaces into overlapping pairs, and a lone character into itself', () => {
    expect(termsOf('朝鲜向俄罗斯')).toEqual(['朝鲜', '鲜向', '向俄', '俄罗', '罗斯']);
    expect(termsOf('北 朝')).toEqual(['北', '朝']);
    // A Latin word glued to Han characters is still a word of its own.
    expect(termsOf('Pyongyang平壌')).toEqual(['pyongyang', '平壌']);
  });

  it('keeps a Thai vowel mark with its consonant in a pair', () => {
    const text = 'ส่ง';
    expect(wordsOf(text).map((w) => text.slice(w.start, w.end))).toEqual(['ส่ง']);
  });
});

describe('foldTerm', () => {
  it('drops case and diacritics, and folds letters written without their stroke by many', () => {
    expect(['Chloé', 'CHLOE', 'chloe\u0301'].map(foldTerm)).toEqual(['chloe', 'chloe', 'chloe']);
    expect(['Łódź', 'Straße', 'Øresund', 'İstanbul'].map(foldTerm)).toEqual(['lodz', 'strasse', 'oresund', 'istanbul']);
    expect(foldTerm('مُحَمَّد')).toBe('محمد');
  });

  it('keeps the vowel signs that make Devanagari words what they are', () => {
    expect(foldTerm('हिंदी')).toBe('हिंदी');
  });
});
