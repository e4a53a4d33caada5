/**
 * Long calls (bundles, questionnaire imports) take a job id and report
 * progress under it. `followJob` makes the id and passes on that job's
 * progress until `stop()`; `useJobProgress` does the same for a component:
 * a "busy" message that follows the backend while the work runs, cleaned up
 * when the work ends or the component goes away.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { JobProgress } from '../../shared/api/types';
import { onProgress } from '../api/client';

export function followJob(prefix: string, onJobProgress: (progress: JobProgress) => void): { jobId: string; stop: () => void } {
  const jobId = `${prefix}-${Date.now()}-${Math.random().toString(36).slice(2)}`;
  const stop = onProgress((progress) => {
    if (progress.jobId === jobId) onJobProgress(progress);
  });
  return { jobId, stop };
}

export interface JobRunner {
  /** The message to show while work runs (the backend's latest, else the one given to `run`); null when idle. */
  busy: string | null;
  /** Run `work` with a new job id, showing `message` until the backend says more. Errors pass through. */
  run<T>(message: string, work: (jobId: string) => Promise<T>): Promise<T>;
}

export function useJobProgress(prefix: string): JobRunner {
  const [busy, setBusy] = useState<string | null>(null);
  const stopListening = useRef<(() => void) | null>(null);
  useEffect(() => () => stopListening.current?.(), []);

  const run = useCallback(
    async <T>(message: string, work: (jobId: string) => Promise<T>): Promise<T> => {
      setBusy(message);
      const job = followJob(prefix, (progress) => {
        if (progress.message) setBusy(progress.message);
      });
      stopListening.current = job.stop;
      try {
        return await work(job.jobId);
      } finally {
        job.stop();
        stopListening.current = null;
        setBusy(null);
      }
    },
    [prefix],
  );
  return { busy, run };
}
