import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Bundle } from '../../../notebook/common/bundle.js';
import { runCli } from '../../../notebook/node/cli.js';

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

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(...argv: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: root });
  return { code, stdout, stderr };
}

/** Every file under dir with its bytes; {} when dir does not exist. */
function folderBytes(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!existsSync(dir)) return out;
  const walk = (d: string, prefix: string) => {
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) {
        out[`${prefix}${name}/`] = '';
        walk(path, `${prefix}${name}/`);
      } else out[`${prefix}${name}`] = readFileSync(path).toString('base64');
    }
  };
  walk(dir, '');
  return out;
}

/** A notebook with two sources, made through the CLI itself. */
async function notebookWithTwoSources(name = 'research.corroborate'): Promise<string> {
  const made = await cli('import', 'utf8-no-bom.txt', 'front-matter.md', '--notebook', name);
  expect(made.code).toBe(0);
  return join(root, name);
}

describe('corroborate import', () => {
  it('creates the notebook, imports each file and says what it did', async () => {
    const run = await cli('import', 'utf8-no-bom.txt', 'windows-1252-curly-quotes.txt', 'front-matter.md', '--notebook', 'research.corroborate');
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toBe(
      [
        `Created notebook "research" in ${join(root, 'research.corroborate')}`,
        'utf8-no-bom.txt: added source "utf8-no-bom"',
        'windows-1252-curly-quotes.txt: added source "windows-1252-curly-quotes"',
        'front-matter.md: added source "Kim Yo Jong: "the most absurd paradox""',
        '',
      ].join('\n'),
    );
    expect(existsSync(join(root, 'research.corroborate', 'notebook.json'))).toBe(true);
  });

  it('creates the notebook in an empty folder', async () => {
    mkdirSync(join(root, 'empty'));
    const run = await cli('import', 'crlf-lines.txt', '--notebook', 'empty');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Created notebook "empty"/);
  });

  it('does not add the same text twice, and names the source that has it', async () => {
    await notebookWithTwoSources();
    const run = await cli('import', 'utf8-with-bom.txt', 'utf16le-bom.txt', '--notebook', 'research.corroborate', '--json');
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as { created: boolean; files: { result: string; duplicateOf?: string; title: string }[] };
    expect(report.created).toBe(false);
    expect(report.files.map((f) => f.result)).toEqual(['duplicate', 'duplicate']);
    expect(report.files[0]!.duplicateOf).toBeDefined();
    expect(report.files[0]!.title).toBe('utf8-no-bom');

    const plain = await cli('import', 'utf16be-bom.txt', '--notebook', 'research.corroborate');
    expect(plain.stdout).toBe('utf16be-bom.txt: same text as existing source "utf8-no-bom"\n');
  });

  it('imports a bundle file and reports what it added', async () => {
    const run = await cli('import', 'producer-bundle-without-content.json', '--notebook', 'nb');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('producer-bundle-without-content.json: added 1 source, 1 excerpt, 1 claim, 1 link, 1 entity\n');
    const again = await cli('import', 'producer-bundle-without-content.json', '--notebook', 'nb');
    expect(again.stdout).toBe('producer-bundle-without-content.json: nothing new; skipped 5 already in the notebook\n');
  });

  describe('refuses bad input, and changes nothing on disk', () => {
    const cases: [string, string[], RegExp][] = [
      ['a missing file', ['nope.txt'], /^corroborate: nope\.txt: no such file or folder\n$/],
      ['an unknown file type', ['report.pdf'], /^corroborate: report\.pdf: \.pdf files cannot be imported yet; Corroborate imports \.txt and \.md files\n$/],
      ['a binary .txt', ['binary-with-nul.txt'], /^corroborate: binary-with-nul\.txt looks binary \(a NUL byte at offset 8\), not text\n$/],
      ['an empty text', ['whitespace-only.txt'], /^corroborate: whitespace-only\.txt has no text\n$/],
      ['a bundle with a quote not in its text', ['bundle-with-mismatched-quote.json'], /^corroborate: bundle-with-mismatched-quote\.json: excerpt .* does not match/],
      ['a folder given as a file', ['.'], /^corroborate: \. is a folder, not a file\n$/],
    ];

    it.each(cases)('%s, into an existing notebook', async (_what, files, message) => {
      const dir = await notebookWithTwoSources();
      const before = folderBytes(dir);
      // A good file first: it must not be imported either.
      const run = await cli('import', 'crlf-lines.txt', ...files, '--notebook', 'research.corroborate');
      expect(run.code).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(message);
      expect(folderBytes(dir)).toEqual(before);
    });

    it.each(cases)('%s, into a notebook that does not exist yet', async (_what, files, message) => {
      const run = await cli('import', 'crlf-lines.txt', ...files, '--notebook', 'new.corroborate');
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(message);
      expect(existsSync(join(root, 'new.corroborate'))).toBe(false);
    });

    it('a read-only notebook folder', async () => {
      const dir = await notebookWithTwoSources();
      chmodSync(dir, 0o555);
      const before = folderBytes(dir);
      const run = await cli('import', 'crlf-lines.txt', '--notebook', 'research.corroborate');
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/^corroborate: .*read-only/);
      expect(folderBytes(dir)).toEqual(before);
    });

    it('a corrupt notebook.json', async () => {
      const dir = await notebookWithTwoSources();
      writeFileSync(join(dir, 'notebook.json'), '{"schemaVersion":1,"seq":');
      const before = folderBytes(dir);
      for (const argv of [['import', 'crlf-lines.txt'], ['info'], ['export', '--format', 'json']]) {
        const run = await cli(...argv, '--notebook', 'research.corroborate');
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
      const run = await cli('import', 'crlf-lines.txt', '--notebook', 'research.corroborate');
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/newer/);
      expect(folderBytes(dir)).toEqual(before);
    });

    it('a folder that is not a notebook', async () => {
      mkdirSync(join(root, 'photos'));
      writeFileSync(join(root, 'photos', 'holiday.jpg'), 'x');
      const before = folderBytes(join(root, 'photos'));
      const run = await cli('import', 'crlf-lines.txt', '--notebook', 'photos');
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/is not a Corroborate notebook/);
      expect(folderBytes(join(root, 'photos'))).toEqual(before);
    });
  });
});

describe('corroborate info', () => {
  it('prints name, path, schema version, counts and a passing integrity check', async () => {
    const dir = await notebookWithTwoSources();
    const run = await cli('info', '--notebook', 'research.corroborate');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      [`name: research`, `path: ${dir}`, 'schemaVersion: 1', 'sources: 2', 'excerpts: 0', 'claims: 0', 'links: 0', 'entities: 0', 'in trash: 0', 'integrity: ok', ''].join('\n'),
    );
    const json = await cli('info', '--notebook', 'research.corroborate', '--json');
    expect(JSON.parse(json.stdout)).toMatchObject({ name: 'research', schemaVersion: 1, counts: { sources: 2, inTrash: 0 }, integrity: { ok: true, problems: [] } });
  });

  it('fails the integrity check when a source file was changed or removed, and lists the problems', async () => {
    const imported = await cli('import', 'producer-bundle-without-content.json', 'windows-1252-curly-quotes.txt', '--notebook', 'nb');
    expect(imported.code).toBe(0);
    const sources = join(root, 'nb', 'sources');
    const [first, ...rest] = readdirSync(sources).sort();
    const info0 = JSON.parse((await cli('info', '--notebook', 'nb', '--json')).stdout) as { integrity: { ok: boolean } };
    expect(info0.integrity.ok).toBe(true);

    chmodSync(join(sources, first!), 0o644);
    writeFileSync(join(sources, first!), 'tampered');
    for (const name of rest) rmSync(join(sources, name));
    const run = await cli('info', '--notebook', 'nb');
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/integrity: \d+ problems\n/);
    expect(run.stdout).toContain(`sources/${first} has changed`);
    expect(run.stdout).toContain(`sources/${rest[0]} is missing`);
  });

  it('reads a notebook in a read-only folder', async () => {
    const dir = await notebookWithTwoSources();
    chmodSync(dir, 0o555);
    const before = folderBytes(dir);
    const run = await cli('info', '--notebook', 'research.corroborate');
    expect(run.code).toBe(0);
    expect(folderBytes(dir)).toEqual(before);
  });

  it('says when the notebook folder does not exist', async () => {
    const run = await cli('info', '--notebook', 'missing.corroborate');
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`corroborate: ${join(root, 'missing.corroborate')} does not exist\n`);
  });
});

describe('corroborate export', () => {
  it('writes the bundle to stdout, and a copy of the notebook imported from it matches', async () => {
    const dir = await notebookWithTwoSources();
    expect((await cli('import', 'producer-bundle-without-content.json', '--notebook', 'research.corroborate')).code).toBe(0);
    const before = folderBytes(dir);
    const run = await cli('export', '--format', 'json', '--notebook', 'research.corroborate');
    expect(run.code).toBe(0);
    expect(folderBytes(dir)).toEqual(before);
    const bundle = Bundle.parse(JSON.parse(run.stdout));
    expect(bundle.sources).toHaveLength(3);
    expect(bundle.notebook.name).toBe('research');

    writeFileSync(join(root, 'exported.json'), run.stdout);
    expect((await cli('import', 'exported.json', '--notebook', 'copy')).code).toBe(0);
    const copy = Bundle.parse(JSON.parse((await cli('export', '--notebook', 'copy')).stdout));
    expect({ ...copy, exportedAt: '', notebook: null }).toEqual({ ...bundle, exportedAt: '', notebook: null });
    expect((await cli('info', '--notebook', 'copy')).code).toBe(0);
  });

  it('writes to --out FILE', async () => {
    await notebookWithTwoSources();
    const run = await cli('export', '--notebook', 'research.corroborate', '--out', 'out/bundle.json');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/out\/bundle\.json/);
    mkdirSync(join(root, 'out'));
    const ok = await cli('export', '--notebook', 'research.corroborate', '--out', 'out/bundle.json');
    expect(ok.code).toBe(0);
    expect(Bundle.parse(JSON.parse(readFileSync(join(root, 'out', 'bundle.json'), 'utf8'))).sources).toHaveLength(2);
    expect(readdirSync(join(root, 'out'))).toEqual(['bundle.json']);
  });

  it('refuses an unknown format, naming the supported ones', async () => {
    await notebookWithTwoSources();
    const run = await cli('export', '--format', 'csv', '--notebook', 'research.corroborate');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^corroborate: unknown export format "csv"; supported: json\n/);
  });
});

describe('corroborate usage', () => {
  it('prints usage for --help (exit 0) and without a command (exit 2)', async () => {
    const help = await cli('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: corroborate <command>/);
    const none = await cli();
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/^Usage: corroborate <command>/);
  });

  it.each([
    [['frobnicate', '--notebook', 'x'], /unknown command "frobnicate"/],
    [['info'], /info needs --notebook DIR/],
    [['import', '--notebook', 'x'], /import needs at least one FILE/],
    [['info', '--notebook', 'x', '--bogus'], /bogus/],
    [['info', '--notebook', 'x', '--out', 'y'], /info takes no --out option/],
  ])('exits 2 for %j', async (argv, message) => {
    const run = await cli(...argv);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(existsSync(join(root, 'x'))).toBe(false);
  });
});
