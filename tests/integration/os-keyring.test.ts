/**
 * Issue 11, item 2: the study key in a real OS keychain, not a stand-in. On
 * Linux the CLI and the browser host keep it in the Secret Service through
 * @napi-rs/keyring. Here gnome-keyring's Secret Service runs in a D-Bus
 * session of its own (Debian's gnome-keyring and dbus, which .ci/run
 * installs), unlocked with a throwaway login password:
 *
 * - `veldwerk init` without a passphrase makes an encrypted study whose key
 *   file holds only a keyring wrap and the recovery wrap;
 * - `veldwerk stats` and the browser host (`veldwerk serve`) then open it
 *   through the keyring, asking nothing;
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

const quote = (word: string) => `'${word.replaceAll("'", "'\\''")}'`;
/** A veldwerk command as a shell line. */
const cli = (...args: string[]) => [process.execPath, bin, ...args].map(quote).join(' ');

/**
 * The browser host on the study, as a shell line: start `veldwerk serve`, wait for its address, print
 * what `session.state` answers (the study it opened, or the passphrase it would ask for), stop it.
 */
function serveProbe(study: string, log: string): string {
  const ask = `const u=new URL(process.argv[1]);fetch(u.origin+'/api/call/session.state',{method:'POST',headers:{'Content-Type':'application/json','X-Veldwerk-Token':u.searchParams.get('token')},body:'{}'}).then(r=>r.text()).then(t=>console.log(t))`;
  return [
    `${cli('serve', study, '--port', '0')} > ${quote(log)} 2>&1 & serve=$!`,
    `for i in $(seq 1 150); do url=$(grep -o 'http://127.0.0.1:[0-9]*/?token=[A-Za-z0-9_-]*' ${quote(log)} | head -1); [ -n "$url" ] && break; sleep 0.2; done`,
    `${quote(process.execPath)} -e ${quote(ask)} "$url"`,
    'kill $serve; wait $serve || true',
  ].join('\n');
}

/** Shell lines run one after the other inside a D-Bus session with an unlocked Secret Service; each output starts with "== stap N". */
function withSecretService(home: string, steps: string[]) {
  const script = [
    'set -e',
    // A login keyring, unlocked as a desktop session would: the password goes in on stdin.
    `eval "$(printf 'wegwerp-wachtwoord' | gnome-keyring-daemon --unlock --components=secrets)"`,
    ...steps.map((step, index) => `echo "== stap ${index}"\n${step}`),
  ].join('\n');
  return spawnSync('/usr/bin/dbus-run-session', ['--', 'bash', '-c', script], { encoding: 'utf8', env: userEnv(home), timeout: 120_000 });
}

describe('the study key in the Secret Service (a real OS keychain)', () => {
  // Where the machine has no Secret Service to start (no gnome-keyring or dbus), there is no real keychain to test against.
  it.runIf(process.platform === 'linux' && SECRET_SERVICE)('keeps the key there, opens without asking, and refuses in Dutch without it', () => {
    const dir = tempDir('veldwerk-keyring-');
    const study = join(dir, 'ronde.veldwerk');

    const run = withSecretService(dir, [cli('init', study, '--inspector', 'Kim Keyring', '--initials', 'KK'), cli('stats', study), serveProbe(study, join(dir, 'serve.log'))]);
    expect(run.status, run.stdout + run.stderr).toBe(0);
    const [, created, stats, served] = run.stdout.split(/== stap \d\n/);
    expect(created).toMatch(/aangemaakt \(versleuteld\)/);
    expect(stats).toMatch(/Bronnen: 0/);
    // The browser host opened it through the keychain too: the study is open and no passphrase is asked for.
    const state = JSON.parse(served!.trim().split('\n').at(-1)!) as { ok: boolean; value: { studyPath: string | null; keyPrompt?: unknown } };
    expect(state.ok).toBe(true);
    expect(state.value.studyPath).toBe(study);
    expect(state.value.keyPrompt ?? null).toBeNull();

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
