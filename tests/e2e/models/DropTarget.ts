// Files dragged over and dropped on the window, as the operating system hands them to the page: a
// DataTransfer holding File objects, built in the page (Playwright cannot drag files from the
// desktop), sent through the same drag events a real drag fires. The overlay is the region
// "Drop files to import" shown while files are over the window.
import type { JSHandle, Locator, Page } from '@playwright/test';

/** A file as the analyst has it on disk: its name, its bytes (as text), its type. */
export interface DroppedFile {
  name: string;
  text: string;
  type?: string;
}

export class DropTarget {
  /** Shown while files are dragged over the window. */
  readonly overlay: Locator;
  /** Where the pointer is when the files are let go: the middle of the window. */
  private readonly target: Locator;

  constructor(readonly page: Page) {
    this.overlay = page.getByRole('region', { name: 'Drop files to import', exact: true });
    this.target = page.getByRole('main').first();
  }

  private transfer(files: readonly DroppedFile[]): Promise<JSHandle<DataTransfer>> {
    return this.page.evaluateHandle((list) => {
      const data = new DataTransfer();
      for (const f of list) data.items.add(new File([f.text], f.name, { type: f.type ?? '' }));
      return data;
    }, files);
  }

  /** Drags the files over the window without letting go; gives back what drops or cancels them. */
  async dragOver(files: readonly DroppedFile[]): Promise<{ drop: () => Promise<void>; leave: () => Promise<void> }> {
    const dataTransfer = await this.transfer(files);
    await this.target.dispatchEvent('dragenter', { dataTransfer });
    await this.target.dispatchEvent('dragover', { dataTransfer });
    return {
      drop: async () => {
        await this.target.dispatchEvent('drop', { dataTransfer });
        await dataTransfer.dispose();
      },
      leave: async () => {
        await this.target.dispatchEvent('dragleave', { dataTransfer });
        await dataTransfer.dispose();
      },
    };
  }

  /** Drags the files over the window and lets go. */
  async drop(files: readonly DroppedFile[]): Promise<void> {
    await (await this.dragOver(files)).drop();
  }
}
