// Recording a claim is one step: claimant (reused by name or alias, or new with its kind), claim,
// proposition; and the claimant picker offers known entities as the analyst types.
import { describe, expect, it } from 'vitest';
import { newId, now } from '../../../notebook/common/ids.js';
import { emptyNotebook } from '../../../notebook/common/model.js';
import { apply } from '../../../notebook/common/operations.js';
import { createClaimOps, entityMatches, EntityResolver } from '../../../renderer/src/claims/claim-ops.js';

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

describe('new claimants and propositions', () => {
  it('creates a new claimant with the kind chosen, and sets the proposition it is about', () => {
    const nb = emptyNotebook(newId(), 'test', now());
    const proposition = newId();
    apply(nb, { type: 'create', kind: 'proposition', object: { id: proposition, createdAt: now(), updatedAt: now(), statement: 'North Korea arms Russia' } });
    const { ops, claimId } = createClaimOps(nb, { statement: 'Arms were shipped', claimant: 'Northwind Wire', claimantKind: 'media outlet', polarity: 'asserts', propositionId: proposition });
    apply(nb, { type: 'batch', label: '', ops });
    expect(Object.values(nb.entities).map((e) => [e.name, e.kind])).toEqual([['Northwind Wire', 'media outlet']]);
    expect(nb.claims[claimId]!.propositionId).toBe(proposition);
  });

  it('defaults a new claimant to a person and leaves "About: none" out', () => {
    const nb = emptyNotebook(newId(), 'test', now());
    const { ops, claimId } = createClaimOps(nb, { statement: 'It is absurd', claimant: 'Kim Yo Jong', polarity: 'denies', propositionId: '' });
    apply(nb, { type: 'batch', label: '', ops });
    expect(Object.values(nb.entities)[0]!.kind).toBe('person');
    expect(nb.claims[claimId]!.propositionId).toBeUndefined();
  });

  it('creates a name once per step, however it is written', () => {
    const nb = emptyNotebook(newId(), 'test', now());
    const entities = new EntityResolver(nb, now());
    const a = entities.resolve('Chloé Han', 'person');
    expect(entities.resolve(' chloé han ', 'organisation')).toBe(a);
    expect(entities.known('CHLOÉ HAN')).toBe(a);
    expect(entities.known('Someone else')).toBeUndefined();
    expect(entities.resolve('  ', 'person')).toBeUndefined();
    expect(entities.ops).toHaveLength(1);
  });
});

describe('entityMatches', () => {
  it('offers names that start with the text, then names and aliases that contain it; not the exact match or trashed ones', () => {
    const nb = emptyNotebook(newId(), 'test', now());
    const add = (name: string, aliases: string[] = [], trashed = false) => {
      const id = newId();
      apply(nb, { type: 'create', kind: 'entity', object: { id, createdAt: now(), updatedAt: now(), name, aliases } });
      if (trashed) apply(nb, { type: 'delete', kind: 'entity', id, at: now() });
    };
    add('South Korea', ['Seoul', 'ROK']);
    add('North Korea', ['DPRK']);
    add('South Korean defence ministry');
    add('Korea Times', [], true);
    add('Kor');
    expect(entityMatches(nb, 'kor').map((m) => [m.entity.name, m.alias ?? null])).toEqual([
      ['North Korea', null],
      ['South Korea', null],
      ['South Korean defence ministry', null],
    ]);
    expect(entityMatches(nb, 'seo').map((m) => [m.entity.name, m.alias ?? null])).toEqual([['South Korea', 'Seoul']]);
    expect(entityMatches(nb, 'south korea').map((m) => m.entity.name)).toEqual(['South Korean defence ministry']);
    expect(entityMatches(nb, ' ')).toEqual([]);
  });
});
