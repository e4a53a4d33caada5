/**
 * What a writing call may change, named as the UI subscribes to it: the
 * entities of the change log, plus the study's merge conflicts, its exchange
 * bookkeeping, its logbook, and `session` (which study is open, who is working). The
 * contract declares per call which of these it may touch; the backend pushes
 * the ones a call did touch in `study-changed` after it committed.
 *
 * Pure TypeScript: no Node, no DOM.
 */
export const STUDY_ENTITIES = [
  'study',
  'institution',
  'inspector',
  'code',
  'source',
  'sourceStatus',
  'coding',
  'memo',
  'reviewQuestion',
  'reviewAnswer',
  'judgment',
  'judgmentEvidence',
  'finding',
  'theme',
  'person',
  'privacyChoice',
  'survey',
  'surveyQuestion',
  'conflict',
  'exchange',
  // The logbook's lines: a read the contract marks `logged` adds one without changing anything else.
  'logbook',
  'session',
] as const;
export type StudyEntity = (typeof STUDY_ENTITIES)[number];

/** Every entity: what opening another study changes. */
export const ALL_ENTITIES: readonly StudyEntity[] = STUDY_ENTITIES;

/** Every entity of the change log: what an undo or a merge may change. */
export const LOGGED_ENTITIES: readonly StudyEntity[] = STUDY_ENTITIES.filter(
  (entity) => entity !== 'conflict' && entity !== 'exchange' && entity !== 'logbook' && entity !== 'session',
);

export function isStudyEntity(value: unknown): value is StudyEntity {
  return typeof value === 'string' && (STUDY_ENTITIES as readonly string[]).includes(value);
}

/** The event as it arrives from another process: checked, entity names filtered; null when it is no such event. */
export function parseStudyChanged(value: unknown): StudyChangedEvent | null {
  if (!value || typeof value !== 'object') return null;
  const event = value as Partial<Record<keyof StudyChangedEvent, unknown>>;
  if (event.type !== 'study-changed' || !Array.isArray(event.entities)) return null;
  const actionId = typeof event.actionId === 'string' ? event.actionId : null;
  return { type: 'study-changed', entities: event.entities.filter(isStudyEntity), actionId, reopened: event.reopened === true };
}

/** Pushed to every window after a writing call committed. */
export interface StudyChangedEvent {
  type: 'study-changed';
  /** The entities the call changed (every entity when another study was opened). */
  entities: StudyEntity[];
  /** The action the call recorded; null when it recorded none (no study open). */
  actionId: string | null;
  /** True when the study file was opened anew (another study, or the one from before a merge): views drop what they held. */
  reopened: boolean;
}
