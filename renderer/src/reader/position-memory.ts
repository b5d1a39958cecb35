// Where the analyst was in each source: the first code point in view, kept in localStorage per
// notebook and source, so reopening a source returns there. Never throws: storage that is full,
// disabled or holding something else is ignored (the source then opens at its start).

const PREFIX = 'corroborate.position.';

export function positionKey(notebookId: string, sourceId: string): string {
  return `${PREFIX}${notebookId}.${sourceId}`;
}

/** The stored form: the code point as a decimal integer. */
export function encodePosition(cp: number): string {
  return String(Math.max(0, Math.floor(cp)));
}

/** The code point stored, or null for anything that is not a whole number within the text. */
export function decodePosition(stored: string | null | undefined, textLength: number): number | null {
  if (!stored || !/^\d{1,15}$/.test(stored)) return null;
  const cp = Number(stored);
  return cp <= textLength ? cp : null;
}

/** The storage to use, or null where there is none (a test environment, a sandbox that forbids it). */
function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

export function rememberPosition(notebookId: string, sourceId: string, cp: number): void {
  try {
    const key = positionKey(notebookId, sourceId);
    const store = storage();
    // Nothing stored for the start: a source never scrolled leaves no entry behind.
    if (cp <= 0) store?.removeItem(key);
    else store?.setItem(key, encodePosition(cp));
  } catch {
    // A full or refusing storage only loses the position.
  }
}

export function recallPosition(notebookId: string, sourceId: string, textLength: number): number | null {
  try {
    return decodePosition(storage()?.getItem(positionKey(notebookId, sourceId)), textLength);
  } catch {
    return null;
  }
}
