/**
 * Background threads give way to the threads that answer the UI. A report
 * draft keeps its worker thread busy for seconds; on a machine with two
 * cores that thread, its garbage collector and the rest of the machine's work
 * compete with the service's and the window's threads, and the operating
 * system may let a waking answering thread wait its turn. A worker that lowers
 * its own scheduling priority (nice 10) is set aside whenever an answering
 * thread has something to do, and still gets every idle moment.
 *
 * Linux only: there the nice value belongs to a thread (setpriority with the
 * thread's id), found in /proc/thread-self. Elsewhere setpriority changes the
 * whole process, the app's answering threads with it, so nothing is changed.
 */
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';

/** The nice value background workers run at (0 is normal, 19 the lowest). */
export const BACKGROUND_NICE = 10;

/** This thread's id on Linux, else null. */
export function currentThreadId(): number | null {
  if (process.platform !== 'linux') return null;
  try {
    // "/proc/thread-self" links to "<pid>/task/<tid>".
    const tid = Number(readlinkSync('/proc/thread-self').split('/').at(-1));
    return Number.isInteger(tid) && tid > 0 ? tid : null;
  } catch {
    return null;
  }
}

/** Lower the calling thread's priority to BACKGROUND_NICE; false where that cannot be done for this thread alone. */
export function runInBackground(): boolean {
  const tid = currentThreadId();
  if (tid === null) return false;
  try {
    setPriority(tid, BACKGROUND_NICE);
    return true;
  } catch {
    // Not allowed (a sandbox) or not supported: the worker runs at normal priority, as before.
    return false;
  }
}
