/**
 * The one way views learn that the study changed: the backend pushes
 * `study-changed` after every writing call (this window's, another window's,
 * an undo, a merge, an import), naming the entities it changed. Stores and
 * views subscribe to the entities they show and reload only those.
 */
import { useEffect, useRef, useState } from 'react';
import type { StudyChangedEvent, StudyEntity } from '../../shared/api/study-entities';
import { onStudyChanged } from './client';

export type ChangeCallback = (event: StudyChangedEvent) => void;

/** Call `callback` after every change touching one of `entities` (or when the study file was opened anew). */
export function onEntitiesChanged(entities: readonly StudyEntity[], callback: ChangeCallback): () => void {
  return onStudyChanged((event) => {
    if (event.reopened || event.entities.some((entity) => entities.includes(entity))) callback(event);
  });
}

/** The same while a component is mounted; the latest callback runs (no resubscribing on every render). */
export function useEntitiesChanged(entities: readonly StudyEntity[], callback: ChangeCallback): void {
  const latest = useRef(callback);
  latest.current = callback;
  const key = entities.join(',');
  useEffect(() => onEntitiesChanged(key.split(',') as StudyEntity[], (event) => latest.current(event)), [key]);
}

/** A number that grows with every change touching `entities`: a dependency for views that fetch what they show. */
export function useChangeVersion(entities: readonly StudyEntity[]): number {
  const [version, setVersion] = useState(0);
  useEntitiesChanged(entities, () => setVersion((value) => value + 1));
  return version;
}
