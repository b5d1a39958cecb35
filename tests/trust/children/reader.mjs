// Trust child (single writer, torn reads): opens a notebook read-only with the BUILT store again
// and again while another process writes it, and counts the opens that failed or went back in
// time. Never writes anything.
//
// usage: node reader.mjs <notebook dir> <reads> [naive]
//   naive  the positive control: reads notebook.json with readFileSync + JSON.parse instead
// stdout: "ready", then at the end "reads <n> torn <n> states <distinct seqs seen>" and up to five
// "problem <message>" lines.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [dir, readsText, naive] = process.argv.slice(2);
const dist = path.resolve(process.env.CORROBORATE_DIST ?? new URL('../../../dist', import.meta.url).pathname);
const { openStore } = await import(pathToFileURL(path.join(dist, 'notebook/node/store.js')).href);
const say = (line) => fs.writeSync(1, `${line}\n`);
say('ready');

const reads = Number(readsText);
let torn = 0;
let lastSeq = -1;
const seen = new Set();
const problems = [];
for (let i = 0; i < reads; i++) {
  try {
    let seq;
    if (naive) {
      seq = JSON.parse(fs.readFileSync(path.join(dir, 'notebook.json'), 'utf8')).seq;
    } else {
      const store = await openStore(dir, { readOnly: true });
      seq = store.seq;
      await store.close();
    }
    // A read that shows an older notebook than the one before it saw two files from different moments.
    if (seq < lastSeq) throw new Error(`seq went back from ${lastSeq} to ${seq}`);
    lastSeq = seq;
    seen.add(seq);
  } catch (e) {
    torn++;
    if (problems.length < 5) problems.push(e && e.message ? e.message.slice(0, 300) : String(e));
  }
}
say(`reads ${reads} torn ${torn} states ${seen.size}`);
for (const p of problems) say(`problem ${p}`);
process.exit(0);
