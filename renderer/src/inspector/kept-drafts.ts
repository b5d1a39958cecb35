// Unsaved edits made in the inspector, kept per object while the analyst looks at something else,
// so a change of selection never drops what was typed. In memory, for this window only; never
// written to the notebook (Save does that).

const drafts = new Map<string, unknown>();

/** The draft kept for this object (e.g. "claim:<id>"), if any. */
export function keptDraft<T>(key: string): T | undefined {
  return drafts.get(key) as T | undefined;
}

export function keepDraft<T>(key: string, draft: T): void {
  drafts.set(key, draft);
}

export function dropDraft(key: string): void {
  drafts.delete(key);
}
