/**
 * The layering of DESIGN.md, checked on every test run: shared/ is pure,
 * renderer/ talks to the backend only through the contract, and only
 * electron/ imports Electron.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(ts|tsx)$/.test(entry.name) && !entry.name.endsWith('.d.ts'))
    .map((entry) => relative(root, join(entry.parentPath, entry.name)));
}

function importsOf(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  const pattern = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s+['"]([^'"]+)['"]/gm;
  return [...text.matchAll(pattern)].map((match) => match[1] ?? match[2] ?? match[3]!);
}

/** The top-level folder an import lands in, or the package name for bare imports. */
function target(file: string, specifier: string): { folder: string } | { pkg: string } {
  if (!specifier.startsWith('.')) return { pkg: specifier };
  return { folder: relative(root, resolve(dirname(join(root, file)), specifier)).split(/[\\/]/)[0]! };
}

function violations(dir: string, allowedFolders: string[], allowedPackages: RegExp): string[] {
  return sourceFiles(dir).flatMap((file) =>
    importsOf(file)
      .filter((specifier) => {
        const landing = target(file, specifier);
        return 'folder' in landing ? !allowedFolders.includes(landing.folder) : !allowedPackages.test(landing.pkg);
      })
      .map((specifier) => `${file} imports ${specifier}`),
  );
}

describe('architecture boundaries', () => {
  it('shared/ imports nothing from Node, the DOM, or the other layers', () => {
    expect(violations('shared', ['shared'], /^zod$/)).toEqual([]);
  });

  it('renderer/ imports only shared/, its own code and UI packages', () => {
    expect(violations('renderer', ['renderer', 'shared'], /^(react|react-dom|react-dom\/client|react\/jsx-runtime|zustand|zustand\/.*|zod)$/)).toEqual([]);
  });

  it('backend/ never imports Electron or the renderer', () => {
    expect(violations('backend', ['backend', 'shared'], /^(?!electron$)(?!.*renderer).+$/)).toEqual([]);
  });

  it('finds imports at all (the checker itself works)', () => {
    expect(importsOf('backend/api/handlers.ts')).toContain('../../shared/api/contract');
    expect(violations('backend', ['shared'], /^zod$/).length).toBeGreaterThan(0);
  });
});
