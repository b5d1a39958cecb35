// Download original: base64 decoded chunk by chunk is exactly the file, and the file is saved
// under a name a file system takes.
import { Buffer } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import { bytesOfBase64, DECODE_CHUNK, downloadName } from '../../../renderer/src/ui/download.js';

describe('bytesOfBase64', () => {
  it('gives back the bytes at and around every chunk boundary, with and without padding', async () => {
    const chunkBytes = (DECODE_CHUNK / 4) * 3;
    for (const n of [0, 1, 2, 3, chunkBytes - 1, chunkBytes, chunkBytes + 1, 2 * chunkBytes + 2]) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 197 + 3) & 0xff);
      const decoded = await bytesOfBase64(Buffer.from(bytes).toString('base64'), 1);
      expect(Buffer.from(decoded).equals(Buffer.from(bytes)), `${n} bytes`).toBe(true);
    }
  });
});

describe('downloadName', () => {
  it('uses the imported name, or the title with the extension of the media type', () => {
    expect(downloadName('report.pdf', 'Report', 'application/pdf')).toBe('report.pdf');
    expect(downloadName(null, 'KCNA: statement', 'text/html')).toBe('KCNA_ statement.html');
    expect(downloadName(undefined, 'Notes', 'application/octet-stream')).toBe('Notes');
  });

  it('replaces what no file system takes: separators, control characters, a leading dot', () => {
    expect(downloadName('../../etc/passwd', 'x', 'text/plain')).toBe('__.._etc_passwd');
    expect(downloadName('a\u0000b|c?.txt', 'x', 'text/plain')).toBe('a_b_c_.txt');
  });
});
