// Saving bytes the notebook holds (a source's original file) to the analyst's disk: base64 back
// to bytes without freezing the page, then an object URL and a download link. Never navigates the
// page to the file and never renders it: the browser only saves it.

/** Base64 characters decoded per atob call: a multiple of 4, so every chunk decodes on its own. */
export const DECODE_CHUNK = 4 * 0x8000;

/** Bytes of base64, decoded chunk by chunk, giving the page a turn every `yieldEvery` chunks. */
export async function bytesOfBase64(base64: string, yieldEvery = 32): Promise<Uint8Array<ArrayBuffer>> {
  const clean = base64.replace(/\s+/g, '');
  const padding = clean.endsWith('==') ? 2 : clean.endsWith('=') ? 1 : 0;
  const bytes = new Uint8Array(Math.floor((clean.length * 3) / 4) - padding);
  let at = 0;
  for (let i = 0, n = 0; i < clean.length; i += DECODE_CHUNK, n++) {
    const binary = atob(clean.slice(i, i + DECODE_CHUNK));
    for (let j = 0; j < binary.length; j++) bytes[at++] = binary.charCodeAt(j);
    if (yieldEvery > 0 && n % yieldEvery === yieldEvery - 1) await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return bytes;
}

const EXTENSIONS: Record<string, string> = {
  'application/pdf': '.pdf',
  'text/html': '.html',
  'application/xhtml+xml': '.xhtml',
  'multipart/related': '.mhtml',
  'message/rfc822': '.mhtml',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': '.docx',
  'text/markdown': '.md',
  'text/plain': '.txt',
};

/**
 * The name to save an original under: the name it was imported with, or the source's title with
 * the extension of its media type. Characters no file system takes are replaced.
 */
export function downloadName(filename: string | null | undefined, title: string, mediaType: string): string {
  const base = filename?.trim() || `${title.trim().slice(0, 120) || 'source'}${EXTENSIONS[mediaType.split(';')[0]!.trim()] ?? ''}`;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must go
  return base.replace(/[\u0000-\u001f\u007f<>:"/\\|?*]+/g, '_').replace(/^\.+/, '_');
}

/** Has the browser save the blob under `name`; the object URL is revoked once the download has it. */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  // The click starts the download asynchronously; revoking at once can cancel it in some engines.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}
