// The one error type that crosses every boundary (store, API, CLI, UI): a code a program can act
// on and a message an analyst can read, naming what was wrong and why.

export const ERROR_CODES = [
  'invalid', // the input does not fit: says which field and why
  'not-found', // a path, object or method that does not exist
  'conflict', // the operation does not fit the notebook as it is now
  'locked', // another window or process has the notebook open
  'read-only', // the notebook cannot be written
  'corrupt', // a notebook file could not be read; it was left untouched
  'newer-schema', // written by a newer Corroborate
  'io', // the disk said no
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export class NotebookError extends Error {
  override readonly name = 'NotebookError';
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export function isNotebookError(e: unknown): e is NotebookError {
  return e instanceof NotebookError;
}

/** zod issues as one readable sentence: "title: a source needs a title; url: too long". */
export function describeIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  return issues
    .slice(0, 5)
    .map((i) => (i.path.length ? `${i.path.map(String).join('.')}: ${i.message}` : i.message))
    .join('; ');
}
