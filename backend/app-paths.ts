/**
 * Where Veldwerk's own files are, whether it runs from the source tree (tests),
 * from the bundles in dist/ (CLI, browser host) or packed in Electron's asar.
 */
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cachedRoot: string | null = null;

/** The folder holding Veldwerk's package.json. */
export function projectRoot(): string {
  if (cachedRoot) return cachedRoot;
  let dir = typeof __dirname === 'string' ? __dirname : dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'veldwerk') {
      cachedRoot = dir;
      return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error('Kan de map van Veldwerk niet vinden (package.json ontbreekt).');
    dir = parent;
  }
}

export const resourcesDir = () => join(projectRoot(), 'resources');
export const rendererDir = () => join(projectRoot(), 'dist', 'renderer');

/** Where the CLI and browser host keep the demo study: $VELDWERK_HOME or ~/.local/share/veldwerk. */
export function userDataDir(): string {
  return process.env.VELDWERK_HOME ?? join(homedir(), '.local', 'share', 'veldwerk');
}

export const DEMO_STUDY_FILE_NAME = 'Demo toezichtronde.veldwerk';
