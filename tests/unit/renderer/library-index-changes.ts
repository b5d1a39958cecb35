// Random sequences of the changes an analyst makes (and undo, redo), applied as the app applies
// them: to the notebook, then to its library index. For tests that compare what a view reads
// from the index with what a walk over the whole notebook gives. Seeded: the same run every time.
import { emptyNotebook, type Id, type Notebook } from '../../../notebook/common/model.js';
import { apply, trashWithDependents, type Operation } from '../../../notebook/common/operations.js';
import { libraryIndex, noteApplied } from '../../../renderer/src/library/library-index.js';

const SHA = 'c'.repeat(64);
const DATES = ['2023', '2023-10', '2023-10-14', '2023-10-15', '2022-12', '2023-10-14T06:00:00Z'];
const RELATIONS = ['supports', 'refutes', 'qualifies', 'context', 'contradicts'];

export interface ChangeRun {
  nb: Notebook;
  /** One step: a change, an undo or a redo; false when the step changed nothing. */
  step(): boolean;
}

/** A notebook with its library index built, and its changes. */
export function changeRun(seed: number): ChangeRun {
  let clock = Date.parse('2025-01-01T00:00:00Z');
  // Now and then two objects share an instant, as a batch stamps them: creation order is then by id.
  const tick = () => new Date(random() < 0.2 ? clock : (clock += 1000)).toISOString();
  // mulberry32
  const random = () => {
    let t = (seed += 0x6d2b79f5);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  // Ids in no particular order (newId's follow the clock): objects created at one instant are ordered by id, not as they came.
  const hex = (n: number) => Array.from({ length: n }, () => Math.floor(random() * 16).toString(16)).join('');
  const newId = () => `${hex(8)}-${hex(4)}-7${hex(3)}-8${hex(3)}-${hex(12)}`;
  const nb = emptyNotebook(newId(), 'changes', tick());
  const run = (op: Operation): Operation => {
    const inverse = apply(nb, op);
    noteApplied(nb, op);
    return inverse;
  };
  const create = (kind: string, fields: Record<string, unknown>): Operation => {
    const at = tick();
    return { type: 'create', kind, object: { id: newId(), createdAt: at, updatedAt: at, ...fields } } as Operation;
  };
  const source = () =>
    create('source', {
      title: `Source ${clock}`,
      content: { textSha256: SHA, originalSha256: SHA, mediaType: 'text/plain', length: 50 },
      dates: random() < 0.7 ? { published: { value: pick(DATES), from: 'analyst' } } : {},
    });
  const excerpt = (sourceId: Id) => {
    const start = Math.floor(random() * 40);
    return create('excerpt', { sourceId, selectors: { position: { start, end: start + 5 }, quote: { exact: 'words' } } });
  };
  const claim = (propositionId?: Id) =>
    create('claim', {
      statement: `Claim ${clock}`,
      polarity: random() < 0.3 ? 'denies' : 'asserts',
      ...(propositionId ? { propositionId } : {}),
      ...(random() < 0.4 ? { claimedAt: pick(DATES) } : {}),
    });
  const link = (fromKind: 'excerpt' | 'claim', fromId: Id, toId: Id) => create('link', { fromKind, fromId, toKind: 'claim', toId, relation: fromKind === 'claim' ? pick(['contradicts', 'supports']) : pick(RELATIONS) });
  const ids = (objects: Record<Id, { deletedAt?: string }>, live: boolean) => Object.keys(objects).filter((id) => !objects[id]!.deletedAt === live);
  const idOf = (op: Operation) => (op.type === 'create' ? String(op.object.id) : '');

  for (const op of [source(), source(), create('proposition', { statement: 'Shells went north' }), create('proposition', { statement: 'Tests were planned' })]) apply(nb, op);
  for (let i = 0; i < 6; i++) apply(nb, claim(random() < 0.5 ? pick(Object.keys(nb.propositions)) : undefined));
  libraryIndex(nb);

  const change = (): Operation | null => {
    const claims = ids(nb.claims, true);
    const excerpts = ids(nb.excerpts, true);
    const sources = ids(nb.sources, true);
    const links = ids(nb.links, true);
    const propositions = ids(nb.propositions, true);
    switch (Math.floor(random() * 16)) {
      case 0: return source();
      case 1: return sources.length ? excerpt(pick(sources)) : null;
      case 2: return claim(propositions.length && random() < 0.5 ? pick(propositions) : undefined);
      case 3: return claims.length && excerpts.length ? link('excerpt', pick(excerpts), pick(claims)) : null;
      case 4: return claims.length > 1 ? link('claim', pick(claims), pick(claims)) : null;
      case 5: return links.length ? { type: 'update', kind: 'link', id: pick(links), set: { relation: pick(RELATIONS) }, unset: [] } : null;
      case 6: {
        if (!claims.length) return null;
        const id = pick(claims);
        return propositions.length && random() < 0.7 ? { type: 'update', kind: 'claim', id, set: { propositionId: pick(propositions) }, unset: [] } : { type: 'update', kind: 'claim', id, set: {}, unset: ['propositionId'] };
      }
      case 7: return claims.length ? { type: 'update', kind: 'claim', id: pick(claims), set: { polarity: pick(['asserts', 'denies']) }, unset: [] } : null;
      case 8: {
        // What the inspector's Edit claim does most: a new statement; sometimes a date.
        if (!claims.length) return null;
        const id = pick(claims);
        const roll = random();
        if (roll < 0.5) return { type: 'update', kind: 'claim', id, set: { statement: `Renamed ${clock++}` }, unset: [] };
        return roll < 0.8 ? { type: 'update', kind: 'claim', id, set: { claimedAt: pick(DATES) }, unset: [] } : { type: 'update', kind: 'claim', id, set: {}, unset: ['claimedAt'] };
      }
      case 9: {
        if (!sources.length) return null;
        const id = pick(sources);
        return random() < 0.7 ? { type: 'update', kind: 'source', id, set: { dates: { published: { value: pick(DATES), from: 'analyst' } } }, unset: [] } : { type: 'update', kind: 'source', id, set: { dates: {} }, unset: [] };
      }
      case 10: return links.length ? { type: 'delete', kind: 'link', id: pick(links), at: tick() } : null;
      case 11: {
        const kind = pick(['claim', 'excerpt', 'source', 'proposition'] as const);
        const live = { claim: claims, excerpt: excerpts, source: sources, proposition: propositions }[kind];
        return live.length ? trashWithDependents(nb, kind, pick(live), tick()) : null;
      }
      case 12: {
        const kind = pick(['link', 'claim', 'proposition'] as const);
        const gone = ids(nb[`${kind}s`], false);
        return gone.length ? { type: 'restore', kind, id: pick(gone) } : null;
      }
      default: {
        // A new claim with its evidence, one step (the Link dialog’s "New claim…").
        if (!excerpts.length) return null;
        const made = claim(propositions.length ? pick(propositions) : undefined);
        return { type: 'batch', label: 'test', ops: [made, link('excerpt', pick(excerpts), idOf(made))] } as Operation;
      }
    }
  };

  const undos: Operation[] = [];
  const redos: Operation[] = [];
  const step = (): boolean => {
    const roll = random();
    if (roll < 0.12 && undos.length) redos.push(run(undos.pop()!));
    else if (roll < 0.2 && redos.length) undos.push(run(redos.pop()!));
    else {
      const op = change();
      if (!op) return false;
      try {
        undos.push(run(op));
      } catch {
        // Refused (a claim cited by another's attribution, say): nothing changed.
        return false;
      }
      redos.length = 0;
    }
    return true;
  };
  return { nb, step };
}
