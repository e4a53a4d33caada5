/** Real study files in a temporary folder, removed after the test file. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { createStudy, type NewStudy } from '../../backend/study/setup';
import type { Study } from '../../backend/study/study';

export function tempDir(prefix = 'veldwerk-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

let counter = 0;

export const SMALL_SETUP: NewStudy = {
  name: 'Testronde',
  periodStart: '2026-03-01',
  periodEnd: '2026-06-30',
  institutions: ['GI Noord', 'GI Zuid'],
  inspectors: [
    { name: 'Inspecteur Een', initials: 'IE' },
    { name: 'Inspecteur Twee', initials: 'IT' },
  ],
};

export function newTestStudy(dir: string, setup: NewStudy = SMALL_SETUP): Study {
  counter += 1;
  return createStudy(join(dir, `studie-${counter}.veldwerk`), setup);
}
