// The compaction of a large notebook, in a worker thread: reads notebook.json and the journal from
// disk, folds the journal into the snapshot up to the seq it is given, and writes the new
// notebook.json durably. The main thread (Electron's, or the browser host's) keeps answering the
// analyst meanwhile: it neither serialises some 90 MB of JSON nor pays for the garbage that makes.
// Never changes the journal: the store shortens it once the new snapshot is in place.
import path from 'node:path';
import { parentPort } from 'node:worker_threads';
import { apply } from '../../common/operations.js';
import { checkedBefore } from './checked.js';
import { readJournal } from './journal.js';
import { fromSnapshot, parseSnapshot, readSnapshotFile, snapshotPieces, SNAPSHOT_FILE, toSnapshot, writeSnapshotFile } from './snapshot.js';

export interface CompactJob {
  dir: string;
  journalFile: string;
  /** Fold the journal's lines up to and including this seq. */
  seq: number;
}

export type CompactReply = { ok: true; bytes: number } | { ok: false; message: string };

/** Writes the snapshot at `seq`, from what is on disk, and resolves with its size in bytes; throws when the files do not give exactly that state. */
export async function compactFromDisk(job: CompactJob): Promise<number> {
  const file = path.join(job.dir, SNAPSHOT_FILE);
  const read = await readSnapshotFile(file);
  if (!read) throw new Error(`${file} is missing`);
  const { snapshot } = parseSnapshot(read.bytes, file, !checkedBefore(file, read.identity, read.bytes));
  if (snapshot.seq > job.seq) throw new Error(`${file} is already at seq ${snapshot.seq}, past ${job.seq}`);
  const notebook = fromSnapshot(snapshot);
  const journal = readJournal(job.journalFile, snapshot.seq);
  let at = snapshot.seq;
  for (const entry of journal.entries) {
    if (entry.seq > job.seq) break;
    apply(notebook, entry.op);
    at = entry.seq;
  }
  if (at !== job.seq) throw new Error(`${job.journalFile} ends at seq ${at}, before ${job.seq}`);
  return writeSnapshotFile(file, snapshotPieces(toSnapshot(notebook, job.seq)));
}

parentPort?.on('message', (job: CompactJob) => {
  compactFromDisk(job).then(
    (bytes) => parentPort!.postMessage({ ok: true, bytes } satisfies CompactReply),
    (e: unknown) => parentPort!.postMessage({ ok: false, message: e instanceof Error ? e.message : String(e) } satisfies CompactReply),
  );
});
