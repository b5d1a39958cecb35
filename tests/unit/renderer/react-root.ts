// A React root for the tests of one describe block that render into the document: made before
// them in a container of its own, unmounted and taken out after them.
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterAll, beforeAll } from 'vitest';

export interface MountedRoot {
  readonly root: Root;
  readonly container: HTMLDivElement;
}

/** Call inside a describe block; read root and container inside its tests. */
export function reactRootForTests(): MountedRoot {
  const mounted = {} as { root: Root; container: HTMLDivElement };
  beforeAll(() => {
    mounted.container = document.createElement('div');
    document.body.append(mounted.container);
    mounted.root = createRoot(mounted.container);
  });
  afterAll(() => {
    act(() => mounted.root.unmount());
    mounted.container.remove();
  });
  return mounted;
}
