/**
 * A bundle is applied in a worker thread (merge-worker.ts): decrypting,
 * checking signatures, the pre-merge backup and the merge of tens of
 * thousands of changes take seconds, and the thread that answers the UI must
 * stay free for reads meanwhile (issue 9, item 4). The writing call that asks
 * for it keeps its turn in the write queue until the worker has committed, so
 * writes stay one at a time; its action is the worker's (same id), and what
 * the merge touched comes back into it, so `study-changed` is pushed after the
 * commit as for any writing call.
 */
import type { CallName } from '../../shared/api/contract';
import type { BundleApplyResult, BundleSetApplyResult } from '../../shared/api/types';
import { currentAction, describeAction, noteTouched, type ActionObject } from '../store/action-context';
import { studyKeyFor } from '../keys/unlock';
import type { Study } from '../study/study';
import { runWorkerJob } from '../worker-bundle';

export interface MergeJob {
  studyPath: string;
  /** The key of an encrypted study (the worker opens its own connection). */
  studyKey?: Uint8Array;
  /** Who the merge is recorded for (the session's current inspector, or the CLI's --coder). */
  inspectorId: string | null;
  /** One bundle (bundle.apply), or several applied together after one backup (bundle.applySet). */
  bundlePaths: string[];
  set: boolean;
  passphrase: string | null;
  /** The calling writing call's action, whose id the merge's changes and action row carry. */
  action: { actionId: string; call: CallName; allowed: string[]; details: Record<string, string> };
}

/** Worker → parent, besides the WorkerJobFailed that ends a failed job. */
export type MergeWorkerMessage = {
  type: 'done';
  result: BundleApplyResult | BundleSetApplyResult;
  entities: string[];
  objects: ActionObject[];
  details: Record<string, string>;
};

/** The worker's heap cap: a bundle's original files are held in memory once. */
const MERGE_WORKER_MEMORY_MB = 2048;

const MERGE_WORKER_MESSAGES = {
  crashed: 'Het samenvoegen is onverwacht afgebroken; er is niets samengevoegd. Probeer het opnieuw; lukt het dan weer niet, meld het dan bij de beheerder.',
  failed: 'Er ging iets mis bij het samenvoegen; er is niets samengevoegd. Probeer het opnieuw; lukt het dan weer niet, meld het dan bij de beheerder.',
  outOfMemory: (memoryMb: number) =>
    `Het samenvoegen vroeg meer dan ${memoryMb.toLocaleString('nl-NL')} MB geheugen en is afgebroken; er is niets samengevoegd. Meld het bij de beheerder.`,
  missing: (detail: string) => `De bundel kan niet worden samengevoegd. ${detail}`,
};

/** Apply a bundle file to the open study in a worker thread, as applyBundle (merge.ts) does in-process. */
export async function applyBundleInWorker(study: Study, bundlePath: string, passphrase: string | null): Promise<BundleApplyResult> {
  return (await runMergeJob(study, [bundlePath], false, passphrase)) as BundleApplyResult;
}

/** Apply several bundle files together in a worker thread, as applyBundleSet (merge.ts) does in-process. */
export async function applyBundleSetInWorker(study: Study, bundlePaths: string[], passphrase: string | null): Promise<BundleSetApplyResult> {
  return (await runMergeJob(study, bundlePaths, true, passphrase)) as BundleSetApplyResult;
}

async function runMergeJob(study: Study, bundlePaths: string[], set: boolean, passphrase: string | null) {
  const action = currentAction();
  if (!action) throw new Error('samenvoegen in de werkthread hoort bij een schrijvende opdracht');
  const key = study.key ?? studyKeyFor(study.path);
  const job: MergeJob = {
    studyPath: study.path,
    ...(key ? { studyKey: new Uint8Array(key) } : {}),
    inspectorId: study.currentInspectorId,
    bundlePaths,
    set,
    passphrase,
    action: { actionId: action.actionId, call: action.call as CallName, allowed: [...action.allowed], details: { ...action.details } },
  };
  const done = await runWorkerJob<MergeWorkerMessage, MergeWorkerMessage>('merge', {
    workerData: job,
    memoryMb: MERGE_WORKER_MEMORY_MB,
    messages: MERGE_WORKER_MESSAGES,
    task: 'bundel samenvoegen',
    isMessage: (message): message is MergeWorkerMessage => (message as Partial<MergeWorkerMessage> | null)?.type === 'done',
    receive: (message, finish) => finish(message),
  });
  describeAction(done.details);
  for (const entity of done.entities) noteTouched(entity, null);
  for (const object of done.objects) noteTouched(object.entity, object.id);
  return done.result;
}
