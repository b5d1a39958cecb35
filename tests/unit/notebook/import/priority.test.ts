import fs from 'node:fs';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ownThreadId, READER_NICE } from '../../../../notebook/node/import/priority.js';
import { extractInWorker } from '../../../../notebook/node/import/sandbox.js';

/** The nice value of each thread of this process, by thread id (Linux: /proc/self/task/<tid>/stat, its 19th field). */
function threadNices(): Map<number, number> {
  const nices = new Map<number, number>();
  for (const tid of fs.readdirSync('/proc/self/task')) {
    const stat = fs.readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    // After the command in parentheses (which may hold spaces): state is field 3, nice field 19.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    nices.set(Number(tid), Number(fields[16]));
  }
  return nices;
}

describe('the file reader thread priority', () => {
  it("finds the calling thread's id on Linux only, and none when /proc cannot say", () => {
    expect(ownThreadId('linux', () => '4100/task/4123')).toBe(4123);
    expect(ownThreadId('linux', () => 'garbage')).toBeNull();
    expect(
      ownThreadId('linux', () => {
        throw new Error('ENOENT');
      }),
    ).toBeNull();
    // macOS and Windows can only set the whole process's priority, which would slow the window too.
    expect(ownThreadId('darwin', () => '4100/task/4123')).toBeNull();
    expect(ownThreadId('win32', () => '4100/task/4123')).toBeNull();
  });

  it('reads files on a thread of lower priority than the rest of the app, where the system allows it', async () => {
    expect(existsSync(fileURLToPath(new URL('../../../../dist/notebook/node/import/worker.js', import.meta.url))), 'npm run build first').toBe(true);
    const before = process.platform === 'linux' ? threadNices() : new Map<number, number>();
    const { extracted } = await extractInWorker({ filename: 'note.txt', bytes: new TextEncoder().encode('A line of text.') });
    expect(extracted.text).toContain('A line of text.');
    if (process.platform !== 'linux') return;
    // The reader's worker waits for the next file a while: its thread is the one at READER_NICE.
    const after = threadNices();
    const lowered = [...after].filter(([tid, nice]) => nice === READER_NICE && !before.has(tid));
    expect(lowered).toHaveLength(1);
    // The test's own thread, and every other, keeps its priority.
    expect(after.get(process.pid)).toBe(before.get(process.pid));
    expect([...after].filter(([, nice]) => nice === READER_NICE)).toHaveLength(1);
  });
});
