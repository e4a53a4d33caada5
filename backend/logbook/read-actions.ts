/**
 * Actions that only read but matter (issue 12, BIO2 8.15): opening a study, a
 * report draft, every export, a copy for an inspector. They are recorded in
 * the same action table as writing calls, sealed into this copy's hash chain
 * at once, and travel in bundles like every other line. The read calls are
 * marked `logged` in the contract (dispatch records them, api/logged-call.ts);
 * CLI commands that read without dispatch call `recordReadAction` themselves.
 */
import { randomUUID } from 'node:crypto';
import { contract, type CallName } from '../../shared/api/contract';
import { loggedReadLabel, privacyModeLabel } from '../../shared/api/action-labels';
import type { ActionContext, ActionObject } from '../store/action-context';
import { chainHead, sealAction, sealLeftovers } from '../store/action-chain';
import type { ActionResult } from '../store/changes';
import type { Study } from '../study/study';
import { UserError } from '../errors';
import { applyRetention } from './retention';

export interface ReadDescription {
  details: Record<string, string>;
  objects: ActionObject[];
}

/** Record a finished read action in the study and seal it into the chain. */
export function recordReadAction(study: Study, call: string, description: ReadDescription, outcome: ActionResult): string {
  const { details, objects } = description;
  const action: ActionContext = {
    actionId: randomUUID(),
    call,
    allowed: new Set(),
    objects: new Map(objects.map((object) => [`${object.entity}/${object.id}`, object])),
    entities: new Set(),
    details,
    label: () => loggedReadLabel(call, details),
  };
  study.writer.recordAction(action, study.currentInspectorId, outcome);
  sealAction(study.db, action.actionId);
  return action.actionId;
}

/**
 * A host opened the study (the app or browser host at start, a CLI command):
 * first seal what killed calls left open, then record the opening.
 */
export function recordStudyOpened(study: Study, via: string): void {
  prepareOpenedStudy(study);
  recordReadAction(study, 'study.open', { details: { via }, objects: [] }, { result: 'done' });
}

/** At each opening, before the first line of this process: seal what killed calls left open, apply the retention. */
export function prepareOpenedStudy(study: Study): void {
  sealLeftovers(study.db, study.replicaId);
  applyRetention(study);
}

/**
 * A CLI command opened the study: what a host does at opening happens now;
 * the returned `finish` (called before the study closes) records the opening
 * only when the command left no line of its own: every command leaves at
 * least one line, and a command that imports or exports is not two lines.
 */
export function noteCliOpening(study: Study, via: string): () => void {
  prepareOpenedStudy(study);
  const before = chainHead(study.db, study.replicaId).index;
  return () => {
    if (!study.db.open || chainHead(study.db, study.replicaId).index !== before) return;
    recordReadAction(study, 'study.open', { details: { via }, objects: [] }, { result: 'done' });
  };
}

/** The details and objects of a logged call, from its (raw) input: which institution, full or pseudonymised. */
export function describeLoggedCall(study: Study, call: CallName, rawInput: unknown): ReadDescription {
  const parsed = contract[call].input.safeParse(rawInput ?? {});
  const input = (parsed.success ? parsed.data : {}) as Record<string, unknown>;
  if (call === 'report.generate') return describeDraft(study, input.scope as DraftScope | undefined, (input.options as { includeAppendix?: boolean } | undefined)?.includeAppendix === true);
  if (call === 'exchange.export') {
    const codeIds = (input.codeIds as string[] | undefined) ?? [];
    return describeExport(String(input.kind ?? ''), input.full === true, codeIds);
  }
  if (call === 'survey.exportTable') {
    const objects: ActionObject[] = [];
    if (typeof input.surveyId === 'string') objects.push({ entity: 'survey', id: input.surveyId });
    if (typeof input.institutionId === 'string') objects.push({ entity: 'institution', id: input.institutionId });
    return { details: {}, objects };
  }
  if (call === 'logbook.export') return { details: { format: input.format === 'csv' ? 'CSV' : 'Excel' }, objects: [] };
  if (call === 'study.copyForInspector') return { details: { initials: String(input.initials ?? '') }, objects: [] };
  return { details: {}, objects: [] };
}

type DraftScope = { institutionId: string } | { overall: true };

/** A report draft: which institution (or the overarching report); drafts always pass the privacy pass. */
export function describeDraft(study: Study, scope: DraftScope | undefined, appendix: boolean): ReadDescription {
  const mode = `${privacyModeLabel(false)}${appendix ? ', met interne bijlage' : ''}`;
  if (scope && 'institutionId' in scope) {
    const name = study.institutions().find((institution) => institution.id === scope.institutionId)?.name ?? 'onbekende instelling';
    return { details: { scope: name, mode }, objects: [{ entity: 'institution', id: scope.institutionId }] };
  }
  return { details: { scope: 'overkoepelend rapport', mode }, objects: [] };
}

/** An exchange export: its kind, and whether it is full (names kept) or pseudonymised. */
export function describeExport(kind: string, full: boolean, codeIds: readonly string[]): ReadDescription {
  return { details: { kind, mode: privacyModeLabel(full) }, objects: codeIds.map((id) => ({ entity: 'code', id })) };
}

/** Run a read outside dispatch (a CLI command) and record it: done, or refused with the Dutch reason. */
export async function withReadAction<T>(study: Study, call: string, description: ReadDescription, run: () => Promise<T>): Promise<T> {
  let value: T;
  try {
    value = await run();
  } catch (error) {
    const reason = error instanceof UserError ? error.message : 'Er ging iets mis in Veldwerk.';
    recordReadAction(study, call, description, { result: 'refused', reason });
    throw error;
  }
  recordReadAction(study, call, description, { result: 'done' });
  return value;
}
