/**
 * Worker threads kept warm between calls (the extraction pool, name
 * detection) end a few seconds after their last job. A heavy job started
 * within those seconds (a report outline right after an import, a merge)
 * would otherwise hold its memory on top of theirs: the backend's peak is
 * the sum (bench: national-service, issue 9 item 8). Such a job asks the
 * idle ones to end first; a worker with a job running is left alone.
 */
const releases = new Set<() => void>();

/** Register how to end a keeper's idle workers (called once per keeper, at module load). */
export function onReleaseIdleWorkers(release: () => void): void {
  releases.add(release);
}

/** End every worker that is kept warm but has no job now. */
export function releaseIdleWorkers(): void {
  for (const release of releases) release();
}
