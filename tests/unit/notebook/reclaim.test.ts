// After a large one-off job the thread gives back what the job left outside the JS heap (the bytes
// of a file read, of an answer sent), which V8 would otherwise keep while the heap stays quiet.
import { describe, expect, it } from 'vitest';
import { reclaimIfDue, reclaimSoon } from '../../../notebook/node/reclaim.js';

const externalMb = () => process.memoryUsage().external / 2 ** 20;

describe('reclaimSoon', () => {
  it('frees the bytes a job left behind, a moment later', async () => {
    const before = externalMb();
    let bytes: Buffer | null = Buffer.alloc(200 * 2 ** 20, 1);
    expect(bytes[bytes.length - 1]).toBe(1);
    bytes = null;
    expect(externalMb()).toBeGreaterThan(before + 150); // garbage, but still held
    reclaimSoon();
    reclaimSoon(); // several calls in a row make one collection
    await new Promise((r) => setTimeout(r, 1_500));
    expect(externalMb()).toBeLessThan(before + 50);
  });

  it('frees them at once when the next large job comes before the collection', () => {
    const before = externalMb();
    let bytes: Buffer | null = Buffer.alloc(200 * 2 ** 20, 2);
    expect(bytes[0]).toBe(2);
    bytes = null;
    reclaimIfDue(); // nothing waits: nothing collected
    expect(externalMb()).toBeGreaterThan(before + 150);
    reclaimSoon();
    reclaimIfDue();
    expect(externalMb()).toBeLessThan(before + 50);
  });
});
