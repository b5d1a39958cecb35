// The file choosers behind File ▸ Import files… and Import folder…: hidden inputs the menu clicks.
// Hidden, not merely off-screen, so they never take a Tab stop; their labels are for tests and
// assistive technology that reach them anyway.
import { useImperativeHandle, useRef, type Ref } from 'react';
import { IMPORT_ACCEPT } from './import-files.js';
import type { ImportCandidate } from './import-queue.js';
import { chosenFolderCandidates } from './use-import-gestures.js';

export interface ImportInputsHandle {
  chooseFiles(): void;
  chooseFolder(): void;
}

export function ImportInputs({ onFiles, ref }: { onFiles: (candidates: ImportCandidate[]) => void; ref?: Ref<ImportInputsHandle> }) {
  const filesRef = useRef<HTMLInputElement>(null);
  const folderRef = useRef<HTMLInputElement>(null);
  useImperativeHandle(ref, () => ({
    chooseFiles: () => filesRef.current?.click(),
    chooseFolder: () => folderRef.current?.click(),
  }));
  return (
    <>
      <input
        ref={filesRef}
        type="file"
        multiple
        hidden
        accept={IMPORT_ACCEPT}
        aria-label="Import files"
        onChange={(e) => {
          const files = Array.from(e.target.files ?? []);
          // Cleared at once, so choosing the same files again fires a change too.
          e.target.value = '';
          onFiles(files.map((file) => ({ file })));
        }}
      />
      <input
        ref={(el) => {
          folderRef.current = el;
          // Not a React attribute: set on the element, it makes the chooser pick a folder.
          if (el) el.webkitdirectory = true;
        }}
        type="file"
        multiple
        hidden
        aria-label="Import a folder"
        onChange={(e) => {
          const candidates = e.target.files ? chosenFolderCandidates(e.target.files) : [];
          e.target.value = '';
          onFiles(candidates);
        }}
      />
    </>
  );
}
