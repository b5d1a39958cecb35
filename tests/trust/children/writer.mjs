// Trust child (kill during writes): opens a notebook with the BUILT store and edits it in a loop —
// entities, claims, sources with text (putFile), excerpts, links, updates, trash and restore, undo
// and redo, compactions — until it is killed. Never exits on its own; never touches another folder.
//
// usage: node writer.mjs <notebook dir> <log file> <seed> [compact-every]
// The log (appended synchronously, so a SIGKILL cannot reorder or lose what was written) has:
//   open <seq> <digest>      the notebook as opened
//   pending <seq> <digest>   about to ask the store for the change that makes seq, and the state it gives
//   ack <seq> <digest>       the store acknowledged it (apply/undo/redo returned)
//   fatal <message>          the notebook needed repair, or the store diverged from the expected state or failed
// stdout gets one line, "ready", once the notebook is open.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const dist = path.resolve(process.env.CORROBORATE_DIST ?? new URL('../../../dist', import.meta.url).pathname);
const load = (rel) => import(pathToFileURL(path.join(dist, rel)).href);
const { openStore } = await load('notebook/node/store.js');
const { apply, Operation, trashWithDependents } = await load('notebook/common/operations.js');
const { newId, now } = await load('notebook/common/ids.js');
const { codePointLength, sliceCodePoints } = await load('notebook/common/text.js');

const [dir, logFile, seedText, compactEveryText] = process.argv.slice(2);
const log = fs.openSync(logFile, 'a');
const write = (line) => fs.writeSync(log, `${line}\n`);

let state = Number(seedText) >>> 0;
const random = () => {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const int = (n) => Math.floor(random() * n);
const pick = (list) => list[int(list.length)];

/** The same canonical digest as tests/trust/storage/harness.ts. */
function canonical(value) {
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonical(v))).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
const digest = (value) => createHash('sha256').update(canonical(value)).digest('hex');

const WORDS = ['Seoul', 'Pyongyang', 'artillery', 'shells', 'containers', 'border', 'Moscow', 'statement', 'officials', 'said', 'denied', 'absurd', 'paradox', 'five-year', 'plan', 'rail', 'port', 'Rason', 'satellite', 'imagery', '🇰🇵', 'naïve', 'Ωmega', 'عربى'];
const words = (n) => Array.from({ length: n }, () => pick(WORDS)).join(' ');

const store = await openStore(dir);
/** What the notebook must be after each acknowledged change: the same operations applied by the pure apply(). */
const shadow = structuredClone(store.notebook);
const undo = [];
const redo = [];
write(`open ${store.seq} ${digest(shadow)}`);
// A kill must never leave anything to repair: a torn line is set aside silently, nothing else may happen.
if (store.notice || store.readOnly) write(`fatal the notebook opened with: ${store.notice ?? store.readOnly}`);
fs.writeSync(1, 'ready\n');

const liveOf = (collection) => Object.values(collection).filter((o) => !o.deletedAt);
const trashedOf = (collection) => Object.values(collection).filter((o) => o.deletedAt);
const count = () => ['sources', 'excerpts', 'claims', 'links', 'entities'].reduce((n, c) => n + Object.keys(shadow[c]).length, 0);

/** The next change to ask for, as an operation, or 'undo' / 'redo', or null when the pick does not fit. */
function nextChange() {
  const t = now();
  const base = { createdAt: t, updatedAt: t };
  const growing = count() < 400;
  const r = int(100);
  if (growing && r < 8) return { type: 'create', kind: 'entity', object: { id: newId(), ...base, name: words(2), kind: pick(['person', 'organisation', 'state']) } };
  if (growing && r < 16) {
    const claimant = pick(liveOf(shadow.entities));
    return { type: 'create', kind: 'claim', object: { id: newId(), ...base, statement: words(8), ...(claimant && random() < 0.5 ? { claimantId: claimant.id } : {}) } };
  }
  if (growing && r < 22) {
    const text = `${words(20 + int(300))} #${newId()}`;
    const sha = store.putFile(new TextEncoder().encode(text));
    const notes = random() < 0.3 ? words(200 + int(600)) : '';
    return {
      type: 'create',
      kind: 'source',
      object: { id: newId(), ...base, title: words(5), notes, content: { textSha256: sha, originalSha256: sha, mediaType: 'text/plain', length: codePointLength(text) } },
    };
  }
  if (growing && r < 30) {
    const source = pick(liveOf(shadow.sources));
    if (!source) return null;
    const text = store.readText(source.content.textSha256);
    const length = codePointLength(text);
    const start = int(Math.max(1, length - 20));
    const end = Math.min(length, start + 1 + int(20));
    return { type: 'create', kind: 'excerpt', object: { id: newId(), ...base, sourceId: source.id, selectors: { position: { start, end }, quote: { exact: sliceCodePoints(text, start, end) } } } };
  }
  if (growing && r < 36) {
    const excerpt = pick(liveOf(shadow.excerpts));
    const claim = pick(liveOf(shadow.claims));
    if (!excerpt || !claim) return null;
    const relation = pick(['supports', 'refutes', 'qualifies', 'context', 'contradicts']);
    return { type: 'create', kind: 'link', object: { id: newId(), ...base, fromKind: 'excerpt', fromId: excerpt.id, toKind: 'claim', toId: claim.id, relation } };
  }
  if (r < 58) {
    const kind = pick(['entity', 'claim', 'source', 'excerpt']);
    const target = pick(liveOf(shadow[{ entity: 'entities', claim: 'claims', source: 'sources', excerpt: 'excerpts' }[kind]]));
    if (!target) return null;
    const set = kind === 'entity' ? { name: words(2) } : kind === 'claim' ? { statement: words(6) } : kind === 'source' ? { notes: words(int(80)) } : { note: words(int(12)) };
    return { type: 'update', kind, id: target.id, set: { ...set, updatedAt: t }, unset: [] };
  }
  if (r < 70) {
    const kind = pick(['entity', 'claim', 'source', 'excerpt', 'link']);
    const target = pick(liveOf(shadow[{ entity: 'entities', claim: 'claims', source: 'sources', excerpt: 'excerpts', link: 'links' }[kind]]));
    return target ? trashWithDependents(shadow, kind, target.id, t) : null;
  }
  if (r < 78) {
    const kind = pick(['entity', 'claim', 'source', 'excerpt', 'link']);
    const target = pick(trashedOf(shadow[{ entity: 'entities', claim: 'claims', source: 'sources', excerpt: 'excerpts', link: 'links' }[kind]]));
    return target ? { type: 'restore', kind, id: target.id } : null;
  }
  if (r < 90) return 'undo';
  return 'redo';
}

/** Asks the store for one change, logging the state it must give before asking and once it answered. */
function step() {
  const change = nextChange();
  if (change === null) return;
  let run;
  let onDone;
  if (change === 'undo' || change === 'redo') {
    const from = change === 'undo' ? undo : redo;
    const entry = from.at(-1);
    if (!entry) return;
    let inverse;
    try {
      inverse = apply(shadow, change === 'undo' ? entry.inverse : entry.op);
    } catch {
      return; // the shadow refused it, so nothing changed there either; cannot happen, as the store keeps the same stacks
    }
    run = () => (change === 'undo' ? store.undo() : store.redo());
    onDone = () => {
      from.pop();
      if (change === 'undo') redo.push(entry);
      else undo.push({ op: entry.op, inverse });
    };
  } else {
    const op = Operation.parse(change);
    let inverse;
    try {
      inverse = apply(shadow, op);
    } catch {
      return; // does not fit the notebook as it is: not asked for
    }
    run = () => store.apply(change);
    onDone = () => {
      undo.push({ op, inverse });
      redo.length = 0;
    };
  }
  const seq = store.seq + 1;
  const expected = digest(shadow);
  write(`pending ${seq} ${expected}`);
  let applied;
  try {
    applied = run();
  } catch (e) {
    write(`fatal the store refused a change the pure apply() accepted: ${e && e.message}`);
    process.exit(3);
  }
  if (!applied || applied.seq !== seq) {
    write(`fatal the store answered seq ${applied && applied.seq} where ${seq} was expected`);
    process.exit(3);
  }
  onDone();
  write(`ack ${seq} ${expected}`);
}

const compactEvery = Number(compactEveryText ?? 0);
let steps = 0;
for (;;) {
  step();
  steps++;
  // Compactions often, not only after 1,000 lines: a kill must also land inside them. Half are
  // awaited; the others run while the next changes are made.
  if ((compactEvery > 0 && steps % compactEvery === 0) || (compactEvery === 0 && random() < 0.04)) {
    const compaction = store.compact().catch((e) => write(`fatal compaction failed: ${e && e.message}`));
    if (random() < 0.5) await compaction;
  }
  // Let background compactions make progress between changes.
  if (steps % 4 === 0) await new Promise((resolve) => setImmediate(resolve));
}
