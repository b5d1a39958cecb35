// The unfiltered claims board read from the library index (boardHead) shows what the board built
// from every claim shows, page by page, through any mix of changes, undo and redo: the same
// groups and cards in the same order, the same cuts, counts and contradiction flags.
import { describe, expect, it } from 'vitest';
import { boardHead, boardPage, buildBoard, NO_FILTER, type Board, type BoardLookup } from '../../../renderer/src/board/board-model.js';
import { libraryIndex } from '../../../renderer/src/library/library-index.js';
import { changeRun } from './library-index-changes.js';

/** What the analyst sees of a page: group by group, each card's claim and flag, the cuts and counts. */
function seen(board: Board, limit: number, page: number) {
  const p = boardPage(board, limit, page);
  const cards = (cs: { claim: { id: string; statement: string } }[]) => cs.map((c) => `${c.claim.id} ${c.claim.statement}`);
  return {
    total: board.total,
    shown: board.shown,
    groupCount: board.groupCount,
    looseCount: board.looseCount,
    more: p.more,
    groups: p.groups.map((g) => ({ key: g.key, contradicted: g.contradicted, total: g.total, asserting: cards(g.asserting), denying: cards(g.denying), moreAsserting: g.moreAsserting, moreDenying: g.moreDenying })),
    loose: p.loose.map((c) => [c.claim.id, c.contradicted]),
  };
}

/** Steps a run, comparing the board from the index with the board from every claim after each step; answers how many steps changed something. */
function compare(seed: number): number {
  const { nb, step } = changeRun(seed);
  let changed = 0;
  for (let i = 0; i < 250; i++) {
    if (!step()) continue;
    changed++;
    const whole = buildBoard(nb, NO_FILTER);
    // Small pages, so groups are cut and continued as on a big board; and a page holding everything.
    for (const [limit, page] of [[3, 3], [5, 3], [8, 6], [1000, 150]] as const) {
      expect(seen(boardHead(nb, libraryIndex(nb), limit), limit, page), `step ${i}, limit ${limit}`).toEqual(seen(whole, limit, page));
    }
  }
  return changed;
}

describe('boardHead', () => {
  it('gives the page the whole board gives, through any mix of changes, undo and redo', () => {
    for (const seed of [1, 2, 3]) expect(compare(seed)).toBeGreaterThan(150);
  });

  it('reads no further into the claims than the page needs', () => {
    const { nb, step } = changeRun(4);
    while (Object.keys(nb.claims).length < 60) step();
    const index = libraryIndex(nb);
    let read = 0;
    const counting: BoardLookup = {
      claimIds: index.claimIds,
      propositionCounts: index.propositionCounts,
      claimsOfProposition: (id) => index.claimsOfProposition(id),
      contradicted: (id) => (read++, index.contradicted(id)),
    };
    // Only loose claims: a page of 5 reads 5 of them.
    for (const p of Object.values(nb.propositions)) p.deletedAt = '2026-01-01T00:00:00Z';
    boardHead(nb, counting, 5);
    expect(read).toBe(5);
  });
});
