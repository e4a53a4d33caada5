/**
 * The environment of the backend service when it runs as a process of its
 * own (the app's utilityProcess; the benchmark's stand-in for it).
 *
 * MALLOC_ARENA_MAX: glibc gives every thread that allocates its own malloc
 * arena and keeps what the thread freed there. The service's worker threads
 * (extraction, name detection, reports, merge) come and go, and their arenas
 * stayed in the process's memory. Two arenas: at national scale the
 * service's peak went from 686 to 640 MB (bench: national-service), at the
 * same CPU time. Other C libraries ignore the variable.
 */
export function serviceProcessEnv(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return { ...base, MALLOC_ARENA_MAX: base.MALLOC_ARENA_MAX ?? '2' };
}
