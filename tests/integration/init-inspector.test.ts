/** `veldwerk init` never invents a person: no placeholder inspector; the one named with --inspector/--initials is the team's first. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { veldwerk } from '../helpers/cli';
import { tempDir } from '../helpers/temp-study';

const dir = tempDir('veldwerk-init-inspector-');
const inspectors = (file: string) =>
  (JSON.parse(veldwerk(['inspector', 'list', file, '--json']).stdout) as { inspectors: Array<{ name: string; initials: string }> }).inspectors;

describe('veldwerk init and its inspectors', () => {
  it('makes a study without inspectors when none is named, and says how to add them', () => {
    const file = join(dir, 'leeg.veldwerk');
    const made = veldwerk(['init', file, '--name', 'Ronde']);
    expect(made.code, made.stderr).toBe(0);
    expect(made.stdout).toMatch(/veldwerk inspector add/);
    expect(inspectors(file)).toEqual([]);
  });

  it('makes the named inspector the first of the team', () => {
    const file = join(dir, 'iris.veldwerk');
    expect(veldwerk(['init', file, '--inspector', 'Iris Veld', '--initials', 'IV']).code).toBe(0);
    expect(inspectors(file)).toEqual([expect.objectContaining({ name: 'Iris Veld', initials: 'IV' })]);
  });

  it('refuses a name without initials, and makes no file', () => {
    const file = join(dir, 'half.veldwerk');
    expect(veldwerk(['init', file, '--inspector', 'Iris Veld'])).toMatchObject({ code: 2, stderr: expect.stringMatching(/--initials/) });
    expect(veldwerk(['stats', file]).code).not.toBe(0);
  });
});
