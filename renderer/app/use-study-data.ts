import { useEffect } from 'react';
import { useDocument } from '../document/document-store';
import { useFramework } from '../framework/framework-store';
import { useSearch } from '../search/search-store';
import { useImport } from '../sources/import-store';
import { useSources } from '../sources/sources-store';
import { useSession } from '../study/session-store';
import { reportError } from './toast-store';

/** When another study opens, forget what belonged to the previous one and load the new one. */
export function useStudyData(): void {
  const studyId = useSession((store) => store.session?.study?.id ?? null);
  useEffect(() => {
    useSources.getState().reset();
    useDocument.getState().reset();
    useSearch.getState().reset();
    useFramework.getState().reset();
    if (useImport.getState().phase !== 'running') useImport.getState().close();
    if (!studyId) return;
    useSources.getState().load().catch(reportError);
    useFramework.getState().load().catch(reportError);
  }, [studyId]);
}
