import { reportError } from '../ui/toast-store';
import { useDocument } from './document-store';

/** Show a source in the document view, optionally pointing at a range of its text. */
export function openSource(id: string, range?: { start: number; end: number }): void {
  useDocument.getState().open(id, range).catch(reportError);
}
