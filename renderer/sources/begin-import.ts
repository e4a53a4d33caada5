import { useToasts } from '../ui/toast-store';
import { nl } from '../text/nl';
import { useImport } from './import-store';

/** Start an import with the chosen or dropped files, unless one is already running. */
export function beginImport(files: File[]): void {
  if (files.length === 0) return;
  const importer = useImport.getState();
  if (importer.phase === 'running') {
    useToasts.getState().show('info', nl.importer.busy);
    return;
  }
  importer.begin(files);
}
