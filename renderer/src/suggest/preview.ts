// The passage of a suggested claim the analyst points at (hovers or focuses) in the Suggestions
// panel, which the reader highlights and scrolls to. A tiny store of its own, so pointing at a
// candidate re-renders the reader's text and nothing else of the window. Never changes the notebook.
import { useSyncExternalStore } from 'react';
import type { Id } from '../../../notebook/common/model.js';

export interface SuggestionPreview {
  sourceId: Id;
  /** Code points of the source's text. */
  start: number;
  end: number;
}

let current: SuggestionPreview | null = null;
const listeners = new Set<() => void>();

export function showSuggestionPreview(next: SuggestionPreview | null): void {
  if (current === next || (current && next && current.sourceId === next.sourceId && current.start === next.start && current.end === next.end)) return;
  current = next;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The passage to highlight in this source's text, or null. */
export function useSuggestionPreview(sourceId: Id | null): SuggestionPreview | null {
  const preview = useSyncExternalStore(subscribe, () => current);
  return preview && preview.sourceId === sourceId ? preview : null;
}
