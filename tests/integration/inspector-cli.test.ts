/** `veldwerk inspector add | list | revoke` with the built CLI, end to end, with copy, autocode and bundles. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { veldwerk } from '../helpers/cli';
import { tempDir } from '../helpers/temp-study';

const dir = tempDir('veldwerk-inspector-cli-');
const env = { VELDWERK_BUNDLE_SCRYPT_LOG_N: '10' };
const run = (args: string[]) => veldwerk(args, env);

describe('veldwerk inspector', () => {
  const lead = join(dir, 'ronde.veldwerk');
  const copy = join(dir, 'zz.veldwerk');
  const passphrase = join(dir, 'wachtwoord.txt');

  beforeAll(() => {
    expect(run(['init', lead, '--name', 'Ronde']).code).toBe(0);
    writeFileSync(passphrase, 'correct paard batterij nietje\n');
    const source = join(dir, 'gesprek.txt');
    writeFileSync(source, 'Jeugdzorgwerker: door de wachtlijst startte de hulp pas na vier maanden.\n');
    expect(run(['import', lead, source, '--institution', 'GI Oost', '--type', 'interview', '--role', 'jeugdzorgwerker']).code).toBe(0);
  });

  it('adds an inspector whom copy --inspector and autocode --coder then know', () => {
    expect(run(['copy', lead, copy, '--inspector', 'ZZ'])).toMatchObject({ code: 1 });
    const added = run(['inspector', 'add', lead, '--name', 'Zeno Zwart', '--initials', 'ZZ']);
    expect(added).toMatchObject({ code: 0 });
    expect(added.stdout).toMatch(/Inspecteur toegevoegd: Zeno Zwart \(ZZ\)/);
    expect(run(['inspector', 'add', lead, '--name', 'Zeno Zwart', '--initials', 'zz'])).toMatchObject({ code: 1 });
    expect(run(['inspector', 'add', lead, '--name', 'Zonder Initialen'])).toMatchObject({ code: 2 });
    expect(run(['copy', lead, copy, '--inspector', 'ZZ']).code).toBe(0);
    expect(run(['autocode', copy, 'wachtlijst', '--norm', 'hulp', '--coder', 'ZZ']).code).toBe(0);
  });

  it('lists inspectors with the keys of their copies; the lead revokes one, and that copy’s new work is refused', () => {
    const listed = JSON.parse(run(['inspector', 'list', lead, '--json']).stdout) as {
      lead: boolean;
      inspectors: Array<{ initials: string; keys: Array<{ role: string; revokedAt: string | null }> }>;
    };
    expect(listed.lead).toBe(true);
    expect(listed.inspectors.find((inspector) => inspector.initials === 'ZZ')?.keys).toEqual([expect.objectContaining({ role: 'member', revokedAt: null })]);

    const bundle = join(dir, 'zz.vwbundle');
    expect(run(['bundle', 'export', copy, '--out', bundle, '--passphrase-file', passphrase]).code).toBe(0);
    expect(run(['inspector', 'revoke', copy, '--initials', 'ZZ'])).toMatchObject({ code: 1, stderr: expect.stringMatching(/Alleen de teamleider/) });
    const revoked = run(['inspector', 'revoke', lead, '--initials', 'ZZ']);
    expect(revoked).toMatchObject({ code: 0, stdout: expect.stringMatching(/Sleutel van Zeno Zwart \(ZZ\) ingetrokken/) });
    expect(run(['inspector', 'list', lead]).stdout).toMatch(/ZZ\s+Zeno Zwart\s+\S+ ingetrokken/);
    const refused = run(['bundle', 'import', lead, bundle, '--passphrase-file', passphrase]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/ingetrokken sleutel van Zeno Zwart \(ZZ\)/);
  });
});
