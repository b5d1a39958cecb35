// Trust child (single writer): tries to open a notebook for writing with the BUILT store and says
// whether it got it, keeping it open until told to close. Never writes anything itself.
//
// usage: node opener.mjs <notebook dir> <mode>
//   hold      open at once; print "opened <ms>" or "refused <code> <message>"; keep it open until "exit"
//   race      load the store, print "waiting", then on each "go" line try once (as hold); on "close"
//             close what it opened and print "waiting" again
//   lockless  the positive control: like race, but "opens" by reading notebook.json and ignoring
//             the lock (what a second window that never takes the lock would do)
// A line "exit" (or the end of stdin) closes the notebook and ends the process.
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { pathToFileURL } from 'node:url';

const [dir, mode] = process.argv.slice(2);
const dist = path.resolve(process.env.CORROBORATE_DIST ?? new URL('../../../dist', import.meta.url).pathname);
const say = (line) => fs.writeSync(1, `${line}\n`);

const input = readline.createInterface({ input: process.stdin });
const queued = [];
const waiting = [];
input.on('line', (line) => (waiting.length ? waiting.shift()(line.trim()) : queued.push(line.trim())));
input.on('close', () => {
  queued.push('exit');
  while (waiting.length) waiting.shift()('exit');
});
const nextLine = () => (queued.length ? Promise.resolve(queued.shift()) : new Promise((resolve) => waiting.push(resolve)));

const { openStore } = mode === 'lockless' ? {} : await import(pathToFileURL(path.join(dist, 'notebook/node/store.js')).href);

let store = null;
async function attempt() {
  const start = performance.now();
  try {
    if (mode === 'lockless') JSON.parse(fs.readFileSync(path.join(dir, 'notebook.json'), 'utf8'));
    else store = await openStore(dir);
    say(`opened ${Math.round(performance.now() - start)}`);
  } catch (e) {
    say(`refused ${e && e.code} ${e && e.message}`);
  }
}

if (mode === 'hold') await attempt();
else say('waiting');
for (;;) {
  const line = await nextLine();
  if (line === 'exit') break;
  if (mode === 'hold') continue;
  if (line === 'go') await attempt();
  if (line === 'close') {
    await store?.close();
    store = null;
    say('waiting');
  }
}
await store?.close();
process.exit(0);
