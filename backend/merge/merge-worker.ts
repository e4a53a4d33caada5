/**
 * Worker-thread entry (bundled to dist/workers/merge-worker.mjs): applies one
 * bundle off the thread that answers the UI (merge-thread.ts). It opens the
 * study on a connection of its own; WAL lets the service's connection keep
 * reading the committed state meanwhile, and the service's write queue holds
 * every other write until this one has committed. The merge runs inside the
 * calling writing call's action (same id), so its changes and action row are
 * what they would be in-process; what the action touched goes back to the
 * parent for `study-changed`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { actionLabel } from '../../shared/api/action-labels';
import { Study } from '../study/study';
import { runInAction, type ActionContext } from '../store/action-context';
import { workerJobFailed, type WorkerJobFailed } from '../worker-bundle';
import { applyBundle, applyBundleSet, previewBundle } from './merge';
import type { MergeJob, MergeWorkerMessage } from './merge-thread';

function post(message: MergeWorkerMessage | WorkerJobFailed): void {
  parentPort!.postMessage(message);
}

async function run(job: MergeJob): Promise<void> {
  const study = Study.open(job.studyPath, job.studyKey ? Buffer.from(job.studyKey) : undefined);
  try {
    if (job.inspectorId) study.actAs(job.inspectorId);
    const sources = job.bundles;
    if (!job.action) {
      post({ type: 'done', result: await previewBundle(study, sources[0]!, job.passphrase), entities: [], objects: [], details: {} });
      return;
    }
    const details: Record<string, string> = { ...job.action.details };
    const action: ActionContext = {
      actionId: job.action.actionId,
      call: job.action.call,
      allowed: new Set(job.action.allowed),
      objects: new Map(),
      entities: new Set(),
      details,
      label: () => actionLabel(job.action!.call, details),
    };
    const result = await runInAction(action, () => (job.kind === 'set' ? applyBundleSet(study, sources, job.passphrase) : applyBundle(study, sources[0]!, job.passphrase)));
    post({ type: 'done', result, entities: [...action.entities], objects: [...action.objects.values()], details });
  } finally {
    study.close();
  }
}

run(workerData as MergeJob).catch((error: unknown) => post(workerJobFailed(error)));
