/**
 * Issue 9 item 6 and issue 11: every study file is opened through
 * backend/store/open-study.ts, which takes the key. Only it and the key code
 * (which re-keys files and checks keys) may use the SQLite driver; any other
 * `new Database(…)` or import of the driver would be an open without the key.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../..');
const ALLOWED = new Set(['backend/store/open-study.ts', 'backend/keys/cipher.ts', 'backend/keys/encrypt-study.ts']);

function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.(ts|tsx|mjs)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

describe('one way to open a study file', () => {
  it('uses the SQLite driver only in open-study.ts and the key code', () => {
    const offenders = ['backend', 'electron', 'scripts', 'renderer', 'shared'].flatMap(sources).filter((path) => {
      if (ALLOWED.has(relative(root, join(root, path)))) return false;
      const text = readFileSync(join(root, path), 'utf8');
      return /^import (?!type )[^;]*from 'better-sqlite3(-multiple-ciphers)?'/m.test(text) || /new Database\(/.test(text);
    });
    expect(offenders).toEqual([]);
  });
});
