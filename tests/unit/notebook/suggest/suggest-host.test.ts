import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Worker } from 'node:worker_threads';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { dispatch, type HostInfo, type Outcome, type SourceAdded } from '../../../../notebook/common/api.js';
import { newId, now } from '../../../../notebook/common/ids.js';
import type { Entity } from '../../../../notebook/common/model.js';
import { dismissSuggestion } from '../../../../notebook/common/suggest/accept.js';
import type { Suggestions } from '../../../../notebook/common/suggest/types.js';
import { sliceCodePoints } from '../../../../notebook/common/text.js';
import { createService, type Service } from '../../../../notebook/node/service.js';
import { createSuggestHost, type SuggestHost, type SuggestHostOptions } from '../../../../notebook/node/suggest/suggest-host.js';

// The worker runs compiled JavaScript: under the test runner it is loaded from dist/, which
// `npm test` builds before the unit tests.
const WORKER = fileURLToPath(new URL('../../../../dist/notebook/node/suggest/suggest-worker.js', import.meta.url));
beforeAll(() => {
  if (!existsSync(WORKER)) throw new Error(`${WORKER} is missing: run npm run build first`);
});

const host: HostInfo = { host: 'browser', nativeDialogs: false, version: '0.1.0' };
const temps: string[] = [];
const closing: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const c of closing.splice(0).reverse()) await c.close().catch(() => undefined);
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'corroborate-suggest-'));
  temps.push(dir);
  return dir;
}

/** A harbour report written for these tests: a named claimant, a denial, a pronoun, a group, and a sentence that claims nothing. */
const REPORT = [
  'GENEVA, May 3 — The harbour authority said the tanker Meridian left port on Tuesday with a full cargo of diesel.',
  'The shipping company denied that the tanker had switched off its transponder.',
  'Maria Okafor, a port inspector, reviewed the logs on Wednesday. She said the crew had filed no manifest for the second stop.',
  'The weather was calm along the coast all week.',
  'Coast guard officials suggested that a second vessel met the tanker at sea.',
].join('\n');

async function call<T>(s: Service, name: string, input: unknown): Promise<T> {
  const outcome: Outcome = await dispatch(s.handlers, name, input);
  if (!outcome.ok) throw Object.assign(new Error(outcome.error.message), { code: outcome.error.code });
  return outcome.result as T;
}

async function serviceWithReport(text = REPORT): Promise<{ s: Service; sourceId: string; dir: string }> {
  const dir = join(tempDir(), 'harbour.corroborate');
  const s = await createService({ notebookDir: dir, create: true, host });
  closing.push(s);
  const added = await call<SourceAdded>(s, 'addTextSource', { title: 'Tanker left port', text });
  return { s, sourceId: added.source.id, dir };
}

function hostOf(options: SuggestHostOptions = {}): SuggestHost {
  const h = createSuggestHost(options);
  closing.push(h);
  return h;
}

/** The report as a stored text file, as the store keeps sources/<sha256>. */
function textFile(text = REPORT): string {
  const file = join(tempDir(), 'text');
  writeFileSync(file, text);
  return file;
}

/** A long report: the harbour report's sentences over and over, each time about another tanker. */
function longReport(words: number): string {
  const parts: string[] = [];
  let count = 0;
  for (let i = 0; count < words; i++) {
    const part = REPORT.replaceAll('Meridian', `Meridian ${i}`);
    parts.push(part);
    count += part.split(/\s+/).length;
  }
  return parts.join('\n');
}

const entity = (name: string, aliases: string[] = []): Entity => ({ id: newId(), createdAt: now(), updatedAt: now(), name, kind: 'organisation', aliases, notes: '' });

describe('the suggestions API (service)', () => {
  it('finds who claims what in a source and changes nothing in the notebook', async () => {
    const { s, sourceId, dir } = await serviceWithReport();
    const seq = s.store.seq;
    const journal = readFileSync(join(dir, 'journal.jsonl'), 'utf8');
    const before = structuredClone(s.store.notebook);

    const found = await call<Suggestions>(s, 'suggestions', { sourceId });
    expect(found.sourceId).toBe(sourceId);
    expect(found.dismissed).toBe(0);
    expect(found.claims.length).toBeGreaterThanOrEqual(3);
    for (const c of found.claims) {
      // Each excerpt is exactly the text at its code points, ready to become selectors.
      expect(sliceCodePoints(REPORT, c.start, c.end)).toBe(c.exact);
      expect(c.proposition.trim()).not.toBe('');
    }
    expect(found.claims.find((c) => c.exact.includes('denied'))?.stance).toBe('denies');
    expect(found.claims.some((c) => c.exact.includes('calm along the coast'))).toBe(false);

    expect(s.store.seq).toBe(seq);
    expect(readFileSync(join(dir, 'journal.jsonl'), 'utf8')).toBe(journal);
    expect(s.store.notebook).toEqual(before);
  });

  it('leaves out the suggestions the analyst dismissed, counting them; an undo offers them again', async () => {
    const { s, sourceId } = await serviceWithReport();
    const first = await call<Suggestions>(s, 'suggestions', { sourceId });
    const gone = first.claims[1]!;
    s.store.apply(dismissSuggestion(s.store.notebook.sources[sourceId]!, gone.key, now()));

    const second = await call<Suggestions>(s, 'suggestions', { sourceId });
    expect(second.claims.map((c) => c.key)).toEqual(first.claims.filter((c) => c.key !== gone.key).map((c) => c.key));
    expect(second.dismissed).toBe(1);

    s.store.undo();
    const third = await call<Suggestions>(s, 'suggestions', { sourceId });
    expect(third.claims.map((c) => c.key)).toEqual(first.claims.map((c) => c.key));
    expect(third.dismissed).toBe(0);
  });

  it('matches claimants and entities to the notebook’s live entities, by name or alias', async () => {
    const { s, sourceId } = await serviceWithReport();
    const first = await call<Suggestions>(s, 'suggestions', { sourceId });
    const denial = first.claims.find((c) => c.exact.includes('denied'))!;
    expect(denial.entityId).toBeNull();

    const id = newId();
    const at = now();
    s.store.apply({ type: 'create', kind: 'entity', object: { id, createdAt: at, updatedAt: at, name: 'Meridian Shipping Ltd', kind: 'organisation', aliases: [denial.claimant.toUpperCase()] } });
    const matched = await call<Suggestions>(s, 'suggestions', { sourceId });
    expect(matched.claims.find((c) => c.key === denial.key)?.entityId).toBe(id);
    const named = matched.entities.find((e) => e.entityId === id);
    expect(named?.name).toBe('Meridian Shipping Ltd');

    s.store.apply({ type: 'delete', kind: 'entity', id, at: now() });
    const unmatched = await call<Suggestions>(s, 'suggestions', { sourceId });
    expect(unmatched.claims.find((c) => c.key === denial.key)?.entityId).toBeNull();
    expect(unmatched.entities.some((e) => e.entityId === id)).toBe(false);
  });

  it('refuses a source that does not exist or is in the trash', async () => {
    const { s, sourceId } = await serviceWithReport();
    const missing = await dispatch(s.handlers, 'suggestions', { sourceId: newId() });
    expect(missing).toMatchObject({ ok: false, error: { code: 'not-found' } });
    s.store.apply({ type: 'delete', kind: 'source', id: sourceId, at: now() });
    const trashed = await dispatch(s.handlers, 'suggestions', { sourceId });
    expect(trashed).toMatchObject({ ok: false, error: { code: 'not-found', message: expect.stringMatching(/no live source/) } });
  });

  it('keeps answering other calls while a long source is read (the suggester runs in a worker)', async () => {
    const { s, sourceId } = await serviceWithReport(longReport(20_000));
    const order: string[] = [];
    const suggesting = dispatch(s.handlers, 'suggestions', { sourceId }).then((o) => order.push(o.ok ? 'suggestions' : `failed: ${o.error.message}`));
    const info = dispatch(s.handlers, 'hostInfo', {}).then(() => order.push('hostInfo'));
    await Promise.all([suggesting, info]);
    expect(order).toEqual(['hostInfo', 'suggestions']);
  });
});

describe('the suggest host', () => {
  it('runs one job for the same text and entities, asked twice at once or again later', async () => {
    const h = hostOf();
    const file = textFile();
    const request = { file, textSha256: 'a'.repeat(64), known: [] };
    const [a, b] = await Promise.all([h.suggest(request), h.suggest(request)]);
    expect(a).toEqual(b);
    expect(h.jobsRun).toBe(1);
    expect(await h.suggest(request)).toEqual(a);
    expect(h.jobsRun).toBe(1);
    // Other entities may be matched differently: asked again.
    await h.suggest({ ...request, known: [entity('Harbour authority')] });
    expect(h.jobsRun).toBe(2);
    // An entity's notes are not the suggester's business: a change there is not a new job.
    const known = [entity('Coast guard')];
    await h.suggest({ ...request, known });
    await h.suggest({ ...request, known: [{ ...known[0]!, notes: 'seen at the pier' }] });
    expect(h.jobsRun).toBe(3);
  });

  it('fails the job of a worker that stops, and starts a new worker for the next request', async () => {
    const workers: Worker[] = [];
    const h = hostOf({ onWorker: (w) => workers.push(w) });
    const file = textFile(longReport(20_000));
    const asked = h.suggest({ file, textSha256: 'b'.repeat(64), known: [] });
    await expect.poll(() => workers.length).toBe(1);
    await workers[0]!.terminate();
    await expect(asked).rejects.toMatchObject({ code: 'io', message: expect.stringMatching(/the suggester stopped/) });

    const again = await h.suggest({ file: textFile(), textSha256: 'c'.repeat(64), known: [] });
    expect(again.claims.length).toBeGreaterThan(0);
    expect(workers).toHaveLength(2);
  });

  it('stops a text that takes longer than its limit, says so, and goes on with the next', async () => {
    const h = hostOf({ timeoutMs: 1 });
    await expect(h.suggest({ file: textFile(longReport(20_000)), textSha256: 'd'.repeat(64), known: [] })).rejects.toMatchObject({
      code: 'io',
      message: expect.stringMatching(/took longer than 0.001 s on this source and was stopped/),
    });
  });

  it('says which text file is missing', async () => {
    const h = hostOf();
    const file = join(tempDir(), 'gone');
    await expect(h.suggest({ file, textSha256: 'e'.repeat(64), known: [] })).rejects.toMatchObject({ code: 'not-found', message: expect.stringContaining(file) });
  });

  it('refuses what is still waiting when closed, and anything asked after', async () => {
    const h = hostOf();
    const file = textFile(longReport(5_000));
    const waiting = [h.suggest({ file, textSha256: 'f'.repeat(64), known: [] }), h.suggest({ file: textFile(), textSha256: '0'.repeat(64), known: [] })];
    const refused = waiting.map((w) => expect(w).rejects.toMatchObject({ code: 'invalid', message: expect.stringMatching(/closed/) }));
    await h.close();
    await Promise.all(refused);
    await expect(h.suggest({ file, textSha256: 'f'.repeat(64), known: [] })).rejects.toMatchObject({ message: expect.stringMatching(/closed/) });
  });
});
