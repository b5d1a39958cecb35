// How the trash dialog words things: when, what went along, what comes back.
import { describe, expect, it } from 'vitest';
import type { TrashItem } from '../../../notebook/common/trash.js';
import { countsText, needsText, restoredMessage, shortLabel, trashedWhen } from '../../../renderer/src/trash/trash-format.js';

/** Local times, so the expectations hold in any time zone. */
const local = (y: number, m: number, d: number, h = 12, min = 0) => new Date(y, m - 1, d, h, min);
const iso = (date: Date) => date.toISOString();

describe('trashedWhen', () => {
  const now = local(2026, 6, 10, 15, 30);
  it.each([
    [local(2026, 6, 10, 15, 29), 'trashed 1 minute ago'],
    [new Date(now.getTime() - 20_000), 'trashed just now'],
    [local(2026, 6, 10, 15, 5), 'trashed 25 minutes ago'],
    [local(2026, 6, 10, 9, 7), 'trashed today at 09:07'],
    [local(2026, 6, 9, 22, 45), 'trashed yesterday at 22:45'],
    [local(2026, 3, 3, 8, 0), 'trashed on 3 Mar'],
    [local(2025, 12, 24, 8, 0), 'trashed on 24 Dec 2025'],
  ])('%s → %s', (at, expected) => {
    expect(trashedWhen(iso(at), now)).toBe(expected);
  });
});

describe('countsText', () => {
  it('names each kind with its count, in the trash order, joined as a sentence', () => {
    expect(countsText({})).toBe('');
    expect(countsText({ excerpt: 1 })).toBe('1 excerpt');
    expect(countsText({ link: 3, excerpt: 12 })).toBe('12 excerpts and 3 links');
    expect(countsText({ hypothesis: 2, link: 1, claim: 1 })).toBe('1 claim, 2 hypotheses and 1 link');
  });
});

describe('shortLabel', () => {
  it('keeps a short label and cuts a long one at a word', () => {
    expect(shortLabel('Wire report')).toBe('Wire report');
    expect(shortLabel('the most absurd paradox of the year said the statement', 30)).toBe('the most absurd paradox of…');
  });
});

const item = (over: Partial<TrashItem>): TrashItem => ({ kind: 'source', id: 'x', label: 'Wire report', deletedAt: iso(local(2026, 6, 1)), with: [], withCounts: {}, needs: [], ...over });

describe('the restore messages', () => {
  it('says what came back and how to undo it', () => {
    expect(restoredMessage(item({ withCounts: { excerpt: 2, link: 1 } }), 'Ctrl+Z')).toBe('Restored the source “Wire report” with 2 excerpts and 1 link. Ctrl+Z puts them back in the trash.');
    expect(restoredMessage(item({ kind: 'claim', label: 'Shells went to Russia' }), 'Cmd+Z')).toBe('Restored the claim “Shells went to Russia”. Cmd+Z puts it back in the trash.');
  });

  it('names what an item needs, beforehand and after', () => {
    const excerpt = item({ kind: 'excerpt', label: 'thousands of containers', needs: [{ kind: 'source', id: 's', label: 'Wire report' }] });
    expect(needsText(excerpt)).toBe('Needs the source “Wire report”, which comes back too.');
    expect(needsText(item({}))).toBe('');
    expect(restoredMessage(excerpt, 'Ctrl+Z')).toBe('Restored the excerpt “thousands of containers”, and the source “Wire report” it needs. Ctrl+Z puts them back in the trash.');
  });
});
