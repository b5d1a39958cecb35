// What the merge, import and settings dialogs say and send: counts and fields in the analyst's
// words, Merge held back until every conflict has a choice, one settings operation with only what changed.
import { describe, expect, it } from 'vitest';
import type { KindCounts, MergeConflict, MergeResult } from '../../../notebook/common/api.js';
import { emptyNotebook } from '../../../notebook/common/model.js';
import {
  annotationOutcome,
  chooseAll,
  cslOutcome,
  describeCounts,
  describeFields,
  everyConflictChosen,
  formatInstant,
  mergeOutcome,
  newer,
  previewOf,
  settingsOperation,
  settingsProblem,
} from '../../../renderer/src/exchange/exchange-model.js';

const counts = (some: Partial<KindCounts>): KindCounts => ({ source: 0, excerpt: 0, claim: 0, link: 0, entity: 0, proposition: 0, question: 0, hypothesis: 0, ...some });

const conflict = (id: string, mine: string, theirs: string): MergeConflict => ({
  kind: 'claim',
  id,
  label: 'North Korea has shipped weapons to Russia.',
  fields: ['credibility'],
  mineUpdatedAt: mine,
  theirsUpdatedAt: theirs,
});

describe('counts and fields in words', () => {
  it('names each kind with its count, in the model’s order, and says nothing when there is nothing', () => {
    expect(describeCounts(counts({ claim: 3, source: 1, entity: 1 }))).toBe('1 source, 3 claims and 1 entity');
    expect(describeCounts(counts({ hypothesis: 2 }))).toBe('2 hypotheses');
    expect(describeCounts(counts({}))).toBe('nothing');
  });

  it('calls fields what the analyst calls them', () => {
    expect(describeFields(['credibility'])).toBe('credibility');
    expect(describeFields(['claimantId', 'claimedAt', 'deletedAt'])).toBe('claimant, date claimed and in the trash or not');
    expect(describeFields(['fromId', 'fromKind'])).toBe('from');
    expect(describeFields(['parentSourceId', 'someNewField'])).toBe('reported source and some new field');
  });

  it('shows both dates in UTC to the minute, and says which copy is newer', () => {
    expect(formatInstant('2023-11-02T08:05:09.000Z')).toBe('2 Nov 2023, 08:05 UTC');
    expect(newer(conflict('a', '2023-11-02T08:00:00.000Z', '2023-11-05T08:00:00.000Z'))).toBe('theirs');
    expect(newer(conflict('a', '2023-11-06T08:00:00.000Z', '2023-11-05T08:00:00.000Z'))).toBe('mine');
    expect(newer(conflict('a', '2023-11-05T08:00:00.000Z', '2023-11-05T08:00:00.000Z'))).toBeNull();
  });
});

describe('merge choices', () => {
  const conflicts = [conflict('a', '2023-01-01T00:00:00.000Z', '2023-01-02T00:00:00.000Z'), conflict('b', '2023-01-01T00:00:00.000Z', '2023-01-02T00:00:00.000Z')];

  it('holds Merge back until every conflict has a choice', () => {
    expect(everyConflictChosen(conflicts, {})).toBe(false);
    expect(everyConflictChosen(conflicts, { a: 'mine' })).toBe(false);
    expect(everyConflictChosen(conflicts, { a: 'mine', b: 'theirs' })).toBe(true);
    expect(everyConflictChosen([], {})).toBe(true);
  });

  it('chooses the same for all at once', () => {
    expect(chooseAll(conflicts, 'theirs')).toEqual({ a: 'theirs', b: 'theirs' });
    expect(everyConflictChosen(conflicts, chooseAll(conflicts, 'mine'))).toBe(true);
  });

  it('says what the merge did, and when it did nothing', () => {
    const applied = { seq: 4, op: { type: 'batch' as const, label: 'import bundle', ops: [] }, canUndo: true, canRedo: false };
    const result: MergeResult = { added: counts({ claim: 2, entity: 1 }), skipped: counts({ source: 1, excerpt: 5 }), conflicts, applied };
    expect(mergeOutcome(result, { a: 'theirs', b: 'mine' })).toBe('Merged the bundle: added 2 claims and 1 entity; 6 already here; took 1 of theirs, kept 1 of yours.');
    expect(mergeOutcome({ ...result, added: counts({}), conflicts: [], applied: null }, {})).toBe('Nothing to merge: all 6 objects of the bundle are already in this notebook.');
  });
});

describe('import outcomes', () => {
  it('counts the excerpts, the fuzzy ones among them, and the orphans', () => {
    expect(annotationOutcome({ anchored: 3, fuzzy: 1, skipped: 2, orphaned: [{ ref: '#4', exact: 'x', reason: 'not found' }], applied: null })).toBe(
      '3 excerpts added (1 by fuzzy quote match); 2 already here; 1 annotation could not be anchored.',
    );
    expect(cslOutcome({ updated: 1, unmatched: ['A report'], applied: null })).toBe('Updated the details of 1 source; 1 item matched no source.');
    expect(cslOutcome({ updated: 0, unmatched: [], applied: null })).toBe('No source was updated.');
  });
});

describe('settingsProblem', () => {
  const draft = { name: 'Korea', organisation: '', publicationUrl: '', notes: '' };
  it('takes an empty publication page or a web address, and names the field when it is neither', () => {
    expect(settingsProblem(draft)).toBeNull();
    expect(settingsProblem({ ...draft, publicationUrl: ' https://harbour.example/checks ' })).toBeNull();
    expect(settingsProblem({ ...draft, publicationUrl: 'javascript:alert(1)' })).toMatch(/^Publication page must be a web address/);
    expect(settingsProblem({ ...draft, publicationUrl: 'harbour.example' })).toMatch(/not “harbour\.example”/);
  });
});

describe('settingsOperation', () => {
  const nb = emptyNotebook('01890000-0000-7000-8000-000000000001', 'Korea', '2023-10-15T09:00:00.000Z');

  it('sets only what changed, the name and organisation trimmed, the note as typed', () => {
    expect(settingsOperation(nb, { name: ' Korea ', organisation: '  Harbour Analysis Group ', publicationUrl: '', notes: '' })).toEqual({
      type: 'settings',
      set: { organisation: 'Harbour Analysis Group' },
    });
    expect(settingsOperation(nb, { name: 'Korea brief', organisation: '', publicationUrl: '', notes: '# Aim\n\nThe rail data. ' })).toEqual({
      type: 'settings',
      set: { name: 'Korea brief', notes: '# Aim\n\nThe rail data. ' },
    });
  });

  it('is null when nothing changed, so saving writes nothing and adds no undo step', () => {
    expect(settingsOperation(nb, { name: 'Korea', organisation: '', publicationUrl: '', notes: '' })).toBeNull();
  });
});

describe('previewOf', () => {
  it('keeps a short text whole and cuts a long one without splitting a surrogate pair', () => {
    expect(previewOf('short', 10)).toEqual({ text: 'short', cut: false });
    expect(previewOf('abcd😠efg', 5)).toEqual({ text: 'abcd', cut: true });
    expect(previewOf('abcdefg', 5)).toEqual({ text: 'abcde', cut: true });
  });
});
