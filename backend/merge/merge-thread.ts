/**
 * A bundle is previewed and applied in a worker thread (merge-worker.ts): decrypting,
 * checking signatures, the pre-merge backup and the merge of tens of
 * thousands of changes take seconds, and the thread that answers the UI must
 * stay free for reads meanwhile (issue 9, item 4). The writing call that asks
 * for it keeps its turn in the write queue until the worker has committed, so
 * writes stay one at a time; its action is the worker's (same id), and what
 * the merge touched comes back into it, so `study-changed` is pushed after the
 * commit as for any writing call.
 */
import type { CallName } from '../../shared/api/contract';
import type { BundleApplyResult, BundlePreview, BundleSetApplyResult } from '../../shared/api/types';
import { currentAction, describeAction, noteTouched, type ActionObject } from '../store/action-context';
import { studyKeyFor } from '../keys/unlock';
import type { Study } from '../study/study';
import { runWorkerJob } from '../worker-bundle';
import { releaseIdleWorkers } from '../idle-workers';
import type { BundleSource } from './bundle-file';

export interface MergeJob {
  studyPath: string;
  /** The key of an encrypted study (the worker opens its own connection). */
  studyKey?: Uint8Array;
  /** Who the merge is recorded for (the session's current inspector, or the CLI's --coder). */
  inspectorId: string | null;
  /** One bundle (bundle.apply, bundle.preview), or several applied together after one backup (bundle.applySet): the CLI's own file by its path, an upload as the bytes read from the sealed staging store (never a plaintext file). */
  bundles: BundleSource[];
  kind: 'apply' | 'set' | 'preview';
  passphrase: string | null;
  /** The calling writing call's action, whose id the merge's changes and action row carry (none for a preview). */
  action: { actionId: string; call: CallName; allowed: string[]; details: Record<string, string> } | null;
}

/** Worker → parent, besides the WorkerJobFailed that ends a failed job. */
export type MergeWorkerMessage = {
  type: 'done';
  result: BundleApplyResult | BundleSetApplyResult | BundlePreview;
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

/** Apply a bundle to the open study in a worker thread, as applyBundle (merge.ts) does in-process. */
export async function applyBundleInWorker(study: Study, bundle: BundleSource, passphrase: string | null): Promise<BundleApplyResult> {
  return (await runMergeJob(study, [bundle], 'apply', passphrase)) as BundleApplyResult;
}

/** Apply several bundles together in a worker thread, as applyBundleSet (merge.ts) does in-process. */
export async function applyBundleSetInWorker(study: Study, bundles: BundleSource[], passphrase: string | null): Promise<BundleSetApplyResult> {
  return (await runMergeJob(study, bundles, 'set', passphrase)) as BundleSetApplyResult;
}

/**
 * The preview (the whole merge, rolled back) in a worker thread. It takes the
 * study's write lock on the worker's connection while it runs, so the caller
 * runs it in the write queue's turn: a write on the service's connection
 * meanwhile would wait for that lock on the thread that answers.
 */
export async function previewBundleInWorker(study: Study, bundle: BundleSource, passphrase: string | null): Promise<BundlePreview> {
  return (await runMergeJob(study, [bundle], 'preview', passphrase)) as BundlePreview;
}

async function runMergeJob(study: Study, bundles: BundleSource[], kind: MergeJob['kind'], passphrase: string | null) {
  const action = currentAction();
  if (!action && kind !== 'preview') throw new Error('samenvoegen in de werkthread hoort bij een schrijvende opdracht');
  const key = study.key ?? studyKeyFor(study.path);
  const job: MergeJob = {
    studyPath: study.path,
    ...(key ? { studyKey: new Uint8Array(key) } : {}),
    inspectorId: study.currentInspectorId,
    bundles,
    kind,
    passphrase,
    action: action ? { actionId: action.actionId, call: action.call as CallName, allowed: [...action.allowed], details: { ...action.details } } : null,
  };
  // The merge's memory does not come on top of the warm workers of an import just before it.
  releaseIdleWorkers();
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
