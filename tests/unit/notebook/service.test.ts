import { Buffer } from 'node:buffer';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch, type HostInfo, type ImportFormats, type Mentions, type NotebookView, type Outcome, type SourceAdded, type SourceFile } from '../../../notebook/common/api.js';
import { newId, now } from '../../../notebook/common/ids.js';
import type { Source } from '../../../notebook/common/model.js';
import { createService, type Service } from '../../../notebook/node/service.js';
import { openStore } from '../../../notebook/node/store.js';
import { docx } from '../../fixtures/generate/docx.js';
import { encryptedPdf, imageOnlyPdf, textPdf } from '../../fixtures/generate/pdf.js';

const host: HostInfo = { host: 'browser', nativeDialogs: false, version: '0.1.0' };
const temps: string[] = [];
const services: Service[] = [];

afterEach(async () => {
  for (const s of services.splice(0)) await s.close().catch(() => {});
  for (const dir of temps.splice(0)) {
    chmodAll(dir);
    rmSync(dir, { recursive: true, force: true });
  }
});

function chmodAll(dir: string): void {
  chmodSync(dir, 0o755);
  for (const name of readdirSync(dir)) if (statSync(join(dir, name)).isDirectory()) chmodAll(join(dir, name));
}

function tempRoot(): string {
  const root = mkdtempSync(join(tmpdir(), 'corroborate-service-'));
  temps.push(root);
  return root;
}

async function service(dir: string, create = true): Promise<Service> {
  const s = await createService({ notebookDir: dir, create, host });
  services.push(s);
  return s;
}

async function call<T>(s: Service, name: string, input: unknown): Promise<T> {
  const outcome: Outcome = await dispatch(s.handlers, name, input);
  if (!outcome.ok) throw Object.assign(new Error(outcome.error.message), { code: outcome.error.code });
  return outcome.result as T;
}

async function failure(s: Service, name: string, input: unknown): Promise<{ code: string; message: string }> {
  const outcome = await dispatch(s.handlers, name, input);
  if (outcome.ok) throw new Error(`${name} succeeded`);
  return outcome.error;
}

describe('service', () => {
  it('adds pasted text as a source whose text comes back normalised', async () => {
    const s = await service(join(tempRoot(), 'wire.corroborate'));
    const added = await call<{ source: Source; seq: number }>(s, 'addTextSource', {
      title: '  Wire report  ',
      text: 'Seoul — officials said\r\nthousands of containers were shipped.\r\ncafe\u0301',
      published: '2024-01-05',
    });
    expect(added.source.title).toBe('Wire report');
    expect(added.source.dates.published).toEqual({ value: '2024-01-05', from: 'analyst' });
    const { text } = await call<{ text: string }>(s, 'sourceText', { sourceId: added.source.id });
    expect(text).toBe('Seoul — officials said\nthousands of containers were shipped.\ncaf\u00e9');
    expect(added.source.content.length).toBe([...text].length);
    const view = await call<NotebookView>(s, 'getNotebook', {});
    expect(view.notebook.sources[added.source.id]).toEqual(added.source);
    expect(view.canUndo).toBe(true);
  });

  it('answers the same text twice with the existing source instead of a duplicate', async () => {
    const s = await service(join(tempRoot(), 'wire.corroborate'));
    const first = await call<{ source: Source; seq: number; duplicateOf: string | null }>(s, 'addTextSource', { title: 'One', text: 'Same words.\n' });
    const second = await call<{ source: Source; seq: number; duplicateOf: string | null }>(s, 'addTextSource', { title: 'Two', text: 'Same words.\r\n' });
    expect(first.duplicateOf).toBeNull();
    expect(second.duplicateOf).toBe(first.source.id);
    expect(second.source.id).toBe(first.source.id);
    expect(second.seq).toBe(first.seq);
    expect(Object.keys(s.store.notebook.sources)).toHaveLength(1);
  });

  it('refuses empty pasted text', async () => {
    const s = await service(join(tempRoot(), 'wire.corroborate'));
    expect(await failure(s, 'addTextSource', { title: 'Nothing', text: ' \n\t ' })).toEqual({ code: 'invalid', message: 'the text is empty: paste the source text' });
    expect(Object.keys(s.store.notebook.sources)).toHaveLength(0);
  });

  it('imports a Markdown file with its front matter, keeping the original bytes', async () => {
    const s = await service(join(tempRoot(), 'kcna.corroborate'));
    const bytes = Buffer.from('---\ntitle: KCNA statement\ndate: 2024-01-06\npublisher: KCNA\n---\r\nThe tests belong to a five-year plan.\r\n');
    const { source } = await call<{ source: Source }>(s, 'importFile', { filename: 'kcna.md', dataBase64: bytes.toString('base64') });
    expect(source).toMatchObject({ title: 'KCNA statement', publisher: 'KCNA', dates: { published: { value: '2024-01-06', from: 'file' } } });
    expect(source.content).toMatchObject({ mediaType: 'text/markdown', filename: 'kcna.md' });
    expect(Buffer.from(s.store.readFile(source.content.originalSha256))).toEqual(bytes);
    expect((await call<{ text: string }>(s, 'sourceText', { sourceId: source.id })).text).toBe('The tests belong to a five-year plan.\n');

    const binary = await failure(s, 'importFile', { filename: 'photo.txt', dataBase64: Buffer.from([0x89, 0x50, 0, 1]).toString('base64') });
    expect(binary).toEqual({ code: 'invalid', message: 'photo.txt looks binary (a NUL byte at offset 2), not text' });
  });

  describe('importFile: every format, read in the import sandbox', () => {
    const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
    const importFile = (s: Service, filename: string, bytes: Uint8Array) => call<SourceAdded>(s, 'importFile', { filename, dataBase64: b64(bytes) });
    const textOf = async (s: Service, source: Source) => (await call<{ text: string }>(s, 'sourceText', { sourceId: source.id })).text;

    it('a saved web page: the article text, its headings and the metadata the page states, with where each date came from', async () => {
      const s = await service(join(tempRoot(), 'web.corroborate'));
      const page = `<!doctype html><html lang="en"><head><title>Containers shipped | Wire</title>
        <meta property="og:site_name" content="Wire Service">
        <meta name="author" content="Jane Roe">
        <link rel="canonical" href="https://wire.example/containers">
        <script type="application/ld+json">{"@type":"NewsArticle","headline":"Containers shipped to Russia","datePublished":"2024-01-05T09:00:00+09:00"}</script>
        <script>document.title = 'hacked'</script></head>
        <body><article><h1>Containers shipped to Russia</h1>
        <p>South Korean officials said thousands of containers were shipped across the border during the autumn, according to people briefed on the matter.</p>
        <p onclick="alert(1)">North Korea called the accusation "the most absurd paradox" and said its weapons tests belong to a five-year plan.</p>
        </article></body></html>`;
      const { source } = await importFile(s, 'containers.html', Buffer.from(page));
      expect(source).toMatchObject({ title: 'Containers shipped to Russia', authors: ['Jane Roe'], publisher: 'Wire Service', language: 'en', url: 'https://wire.example/containers' });
      expect(source.dates.published).toEqual({ value: '2024-01-05T00:00:00.000Z', from: 'metadata', detail: expect.stringMatching(/JSON-LD/) });
      expect(source.dates.captured).toBeUndefined();
      expect(source.dates.accessed).toBeUndefined();
      expect(source.content).toMatchObject({ mediaType: 'text/html', filename: 'containers.html' });
      const text = await textOf(s, source);
      expect(text).toContain('the most absurd paradox');
      expect(text).not.toMatch(/alert|hacked|<p/);
      expect(source.content.headings?.length ?? 0).toBeGreaterThan(0);
    }, 30_000);

    it('a PDF: text with a page map, metadata from its info dictionary, the original kept byte for byte', async () => {
      const s = await service(join(tempRoot(), 'pdf.corroborate'));
      const pdf = await textPdf({ title: 'Arms transfers', author: 'Jane Roe', creationDate: "D:20231014083000+09'00'", pages: [['Thousands of containers.'], ['The second page.']] });
      const { source } = await importFile(s, 'arms.pdf', pdf);
      expect(source).toMatchObject({ title: 'Arms transfers', authors: ['Jane Roe'] });
      expect(source.dates.published).toMatchObject({ value: '2023-10-13T23:30:00.000Z', from: 'metadata', detail: expect.stringMatching(/CreationDate/) });
      expect(source.content.mediaType).toBe('application/pdf');
      expect(source.content.pageStarts).toHaveLength(2);
      const text = await textOf(s, source);
      expect([...text].slice(source.content.pageStarts![1]!).join('')).toMatch(/^The second page\./);
      expect(Buffer.from(s.store.readFile(source.content.originalSha256))).toEqual(Buffer.from(pdf));

      const again = await importFile(s, 'copy-of-arms.pdf', pdf);
      expect(again.duplicateOf).toBe(source.id);
      expect(Object.keys(s.store.notebook.sources)).toHaveLength(1);
    }, 30_000);

    it('a scanned PDF without a text layer is imported with a notice; two different scans stay two sources', async () => {
      const s = await service(join(tempRoot(), 'scans.corroborate'));
      const first = await importFile(s, 'scan-1.pdf', await imageOnlyPdf(2));
      expect(first.source.content.notice).toMatch(/text/i);
      const second = await importFile(s, 'scan-2.pdf', await imageOnlyPdf(3));
      expect(second.duplicateOf).toBeNull();
      expect(Object.keys(s.store.notebook.sources)).toHaveLength(2);
    }, 30_000);

    it('a Word document: headings and core properties', async () => {
      const s = await service(join(tempRoot(), 'docx.corroborate'));
      const bytes = await docx({ title: 'Committee minutes', creator: 'Kim Min-ji', created: '2024-03-05T10:00:00Z', blocks: [{ heading: 'Attendance', level: 1 }, { paragraph: 'The committee met at noon.' }] });
      const { source } = await importFile(s, 'minutes.docx', bytes);
      expect(source).toMatchObject({ title: 'Committee minutes', authors: ['Kim Min-ji'] });
      expect(source.dates.published).toMatchObject({ value: '2024-03-05T10:00:00.000Z', from: 'metadata' });
      expect(source.content.headings).toEqual([{ start: 0, level: 1 }]);
      expect(await textOf(s, source)).toBe('Attendance\n\nThe committee met at noon.');
    }, 30_000);

    it('a bad file is refused with the reader\'s reason and leaves nothing behind', async () => {
      const dir = join(tempRoot(), 'bad.corroborate');
      const s = await service(dir);
      const listing = () => readdirSync(dir, { recursive: true }).map(String).sort();
      const before = listing();
      expect(await failure(s, 'importFile', { filename: 'secret.pdf', dataBase64: b64(encryptedPdf()) })).toEqual({
        code: 'invalid',
        message: expect.stringMatching(/^secret\.pdf is password-protected/),
      });
      expect(await failure(s, 'importFile', { filename: 'notes.pdf', dataBase64: b64(Buffer.from('<html><body>Not a PDF</body></html>')) })).toEqual({
        code: 'invalid',
        message: 'notes.pdf is not a PDF (it does not begin with %PDF-): it looks like a web page (HTML); rename it to .html to import it',
      });
      expect((await failure(s, 'importFile', { filename: 'sheet.xlsx', dataBase64: b64(Buffer.from('x')) })).message).toMatch(/^sheet\.xlsx: \.xlsx files cannot be imported/);
      expect(listing()).toEqual(before);
      expect(Object.keys(s.store.notebook.sources)).toHaveLength(0);
      expect((await call<NotebookView>(s, 'getNotebook', {})).canUndo).toBe(false);
    }, 30_000);

    it('a file over 200 MB is refused from the length of its base64, before it is decoded', async () => {
      const s = await service(join(tempRoot(), 'big.corroborate'));
      // 279,620,268 base64 characters decode to 200 MiB and one byte.
      const justOver = await failure(s, 'importFile', { filename: 'huge.pdf', dataBase64: 'A'.repeat(279_620_268) });
      expect(justOver).toEqual({ code: 'invalid', message: 'huge.pdf is 200.1 MB; Corroborate imports files of up to 200 MB' });
      const wayOver = await failure(s, 'importFile', { filename: 'huge.pdf', dataBase64: 'A'.repeat(280_000_001) });
      expect(wayOver).toEqual({ code: 'invalid', message: 'importFile: dataBase64: the file is larger than 200 MB' });
    }, 30_000);

    it('sourceFile gives back the original of a live source, and nothing else', async () => {
      const s = await service(join(tempRoot(), 'originals.corroborate'));
      const pdf = await textPdf({ title: 'Original', pages: [['Kept as it was.']] });
      const { source } = await importFile(s, 'original.pdf', pdf);
      const file = await call<SourceFile>(s, 'sourceFile', { sha256: source.content.originalSha256 });
      expect(file).toEqual({ dataBase64: b64(pdf), mediaType: 'application/pdf', filename: 'original.pdf' });
      // The normalised text is a stored file too, but not an original a source names.
      expect((await failure(s, 'sourceFile', { sha256: source.content.textSha256 })).code).toBe('not-found');
      expect((await failure(s, 'sourceFile', { sha256: 'nope' })).code).toBe('invalid');
      const pasted = await call<SourceAdded>(s, 'addTextSource', { title: 'Pasted', text: 'Typed in.' });
      expect(await call<SourceFile>(s, 'sourceFile', { sha256: pasted.source.content.originalSha256 })).toEqual({
        dataBase64: b64(Buffer.from('Typed in.')),
        mediaType: 'text/plain',
        filename: null,
      });
      await call(s, 'apply', { op: { type: 'delete', kind: 'source', id: source.id, at: now() } });
      expect((await failure(s, 'sourceFile', { sha256: source.content.originalSha256 })).code).toBe('not-found');
    }, 30_000);

    it('importFormats says which files importFile takes and how large', async () => {
      const s = await service(join(tempRoot(), 'formats.corroborate'));
      const formats = await call<ImportFormats>(s, 'importFormats', {});
      expect(formats.maxBytes).toBe(200 * 1024 * 1024);
      expect(formats.extensions).toEqual(expect.arrayContaining(['.txt', '.md', '.html', '.htm', '.mhtml', '.pdf', '.docx']));
    }, 30_000);
  });

  it('keeps the current notebook when opening another one fails', async () => {
    const root = tempRoot();
    const s = await service(join(root, 'current.corroborate'));
    await call(s, 'addTextSource', { title: 'Kept', text: 'Still here.' });
    const notANotebook = join(root, 'photos');
    mkdirSync(notANotebook);
    writeFileSync(join(notANotebook, 'holiday.jpg'), 'x');

    const error = await failure(s, 'openNotebook', { path: notANotebook });
    expect(error.code).toBe('not-found');
    expect(error.message).toContain('is not a Corroborate notebook');
    const view = await call<NotebookView>(s, 'getNotebook', {});
    expect(view.info.path).toBe(join(root, 'current.corroborate'));
    // Still open for writing: the lock was not given up.
    await call(s, 'addTextSource', { title: 'Also kept', text: 'Written after the failed open.' });
    expect(Object.keys(s.store.notebook.sources)).toHaveLength(2);
  });

  it('opens another notebook and lets go of the previous one', async () => {
    const root = tempRoot();
    const s = await service(join(root, 'first.corroborate'));
    const view = await call<NotebookView>(s, 'openNotebook', { path: join(root, 'second.corroborate'), create: true });
    expect(view.info.name).toBe('second');
    expect(view.info.readOnly).toBeNull();
    // The first notebook's lock is released: another writer can open it.
    const first = await openStore(join(root, 'first.corroborate'));
    await first.close();
  });

  it('opens a notebook in a read-only folder for reading, and says why', async () => {
    const dir = join(tempRoot(), 'archived.corroborate');
    const setup = await openStore(dir, { create: true });
    setup.apply({ type: 'create', kind: 'entity', object: { id: newId(), createdAt: now(), updatedAt: now(), name: 'KCNA', kind: 'media outlet' } });
    await setup.close();
    chmodSync(dir, 0o555);
    const before = readFileSync(join(dir, 'notebook.json'));
    const listing = readdirSync(dir).sort();

    const s = await service(dir, false);
    const view = await call<NotebookView>(s, 'getNotebook', {});
    expect(view.info.readOnly).toMatch(/read-only/);
    expect(Object.keys(view.notebook.entities)).toHaveLength(1);
    const refused = await failure(s, 'addTextSource', { title: 'New', text: 'Cannot be written.' });
    expect(refused.code).toBe('read-only');
    expect((await failure(s, 'undo', {})).code).toBe('read-only');
    await s.close();
    expect(readFileSync(join(dir, 'notebook.json'))).toEqual(before);
    expect(readdirSync(dir).sort()).toEqual(listing);
  });

  it('answers hostInfo and chooseNotebookFolder from its options', async () => {
    const root = tempRoot();
    const s = await service(join(root, 'a.corroborate'));
    expect(await call(s, 'hostInfo', {})).toEqual(host);
    expect(await call(s, 'chooseNotebookFolder', { create: true })).toBeNull();
    const withDialog = await createService({ notebookDir: join(root, 'b.corroborate'), create: true, host, chooseNotebookFolder: async (create) => (create ? '/new' : '/old') });
    services.push(withDialog);
    expect(await call(withDialog, 'chooseNotebookFolder', { create: true })).toBe('/new');
  });
});

describe('findMentions', () => {
  const add = (s: Service, title: string, text: string) => call<SourceAdded>(s, 'addTextSource', { title, text });
  const find = (s: Service, names: string[], limit?: number) => call<Mentions>(s, 'findMentions', limit === undefined ? { names } : { names, limit });
  /** Each mention as "name@start-end:exact", the shortest way to see what was found where. */
  const brief = (m: Mentions) => m.mentions.map((x) => `${x.name}@${x.start}-${x.end}:${x.exact}`);

  it('finds whole words only, in any case, the longer name where two overlap, and reports the name that matched', async () => {
    const s = await service(join(tempRoot(), 'mentions.corroborate'));
    const text = "North Korea denies it. KOREA, korea and Korea's ports; not the North Koreans, not Korea1, not 한국Korea, not Korea\u0331 (a mark with no precomposed form, so NFC keeps it apart).";
    const { source } = await add(s, 'Wire report', text);
    const found = await find(s, ['Korea', 'North Korea']);
    expect(found.truncated).toBe(false);
    expect(brief(found)).toEqual(['North Korea@0-11:North Korea', 'Korea@23-28:KOREA', 'Korea@30-35:korea', "Korea@40-45:Korea"]);
    expect(found.mentions.every((m) => m.sourceId === source.id)).toBe(true);
  });

  it('finds aliases, a name broken across a line, and where two names overlap keeps the longer (or the earlier)', async () => {
    const s = await service(join(tempRoot(), 'mentions.corroborate'));
    await add(s, 'KCNA statement', 'Kim Yo-jong said so. Later Kim Yo\nJong repeated it.');
    expect(brief(await find(s, ['Kim Yo Jong', 'Kim Yo-jong']))).toEqual(['Kim Yo-jong@0-11:Kim Yo-jong', 'Kim Yo Jong@27-38:Kim Yo\nJong']);
    // "Yo-jong said" is longer than "Kim Yo", which starts first; "Later Kim" is longer than "Kim Yo" after it.
    expect(brief(await find(s, ['Kim Yo', 'Yo-jong said', 'Later Kim']))).toEqual(['Yo-jong said@4-16:Yo-jong said', 'Later Kim@21-30:Later Kim']);
    // As long as each other: the earlier wins.
    await add(s, 'Shipping list', 'Routes: Korea Russia Korea.');
    expect(brief(await find(s, ['Korea Russia', 'Russia Korea']))).toEqual(['Korea Russia@8-20:Korea Russia']);
  });

  it('counts offsets in code points past astral characters, with context that makes the mention an excerpt as it is', async () => {
    const s = await service(join(tempRoot(), 'mentions.corroborate'));
    const text = '🇰🇵🇷🇺 𝐁𝐑𝐄𝐀𝐊𝐈𝐍𝐆: the U.S. and South Korea accuse North Korea of shipping artillery to Russia, officials in Seoul said.';
    const { source } = await add(s, 'Social post', text);
    const [mention] = (await find(s, ['North Korea'])).mentions;
    const start = [...text.slice(0, text.indexOf('North Korea'))].length;
    expect(mention).toEqual({
      sourceId: source.id,
      name: 'North Korea',
      start,
      end: start + 11,
      exact: 'North Korea',
      prefix: [...text].slice(start - 32, start).join(''),
      suffix: [...text].slice(start + 11, start + 43).join(''),
    });
    // The store checks an excerpt's quote against the text at its offsets: this one fits.
    const t = now();
    const selectors = { position: { start: mention!.start, end: mention!.end }, quote: { exact: mention!.exact, prefix: mention!.prefix, suffix: mention!.suffix } };
    await call(s, 'apply', { op: { type: 'create', kind: 'excerpt', object: { id: newId(), createdAt: t, updatedAt: t, sourceId: source.id, selectors } } });
    expect(Object.keys(s.store.notebook.excerpts)).toHaveLength(1);
  });

  it('looks in live sources only, in the order they were added, and stops at the limit saying there is more', async () => {
    const s = await service(join(tempRoot(), 'mentions.corroborate'));
    const first = (await add(s, 'Wire report', 'Seoul said Pyongyang shipped shells. Pyongyang denies it.')).source;
    const trashed = (await add(s, 'Old draft', 'Pyongyang, Pyongyang, Pyongyang.')).source;
    const second = (await add(s, 'KCNA statement', 'Pyongyang calls it absurd.')).source;
    await call(s, 'apply', { op: { type: 'delete', kind: 'source', id: trashed.id, at: now() } });

    const all = await find(s, ['Pyongyang']);
    expect(all.mentions.map((m) => [m.sourceId, m.start])).toEqual([
      [first.id, 11],
      [first.id, 37],
      [second.id, 0],
    ]);
    expect(all.truncated).toBe(false);
    expect(await find(s, ['Pyongyang'], 3)).toEqual(all);

    const two = await find(s, ['pyongyang'], 2);
    expect(two.mentions.map((m) => [m.sourceId, m.start, m.name])).toEqual([
      [first.id, 11, 'pyongyang'],
      [first.id, 37, 'pyongyang'],
    ]);
    expect(two.truncated).toBe(true);
    expect(await find(s, ['Moscow'])).toEqual({ mentions: [], truncated: false });
  });

  it('refuses no names, a blank name and a limit out of range', async () => {
    const s = await service(join(tempRoot(), 'mentions.corroborate'));
    expect(await failure(s, 'findMentions', { names: [] })).toEqual({ code: 'invalid', message: 'findMentions: names: give at least one name' });
    expect(await failure(s, 'findMentions', { names: ['Kim', '  '] })).toEqual({ code: 'invalid', message: 'findMentions: names.1: a name cannot be empty' });
    expect((await failure(s, 'findMentions', { names: ['Kim'], limit: 0 })).code).toBe('invalid');
  });

  it('takes names with the characters regular expressions treat specially as plain text', async () => {
    const s = await service(join(tempRoot(), 'mentions.corroborate'));
    await add(s, 'Filing', 'Rosoboronexport (R.O.E.) and AT&T [sic] and a+b and (R.O.E.) again; ROXE is not R.O.E.');
    expect(brief(await find(s, ['(R.O.E.)', 'AT&T', 'a+b', '[sic]']))).toEqual(['(R.O.E.)@16-24:(R.O.E.)', 'AT&T@29-33:AT&T', '[sic]@34-39:[sic]', 'a+b@44-47:a+b', '(R.O.E.)@52-60:(R.O.E.)']);
  });

  it('goes through a 1 MB source with 200 names in one pass', async () => {
    const s = await service(join(tempRoot(), 'mentions.corroborate'));
    const sentence = 'Officials in Seoul said thousands of containers crossed from North Korea to Russia. ';
    await add(s, 'Long report', sentence.repeat(Math.ceil(1_000_000 / sentence.length)));
    const names = [...Array.from({ length: 198 }, (_, i) => `Person ${i} Surname`), 'North Korea', 'Russia'];
    const found = await find(s, names, 5000);
    expect(found.truncated).toBe(true);
    expect(found.mentions).toHaveLength(5000);
    expect(found.mentions.slice(0, 2).map((m) => m.name)).toEqual(['North Korea', 'Russia']);
  });
});
