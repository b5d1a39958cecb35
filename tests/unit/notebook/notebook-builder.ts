// Small notebooks for tests of what is computed from one (analysis, the board, the timeline),
// built through apply() so every object is as valid as the app would make it.
import { newId } from '../../../notebook/common/ids.js';
import { emptyNotebook, type Claim, type Link, type Notebook, type Source } from '../../../notebook/common/model.js';
import { apply, trashWithDependents } from '../../../notebook/common/operations.js';

const sha = 'b'.repeat(64);
const TRASHED = '2026-06-01T00:00:00.000Z';

/**
 * A notebook built step by step. Every object gets a creation time one second after the last, so
 * "creation order" in the assertions is the order of the calls.
 */
export class NotebookBuilder {
  readonly nb: Notebook = emptyNotebook(newId(), 'analysis', '2026-01-01T00:00:00.000Z');
  private tick = 0;

  private stamp() {
    const at = new Date(Date.UTC(2026, 0, 1, 0, 0, ++this.tick)).toISOString();
    return { id: newId(), createdAt: at, updatedAt: at };
  }

  source(title: string, fields: { grade?: NonNullable<Source['reliability']>['grade']; published?: string } = {}): string {
    const s = this.stamp();
    apply(this.nb, {
      type: 'create',
      kind: 'source',
      object: {
        ...s,
        title,
        content: { textSha256: sha, originalSha256: sha, mediaType: 'text/plain', length: 1000 },
        ...(fields.grade ? { reliability: { grade: fields.grade, rationale: '' } } : {}),
        ...(fields.published ? { dates: { published: { value: fields.published, from: 'analyst' } } } : {}),
      },
    });
    return s.id;
  }

  /** An excerpt; `around` is the quote's context as the TextQuoteSelector keeps it. */
  excerpt(sourceId: string, exact: string, start = 0, mentions: string[] = [], around: { prefix?: string; suffix?: string } = {}): string {
    const s = this.stamp();
    apply(this.nb, { type: 'create', kind: 'excerpt', object: { ...s, sourceId, selectors: { position: { start, end: start + exact.length }, quote: { exact, ...around } }, mentions } });
    return s.id;
  }

  entity(name: string, aliases: string[] = []): string {
    const s = this.stamp();
    apply(this.nb, { type: 'create', kind: 'entity', object: { ...s, name, aliases } });
    return s.id;
  }

  proposition(statement: string): string {
    const s = this.stamp();
    apply(this.nb, { type: 'create', kind: 'proposition', object: { ...s, statement } });
    return s.id;
  }

  claim(statement: string, fields: Partial<Omit<Claim, 'id' | 'createdAt' | 'updatedAt' | 'statement'>> = {}): string {
    const s = this.stamp();
    apply(this.nb, { type: 'create', kind: 'claim', object: { ...s, statement, ...fields } });
    return s.id;
  }

  link(fromKind: Link['fromKind'], fromId: string, toId: string, relation: Link['relation'], strength?: Link['strength']): string {
    const s = this.stamp();
    apply(this.nb, { type: 'create', kind: 'link', object: { ...s, fromKind, fromId, toKind: 'claim', toId, relation, ...(strength ? { strength } : {}) } });
    return s.id;
  }

  trash(kind: 'source' | 'excerpt' | 'claim' | 'link' | 'entity' | 'proposition', id: string) {
    apply(this.nb, trashWithDependents(this.nb, kind, id, TRASHED));
  }
}

