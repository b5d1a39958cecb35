// Trust child, positive control for "kill during writes": saves a notebook the naive way, the whole
// notebook.json rewritten in place with writeFileSync after every change (no temp file, no rename,
// no fsync), until it is killed. Shows what the store's temp + fsync + rename prevents. Never
// writes outside the notebook folder it is given.
//
// usage: node naive-writer.mjs <notebook dir>    (notebook.json must exist and be valid)
// stdout: "ready" once the first save is done.
import fs from 'node:fs';
import path from 'node:path';

const [dir] = process.argv.slice(2);
const file = path.join(dir, 'notebook.json');
const notebook = JSON.parse(fs.readFileSync(file, 'utf8'));
// A notebook of a few megabytes, like one with a few thousand excerpts, so a save takes as long as a real one.
const t = '2026-01-01T00:00:00.000Z';
for (let i = 0; i < 6000; i++) {
  const id = `0190a000-0000-7000-8000-${i.toString(16).padStart(12, '0')}`;
  notebook.claims[id] = { id, createdAt: t, updatedAt: t, statement: `Officials in Seoul said thousands of containers were shipped north (${i}); Pyongyang called it "the most absurd paradox".`, notes: 'n'.repeat(400) };
}
// The change: one claim reworded (a counter patched into the encoded notebook, so the loop is all
// saving). The save: all of notebook.json, in place.
const marker = 'reworded 0000000000';
notebook.claims['0190a000-0000-7000-8000-000000000000'].statement = marker;
const bytes = Buffer.from(JSON.stringify(notebook));
const at = bytes.indexOf(marker) + 'reworded '.length;
for (let change = 1; ; change++) {
  bytes.write(String(change % 1e10).padStart(10, '0'), at, 'latin1');
  fs.writeFileSync(file, bytes);
  if (change === 1) fs.writeSync(1, 'ready\n');
}
