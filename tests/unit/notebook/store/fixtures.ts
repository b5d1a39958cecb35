// Shared by the store tests: fresh notebook folders under the OS temp folder, removed afterwards,
// and small operations on a source whose text the test controls.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { newId, now } from '../../../../notebook/common/ids.js';
import type { Operation } from '../../../../notebook/common/operations.js';
import { codePointLength, sliceCodePoints } from '../../../../notebook/common/text.js';
import type { Store } from '../../../../notebook/node/store.js';

const made: string[] = [];

/** A new empty temp folder; removed by removeTempFolders(). */
export function tempFolder(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'corroborate-store-'));
  made.push(dir);
  return dir;
}

/** A path inside a fresh temp folder that does not exist yet. */
export function newNotebookPath(name = 'case.corroborate'): string {
  return path.join(tempFolder(), name);
}

export function removeTempFolders(): void {
  for (const dir of made.splice(0)) {
    // A test that failed midway may leave a folder read-only.
    for (const p of walk(dir)) fs.chmodSync(p, 0o755);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function walk(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const out = [dir];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) if (e.isDirectory()) out.push(...walk(path.join(dir, e.name)));
  return out;
}

/**
 * The folder as a crashed process would leave it: a copy of every file, as it is on disk now,
 * without the lock (the copy's "process" is gone). Nothing is flushed or closed first.
 */
export function crashCopy(store: Store): string {
  const copy = path.join(tempFolder(), path.basename(store.dir));
  fs.cpSync(store.dir, copy, { recursive: true });
  fs.rmSync(path.join(copy, 'lock'), { force: true });
  return copy;
}

/** Every file under dir with the sha256 of its bytes, to show that nothing changed. */
export function fingerprint(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const d of walk(dir)) {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (!e.isFile()) continue;
      const p = path.join(d, e.name);
      out[path.relative(dir, p)] = createHash('sha256').update(fs.readFileSync(p)).digest('hex');
    }
  }
  return out;
}

export function sha256Of(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

export const WIRE_TEXT =
  'SEOUL (Reuters) - North Korea called the accusation "the most absurd paradox" 🇰🇵 and said its weapons tests belong to a five-year build-up plan.';

/** Stores text as a source's file and returns the op that creates the source. */
export function sourceOp(store: Store, text = WIRE_TEXT, id = newId(), title = 'Wire report'): { op: Operation; id: string } {
  const sha = store.putFile(new TextEncoder().encode(text));
  const t = now();
  return {
    id,
    op: {
      type: 'create',
      kind: 'source',
      object: { id, createdAt: t, updatedAt: t, title, content: { textSha256: sha, originalSha256: sha, mediaType: 'text/plain', length: codePointLength(text) } },
    },
  };
}

/** An excerpt of text from start to end (code points), quoting it exactly unless told otherwise. */
export function excerptOp(sourceId: string, text: string, start: number, end: number, exact = sliceCodePoints(text, start, end), id = newId()): Operation {
  const t = now();
  return {
    type: 'create',
    kind: 'excerpt',
    object: { id, createdAt: t, updatedAt: t, sourceId, selectors: { position: { start, end }, quote: { exact } } },
  };
}

export function claimOp(statement: string, id = newId()): Operation {
  const t = now();
  return { type: 'create', kind: 'claim', object: { id, createdAt: t, updatedAt: t, statement } };
}

export function linkOp(excerptId: string, claimId: string, relation: 'supports' | 'refutes' = 'supports', id = newId()): Operation {
  const t = now();
  return { type: 'create', kind: 'link', object: { id, createdAt: t, updatedAt: t, fromKind: 'excerpt', fromId: excerptId, toKind: 'claim', toId: claimId, relation } };
}

export function renameClaimOp(id: string, statement: string): Operation {
  return { type: 'update', kind: 'claim', id, set: { statement, updatedAt: now() }, unset: [] };
}

export function journalLines(dir: string): string[] {
  const file = path.join(dir, 'journal.jsonl');
  if (!fs.existsSync(file)) return [];
  return fs.readFileSync(file, 'utf8').split('\n').filter(Boolean);
}

export function snapshotSeq(dir: string): number {
  return (JSON.parse(fs.readFileSync(path.join(dir, 'notebook.json'), 'utf8')) as { seq: number }).seq;
}

/** tests/fixtures/notebooks: a v1 notebook (the running example), its source text and a v1 journal. */
export const V1_FIXTURES = fileURLToPath(new URL('../../../fixtures/notebooks/', import.meta.url));

/**
 * A notebook folder as Corroborate 0.1 (schemaVersion 1) left it: notebook.json and the wire
 * report's text in sources/, and with `journal`, three operations journaled after the snapshot.
 */
export function v1Folder(options: { journal?: boolean } = {}): string {
  const dir = newNotebookPath('arms.corroborate');
  fs.mkdirSync(path.join(dir, 'sources'), { recursive: true });
  fs.copyFileSync(path.join(V1_FIXTURES, 'v1-notebook.json'), path.join(dir, 'notebook.json'));
  const text = fs.readFileSync(path.join(V1_FIXTURES, 'v1-wire-report.txt'));
  fs.writeFileSync(path.join(dir, 'sources', createHash('sha256').update(text).digest('hex')), text);
  if (options.journal) fs.copyFileSync(path.join(V1_FIXTURES, 'v1-journal.jsonl'), path.join(dir, 'journal.jsonl'));
  return dir;
}
