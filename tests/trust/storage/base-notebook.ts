// A valid notebook folder to damage, built through the real store (seeded): sources with text in
// sources/, excerpts, claims, entities and links, five rotated backups, and a journal of changes
// since the last snapshot, as a crash would leave it. Never damages anything itself.
import fs from 'node:fs';
import path from 'node:path';
import { newId, now } from '../../../notebook/common/ids.js';
import type { Notebook } from '../../../notebook/common/model.js';
import { apply, Operation } from '../../../notebook/common/operations.js';
import { codePointLength, sliceCodePoints } from '../../../notebook/common/text.js';
import { openStore, type Store } from '../../../notebook/node/store.js';
import { parseJournal } from '../../../notebook/node/store/journal.js';
import { fromSnapshot, parseSnapshot } from '../../../notebook/node/store/snapshot.js';
import { digest, type Rng } from './harness.js';

const WORDS = ['Seoul', 'Pyongyang', 'artillery', 'containers', 'border', 'Moscow', 'officials', 'denied', 'absurd', 'paradox', 'five-year', 'plan', '🇰🇵', 'naïve', 'Ωmega', 'عربى'];

export interface BaseNotebook {
  dir: string;
  /** The notebook the folder opens to. */
  seq: number;
  digest: string;
  /** backups/ files, newest first. */
  backups: string[];
}

/** A few changes of every kind the analyst makes. */
function edit(store: Store, rng: Rng, count: number): void {
  const words = (n: number) => Array.from({ length: n }, () => rng.pick(WORDS)).join(' ');
  for (let i = 0; i < count; i++) {
    const t = now();
    const base = { id: newId(), createdAt: t, updatedAt: t };
    const sources = Object.values(store.notebook.sources);
    const claims = Object.values(store.notebook.claims);
    const excerpts = Object.values(store.notebook.excerpts);
    const r = rng.int(5);
    if (r === 0 || !sources.length) {
      const text = `${words(40 + rng.int(100))} #${base.id}`;
      const sha = store.putFile(new TextEncoder().encode(text));
      store.apply({ type: 'create', kind: 'source', object: { ...base, title: words(4), content: { textSha256: sha, originalSha256: sha, mediaType: 'text/plain', length: codePointLength(text) } } });
    } else if (r === 1) {
      const source = rng.pick(sources);
      const text = store.readText(source.content.textSha256);
      const start = rng.int(codePointLength(text) - 10);
      const end = start + 1 + rng.int(8);
      store.apply({ type: 'create', kind: 'excerpt', object: { ...base, sourceId: source.id, selectors: { position: { start, end }, quote: { exact: sliceCodePoints(text, start, end) } } } });
    } else if (r === 2 || !claims.length) {
      const entity = { ...base, id: newId(), name: words(2), kind: 'state' };
      store.apply({ type: 'batch', label: 'claim with claimant', ops: [
        { type: 'create', kind: 'entity', object: entity },
        { type: 'create', kind: 'claim', object: { ...base, statement: words(7), claimantId: entity.id, polarity: rng.pick(['asserts', 'denies']) } },
      ] });
    } else if (r === 3 && excerpts.length) {
      store.apply({ type: 'create', kind: 'link', object: { ...base, fromKind: 'excerpt', fromId: rng.pick(excerpts).id, toKind: 'claim', toId: rng.pick(claims).id, relation: rng.pick(['supports', 'refutes', 'qualifies', 'context', 'contradicts']) } });
    } else {
      store.apply({ type: 'update', kind: 'claim', id: rng.pick(claims).id, set: { statement: words(6), updatedAt: t }, unset: [] });
    }
  }
}

/** Builds the folder at dir: six sessions closed cleanly (five backups), then one cut off by a crash. */
export async function buildBaseNotebook(dir: string, rng: Rng): Promise<BaseNotebook> {
  const first = await openStore(dir, { create: true, name: 'Arms to Russia' });
  edit(first, rng, 12);
  await first.close();
  for (let session = 0; session < 6; session++) {
    const store = await openStore(dir);
    edit(store, rng, 3 + rng.int(5));
    await store.close();
  }
  const last = await openStore(dir);
  edit(last, rng, 8);
  // The backup of what this session opened is made in the background; the crash comes after it
  // (the kill program covers crashes at any moment).
  await last.backingUp;
  // The crash: the folder as it is now, without the lock.
  const crashed = `${dir}.crashed`;
  fs.cpSync(dir, crashed, { recursive: true });
  await last.close();
  fs.rmSync(dir, { recursive: true, force: true });
  fs.renameSync(crashed, dir);
  fs.rmSync(path.join(dir, 'lock'), { force: true });

  const check = await openStore(dir, { readOnly: true });
  const result = { dir, seq: check.seq, digest: digest(check.notebook), backups: fs.readdirSync(path.join(dir, 'backups')).sort().reverse().map((n) => path.join(dir, 'backups', n)) };
  await check.close();
  if (result.backups.length !== 5) throw new Error(`the base notebook has ${result.backups.length} backups, 5 expected`);
  return result;
}

/** The notebook a snapshot file holds, with the first `lines` lines of a journal replayed on it. */
export function notebookFrom(snapshot: Buffer, journal: Buffer | null, lines = Infinity): Notebook {
  const parsed = parseSnapshot(snapshot, 'snapshot');
  const notebook = fromSnapshot(parsed.snapshot);
  if (journal) {
    const read = parseJournal('journal.jsonl', journal, parsed.snapshot.seq);
    for (const entry of read.entries.slice(0, lines)) apply(notebook, Operation.parse(entry.op));
  }
  return notebook;
}
