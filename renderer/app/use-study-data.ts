import { useEffect } from 'react';
import { onEntitiesChanged } from '../api/study-changes';
import { useDocument } from '../document/document-store';
import { useFramework } from '../framework/framework-store';
import { useSearch } from '../search/search-store';
import { useImport } from '../sources/import-store';
import { useSources } from '../sources/sources-store';
import { useSession } from '../study/session-store';
import { reportError } from '../ui/toast-store';

/**
 * When another study opens, or the open one is opened anew (the study from
 * before a merge put back), forget what belonged to the previous file and load
 * the new one.
 */
export function useStudyData(): void {
  const studyId = useSession((store) => store.session?.study?.id ?? null);
  useEffect(() => startAfresh(studyId), [studyId]);
}

onEntitiesChanged([], (event) => {
  if (event.reopened) startAfresh(useSession.getState().session?.study?.id ?? null);
});

function startAfresh(studyId: string | null): void {
  useSources.getState().reset();
  useDocument.getState().reset();
  useSearch.getState().reset();
  useFramework.getState().reset();
  if (useImport.getState().phase !== 'running') useImport.getState().close();
  if (!studyId) return;
  useSources.getState().load().catch(reportError);
  useFramework.getState().load().catch(reportError);
}
