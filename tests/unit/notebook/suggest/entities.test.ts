import { describe, expect, it } from 'vitest';
import { buildEntities, normaliseName, type NameUse } from '../../../../notebook/common/suggest/entities.js';
import type { Named } from '../../../../notebook/common/suggest/noun-phrases.js';

/** A name found at `start` of `text`, as the rules report it. */
function use(text: string, name: string, kind: Named['kind'], from = 0, extra: Partial<Named> = {}): NameUse {
  const start = text.indexOf(extra.surface ?? name, from);
  const surface = extra.surface ?? name;
  return { mention: true, named: { name, surface, kind, start, end: start + surface.length, roles: [], gender: null, plural: false, proper: true, quantifier: null, acronym: null, ...extra } };
}

describe('normaliseName', () => {
  it('compares names without case, dots, a leading "the", an honorific or a possessive', () => {
    expect(normaliseName('The U.S.')).toBe('us');
    expect(normaliseName('Dr. Ayesha  Malik')).toBe('ayesha malik');
    expect(normaliseName("Meridian's")).toBe('meridian');
    expect(normaliseName('Ｋｉｍ')).toBe('kim'); // NFKC folds full-width letters
  });
});

describe('buildEntities', () => {
  it('merges a name, its short forms and its acronym, and counts every mention', () => {
    const text = 'The World Anti-Doping Agency (WADA) said so. Dana Whitlock agreed. WADA and Whitlock later met.';
    const uses = [
      use(text, 'World Anti-Doping Agency', 'organisation', 0, { acronym: 'WADA' }),
      use(text, 'Dana Whitlock', 'person'),
      use(text, 'WADA', 'organisation', 60),
      use(text, 'Whitlock', 'person', 60),
    ];
    const { list } = buildEntities(text, uses, []);
    expect(list.map((e) => [e.name, e.aliases, e.mentions])).toEqual([
      ['World Anti-Doping Agency', ['WADA'], 2],
      ['Dana Whitlock', ['Whitlock'], 2],
    ]);
  });

  it('gives a surname shared by two people to the one named last before it', () => {
    const text = 'Kim Yo Jong spoke. Then Kim Jong Un spoke. Kim later left.';
    const uses = [use(text, 'Kim Yo Jong', 'person'), use(text, 'Kim Jong Un', 'person'), use(text, 'Kim', 'person', 40)];
    const { list } = buildEntities(text, uses, []);
    expect(list.find((e) => e.name === 'Kim Jong Un')?.aliases).toEqual(['Kim']);
    expect(list.find((e) => e.name === 'Kim Yo Jong')?.aliases).toEqual([]);
  });

  it('drops a tentative name that is no short form of another, and keeps stable keys in reading order', () => {
    const text = 'Corvexa was tested. Brennan Pharma said so. Brennan agreed.';
    const uses = [use(text, 'Corvexa', 'organisation', 0, { tentative: true }), use(text, 'Brennan Pharma', 'organisation'), use(text, 'Brennan', 'organisation', 40, { tentative: true })];
    const { list } = buildEntities(text, uses, []);
    expect(list.map((e) => [e.key, e.name, e.aliases])).toEqual([['brennan-pharma', 'Brennan Pharma', ['Brennan']]]);
  });
});
