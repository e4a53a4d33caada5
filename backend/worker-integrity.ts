/**
 * The worker bundles (dist/workers/*.mjs) are unpacked beside app.asar in the
 * packaged app (electron-builder.yml): they are ES modules, and loading ES
 * modules from inside an asar archive in a worker thread has broken between
 * Electron releases. Unpacked files lie outside the archive that Electron's
 * asar integrity check covers, so the build writes their SHA-256 into
 * dist/worker-hashes.json, which stays inside app.asar (covered by the
 * check), and a worker is started from an archive path only when its bundle
 * still has that hash. A bundle changed on disk is refused in Dutch.
 * (The check runs before the start; a change in the instant between the
 * check and the start is not caught.)
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

export const WORKER_HASHES_FILE = 'worker-hashes.json';

const verified = new Set<string>();

/** True for a path inside (or unpacked beside) an asar archive: the packaged app. */
export function isPackagedPath(path: string): boolean {
  return /\.asar(?:\.unpacked)?[\\/]/.test(path);
}

export function sha256OfFile(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** Throws (in Dutch) unless the bundle at `bundlePath` has the hash `manifestPath` records for it. Checked once per process. */
export function checkWorkerBundle(bundlePath: string, manifestPath: string): void {
  if (verified.has(bundlePath)) return;
  let manifest: Record<string, unknown>;
  try {
    manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, unknown>;
  } catch {
    throw new Error(`De controlegetallen van de werkmodules ontbreken (${manifestPath}); installeer Veldwerk opnieuw.`);
  }
  const expected = manifest[basename(bundlePath)];
  if (typeof expected !== 'string' || sha256OfFile(bundlePath) !== expected) {
    throw new Error(`De werkmodule ${basename(bundlePath)} is gewijzigd sinds Veldwerk werd gebouwd (het controlegetal klopt niet); installeer Veldwerk opnieuw.`);
  }
  verified.add(bundlePath);
}
