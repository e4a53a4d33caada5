/**
 * Files dragged anywhere onto the window: an overlay says where they go, and
 * dropping them starts an import.
 */
import { useEffect, useState } from 'react';
import { nl } from '../text/nl';
import { beginImport } from './begin-import';
import { useBatch } from './batch-store';
import { droppedFiles, holdsFolder, type DroppedEntry } from './dropped-folder';
import { reportError } from '../ui/toast-store';

function carriesFiles(event: DragEvent): boolean {
  return event.dataTransfer?.types.includes('Files') ?? false;
}

export function DropOverlay() {
  const [active, setActive] = useState(false);

  useEffect(() => {
    let depth = 0;
    const onEnter = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      depth++;
      setActive(true);
    };
    const onOver = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    };
    const onLeave = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setActive(false);
    };
    const onDrop = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      depth = 0;
      setActive(false);
      // Entries must be taken while the event lasts; a folder among them goes to batch import.
      const entries = [...(event.dataTransfer?.items ?? [])].map((item) => item.webkitGetAsEntry() as DroppedEntry | null).filter((entry) => entry !== null);
      if (holdsFolder(entries)) {
        void droppedFiles(entries)
          .then((files) => useBatch.getState().read({ files }))
          .catch(reportError);
        return;
      }
      beginImport([...(event.dataTransfer?.files ?? [])]);
    };
    window.addEventListener('dragenter', onEnter);
    window.addEventListener('dragover', onOver);
    window.addEventListener('dragleave', onLeave);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragenter', onEnter);
      window.removeEventListener('dragover', onOver);
      window.removeEventListener('dragleave', onLeave);
      window.removeEventListener('drop', onDrop);
    };
  }, []);

  if (!active) return null;
  return (
    <div className="drop-overlay" aria-hidden="true">
      <div className="drop-message">
        <strong>{nl.drop.title}</strong>
        <span>{nl.drop.hint}</span>
      </div>
    </div>
  );
}
