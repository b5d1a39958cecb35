#!/usr/bin/env node
// The corroborate command: a thin launcher for the compiled CLI (notebook/node/cli.ts, built into
// dist/ by `npm run build`). Never holds logic of its own.
let cli;
try {
  cli = await import('../dist/notebook/node/cli.js');
} catch (e) {
  if (e?.code !== 'ERR_MODULE_NOT_FOUND' || !String(e.message).includes('notebook/node/cli.js')) throw e;
  process.stderr.write('corroborate: the command line is not built yet; run "npm run build" first\n');
  process.exit(1);
}
process.exitCode = await cli.runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stderrIsTTY: process.stderr.isTTY === true,
});
