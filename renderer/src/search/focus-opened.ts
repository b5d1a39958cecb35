// After a search hit is opened, the keyboard continues where the analyst went: the focus moves to
// what was opened (the source text, the claim in the inspector, the view) once it is on screen.
// Only moves focus; never changes what is shown.
import type { Notebook } from '../../../notebook/common/model.js';
import type { HitTarget } from './search-model.js';

interface Destination {
  /** The pane that shows it. */
  region: string;
  /** Text the pane's heading (or, with `anywhere`, the pane) holds once it shows the right object. */
  expect: string;
  anywhere?: boolean;
  /** What takes the focus inside the pane. */
  focus: string;
}

const READER = 'main[aria-label="Reader"]';

function destinationOf(target: HitTarget, notebook: Notebook): Destination | null {
  switch (target.to) {
    case 'passage':
    case 'source':
    case 'excerpt': {
      const sourceId = target.to === 'passage' ? target.sourceId : target.to === 'source' ? target.id : notebook.excerpts[target.id]?.sourceId;
      const title = sourceId ? notebook.sources[sourceId]?.title : undefined;
      return title === undefined ? null : { region: READER, expect: title, focus: '[aria-label="Source text"]' };
    }
    case 'claim': {
      const statement = notebook.claims[target.id]?.statement;
      return statement === undefined ? null : { region: 'aside[aria-label="Inspector"]', expect: statement, anywhere: true, focus: 'h2' };
    }
    case 'entity': {
      const name = notebook.entities[target.id]?.name;
      return name === undefined ? null : { region: 'main[aria-label="Entity"]', expect: name, focus: 'h2' };
    }
    case 'hypotheses':
      return { region: 'main[aria-label="Hypotheses"]', expect: '', focus: 'h2' };
    case 'board':
      return { region: 'main[aria-label="Claims board"]', expect: '', focus: `section[data-proposition-id="${target.propositionId}"] h3` };
    case 'notebook-note':
      // A dialog opens, and takes the focus itself.
      return null;
  }
}

/** How long to wait for the pane to show what was opened (a long source's text can take a moment to load). */
const WAIT_FRAMES = 120;

/**
 * Moves the focus to what was opened, as soon as its pane shows it. A heading is made focusable
 * for this (tabindex -1: reachable by script, not a new Tab stop). Scrolling is left to the pane,
 * which may be scrolling to a match.
 */
export function focusOpened(target: HitTarget, notebook: Notebook): void {
  const destination = destinationOf(target, notebook);
  if (!destination) return;
  let frames = 0;
  const attempt = () => {
    const region = document.querySelector<HTMLElement>(destination.region);
    const shown = region && (destination.anywhere ? region.textContent : region.querySelector('h2')?.textContent)?.includes(destination.expect);
    const element = shown ? region.querySelector<HTMLElement>(destination.focus) : null;
    if (element) {
      if (element.tabIndex < 0 && !element.hasAttribute('tabindex')) element.setAttribute('tabindex', '-1');
      element.focus({ preventScroll: true });
      if (document.activeElement === element) return;
    }
    if (++frames < WAIT_FRAMES) requestAnimationFrame(attempt);
  };
  requestAnimationFrame(attempt);
}
