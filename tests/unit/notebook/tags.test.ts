// Tags: what can be a tag, the tree with its counts, hierarchical matching, the operations (each
// one undo step), and which colour a tag or an excerpt's highlight takes.
import { describe, expect, it } from 'vitest';
import { NotebookError } from '../../../notebook/common/errors.js';
import { apply } from '../../../notebook/common/operations.js';
import {
  addTagOp,
  hasTagUnder,
  normaliseTag,
  removeTagOp,
  renameTag,
  setTagColorOp,
  sourcesUnderTag,
  tagPaths,
  tagProblem,
  tagTree,
  type TagNode,
} from '../../../notebook/common/tags.js';
import { highlightColorOf, tagColorOf } from '../../../renderer/src/tags/tag-colors.js';
import { NotebookBuilder } from './notebook-builder.js';

const AT = '2026-03-01T12:00:00.000Z';

/** A notebook with the tags of the running example: a report tagged "korea", an excerpt tagged weapons/artillery, a claim tagged weapons. */
function example() {
  const b = new NotebookBuilder();
  const report = b.source('Wire report');
  const statement = b.source('Ministry statement');
  const shells = b.excerpt(report, 'artillery shells and missiles', 10);
  const rail = b.excerpt(report, 'shipped by rail', 60);
  const accusation = b.claim('North Korea ships shells to Russia.');
  const denial = b.claim('North Korea ships nothing.', { polarity: 'denies' });
  const tag = (kind: 'source' | 'excerpt' | 'claim', id: string, ...tags: string[]) => apply(b.nb, { type: 'update', kind, id, set: { tags }, unset: [] });
  tag('source', report, 'korea');
  tag('excerpt', shells, 'weapons/artillery', 'weapons');
  tag('excerpt', rail, 'logistics/rail');
  tag('claim', accusation, 'weapons');
  return { b, nb: b.nb, report, statement, shells, rail, accusation, denial };
}

const byPath = (nodes: TagNode[]) => Object.fromEntries(nodes.map((n) => [n.path, n]));

describe('normaliseTag', () => {
  it('trims each level and collapses repeated or stray slashes', () => {
    expect(normaliseTag(' weapons // artillery/ ')).toBe('weapons/artillery');
    expect(normaliseTag('/logistics/')).toBe('logistics');
    expect(normaliseTag('Seoul  officials')).toBe('Seoul  officials');
  });

  it('refuses what cannot be a tag, saying why', () => {
    const refused = (raw: string) => {
      try {
        normaliseTag(raw);
      } catch (e) {
        expect(e).toBeInstanceOf(NotebookError);
        expect((e as NotebookError).code).toBe('invalid');
        return (e as NotebookError).message;
      }
      throw new Error(`"${raw}" was accepted`);
    };
    expect(refused('   ')).toBe('Tag: A tag needs a name');
    expect(refused(' / / ')).toMatch(/has no name between its slashes/);
    expect(refused('weapons\nartillery')).toMatch(/no line breaks/);
    expect(refused('weapons, artillery')).toMatch(/comma, which separates tags/);
    expect(refused('x'.repeat(201))).toMatch(/at most 200 characters; this one has 201/);
    expect(tagProblem('x'.repeat(200))).toBeNull();
  });
});

describe('hierarchy', () => {
  it('lists a tag with every path above it', () => {
    expect(tagPaths('a/b/c')).toEqual(['a', 'a/b', 'a/b/c']);
  });

  it('finds objects under a tag by whole levels only', () => {
    expect(hasTagUnder(['weapons/artillery'], 'weapons')).toBe(true);
    expect(hasTagUnder(['weapons'], 'weapons')).toBe(true);
    expect(hasTagUnder(['weapons'], 'weapons/artillery')).toBe(false);
    expect(hasTagUnder(['weaponsmith'], 'weapons')).toBe(false);
    expect(hasTagUnder([], 'weapons')).toBe(false);
  });
});

describe('tagTree', () => {
  it('has every tag in use and its parents, in tree order, with counts per kind counting each object once', () => {
    const { nb } = example();
    const tree = tagTree(nb);
    expect(tree.map((n) => n.path)).toEqual(['korea', 'logistics', 'logistics/rail', 'weapons', 'weapons/artillery']);
    const nodes = byPath(tree);
    // The excerpt tagged both weapons and weapons/artillery counts once under weapons.
    expect(nodes.weapons!.counts).toEqual({ source: 0, excerpt: 1, claim: 1 });
    expect(nodes.weapons!.own).toEqual({ source: 0, excerpt: 1, claim: 1 });
    expect(nodes['weapons/artillery']).toMatchObject({ name: 'artillery', depth: 1, parent: 'weapons', counts: { source: 0, excerpt: 1, claim: 0 } });
    // A parent nobody tags directly is there for its child, with the child's objects.
    expect(nodes.logistics).toMatchObject({ depth: 0, parent: null, counts: { excerpt: 1 }, own: { excerpt: 0 } });
    expect(nodes.korea!.counts).toEqual({ source: 1, excerpt: 0, claim: 0 });
  });

  it('counts only live objects: the trash, and excerpts of a source in the trash, are left out', () => {
    const { b, nb, accusation, report } = example();
    b.trash('claim', accusation);
    expect(byPath(tagTree(nb)).weapons!.counts).toEqual({ source: 0, excerpt: 1, claim: 0 });
    b.trash('source', report);
    expect(tagTree(nb)).toEqual([]);
  });

  it('keeps a place for paths asked for that nothing carries, such as a coloured tag no longer used', () => {
    const { nb } = example();
    const nodes = byPath(tagTree(nb, ['people/officials']));
    expect(nodes.people!.counts).toEqual({ source: 0, excerpt: 0, claim: 0 });
    expect(nodes['people/officials']!.parent).toBe('people');
  });

  it('sorts siblings by name without case, parents right before their children', () => {
    const b = new NotebookBuilder();
    const claim = b.claim('A claim.');
    apply(b.nb, { type: 'update', kind: 'claim', id: claim, set: { tags: ['b', 'A/z', 'a b', 'A/c'] }, unset: [] });
    expect(tagTree(b.nb).map((n) => n.path)).toEqual(['A', 'A/c', 'A/z', 'a b', 'b']);
  });
});

describe('sourcesUnderTag', () => {
  it('finds sources tagged so, and with excerpts also those holding a tagged excerpt', () => {
    const { nb, report, statement } = example();
    expect([...sourcesUnderTag(nb, 'weapons', false)]).toEqual([]);
    expect([...sourcesUnderTag(nb, 'weapons', true)]).toEqual([report]);
    expect([...sourcesUnderTag(nb, 'korea', true)]).toEqual([report]);
    expect(sourcesUnderTag(nb, 'korea', true).has(statement)).toBe(false);
  });
});

describe('operations', () => {
  it('adds a tag, normalised, as one update that undo takes back, and does nothing twice', () => {
    const { nb, denial } = example();
    const before = structuredClone(nb.claims[denial]);
    const op = addTagOp(nb, 'claim', denial, ' weapons / artillery ', AT)!;
    const inverse = apply(nb, op);
    expect(nb.claims[denial]!.tags).toEqual(['weapons/artillery']);
    expect(nb.claims[denial]!.updatedAt).toBe(AT);
    expect(addTagOp(nb, 'claim', denial, 'weapons/artillery', AT)).toBeNull();
    apply(nb, inverse);
    expect(nb.claims[denial]).toEqual(before);
  });

  it('refuses a tag that cannot be one, and an object that has the most tags already', () => {
    const { nb, denial } = example();
    expect(() => addTagOp(nb, 'claim', denial, ' // ', AT)).toThrow(/no name between its slashes/);
    apply(nb, { type: 'update', kind: 'claim', id: denial, set: { tags: Array.from({ length: 200 }, (_, i) => `t${i}`) }, unset: [] });
    expect(() => addTagOp(nb, 'claim', denial, 'one more', AT)).toThrow(/at most 200 tags/);
  });

  it('removes a tag and keeps the others in order; null when the object does not have it', () => {
    const { nb, shells } = example();
    apply(nb, removeTagOp(nb, 'excerpt', shells, 'weapons/artillery', AT)!);
    expect(nb.excerpts[shells]!.tags).toEqual(['weapons']);
    expect(removeTagOp(nb, 'excerpt', shells, 'weapons/artillery', AT)).toBeNull();
  });

  it('sets and clears a colour by replacing the whole map, which undo restores exactly', () => {
    const { nb } = example();
    apply(nb, setTagColorOp(nb, 'korea', 'green')!);
    const inverse = apply(nb, setTagColorOp(nb, 'weapons', 'red')!);
    expect(nb.settings.tagColors).toEqual({ korea: 'green', weapons: 'red' });
    expect(setTagColorOp(nb, 'weapons', 'red')).toBeNull();
    apply(nb, inverse);
    expect(nb.settings.tagColors).toEqual({ korea: 'green' });
    apply(nb, setTagColorOp(nb, 'korea', null)!);
    expect(nb.settings.tagColors).toEqual({});
    expect(setTagColorOp(nb, 'korea', null)).toBeNull();
  });

  it('renames a tag and the tags below it everywhere, trash included, with their colours, as one undo step', () => {
    const { b, nb, shells, accusation, rail } = example();
    b.trash('claim', accusation);
    apply(nb, setTagColorOp(nb, 'weapons', 'red')!);
    apply(nb, setTagColorOp(nb, 'weapons/artillery', 'orange')!);
    const before = structuredClone(nb);
    const rename = renameTag(nb, 'weapons', ' arms ', AT);
    expect(rename).toMatchObject({ from: 'weapons', to: 'arms', objects: 2 });
    const inverse = apply(nb, rename.op!);
    expect(nb.excerpts[shells]!.tags).toEqual(['arms/artillery', 'arms']);
    expect(nb.claims[accusation]!.tags).toEqual(['arms']);
    expect(nb.excerpts[rail]!.tags).toEqual(['logistics/rail']);
    expect(nb.settings.tagColors).toEqual({ arms: 'red', 'arms/artillery': 'orange' });
    apply(nb, inverse);
    expect(nb).toEqual(before);
  });

  it('merges into an existing tag: an object keeps it once, and the colour the target has wins', () => {
    const { nb, shells } = example();
    apply(nb, setTagColorOp(nb, 'weapons', 'red')!);
    apply(nb, setTagColorOp(nb, 'weapons/artillery', 'orange')!);
    apply(nb, renameTag(nb, 'weapons/artillery', 'weapons', AT).op!);
    expect(nb.excerpts[shells]!.tags).toEqual(['weapons']);
    expect(nb.settings.tagColors).toEqual({ weapons: 'red' });
  });

  it('refuses to move a tag under itself, and has nothing to do for a tag nobody carries', () => {
    const { nb } = example();
    expect(() => renameTag(nb, 'weapons', 'weapons/old', AT)).toThrow(/cannot move under itself/);
    expect(renameTag(nb, 'nothing', 'else', AT)).toMatchObject({ op: null, objects: 0 });
    expect(renameTag(nb, 'weapons', 'weapons', AT).op).toBeNull();
  });
});

describe('colours (tag-colors.ts)', () => {
  it('gives a tag its own colour, else its nearest coloured parent’s, else none', () => {
    const colors = { weapons: 'red', 'weapons/artillery/shells': 'yellow', 'bogus/x': 'not-a-colour' };
    expect(tagColorOf(colors, 'weapons')).toBe('red');
    expect(tagColorOf(colors, 'weapons/artillery')).toBe('red');
    expect(tagColorOf(colors, 'weapons/artillery/shells')).toBe('yellow');
    expect(tagColorOf(colors, 'weaponsmith')).toBeNull();
    // A colour this version does not know is no colour.
    expect(tagColorOf(colors, 'bogus/x')).toBeNull();
  });

  it('paints an excerpt in the colour of its first coloured tag, else its own colour', () => {
    const { nb, shells, rail } = example();
    expect(highlightColorOf(nb, nb.excerpts[shells]!)).toBeNull();
    apply(nb, setTagColorOp(nb, 'weapons', 'red')!);
    expect(highlightColorOf(nb, nb.excerpts[shells]!)).toBe('red');
    apply(nb, { type: 'update', kind: 'excerpt', id: rail, set: { color: 'blue' }, unset: [] });
    expect(highlightColorOf(nb, nb.excerpts[rail]!)).toBe('blue');
    apply(nb, setTagColorOp(nb, 'logistics', 'green')!);
    expect(highlightColorOf(nb, nb.excerpts[rail]!)).toBe('green');
  });
});
