// After `npm run bench`: one table of every figure the bench files recorded (bench-results/*.json),
// in the order they ran, and bench-results/summary.json. Vitest's globalSetup teardown calls it.
import fs from 'node:fs';
import path from 'node:path';
import { format, ratioText, REPO_ROOT, type Figure } from './results.js';

interface ProgramResults {
  program: string;
  at: string;
  machine: Record<string, unknown>;
  figures: Figure[];
}

export default function setup(): () => void {
  const dir = path.join(REPO_ROOT, 'bench-results');
  const started = Date.now();
  return () => {
    if (!fs.existsSync(dir)) return;
    const programs = fs
      .readdirSync(dir)
      .filter((n) => n.endsWith('.json') && n !== 'summary.json')
      .map((n) => JSON.parse(fs.readFileSync(path.join(dir, n), 'utf8')) as ProgramResults)
      .filter((p) => Date.parse(p.at) >= started);
    if (!programs.length) return;
    const rows = programs.flatMap((p) => p.figures.map((f) => ({ program: p.program, ...f })));
    const lines = [
      '',
      `Bench on ${JSON.stringify(programs[0]!.machine)}`,
      '| figure | median | p95 | baseline (same run) | ratio | budget | |',
      '|---|---|---|---|---|---|---|',
      ...rows.map((f) => {
        const baseline = f.baseline ? `${f.baseline.name}: ${format(f.baseline.value.median, f.unit)}` : '';
        return `| ${f.name} | ${format(f.value.median, f.unit)} | ${format(f.value.p95, f.unit)} | ${baseline} | ${ratioText(f)} | ${f.budget} | ${f.pass ? 'met' : '**missed**'} |`;
      }),
      '',
    ];
    process.stdout.write(lines.join('\n'));
    fs.writeFileSync(path.join(dir, 'summary.json'), `${JSON.stringify({ machine: programs[0]!.machine, figures: rows }, null, 2)}\n`);
  };
}
