// The tag field's suggestions and the library's tag filter choices.
import { describe, expect, it } from 'vitest';
import { apply } from '../../../notebook/common/operations.js';
import { countsText, suggestTags, tagFilterChoices } from '../../../renderer/src/tags/tag-suggest.js';
import { NotebookBuilder } from '../notebook/notebook-builder.js';

const ALL = ['korea', 'logistics', 'logistics/rail', 'weapons', 'weapons/artillery', 'weapons/missiles'];

describe('suggestTags', () => {
  it('offers tags that start with what is typed first, then a level that does, then any that contain it', () => {
    expect(suggestTags(ALL, 'we', [])).toEqual(['weapons', 'weapons/artillery', 'weapons/missiles']);
    expect(suggestTags(ALL, 'ra', [])).toEqual(['logistics/rail']);
    expect(suggestTags(['artillery', 'weapons/artillery', 'heavy artillery'], 'art', [])).toEqual(['artillery', 'weapons/artillery', 'heavy artillery']);
    expect(suggestTags(ALL, 'ISTIC', [])).toEqual(['logistics', 'logistics/rail']);
  });

  it('reads what is typed as a tag would read, ignoring case and spaces around levels', () => {
    expect(suggestTags(ALL, ' Weapons / Art', [])).toEqual(['weapons/artillery']);
  });

  it('leaves out the tags the object has, and lists everything in tree order when nothing is typed', () => {
    expect(suggestTags(ALL, '', ['korea', 'weapons'])).toEqual(['logistics', 'logistics/rail', 'weapons/artillery', 'weapons/missiles']);
    expect(suggestTags(ALL, 'w', [], 2)).toEqual(['weapons', 'weapons/artillery']);
    expect(suggestTags(ALL, 'zzz', [])).toEqual([]);
  });
});

describe('tagFilterChoices', () => {
  it('lists every tag and parent with how many live objects are under it, and keeps a chosen tag nobody carries', () => {
    const b = new NotebookBuilder();
    const source = b.source('Wire report');
    const excerpt = b.excerpt(source, 'shells');
    const claim = b.claim('Shells were shipped.');
    apply(b.nb, { type: 'update', kind: 'excerpt', id: excerpt, set: { tags: ['weapons/artillery'] }, unset: [] });
    apply(b.nb, { type: 'update', kind: 'claim', id: claim, set: { tags: ['weapons'] }, unset: [] });
    expect(tagFilterChoices(b.nb, '')).toEqual([
      { path: 'weapons', depth: 0, label: 'weapons (2)', detail: '1 excerpt, 1 claim' },
      { path: 'weapons/artillery', depth: 1, label: 'weapons/artillery (1)', detail: '1 excerpt' },
    ]);
    expect(tagFilterChoices(b.nb, 'people').map((c) => c.label)).toEqual(['people (0)', 'weapons (2)', 'weapons/artillery (1)']);
    expect(countsText({ counts: { source: 2, excerpt: 0, claim: 1 } })).toBe('2 sources, 1 claim');
  });
});
