import { describe, expect, it } from 'vitest';
import { newId } from '../../../notebook/common/ids.js';
import { emptyNotebook, type Notebook } from '../../../notebook/common/model.js';
import { apply, trashWithDependents, type Operation } from '../../../notebook/common/operations.js';

const T = '2026-01-02T03:04:05.000Z';
const sha = 'a'.repeat(64);

function notebookWithSource(): { nb: Notebook; sourceId: string } {
  const nb = emptyNotebook(newId(), 'test', T);
  const sourceId = newId();
  apply(nb, {
    type: 'create',
    kind: 'source',
    object: { id: sourceId, createdAt: T, updatedAt: T, title: 'Wire report', content: { textSha256: sha, originalSha256: sha, mediaType: 'text/plain', length: 100 } },
  });
  return { nb, sourceId };
}

const excerptOp = (sourceId: string, id = newId()): Operation => ({
  type: 'create',
  kind: 'excerpt',
  object: { id, createdAt: T, updatedAt: T, sourceId, selectors: { position: { start: 0, end: 5 }, quote: { exact: 'hello' } } },
});

describe('apply', () => {
  it('renames the notebook and sets its organisation, and one undo puts both back', () => {
    const { nb } = notebookWithSource();
    const before = structuredClone(nb);
    const inverse = apply(nb, { type: 'settings', set: { name: 'Korea arms', organisation: 'Open Desk' } });
    expect(nb.name).toBe('Korea arms');
    expect(nb.settings).toEqual({ organisation: 'Open Desk', publicationUrl: '', notes: '', tagColors: {} });
    apply(nb, inverse);
    expect(nb).toEqual(before);
  });

  it('creates an excerpt and undoes it exactly', () => {
    const { nb, sourceId } = notebookWithSource();
    const before = structuredClone(nb);
    const inverse = apply(nb, excerptOp(sourceId));
    expect(Object.keys(nb.excerpts)).toHaveLength(1);
    apply(nb, inverse);
    expect(nb).toEqual(before);
  });

  it('refuses an excerpt of a source that does not exist, and changes nothing', () => {
    const { nb } = notebookWithSource();
    const before = structuredClone(nb);
    expect(() => apply(nb, excerptOp(newId()))).toThrow(/excerpt source: no source/);
    expect(nb).toEqual(before);
  });

  it('rolls back a batch that fails midway', () => {
    const { nb, sourceId } = notebookWithSource();
    const before = structuredClone(nb);
    const good = excerptOp(sourceId);
    const bad = excerptOp(newId());
    if (good.type !== 'create' || bad.type !== 'create') throw new Error('fixture');
    expect(() => apply(nb, { type: 'batch', label: '', ops: [good, bad] })).toThrow();
    expect(nb).toEqual(before);
  });

  it('trashes a source with its excerpts and links, and restores them in one undo', () => {
    const { nb, sourceId } = notebookWithSource();
    const excerptId = newId();
    const claimId = newId();
    apply(nb, excerptOp(sourceId, excerptId));
    apply(nb, { type: 'create', kind: 'claim', object: { id: claimId, createdAt: T, updatedAt: T, statement: 'North Korea shipped artillery to Russia' } });
    apply(nb, {
      type: 'create',
      kind: 'link',
      object: { id: newId(), createdAt: T, updatedAt: T, fromKind: 'excerpt', fromId: excerptId, toKind: 'claim', toId: claimId, relation: 'supports' },
    });
    const before = structuredClone(nb);
    expect(() => apply(nb, { type: 'delete', kind: 'source', id: sourceId, at: T })).toThrow(/depend on it/);
    const inverse = apply(nb, trashWithDependents(nb, 'source', sourceId, T));
    expect(Object.values(nb.links).every((l) => l.deletedAt === T)).toBe(true);
    expect(nb.claims[claimId]!.deletedAt).toBeUndefined();
    apply(nb, inverse);
    expect(nb).toEqual(before);
  });

  it('undoes an update, including fields it added', () => {
    const { nb, sourceId } = notebookWithSource();
    const before = structuredClone(nb);
    const inverse = apply(nb, { type: 'update', kind: 'source', id: sourceId, set: { publisher: 'KCNA', reliability: { grade: 'C', rationale: '' }, updatedAt: '2026-02-02T00:00:00.000Z' }, unset: [] });
    expect(nb.sources[sourceId]!.reliability?.grade).toBe('C');
    apply(nb, inverse);
    expect(nb).toEqual(before);
  });
});

describe('apply: the analysis objects of schema v2', () => {
  /** The wire report with an excerpt, a claim, an entity and a question whose one row is the excerpt. */
  function analysis() {
    const { nb, sourceId } = notebookWithSource();
    const [excerptId, claimId, entityId, propositionId, questionId] = [newId(), newId(), newId(), newId(), newId()];
    apply(nb, excerptOp(sourceId, excerptId));
    apply(nb, { type: 'create', kind: 'claim', object: { id: claimId, createdAt: T, updatedAt: T, statement: 'North Korea shipped artillery to Russia' } });
    apply(nb, { type: 'create', kind: 'entity', object: { id: entityId, createdAt: T, updatedAt: T, name: 'North Korea', kind: 'state' } });
    apply(nb, { type: 'create', kind: 'proposition', object: { id: propositionId, createdAt: T, updatedAt: T, statement: 'North Korea supplies Russia with munitions' } });
    apply(nb, {
      type: 'create',
      kind: 'question',
      object: { id: questionId, createdAt: T, updatedAt: T, text: 'Is North Korea supplying Russia?', evidence: [{ kind: 'excerpt', id: excerptId }] },
    });
    return { nb, sourceId, excerptId, claimId, entityId, propositionId, questionId };
  }
  const hypothesisOp = (questionId: string, id = newId(), statement = 'Yes'): Operation => ({
    type: 'create',
    kind: 'hypothesis',
    object: { id, createdAt: T, updatedAt: T, questionId, statement },
  });
  const mention = (excerptId: string, entityIds: string[]): Operation => ({ type: 'update', kind: 'excerpt', id: excerptId, set: { mentions: entityIds }, unset: [] });

  it('refuses a claim grouped under a proposition in the trash, or under none that exists', () => {
    const { nb, claimId, propositionId } = analysis();
    apply(nb, { type: 'delete', kind: 'proposition', id: propositionId, at: T });
    const before = structuredClone(nb);
    expect(() => apply(nb, { type: 'update', kind: 'claim', id: claimId, set: { propositionId }, unset: [] })).toThrow(`proposition: proposition ${propositionId} is in the trash`);
    const nowhere = newId();
    expect(() => apply(nb, { type: 'update', kind: 'claim', id: claimId, set: { propositionId: nowhere }, unset: [] })).toThrow(`proposition: no proposition with id ${nowhere}`);
    expect(nb).toEqual(before);
  });

  it('refuses to trash a proposition that still groups a live claim', () => {
    const { nb, claimId, propositionId } = analysis();
    apply(nb, { type: 'update', kind: 'claim', id: claimId, set: { propositionId }, unset: [] });
    expect(() => apply(nb, { type: 'delete', kind: 'proposition', id: propositionId, at: T })).toThrow(/depend on it \(first: claim /);
  });

  it('refuses a question row naming an excerpt that does not exist, and takes one in the trash', () => {
    const { nb, sourceId, questionId, excerptId } = analysis();
    const missing = newId();
    const rows = (ids: string[]): Operation => ({ type: 'update', kind: 'question', id: questionId, set: { evidence: ids.map((id) => ({ kind: 'excerpt', id })) }, unset: [] });
    expect(() => apply(nb, rows([excerptId, missing]))).toThrow(`evidence row: no excerpt with id ${missing}`);

    const trashedId = newId();
    apply(nb, excerptOp(sourceId, trashedId));
    apply(nb, { type: 'delete', kind: 'excerpt', id: trashedId, at: T });
    apply(nb, rows([excerptId, trashedId]));
    expect(nb.questions[questionId]!.evidence.map((r) => r.id)).toEqual([excerptId, trashedId]);
    expect(() => apply(nb, rows([excerptId, excerptId]))).toThrow('that excerpt is already a row of this question');
  });

  it('trashes an excerpt that is a question row and an entity that an excerpt mentions; both stay referred to', () => {
    const { nb, excerptId, entityId, questionId } = analysis();
    apply(nb, mention(excerptId, [entityId]));
    apply(nb, trashWithDependents(nb, 'excerpt', excerptId, T));
    apply(nb, trashWithDependents(nb, 'entity', entityId, T));
    expect(nb.excerpts[excerptId]!.deletedAt).toBe(T);
    expect(nb.entities[entityId]!.deletedAt).toBe(T);
    // The question and the mention keep them, to show again if they come back.
    expect(nb.questions[questionId]!.deletedAt).toBeUndefined();
    expect(nb.questions[questionId]!.evidence.map((r) => r.id)).toEqual([excerptId]);
    expect(nb.excerpts[excerptId]!.mentions).toEqual([entityId]);
  });

  it('refuses to undo the creation of an entity an excerpt still mentions, and of an excerpt a question still has as a row', () => {
    const { nb, sourceId, questionId } = analysis();
    const entityId = newId();
    const undoEntity = apply(nb, { type: 'create', kind: 'entity', object: { id: entityId, createdAt: T, updatedAt: T, name: 'Kim Yo Jong' } });
    const excerptId = newId();
    apply(nb, excerptOp(sourceId, excerptId));
    apply(nb, mention(excerptId, [entityId]));
    const before = structuredClone(nb);
    expect(() => apply(nb, undoEntity)).toThrow(`entity ${entityId} cannot be removed: excerpt ${excerptId} refers to it`);
    expect(nb).toEqual(before);

    const rowId = newId();
    const undoRow = apply(nb, excerptOp(sourceId, rowId));
    apply(nb, { type: 'update', kind: 'question', id: questionId, set: { evidence: [{ kind: 'excerpt', id: rowId }] }, unset: [] });
    expect(() => apply(nb, undoRow)).toThrow(`excerpt ${rowId} cannot be removed: question ${questionId} refers to it`);
  });

  it('trashes a question with its hypotheses, and one undo brings them all back', () => {
    const { nb, questionId } = analysis();
    const [h1, h2] = [newId(), newId()];
    apply(nb, hypothesisOp(questionId, h1, 'Yes, at scale'));
    apply(nb, hypothesisOp(questionId, h2, 'No'));
    const before = structuredClone(nb);
    expect(() => apply(nb, { type: 'delete', kind: 'question', id: questionId, at: T })).toThrow(/depend on it/);
    const inverse = apply(nb, trashWithDependents(nb, 'question', questionId, T));
    expect([nb.questions[questionId]!.deletedAt, nb.hypotheses[h1]!.deletedAt, nb.hypotheses[h2]!.deletedAt]).toEqual([T, T, T]);
    expect(() => apply(nb, hypothesisOp(questionId))).toThrow(`hypothesis question: question ${questionId} is in the trash`);
    apply(nb, inverse);
    expect(nb).toEqual(before);
  });

  it('keeps a hypothesis on the question it answers', () => {
    const { nb, questionId } = analysis();
    const other = newId();
    apply(nb, { type: 'create', kind: 'question', object: { id: other, createdAt: T, updatedAt: T, text: 'Is Russia paying in oil?' } });
    const id = newId();
    apply(nb, hypothesisOp(questionId, id));
    const before = structuredClone(nb);
    expect(() => apply(nb, { type: 'update', kind: 'hypothesis', id, set: { questionId: other }, unset: [] })).toThrow(
      'hypothesis field "questionId" cannot be changed; create a new hypothesis instead',
    );
    expect(nb).toEqual(before);
    apply(nb, { type: 'update', kind: 'hypothesis', id, set: { statement: 'Yes, since 2023' }, unset: [] });
    expect(nb.hypotheses[id]!.statement).toBe('Yes, since 2023');
  });
});
