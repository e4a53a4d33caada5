/**
 * Wrong passphrases slow down: each further wrong try for the same study key
 * waits longer (1, 2, 4 … 30 s, on top of scrypt's own cost). The count and
 * the time of the last failure are kept beside the key file
 * (`<study>.veldwerk-pogingen`, owner-only), so a restart of the app, the
 * browser host or a command does not reset them. The file holds no secret:
 * deleting it only resets the wait, and guessing offline is held back by
 * scrypt, not by this file. Within one process the larger of its own count
 * and the file's counts, so an unreadable or removed file never lowers it.
 */
import { readFileSync, rmSync } from 'node:fs';
import { z } from 'zod';
import { writePrivateFile } from '../store/private-files';

export const ATTEMPTS_SUFFIX = '-pogingen';
const MAX_WAIT_SECONDS = 30;

const attemptsSchema = z.object({ keyId: z.string().max(100), failures: z.number().int().min(0).max(1_000_000), lastAt: z.number() });
type Attempts = z.infer<typeof attemptsSchema>;

/** This process's own record per key id (also what `passphraseFailures` reports). */
const inMemory = new Map<string, Attempts>();

export function attemptsPath(studyPath: string): string {
  return studyPath + ATTEMPTS_SUFFIX;
}

function fromFile(studyPath: string | undefined, keyId: string): Attempts | null {
  if (!studyPath) return null;
  try {
    const parsed = attemptsSchema.safeParse(JSON.parse(readFileSync(attemptsPath(studyPath), 'utf8')));
    return parsed.success && parsed.data.keyId === keyId ? parsed.data : null;
  } catch {
    return null;
  }
}

function current(studyPath: string | undefined, keyId: string): Attempts {
  const candidates = [inMemory.get(keyId), fromFile(studyPath, keyId)].filter((entry): entry is Attempts => entry !== undefined && entry !== null);
  return candidates.sort((a, b) => b.failures - a.failures || b.lastAt - a.lastAt)[0] ?? { keyId, failures: 0, lastAt: 0 };
}

export function failureCount(studyPath: string | undefined, keyId: string): number {
  return current(studyPath, keyId).failures;
}

/** Milliseconds to wait before the next passphrase try for this key may be checked (0: at once). */
export function waitBeforeNextTry(studyPath: string | undefined, keyId: string, now = Date.now()): number {
  const { failures, lastAt } = current(studyPath, keyId);
  if (failures === 0) return 0;
  const wait = Math.min(MAX_WAIT_SECONDS, 2 ** (failures - 1)) * 1000;
  return Math.max(0, Math.min(wait, lastAt + wait - now));
}

export function recordFailure(studyPath: string | undefined, keyId: string): void {
  const next: Attempts = { keyId, failures: current(studyPath, keyId).failures + 1, lastAt: Date.now() };
  inMemory.set(keyId, next);
  if (!studyPath) return;
  try {
    writePrivateFile(attemptsPath(studyPath), `${JSON.stringify(next)}\n`);
  } catch {
    // A read-only folder: the count in this process still holds.
  }
}

export function clearFailures(studyPath: string | undefined, keyId: string): void {
  inMemory.delete(keyId);
  if (studyPath) rmSync(attemptsPath(studyPath), { force: true });
}
