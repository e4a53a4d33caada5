import { reportError, useToasts } from '../ui/toast-store';
import { useBatch } from './batch-store';
import { nl } from '../text/nl';
import { useImport } from './import-store';

/** Start an import with the chosen or dropped files, unless one is already running. */
export function beginImport(files: File[]): void {
  if (files.length === 0) return;
  // A dossier export zip dropped on the window is read as a batch: one table before anything is stored.
  if (files.length === 1 && /\.zip$/i.test(files[0]!.name)) {
    void useBatch.getState().read({ files }).catch(reportError);
    return;
  }
  const importer = useImport.getState();
  if (importer.phase === 'running') {
    useToasts.getState().show('info', nl.importer.busy);
    return;
  }
  importer.begin(files);
}
