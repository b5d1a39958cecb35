// The notebook's own note (what the notebook is for, open questions, how to read it): shown
// rendered, with Edit note. Opened from the Library's "Notebook note" button and File ▸ Notebook
// note…. The same note as the Notebook settings dialog's field: both read and save
// settings.notes, each save one undo step. Never loses a draft when the dialog closes mid-edit.
import type { Notebook } from '../../../notebook/common/model.js';
import { Dialog } from '../ui/Dialog.js';
import { NoteEditor } from '../ui/NoteEditor.js';

export function NotebookNoteDialog({ notebook, readOnly, onClose }: { notebook: Notebook; readOnly: boolean; onClose: () => void }) {
  return (
    <Dialog title="Notebook note" onCancel={onClose} wide>
      <div className="notebook-note-body">
        <NoteEditor
          notebook={notebook}
          target={{ kind: 'notebook' }}
          readOnly={readOnly}
          title={null}
          label="Notebook note"
          headingLevel={3}
          rows={14}
          emptyText="No notebook note yet. Edit note to write what this notebook is for, the open questions and how to read it. Markdown works: **bold**, lists, links."
        />
      </div>
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  );
}
