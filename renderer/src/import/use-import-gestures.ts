// Files dropped anywhere on the window, files or text pasted where no field takes them: each
// becomes an import (files) or a prefilled Add source (text). Drags that carry no files (text
// dragged inside the page) are left to the page. Never inserts pasted HTML into the page.
import { useEffect, useRef, useState } from 'react';
import { isTyping } from '../ui/format.js';
import { htmlToText } from './clipboard-text.js';
import { folderRefusal, type DropRefusal } from './drop-routing.js';
import type { ImportCandidate } from './import-queue.js';

export interface ImportGestures {
  /** False while something else owns the window (a dialog is open): drops and pastes are ignored. */
  enabled: boolean;
  /** Files dropped or pasted; `refused`: dropped folders that were not walked (a notebook folder, an empty one), each with why. */
  onFiles: (candidates: ImportCandidate[], refused: DropRefusal[]) => void;
  onText: (text: string) => void;
}

const carriesFiles = (data: DataTransfer | null): boolean => Boolean(data && Array.from(data.types).includes('Files'));
const dialogOpen = () => document.querySelector('dialog[open]') !== null;
const isFileInput = (target: EventTarget | null) => target instanceof HTMLInputElement && target.type === 'file';
/** Files a folder holds that nobody means to import: .DS_Store, desktop.ini, Office's ~$ lock files. */
const hiddenFile = (name: string) => name.startsWith('.') || name.startsWith('~$') || name.toLowerCase() === 'desktop.ini' || name === 'Thumbs.db';

function readAll(reader: FileSystemDirectoryReader): Promise<FileSystemEntry[]> {
  // readEntries answers in batches (100 in Chromium) until it answers with none.
  return new Promise((resolve, reject) => {
    const all: FileSystemEntry[] = [];
    const next = () =>
      reader.readEntries((batch) => {
        if (!batch.length) resolve(all);
        else {
          all.push(...batch);
          next();
        }
      }, reject);
    next();
  });
}

const fileOf = (entry: FileSystemFileEntry) => new Promise<File>((resolve, reject) => entry.file(resolve, reject));

/** The files in a dropped folder and its subfolders, by path, hidden files left out. */
async function folderFiles(dir: FileSystemDirectoryEntry, prefix: string): Promise<ImportCandidate[]> {
  const found: ImportCandidate[] = [];
  for (const entry of await readAll(dir.createReader())) {
    if (hiddenFile(entry.name)) continue;
    const path = `${prefix}/${entry.name}`;
    if (entry.isDirectory) found.push(...(await folderFiles(entry as FileSystemDirectoryEntry, path)));
    else if (entry.isFile) found.push({ file: await fileOf(entry as FileSystemFileEntry), path, fromFolder: true });
  }
  return found;
}

const byPath = (a: ImportCandidate, b: ImportCandidate) => (a.path ?? a.file.name).localeCompare(b.path ?? b.file.name, undefined, { numeric: true });

/**
 * What was dropped: files as they are, folders walked (but not a notebook folder, and an empty one
 * is said to be empty). The entries must be taken during the drop event; they die after it.
 */
async function droppedCandidates(data: DataTransfer): Promise<{ candidates: ImportCandidate[]; refused: DropRefusal[] }> {
  const taken = Array.from(data.items)
    .filter((item) => item.kind === 'file')
    .map((item) => ({ entry: item.webkitGetAsEntry?.() ?? null, file: item.getAsFile() }));
  const candidates: ImportCandidate[] = [];
  const refused: DropRefusal[] = [];
  for (const { entry, file } of taken) {
    if (entry?.isDirectory) {
      const notWalked = folderRefusal(entry.name, 1);
      const found = notWalked ? [] : await folderFiles(entry as FileSystemDirectoryEntry, entry.name);
      const reason = notWalked ?? folderRefusal(entry.name, found.length);
      if (reason) refused.push({ name: entry.name, reason });
      candidates.push(...found.sort(byPath));
    } else if (file) candidates.push({ file });
  }
  // No items API (older engines): the plain file list.
  if (!taken.length) for (const file of Array.from(data.files)) candidates.push({ file });
  return { candidates, refused };
}

/** The files of a folder chosen with <input webkitdirectory>, by path. */
export function chosenFolderCandidates(files: FileList): ImportCandidate[] {
  return Array.from(files)
    .filter((f) => !f.webkitRelativePath.split('/').some(hiddenFile))
    .map((file) => ({ file, path: file.webkitRelativePath || file.name, fromFolder: true }))
    .sort(byPath);
}

/** Listens on the window; answers whether files are being dragged over it (to show the drop overlay). */
export function useImportGestures({ enabled, onFiles, onText }: ImportGestures): boolean {
  const [dragging, setDragging] = useState(false);
  const latest = useRef({ enabled, onFiles, onText });
  useEffect(() => {
    latest.current = { enabled, onFiles, onText };
  });

  useEffect(() => {
    // dragenter and dragleave fire for every element crossed; the overlay shows while any is entered.
    let depth = 0;
    const wanted = (event: DragEvent) => carriesFiles(event.dataTransfer) && !isFileInput(event.target);
    const reset = () => {
      depth = 0;
      setDragging(false);
    };
    const onDragEnter = (event: DragEvent) => {
      if (!wanted(event)) return;
      event.preventDefault();
      depth++;
      if (latest.current.enabled && !dialogOpen()) setDragging(true);
    };
    const onDragOver = (event: DragEvent) => {
      if (!wanted(event)) return;
      // Without this the browser would open the file in place of the app.
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = latest.current.enabled && !dialogOpen() ? 'copy' : 'none';
    };
    const onDragLeave = (event: DragEvent) => {
      if (!carriesFiles(event.dataTransfer)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const onDrop = (event: DragEvent) => {
      if (!wanted(event) || !event.dataTransfer) return;
      event.preventDefault();
      reset();
      if (!latest.current.enabled || dialogOpen()) return;
      droppedCandidates(event.dataTransfer).then(
        ({ candidates, refused }) => latest.current.onFiles(candidates, refused),
        () => latest.current.onFiles(Array.from(event.dataTransfer?.files ?? []).map((file) => ({ file })), []),
      );
    };
    const onPaste = (event: ClipboardEvent) => {
      if (!latest.current.enabled || dialogOpen() || isTyping(event.target) || !event.clipboardData) return;
      const data = event.clipboardData;
      const files = Array.from(data.files);
      if (files.length) {
        event.preventDefault();
        latest.current.onFiles(files.map((file) => ({ file })), []);
        return;
      }
      const plain = data.getData('text/plain');
      const html = data.getData('text/html');
      const text = plain.trim() ? plain : html ? htmlToText(html) : '';
      if (!text.trim()) return;
      event.preventDefault();
      latest.current.onText(text);
    };
    window.addEventListener('dragenter', onDragEnter);
    window.addEventListener('dragover', onDragOver);
    window.addEventListener('dragleave', onDragLeave);
    window.addEventListener('drop', onDrop);
    window.addEventListener('dragend', reset);
    window.addEventListener('blur', reset);
    window.addEventListener('paste', onPaste);
    return () => {
      window.removeEventListener('dragenter', onDragEnter);
      window.removeEventListener('dragover', onDragOver);
      window.removeEventListener('dragleave', onDragLeave);
      window.removeEventListener('drop', onDrop);
      window.removeEventListener('dragend', reset);
      window.removeEventListener('blur', reset);
      window.removeEventListener('paste', onPaste);
    };
  }, []);

  return dragging && enabled;
}
