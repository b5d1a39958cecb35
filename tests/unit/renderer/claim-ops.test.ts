// Linking an excerpt to a new claim is one step: claimant (reused or new), claim, link.
import { describe, expect, it } from 'vitest';
import { newId, now } from '../../../notebook/common/ids.js';
import { emptyNotebook } from '../../../notebook/common/model.js';
import { apply } from '../../../notebook/common/operations.js';
import { createClaimOps } from '../../../renderer/src/claims/claim-ops.js';

describe('createClaimOps', () => {
  it('creates the claimant once and reuses it by name or alias, whatever the case', () => {
    const nb = emptyNotebook(newId(), 'test', now());
    const first = createClaimOps(nb, { statement: ' The accusation is absurd ', claimant: 'Kim Yo Jong', polarity: 'asserts' });
    apply(nb, { type: 'batch', label: '', ops: first.ops });
    expect(Object.values(nb.entities).map((e) => e.name)).toEqual(['Kim Yo Jong']);
    expect(nb.claims[first.claimId]!.statement).toBe('The accusation is absurd');

    const entity = Object.values(nb.entities)[0]!;
    apply(nb, { type: 'update', kind: 'entity', id: entity.id, set: { aliases: ['KYJ'] }, unset: [] });
    const second = createClaimOps(nb, { statement: 'The tests belong to a five-year plan', claimant: 'kyj', polarity: 'denies' });
    expect(second.ops).toHaveLength(1);
    apply(nb, { type: 'batch', label: '', ops: second.ops });
    expect(nb.claims[second.claimId]).toMatchObject({ claimantId: entity.id, polarity: 'denies' });
  });

  it('leaves the claimant out when none is given', () => {
    const nb = emptyNotebook(newId(), 'test', now());
    const { ops, claimId } = createClaimOps(nb, { statement: 'Containers were shipped', claimant: '  ', polarity: 'asserts' });
    apply(nb, { type: 'batch', label: '', ops });
    expect(nb.claims[claimId]!.claimantId).toBeUndefined();
    expect(Object.keys(nb.entities)).toHaveLength(0);
  });
});
