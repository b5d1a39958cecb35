// The question the desktop app asks when the OS hands it a notebook bundle: what the merge adds,
// what is already there, and what it does with the versions that differ.
import { describe, expect, it } from 'vitest';
import { countsText, mergePrompt } from '../../../electron/bundle-prompt.js';
import type { KindCounts, MergePlan } from '../../../notebook/common/api.js';

const none: KindCounts = { source: 0, excerpt: 0, claim: 0, link: 0, entity: 0, proposition: 0, question: 0, hypothesis: 0 };
const counts = (c: Partial<KindCounts>): KindCounts => ({ ...none, ...c });
const conflict = (id: string, label: string) => ({ kind: 'claim' as const, id, label, fields: ['statement'], mineUpdatedAt: '2024-01-01T00:00:00Z', theirsUpdatedAt: '2024-02-01T00:00:00Z' });

describe('countsText', () => {
  it('lists the kinds there are, in the notebook’s order', () => {
    expect(countsText(counts({ claim: 3, source: 12, excerpt: 1 }))).toBe('12 sources, 1 excerpt and 3 claims');
    expect(countsText(counts({ entity: 2 }))).toBe('2 entities');
    expect(countsText(none)).toBe('nothing');
  });
});

describe('mergePrompt', () => {
  it('asks to merge what it adds, saying what is already there', () => {
    const plan: MergePlan = { added: counts({ source: 2, claim: 5 }), skipped: counts({ entity: 3 }), conflicts: [] };
    const prompt = mergePrompt('korea.corroborate.json', 'Korea arms', plan);
    expect(prompt.message).toBe('Merge “korea.corroborate.json” into “Korea arms”?');
    expect(prompt.detail).toBe('It adds 2 sources and 5 claims. 3 objects are already in “Korea arms”. Undo takes the whole merge back.');
    expect(prompt.buttons).toEqual(['Merge', 'Cancel']);
    expect(prompt.resolutionsFor(0)).toEqual({});
    expect(prompt.resolutionsFor(prompt.cancelId)).toBeNull();
  });

  it('offers to keep every version of the notebook’s, or take every one of the bundle’s, when they differ', () => {
    const plan: MergePlan = { added: counts({ excerpt: 1 }), skipped: none, conflicts: [conflict('c1', 'North Korea ships shells'), conflict('c2', 'The tests are routine')] };
    const prompt = mergePrompt('b.corroborate.json', '', plan);
    expect(prompt.message).toBe('Merge “b.corroborate.json” into this notebook?');
    expect(prompt.detail).toContain('2 objects differ between the two (claim “North Korea ships shells”, …).');
    expect(prompt.detail).toContain('File ▸ Import notebook bundle…');
    expect(prompt.buttons).toEqual(['Merge, keeping my versions', 'Merge, taking theirs', 'Cancel']);
    expect(prompt.resolutionsFor(0)).toEqual({ c1: 'mine', c2: 'mine' });
    expect(prompt.resolutionsFor(1)).toEqual({ c1: 'theirs', c2: 'theirs' });
    expect(prompt.resolutionsFor(2)).toBeNull();
  });

  it('says there is nothing to merge when everything is already there, and merges nothing', () => {
    const prompt = mergePrompt('b.corroborate.json', 'Korea arms', { added: none, skipped: counts({ source: 1, claim: 2 }), conflicts: [] });
    expect(prompt).toMatchObject({ type: 'info', message: 'Nothing to merge from “b.corroborate.json”', buttons: ['OK'] });
    expect(prompt.detail).toBe('Everything in it is already in “Korea arms” (1 source and 2 claims).');
    expect(prompt.resolutionsFor(0)).toBeNull();
  });
});
