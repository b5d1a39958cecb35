// The views that can fill the centre of the window, and what each is given. The library stays on
// the left and the inspector on the right whichever view is shown. Pure types and names.
import type { Id, Notebook } from '../../../notebook/common/model.js';

/** The views the toolbar's tabs switch between. */
export type TabName = 'reader' | 'board' | 'matrix' | 'hypotheses' | 'timeline';
export type View = { name: TabName } | { name: 'entity'; id: Id };
export type ViewName = View['name'];

/** The views the toolbar switches between (an entity page is opened from the library instead), with their names and keys. */
export const VIEW_TABS = [
  { name: 'reader', label: 'Reader', key: '1' },
  { name: 'board', label: 'Claims board', key: '2' },
  { name: 'matrix', label: 'Evidence matrix', key: '3' },
  { name: 'hypotheses', label: 'Hypotheses', key: '4' },
  { name: 'timeline', label: 'Timeline', key: '5' },
] as const satisfies readonly { name: TabName; label: string; key: string }[];

/** What every view other than the reader gets from the window. */
export interface ViewProps {
  notebook: Notebook;
  /** Changes whenever the notebook does (it is changed in place): memos key on it. */
  revision: number;
  readOnly: boolean;
  /** The claim the inspector shows, to mark it as selected. */
  inspectedClaimId: Id | null;
  /** Shows a claim in the inspector; the view stays. */
  onInspectClaim: (id: Id) => void;
  /** Switches to the reader with the excerpt's source open, the excerpt selected and in view. */
  onShowExcerpt: (id: Id) => void;
  /** Switches to the reader with the source open. */
  onOpenSource: (id: Id) => void;
  /** Opens an entity's page. */
  onOpenEntity: (id: Id) => void;
}
