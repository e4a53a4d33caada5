/**
 * Issue 11, item 2: the study key in a real OS keychain, not a stand-in. On
 * Linux the CLI and the browser host keep it in the Secret Service through
 * @napi-rs/keyring. Here gnome-keyring's Secret Service runs in a D-Bus
 * session of its own (Debian's gnome-keyring and dbus, which .ci/run
 * installs), unlocked with a throwaway login password:
 *
 * - `veldwerk init` without a passphrase makes an encrypted study whose key
 *   file holds only a keyring wrap and the recovery wrap;
 * - `veldwerk stats` then opens it through the keyring, asking nothing;
 * - outside that session (no keychain) the same command refuses in Dutch, and
 *   the recovery key shown once at creation still opens the study.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../helpers/cli';
import { tempDir } from '../helpers/temp-study';

const SECRET_SERVICE = ['/usr/bin/dbus-run-session', '/usr/bin/gnome-keyring-daemon'].every((tool) => existsSync(tool));
const bin = join(projectRoot, 'bin', 'veldwerk.cjs');

/** A user's environment with no passphrase at hand: the keychain or nothing. */
function userEnv(home: string): NodeJS.ProcessEnv {
  const { VELDWERK_PASSPHRASE_FILE: _unused, DBUS_SESSION_BUS_ADDRESS: _bus, ...rest } = process.env;
  return { ...rest, HOME: home, VELDWERK_HOME: home };
}

/** Run veldwerk commands one after the other inside a D-Bus session with an unlocked Secret Service. */
function withSecretService(home: string, commands: string[][]) {
  const quoted = commands.map((args) => [process.execPath, bin, ...args].map((word) => `'${word.replaceAll("'", "'\\''")}'`).join(' '));
  const script = [
    'set -e',
    // A login keyring, unlocked as a desktop session would: the password goes in on stdin.
    `eval "$(printf 'wegwerp-wachtwoord' | gnome-keyring-daemon --unlock --components=secrets)"`,
    ...quoted.map((line, index) => `echo "== opdracht ${index}"; ${line}`),
  ].join('\n');
  return spawnSync('/usr/bin/dbus-run-session', ['--', 'bash', '-c', script], { encoding: 'utf8', env: userEnv(home), timeout: 120_000 });
}

describe('the study key in the Secret Service (a real OS keychain)', () => {
  // Where the machine has no Secret Service to start (no gnome-keyring or dbus), there is no real keychain to test against.
  it.runIf(process.platform === 'linux' && SECRET_SERVICE)('keeps the key there, opens without asking, and refuses in Dutch without it', () => {
    const dir = tempDir('veldwerk-keyring-');
    const study = join(dir, 'ronde.veldwerk');

    const run = withSecretService(dir, [
      ['init', study, '--inspector', 'Kim Keyring', '--initials', 'KK'],
      ['stats', study],
    ]);
    expect(run.status, run.stdout + run.stderr).toBe(0);
    const [, created, stats] = run.stdout.split(/== opdracht \d\n/);
    expect(created).toMatch(/aangemaakt \(versleuteld\)/);
    expect(stats).toMatch(/Bronnen: 0/);

    const keyFile = JSON.parse(readFileSync(`${study}-sleutels`, 'utf8')) as { current: { wraps: Array<{ kind: string; store?: string }> } };
    expect(keyFile.current.wraps.map((wrap) => `${wrap.kind}${wrap.store ? `:${wrap.store}` : ''}`).sort()).toEqual(['keychain:keyring', 'recovery']);
    expect(readFileSync(study).includes(Buffer.from('SQLite format 3'))).toBe(false);

    const outside = spawnSync(process.execPath, [bin, 'stats', study], { encoding: 'utf8', env: userEnv(dir), input: '', timeout: 60_000 });
    expect(outside.status).toBe(1);
    expect(outside.stderr).toMatch(/Dit onderzoek is versleuteld/);

    const recoveryKey = /([0-9A-Z]{4}(?:-[0-9A-Z]{4}){7})/.exec(created!)?.[1];
    expect(recoveryKey).toBeDefined();
    const recoveryFile = join(dir, 'herstelsleutel.txt');
    writeFileSync(recoveryFile, recoveryKey!);
    const recovered = spawnSync(process.execPath, [bin, 'stats', study, '--recovery-key-file', recoveryFile], { encoding: 'utf8', env: userEnv(dir), timeout: 60_000 });
    expect(recovered.status, recovered.stderr).toBe(0);
    expect(recovered.stdout).toMatch(/Bronnen: 0/);
  }, 120_000);
});
