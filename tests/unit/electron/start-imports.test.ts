// `npm start` runs in plain Node, where importing electron starts a download of its binary: nothing
// start.ts loads, directly or not, may import electron or the Electron-only modules.
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../..');
const ELECTRON_ONLY = ['electron/main.ts', 'electron/window.ts', 'electron/ipc.ts', 'electron/menu.ts', 'electron/preload.cts'];

/** Module specifiers a file loads at run time (`import type` is erased, so it does not count). */
function runtimeImports(file: string): string[] {
  const sf = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && !node.importClause?.isTypeOnly && ts.isStringLiteral(node.moduleSpecifier)) {
      // Only `import type` is erased: under verbatimModuleSyntax `import { type X } from 'm'` still loads m.
      found.push(node.moduleSpecifier.text);
    } else if (ts.isExportDeclaration(node) && !node.isTypeOnly && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push(node.moduleSpecifier.text);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteral(node.arguments[0])) {
      found.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

function closure(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const pending = [path.join(root, entry)];
  while (pending.length) {
    const file = pending.pop() as string;
    if (files.has(file)) continue;
    files.add(file);
    for (const spec of runtimeImports(file)) {
      if (spec.startsWith('.')) pending.push(path.resolve(path.dirname(file), spec).replace(/\.js$/, '.ts'));
      else packages.add(spec);
    }
  }
  return { files, packages };
}

/** The worker threads npm start runs, started by file rather than imported. */
const WORKERS = ['notebook/node/service-worker.ts', 'notebook/node/import/worker.ts', 'notebook/node/store/compact-worker.ts'];

describe('what npm start loads', () => {
  it('never imports electron or an Electron-only module, in its own thread or in the workers it starts', () => {
    const main = closure('electron/start.ts');
    expect(main.files.has(path.join(root, 'notebook/node/service-worker-host.ts'))).toBe(true);
    // The notebook itself runs in the worker, not on the thread that answers HTTP.
    expect(main.files.has(path.join(root, 'notebook/node/service.ts'))).toBe(false);
    const worker = closure('notebook/node/service-worker.ts');
    expect(worker.files.has(path.join(root, 'notebook/node/service.ts'))).toBe(true);
    for (const { files, packages } of [main, ...WORKERS.map(closure)]) {
      expect([...packages]).not.toContain('electron');
      for (const module of ELECTRON_ONLY) expect(files.has(path.join(root, module)), module).toBe(false);
    }
  });

  it('would notice if it did', () => {
    expect(runtimeImports(path.join(root, 'electron/ipc.ts'))).toContain('electron');
    expect(runtimeImports(path.join(root, 'electron/menu.ts'))).not.toContain('electron');
  });
});
