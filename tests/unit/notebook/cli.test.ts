import { spawn } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildBundle, Bundle, BUNDLE_SCHEMA_VERSION } from '../../../notebook/common/bundle.js';
import { EXPORT_FORMATS, type ExportFormat } from '../../../notebook/common/export/formats.js';
import { SCHEMA_VERSION } from '../../../notebook/common/model.js';
import { runCli } from '../../../notebook/node/cli.js';
import { docx, junkZipDocx } from '../../fixtures/generate/docx.js';
import { encryptedPdf, textPdf } from '../../fixtures/generate/pdf.js';
import { ACCUSATION_PASSAGE, EXPORTED_AT, runningExample, TRASHED } from './export/running-example.js';
import { folderBytes, runIn } from './cli-harness.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/import/', import.meta.url));

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'corroborate-cli-'));
  // Inputs are copied next to the notebook so the commands see short relative names.
  for (const name of readdirSync(FIXTURES)) copyFileSync(join(FIXTURES, name), join(root, name));
});
afterEach(() => {
  chmodAll(root);
  rmSync(root, { recursive: true, force: true });
});

function chmodAll(dir: string): void {
  chmodSync(dir, 0o755);
  for (const name of readdirSync(dir)) if (statSync(join(dir, name)).isDirectory()) chmodAll(join(dir, name));
}



/** A notebook with two sources, made through the CLI itself. */
async function notebookWithTwoSources(name = 'research.corroborate'): Promise<string> {
  const made = await runIn(root, 'import', 'utf8-no-bom.txt', 'front-matter.md', '--notebook', name);
  expect(made.code).toBe(0);
  return join(root, name);
}

describe('corroborate import', () => {
  it('creates the notebook, imports each file and says what it did', async () => {
    const run = await runIn(root, 'import', 'utf8-no-bom.txt', 'windows-1252-curly-quotes.txt', 'front-matter.md', '--notebook', 'research.corroborate');
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toBe(
      [
        `Created notebook "research" in ${join(root, 'research.corroborate')}`,
        '[1/3] utf8-no-bom.txt: added source "utf8-no-bom"',
        '[2/3] windows-1252-curly-quotes.txt: added source "windows-1252-curly-quotes"',
        '[3/3] front-matter.md: added source "Kim Yo Jong: "the most absurd paradox""',
        'Imported 3 sources, 0 already in the notebook, 0 failed.',
        '',
      ].join('\n'),
    );
    expect(existsSync(join(root, 'research.corroborate', 'notebook.json'))).toBe(true);
  });

  it('creates the notebook in an empty folder', async () => {
    mkdirSync(join(root, 'empty'));
    const run = await runIn(root, 'import', 'crlf-lines.txt', '--notebook', 'empty');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Created notebook "empty"/);
  });

  it('does not add the same text twice, and names the source that has it', async () => {
    await notebookWithTwoSources();
    const run = await runIn(root, 'import', 'utf8-with-bom.txt', 'utf16le-bom.txt', '--notebook', 'research.corroborate', '--json');
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as { created: boolean; files: { result: string; duplicateOf?: string; title: string }[]; summary: unknown };
    expect(report.created).toBe(false);
    expect(report.files.map((f) => f.result)).toEqual(['duplicate', 'duplicate']);
    expect(report.files[0]!.duplicateOf).toBeDefined();
    expect(report.files[0]!.title).toBe('utf8-no-bom');
    expect(report.summary).toEqual({ sources: 0, duplicates: 2, bundles: 0, failed: 0, notTried: 0, interrupted: false });

    const plain = await runIn(root, 'import', 'utf16be-bom.txt', '--notebook', 'research.corroborate');
    expect(plain.stdout).toBe('[1/1] utf16be-bom.txt: same text as existing source "utf8-no-bom"\nImported 0 sources, 1 already in the notebook, 0 failed.\n');
  });

  it('imports a bundle file and reports what it added', async () => {
    const run = await runIn(root, 'import', 'producer-bundle-without-content.json', '--notebook', 'nb');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('[1/1] producer-bundle-without-content.json: added 1 source, 1 excerpt, 1 claim, 1 link, 1 entity\n');
    expect(run.stdout).toContain('Imported 0 sources and 1 bundle, 0 already in the notebook, 0 failed.\n');
    const again = await runIn(root, 'import', 'producer-bundle-without-content.json', '--notebook', 'nb');
    expect(again.stdout).toBe('[1/1] producer-bundle-without-content.json: nothing new; skipped 5 already in the notebook\nImported 0 sources and 1 bundle, 0 already in the notebook, 0 failed.\n');
  });

  it('imports PDF, Word and web page files with their metadata, citing pages', async () => {
    writeFileSync(join(root, 'arms.pdf'), await textPdf({ title: 'Arms transfers', pages: [['One.'], ['Two.'], ['Three.']] }));
    writeFileSync(join(root, 'minutes.docx'), await docx({ title: 'Minutes', blocks: [{ paragraph: 'The committee met.' }] }));
    writeFileSync(join(root, 'page.html'), webPage('Containers shipped', 'Officials said thousands of containers were shipped.'));
    const run = await runIn(root, 'import', 'arms.pdf', 'minutes.docx', 'page.html', '--notebook', 'nb');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('[1/3] arms.pdf: added source "Arms transfers" (3 pages)\n');
    expect(run.stdout).toContain('[2/3] minutes.docx: added source "Minutes"\n');
    expect(run.stdout).toContain('[3/3] page.html: added source "Containers shipped"\n');
    expect(run.stdout).toContain('Imported 3 sources, 0 already in the notebook, 0 failed.\n');
  }, 30_000); // the first file of each kind loads its reader (jsdom alone takes seconds on a busy machine)

  describe('a file that cannot be imported is reported; it changes nothing, and the others still import', () => {
    const cases: [string, string[], RegExp][] = [
      ['a missing file', ['nope.txt'], /^nope\.txt: no such file or folder$/],
      ['an unknown file type', ['sheet.xlsx'], /^sheet\.xlsx: \.xlsx files cannot be imported; Corroborate imports \.txt, \.md, \.html, \.mhtml, \.pdf and \.docx files$/],
      ['a damaged PDF', ['report.pdf'], /^report\.pdf is not a readable PDF/],
      ['an image named .txt', ['binary-with-nul.txt'], /^binary-with-nul\.txt looks like a PNG image, not text$/],
      ['an empty text', ['whitespace-only.txt'], /^whitespace-only\.txt has no text$/],
      ['a bundle with a quote not in its text', ['bundle-with-mismatched-quote.json'], /^bundle-with-mismatched-quote\.json: excerpt .* does not match/],
    ];
    beforeEach(() => writeFileSync(join(root, 'sheet.xlsx'), 'PK'));

    it.each(cases)('%s, alone: nothing changes, exit 1', async (_what, files, message) => {
      const dir = await notebookWithTwoSources();
      const before = folderBytes(dir);
      const run = await runIn(root, 'import', ...files, '--notebook', 'research.corroborate');
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(/^\[1\/1\] \S+: FAILED: .+\nImported 0 sources, 0 already in the notebook, 1 failed\.\n$/);
      expect(run.stdout.split('\n')[0]!.replace(/^\[1\/1\] \S+: FAILED: /, '')).toMatch(message);
      expect(run.stderr.replace(/^corroborate: /, '').trimEnd()).toMatch(message);
      expect(folderBytes(dir)).toEqual(before);
    });

    it.each(cases)('%s, after a good file: the good file is imported, the bad one reported, exit 1', async (_what, files, message) => {
      await notebookWithTwoSources();
      const run = await runIn(root, 'import', 'crlf-lines.txt', ...files, '--notebook', 'research.corroborate', '--json');
      expect(run.code).toBe(1);
      const report = JSON.parse(run.stdout) as { files: { file: string; result: string; error?: { code: string; message: string } }[]; summary: Record<string, unknown> };
      expect(report.files.map((f) => f.result)).toEqual(['added', 'failed']);
      expect(report.files[1]!.error!.message).toMatch(message);
      expect(report.summary).toMatchObject({ sources: 1, failed: 1 });
      const info = JSON.parse((await runIn(root, 'info', '--notebook', 'research.corroborate', '--json')).stdout) as { counts: { sources: number }; integrity: { ok: boolean } };
      expect(info).toMatchObject({ counts: { sources: 3 }, integrity: { ok: true } });
    });

    it.each(cases)('%s, into a notebook that does not exist yet: it is not created', async (_what, files) => {
      const run = await runIn(root, 'import', ...files, '--notebook', 'new.corroborate');
      expect(run.code).toBe(1);
      expect(existsSync(join(root, 'new.corroborate'))).toBe(false);
    });

    it('a bad file and a good one into a notebook that does not exist yet: it is created with the good one', async () => {
      const run = await runIn(root, 'import', 'binary-with-nul.txt', 'crlf-lines.txt', '--notebook', 'new.corroborate');
      expect(run.code).toBe(1);
      expect(run.stdout).toContain('[1/2] binary-with-nul.txt: FAILED: binary-with-nul.txt looks like a PNG image, not text\n');
      expect(run.stdout).toContain('[2/2] crlf-lines.txt: added source "crlf-lines"\n');
      expect(run.stdout).toContain('Imported 1 source, 0 already in the notebook, 1 failed.\n');
      expect(run.stderr).toBe('corroborate: binary-with-nul.txt looks like a PNG image, not text\n');
    });
  });

  describe('folders and batches', () => {
    it('imports a folder of 200 files, in the order a person would list them', async () => {
      mkdirSync(join(root, 'wire'));
      for (let i = 1; i <= 200; i++) writeFileSync(join(root, 'wire', `report-${i}.txt`), `Report ${i}: officials said containers were shipped.\n`);
      const run = await runIn(root, 'import', 'wire', '--notebook', 'batch.corroborate');
      expect(run.code).toBe(0);
      const lines = run.stdout.split('\n').filter((l) => l.startsWith('['));
      expect(lines).toHaveLength(200);
      expect(lines[1]).toMatch(/^\[2\/200\] .*report-2\.txt: added source "report-2"$/);
      expect(lines[199]).toMatch(/^\[200\/200\] .*report-200\.txt: added/);
      expect(run.stdout).toContain('Imported 200 sources, 0 already in the notebook, 0 failed.');
      const info = await runIn(root, 'info', '--notebook', 'batch.corroborate', '--json');
      expect(JSON.parse(info.stdout)).toMatchObject({ counts: { sources: 200 } });
    }, 60_000);

    /** 20 files in nested folders: 17 that import, and 3 that cannot (an image, a locked PDF, a zip of photos). */
    async function mixedFolder(): Promise<{ good: string[]; bad: string[] }> {
      const files: Record<string, Uint8Array | string> = {};
      for (let i = 1; i <= 4; i++) files[`inbox/note-${i}.txt`] = `Field note ${i}: officials counted ${i * 1000} containers.\n`;
      for (let i = 1; i <= 4; i++) files[`inbox/md/statement-${i}.md`] = `---\ntitle: Statement ${i}\ndate: 2024-01-0${i}\n---\nThe ministry said ${i}.\n`;
      for (let i = 1; i <= 4; i++) files[`inbox/web/page-${i}.html`] = webPage(`Report ${i}`, `Page ${i}: thousands of containers were shipped, officials said.`);
      for (let i = 1; i <= 3; i++) files[`inbox/pdf/study-${i}.pdf`] = await textPdf({ title: `Study ${i}`, pages: [[`Study ${i}, page one.`], [`Study ${i}, page two.`]] });
      for (let i = 1; i <= 2; i++) files[`inbox/word/minutes-${i}.docx`] = await docx({ title: `Minutes ${i}`, blocks: [{ paragraph: `Meeting ${i} took place.` }] });
      const bad: Record<string, Uint8Array> = {
        'inbox/photo.txt': new Uint8Array(readFileSync(join(FIXTURES, 'binary-with-nul.txt'))),
        'inbox/pdf/locked.pdf': encryptedPdf(),
        'inbox/word/holiday.docx': await junkZipDocx(),
      };
      // Never picked up from a folder: hidden files and folders, other types, bundles.
      const ignored: Record<string, string> = {
        'inbox/.hidden.txt': 'hidden',
        'inbox/.git/notes.txt': 'hidden folder',
        'inbox/picture.png': 'png',
        'inbox/export.json': '{}',
      };
      for (const [name, content] of Object.entries({ ...files, ...bad, ...ignored })) {
        mkdirSync(dirname(join(root, name)), { recursive: true });
        writeFileSync(join(root, name), content);
      }
      return { good: Object.keys(files), bad: Object.keys(bad) };
    }

    it('imports every supported file of a folder, in name order, lists the 3 that fail with their reasons, and exits 1', async () => {
      const { good, bad } = await mixedFolder();
      const started = performance.now();
      const run = await runIn(root, 'import', 'inbox', '--notebook', 'nb');
      const seconds = (performance.now() - started) / 1000;
      console.info(`imported a folder of 20 mixed files in ${seconds.toFixed(1)} s`);
      expect(run.code).toBe(1);
      const lines = run.stdout.trimEnd().split('\n');
      expect(lines[0]).toMatch(/^Created notebook "nb"/);
      const fileLines = lines.slice(1, -1);
      expect(fileLines).toHaveLength(20);
      const listed = fileLines.map((l) => /^\[\d+\/20\] (\S+): /.exec(l)![1]!);
      expect(listed).toEqual([...good, ...bad].sort());
      expect(fileLines.filter((l) => l.includes(': FAILED: ')).map((l) => /^\[\d+\/20\] (\S+): /.exec(l)![1])).toEqual([...bad].sort());
      expect(run.stdout).toContain('inbox/pdf/study-1.pdf: added source "Study 1" (2 pages)');
      expect(run.stdout).toContain('inbox/pdf/locked.pdf: FAILED: inbox/pdf/locked.pdf is password-protected');
      expect(run.stdout).toContain('inbox/word/holiday.docx: FAILED: inbox/word/holiday.docx is not a Word document');
      expect(run.stdout).toContain('inbox/photo.txt: FAILED: inbox/photo.txt looks like a PNG image, not text');
      expect(lines.at(-1)).toBe('Imported 17 sources, 0 already in the notebook, 3 failed.');
      expect(run.stderr.trimEnd().split('\n')).toHaveLength(3);

      const info = JSON.parse((await runIn(root, 'info', '--notebook', 'nb', '--json')).stdout) as { counts: { sources: number }; integrity: { ok: boolean } };
      expect(info).toMatchObject({ counts: { sources: 17 }, integrity: { ok: true } });
      // Again: everything good is already there.
      const again = await runIn(root, 'import', 'inbox', '--notebook', 'nb');
      expect(again.stdout.trimEnd().split('\n').at(-1)).toBe('Imported 0 sources, 17 already in the notebook, 3 failed.');
    }, 120_000);

    it('says so when a file disappears between listing the folder and reading it', async () => {
      mkdirSync(join(root, 'inbox'));
      writeFileSync(join(root, 'inbox', 'a.txt'), 'First.\n');
      writeFileSync(join(root, 'inbox', 'b.txt'), 'Second.\n');
      let stdout = '';
      const code = await runCli(['import', 'inbox', '--notebook', 'nb'], {
        stdout: (t) => {
          stdout += t;
          if (t.includes('inbox/a.txt')) rmSync(join(root, 'inbox', 'b.txt'));
        },
        stderr: () => {},
        cwd: root,
      });
      expect(code).toBe(1);
      expect(stdout).toContain('[1/2] inbox/a.txt: added source "a"\n');
      expect(stdout).toContain('[2/2] inbox/b.txt: FAILED: inbox/b.txt disappeared before it could be read\n');
    });

    it('refuses a file over 200 MB from its size, without reading it', async () => {
      // Sparse: 201 MB long, no disk used.
      const huge = join(root, 'huge.txt');
      writeFileSync(huge, '');
      truncateSync(huge, 201 * 1024 * 1024);
      const run = await runIn(root, 'import', 'huge.txt', 'crlf-lines.txt', '--notebook', 'nb');
      expect(run.code).toBe(1);
      expect(run.stdout).toContain('[1/2] huge.txt: FAILED: huge.txt is 201 MB; Corroborate imports files of up to 200 MB\n');
      expect(run.stdout).toContain('[2/2] crlf-lines.txt: added source "crlf-lines"\n');
    });

    it('says when a folder has nothing it can import', async () => {
      mkdirSync(join(root, 'photos'));
      writeFileSync(join(root, 'photos', 'holiday.jpg'), 'x');
      const run = await runIn(root, 'import', 'photos', '--notebook', 'nb');
      expect(run.code).toBe(1);
      expect(run.stdout).toContain('[1/1] photos: FAILED: photos is a folder with no file Corroborate can import (.txt, .md, .html, .mhtml, .pdf, .docx)\n');
      expect(existsSync(join(root, 'nb'))).toBe(false);
    });

    it('shows which file it is reading on standard error when that is a terminal', async () => {
      let stderr = '';
      const code = await runCli(['import', 'crlf-lines.txt', 'utf8-no-bom.txt', '--notebook', 'nb'], { stdout: () => {}, stderr: (t) => (stderr += t), cwd: root, stderrIsTTY: true });
      expect(code).toBe(0);
      expect(stderr).toContain('[1/2] reading crlf-lines.txt…');
      expect(stderr).toContain('[2/2] reading utf8-no-bom.txt…');
      expect(stderr.endsWith('\r\x1b[K')).toBe(true); // the progress line is cleared at the end
    });

    it('stops after the current file when interrupted, keeps what was imported, and exits 130', async () => {
      const stop = new AbortController();
      let stdout = '';
      const code = await runCli(['import', 'crlf-lines.txt', 'utf8-no-bom.txt', 'front-matter.md', '--notebook', 'nb'], {
        stdout: (t) => {
          stdout += t;
          if (t.startsWith('[1/3]')) stop.abort();
        },
        stderr: () => {},
        cwd: root,
        signal: stop.signal,
      });
      expect(code).toBe(130);
      expect(stdout).toContain('[1/3] crlf-lines.txt: added source "crlf-lines"\n');
      expect(stdout).not.toContain('[2/3]');
      expect(stdout).toContain('Imported 1 source, 0 already in the notebook, 0 failed. Stopped by Ctrl+C: 2 files not tried.\n');
      const info = JSON.parse((await runIn(root, 'info', '--notebook', 'nb', '--json')).stdout) as { counts: { sources: number } };
      expect(info.counts.sources).toBe(1);
      expect(existsSync(join(root, 'nb', 'lock'))).toBe(false);
    });

    it('Ctrl+C on the real command does the same (SIGINT)', async () => {
      const bin = fileURLToPath(new URL('../../../bin/corroborate.js', import.meta.url));
      const built = fileURLToPath(new URL('../../../dist/notebook/node/cli.js', import.meta.url));
      if (!existsSync(built)) throw new Error(`${built} is missing: run npm run build first`);
      mkdirSync(join(root, 'many'));
      for (let i = 0; i < 40; i++) writeFileSync(join(root, 'many', `note-${String(i).padStart(2, '0')}.txt`), `Note number ${i}.\n`);
      const child = spawn(process.execPath, [bin, 'import', 'many', '--notebook', 'nb'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let interrupted = false;
      child.stdout.on('data', (d: Buffer) => {
        stdout += d.toString();
        if (!interrupted && stdout.includes('[2/40]')) {
          interrupted = true;
          child.kill('SIGINT');
        }
      });
      const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
      expect(code).toBe(130);
      const summary = /Imported (\d+) sources?, 0 already in the notebook, 0 failed\. Stopped by Ctrl\+C: (\d+) files? not tried\.\n$/.exec(stdout);
      expect(summary).not.toBeNull();
      const imported = Number(summary![1]);
      expect(imported + Number(summary![2])).toBe(40);
      expect(imported).toBeLessThan(40);
      const info = JSON.parse((await runIn(root, 'info', '--notebook', 'nb', '--json')).stdout) as { counts: { sources: number }; integrity: { ok: boolean } };
      expect(info).toMatchObject({ counts: { sources: imported }, integrity: { ok: true } });
      expect(existsSync(join(root, 'nb', 'lock'))).toBe(false);
    }, 60_000);
  });

  describe('refuses a notebook it cannot write, and changes nothing on disk', () => {
    it('a read-only notebook folder', async () => {
      const dir = await notebookWithTwoSources();
      chmodSync(dir, 0o555);
      const before = folderBytes(dir);
      const run = await runIn(root, 'import', 'crlf-lines.txt', '--notebook', 'research.corroborate');
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/^corroborate: .*read-only/);
      expect(folderBytes(dir)).toEqual(before);
    });

    it('a corrupt notebook.json', async () => {
      const dir = await notebookWithTwoSources();
      writeFileSync(join(dir, 'notebook.json'), '{"schemaVersion":1,"seq":');
      const before = folderBytes(dir);
      for (const argv of [['import', 'crlf-lines.txt'], ['info'], ['export', '--format', 'json']]) {
        const run = await runIn(root, ...argv, '--notebook', 'research.corroborate');
        expect(run.code).toBe(1);
        expect(run.stderr).toMatch(/^corroborate: .*notebook\.json/);
        expect(folderBytes(dir)).toEqual(before);
      }
    });

    it('a notebook.json from a newer Corroborate', async () => {
      const dir = await notebookWithTwoSources();
      const snapshot = JSON.parse(readFileSync(join(dir, 'notebook.json'), 'utf8')) as Record<string, unknown>;
      writeFileSync(join(dir, 'notebook.json'), JSON.stringify({ ...snapshot, schemaVersion: 99 }));
      const before = folderBytes(dir);
      const run = await runIn(root, 'import', 'crlf-lines.txt', '--notebook', 'research.corroborate');
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/newer/);
      expect(folderBytes(dir)).toEqual(before);
    });

    it('a folder that is not a notebook', async () => {
      mkdirSync(join(root, 'photos'));
      writeFileSync(join(root, 'photos', 'holiday.jpg'), 'x');
      const before = folderBytes(join(root, 'photos'));
      const run = await runIn(root, 'import', 'crlf-lines.txt', '--notebook', 'photos');
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/is not a Corroborate notebook/);
      expect(folderBytes(join(root, 'photos'))).toEqual(before);
    });
  });
});

/** A small saved page with an article long enough for Readability to find. */
function webPage(title: string, sentence: string): string {
  const paragraphs = Array.from({ length: 4 }, (_, i) => `<p>${sentence} Paragraph ${i + 1} adds the detail analysts look for in a report like this one.</p>`).join('\n');
  return `<!doctype html><html lang="en"><head><title>${title}</title></head><body><nav>Home | World</nav><article><h1>${title}</h1>\n${paragraphs}\n</article></body></html>`;
}

describe('corroborate info', () => {
  it('prints name, path, schema version, counts and a passing integrity check', async () => {
    const dir = await notebookWithTwoSources();
    const run = await runIn(root, 'info', '--notebook', 'research.corroborate');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      [
        `name: research`,
        `path: ${dir}`,
        `schemaVersion: ${SCHEMA_VERSION}`,
        'sources: 2',
        'excerpts: 0',
        'claims: 0',
        'links: 0',
        'entities: 0',
        'propositions: 0',
        'questions: 0',
        'hypotheses: 0',
        'in trash: 0',
        'integrity: ok',
        '',
      ].join('\n'),
    );
    const json = await runIn(root, 'info', '--notebook', 'research.corroborate', '--json');
    expect(JSON.parse(json.stdout)).toMatchObject({
      name: 'research',
      schemaVersion: SCHEMA_VERSION,
      counts: { sources: 2, propositions: 0, questions: 0, hypotheses: 0, inTrash: 0 },
      integrity: { ok: true, problems: [] },
    });
  });

  it('fails the integrity check when a source file was changed or removed, and lists the problems', async () => {
    const imported = await runIn(root, 'import', 'producer-bundle-without-content.json', 'windows-1252-curly-quotes.txt', '--notebook', 'nb');
    expect(imported.code).toBe(0);
    const sources = join(root, 'nb', 'sources');
    const [first, ...rest] = readdirSync(sources).sort();
    const info0 = JSON.parse((await runIn(root, 'info', '--notebook', 'nb', '--json')).stdout) as { integrity: { ok: boolean } };
    expect(info0.integrity.ok).toBe(true);

    chmodSync(join(sources, first!), 0o644);
    writeFileSync(join(sources, first!), 'tampered');
    for (const name of rest) rmSync(join(sources, name));
    const run = await runIn(root, 'info', '--notebook', 'nb');
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/integrity: \d+ problems\n/);
    expect(run.stdout).toContain(`sources/${first} has changed`);
    expect(run.stdout).toContain(`sources/${rest[0]} is missing`);
  });

  it('reads a notebook in a read-only folder', async () => {
    const dir = await notebookWithTwoSources();
    chmodSync(dir, 0o555);
    const before = folderBytes(dir);
    const run = await runIn(root, 'info', '--notebook', 'research.corroborate');
    expect(run.code).toBe(0);
    expect(folderBytes(dir)).toEqual(before);
  });

  it('reads a v1 notebook as the current schema, checks its new references, and changes nothing in its folder', async () => {
    const notebooks = fileURLToPath(new URL('../../fixtures/notebooks/', import.meta.url));
    const dir = join(root, 'arms.corroborate');
    mkdirSync(join(dir, 'sources'), { recursive: true });
    copyFileSync(join(notebooks, 'v1-notebook.json'), join(dir, 'notebook.json'));
    copyFileSync(join(notebooks, 'v1-journal.jsonl'), join(dir, 'journal.jsonl'));
    copyFileSync(join(notebooks, 'v1-wire-report.txt'), join(dir, 'sources', '933840595c8a7585b62c559b08c10fec72b8c0e3313d698cae0f35c570fb2132'));
    const before = folderBytes(dir);
    const run = await runIn(root, 'info', '--notebook', 'arms.corroborate', '--json');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      name: 'Arms to Russia',
      id: '01941c2a-0000-7000-8000-000000000001',
      path: dir,
      schemaVersion: SCHEMA_VERSION,
      counts: { sources: 1, excerpts: 4, claims: 3, links: 4, entities: 3, propositions: 0, questions: 0, hypotheses: 0, inTrash: 0 },
      integrity: { ok: true, problems: [] },
    });
    expect(folderBytes(dir)).toEqual(before);

    // A question row and a mention into the trash are fine (hidden, not broken); ones naming nothing are not.
    const nb = JSON.parse(readFileSync(join(dir, 'notebook.json'), 'utf8'));
    nb.excerpts['01941c2a-0000-7000-8000-0000000000b3'].deletedAt = '2024-01-05T10:00:00.000Z';
    nb.excerpts['01941c2a-0000-7000-8000-0000000000b1'].mentions = ['01941c2a-0000-7000-8000-0000000000e9', '01941c2a-0000-7000-8000-0000000000e3'];
    nb.schemaVersion = 2;
    nb.propositions = {};
    nb.hypotheses = {};
    nb.questions = {
      '01941c2a-0000-7000-8000-0000000000f1': {
        id: '01941c2a-0000-7000-8000-0000000000f1',
        createdAt: '2024-01-05T10:00:00.000Z',
        updatedAt: '2024-01-05T10:00:00.000Z',
        text: 'Is North Korea supplying Russia?',
        evidence: [
          { kind: 'excerpt', id: '01941c2a-0000-7000-8000-0000000000b3' },
          { kind: 'excerpt', id: '01941c2a-0000-7000-8000-0000000000b4' },
        ],
      },
    };
    writeFileSync(join(dir, 'notebook.json'), JSON.stringify(nb));
    writeFileSync(join(dir, 'journal.jsonl'), '');
    const problems = await runIn(root, 'info', '--notebook', 'arms.corroborate');
    expect(problems.code).toBe(1);
    expect(problems.stdout).toContain('integrity: 2 problems\n');
    expect(problems.stdout).toContain('  - excerpt 01941c2a-0000-7000-8000-0000000000b1: mentions[0] 01941c2a-0000-7000-8000-0000000000e9 names no entity\n');
    expect(problems.stdout).toContain('  - question 01941c2a-0000-7000-8000-0000000000f1: evidence[1].id 01941c2a-0000-7000-8000-0000000000b4 names no excerpt\n');
  });

  it('says when the notebook folder does not exist', async () => {
    const run = await runIn(root, 'info', '--notebook', 'missing.corroborate');
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`corroborate: ${join(root, 'missing.corroborate')} does not exist\n`);
  });
});

describe('corroborate export', () => {
  it('writes the bundle to stdout, and a copy of the notebook imported from it matches', async () => {
    const dir = await notebookWithTwoSources();
    expect((await runIn(root, 'import', 'producer-bundle-without-content.json', '--notebook', 'research.corroborate')).code).toBe(0);
    const before = folderBytes(dir);
    const run = await runIn(root, 'export', '--format', 'json', '--notebook', 'research.corroborate');
    expect(run.code).toBe(0);
    expect(folderBytes(dir)).toEqual(before);
    const bundle = Bundle.parse(JSON.parse(run.stdout));
    expect(bundle.sources).toHaveLength(3);
    expect(bundle.notebook.name).toBe('research');

    writeFileSync(join(root, 'exported.json'), run.stdout);
    expect((await runIn(root, 'import', 'exported.json', '--notebook', 'copy')).code).toBe(0);
    const copy = Bundle.parse(JSON.parse((await runIn(root, 'export', '--notebook', 'copy')).stdout));
    expect({ ...copy, exportedAt: '', notebook: null }).toEqual({ ...bundle, exportedAt: '', notebook: null });
    expect((await runIn(root, 'info', '--notebook', 'copy')).code).toBe(0);
  });

  it('exports propositions, questions and hypotheses, and they import again', async () => {
    await notebookWithTwoSources();
    const bundle = {
      format: 'corroborate-bundle',
      schemaVersion: 2,
      propositions: [{ id: '01941c2a-0000-7000-8000-0000000000f0', statement: 'North Korea supplies Russia with munitions' }],
      claims: [{ id: '01941c2a-0000-7000-8000-0000000000c7', statement: 'Thousands of containers were shipped', propositionId: '01941c2a-0000-7000-8000-0000000000f0' }],
      questions: [{ id: '01941c2a-0000-7000-8000-0000000000f1', text: 'Is North Korea supplying Russia?', evidence: [{ kind: 'claim', id: '01941c2a-0000-7000-8000-0000000000c7' }] }],
      hypotheses: [{ id: '01941c2a-0000-7000-8000-0000000000f2', questionId: '01941c2a-0000-7000-8000-0000000000f1', statement: 'Yes', ratings: { '01941c2a-0000-7000-8000-0000000000c7': 'CC' } }],
    };
    writeFileSync(join(root, 'analysis.json'), JSON.stringify(bundle));
    const imported = await runIn(root, 'import', 'analysis.json', '--notebook', 'research.corroborate');
    expect(imported.stdout).toContain('analysis.json: added 1 claim, 1 proposition, 1 question, 1 hypothesis\n');

    const exported = Bundle.parse(JSON.parse((await runIn(root, 'export', '--notebook', 'research.corroborate')).stdout));
    expect(exported.schemaVersion).toBe(BUNDLE_SCHEMA_VERSION);
    expect(exported.propositions.map((p) => p.statement)).toEqual(['North Korea supplies Russia with munitions']);
    expect(exported.questions[0]!.evidence).toEqual([{ kind: 'claim', id: '01941c2a-0000-7000-8000-0000000000c7', relevance: 'medium' }]);
    expect(exported.hypotheses[0]!.ratings).toEqual({ '01941c2a-0000-7000-8000-0000000000c7': 'CC' });

    writeFileSync(join(root, 'exported.json'), JSON.stringify(exported));
    expect((await runIn(root, 'import', 'exported.json', '--notebook', 'copy')).stdout).toContain('added 2 sources, 1 claim, 1 proposition, 1 question, 1 hypothesis');
  });

  it('writes to --out FILE', async () => {
    await notebookWithTwoSources();
    const run = await runIn(root, 'export', '--notebook', 'research.corroborate', '--out', 'out/bundle.json');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/out\/bundle\.json/);
    mkdirSync(join(root, 'out'));
    const ok = await runIn(root, 'export', '--notebook', 'research.corroborate', '--out', 'out/bundle.json');
    expect(ok.code).toBe(0);
    expect(Bundle.parse(JSON.parse(readFileSync(join(root, 'out', 'bundle.json'), 'utf8'))).sources).toHaveLength(2);
    expect(readdirSync(join(root, 'out'))).toEqual(['bundle.json']);
  });

  it('refuses an unknown format, naming the supported ones', async () => {
    await notebookWithTwoSources();
    const run = await runIn(root, 'export', '--format', 'docx', '--notebook', 'research.corroborate');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^corroborate: unknown export format "docx"; supported: markdown, html, csv, web-annotation, csl-json, claimreview, bundle\n/);
  });

  describe('every export format, from a notebook given as the argument', () => {
    /** The running example, imported from its bundle into a notebook folder through the CLI. */
    async function runningExampleNotebook(): Promise<string> {
      const { notebook, files } = runningExample();
      writeFileSync(join(root, 'example.json'), JSON.stringify(buildBundle(notebook, files, EXPORTED_AT)));
      expect((await runIn(root, 'import', 'example.json', '--notebook', 'Munitions.corroborate')).code).toBe(0);
      return join(root, 'Munitions.corroborate');
    }

    it.each(Object.keys(EXPORT_FORMATS) as ExportFormat[])('%s: to standard output, or to --out FILE, changing nothing in the notebook', async (format) => {
      const dir = await runningExampleNotebook();
      const before = folderBytes(dir);
      const run = await runIn(root, 'export', 'Munitions.corroborate', '--format', format);
      expect(run).toMatchObject({ code: 0, stderr: '' });
      expect(run.stdout.length).toBeGreaterThan(100);
      if (format !== 'bundle') expect(run.stdout).not.toContain(TRASHED.claim);
      const saved = await runIn(root, 'export', 'Munitions.corroborate', '--format', format, '--out', `out${EXPORT_FORMATS[format].extension}`);
      expect(saved).toMatchObject({ code: 0, stderr: '', stdout: `Exported notebook "Munitions" as ${EXPORT_FORMATS[format].label} to ${join(root, `out${EXPORT_FORMATS[format].extension}`)}\n` });
      const written = readFileSync(join(root, `out${EXPORT_FORMATS[format].extension}`), 'utf8');
      // The same export but for the instant it was made.
      const stamp = /\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}\.\d{3}Z| UTC)/g;
      expect(written.replace(stamp, '')).toBe(run.stdout.replace(stamp, ''));
      expect(folderBytes(dir)).toEqual(before);
    });

    it('writes the brief with the quotes exactly and nothing from the trash', async () => {
      await runningExampleNotebook();
      const run = await runIn(root, 'export', 'Munitions.corroborate', '--format', 'markdown');
      // The bundle carries no notebook settings, so the copy has no organisation to name.
      expect(run.stdout).toMatch(/^# Munitions\n\nExported \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC\. 2 sources · 4 claims · 1 question\.\n/);
      expect(run.stdout).toContain(`\n> ${ACCUSATION_PASSAGE}\n`);
      expect(run.stdout).not.toContain(TRASHED.sourceTitle);
      const csv = await runIn(root, 'export', 'Munitions.corroborate', '--format', 'csv');
      expect(csv.stdout.startsWith('\uFEFFrecord,claim id,statement,')).toBe(true);
    });

    it('still takes --format json and --notebook DIR, and writes the bundle by default', async () => {
      await runningExampleNotebook();
      const json = await runIn(root, 'export', '--format', 'json', '--notebook', 'Munitions.corroborate');
      const plain = await runIn(root, 'export', 'Munitions.corroborate');
      expect(Bundle.parse(JSON.parse(json.stdout)).claims).toHaveLength(5);
      expect(Bundle.parse(JSON.parse(plain.stdout)).claims).toHaveLength(5);
    });

    it.each([
      [['export'], /export needs a NOTEBOOK folder/],
      [['export', '--format', 'markdown'], /export needs a NOTEBOOK folder/],
      [['export', 'a.corroborate', 'b.corroborate'], /export takes one NOTEBOOK folder \(got also "b\.corroborate"\)/],
      [['export', 'a.corroborate', '--notebook', 'b.corroborate'], /export takes one NOTEBOOK folder \(got also "a\.corroborate"\)/],
      [['export', 'a.corroborate', '--format', 'pdf'], /unknown export format "pdf"; supported: markdown, html, csv/],
    ])('exits 2 for %j', async (argv, message) => {
      const run = await runIn(root, ...argv);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(message);
    });
  });
});

describe('corroborate usage', () => {
  it('prints usage for --help (exit 0) and without a command (exit 2)', async () => {
    const help = await runIn(root, '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: corroborate <command>/);
    const none = await runIn(root, );
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/^Usage: corroborate <command>/);
  });

  it.each([
    [['frobnicate', '--notebook', 'x'], /unknown command "frobnicate"/],
    [['info'], /info needs --notebook DIR/],
    [['import', '--notebook', 'x'], /import needs at least one PATH \(a file or folder\)/],
    [['info', '--notebook', 'x', '--bogus'], /bogus/],
    [['info', '--notebook', 'x', '--out', 'y'], /info takes no --out option/],
  ])('exits 2 for %j', async (argv, message) => {
    const run = await runIn(root, ...argv);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(existsSync(join(root, 'x'))).toBe(false);
  });
});
