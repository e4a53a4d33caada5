/** Run the built `veldwerk` command as a user would, in a child process. */
import { spawn, spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

export const projectRoot = resolve(__dirname, '../..');
const bin = resolve(projectRoot, 'bin/veldwerk.cjs');
/** New studies are encrypted: the CLI in tests reads the study passphrase from this fixture unless a test says otherwise. */
export const TEST_STUDY_PASSPHRASE_FILE = resolve(projectRoot, 'tests/fixtures/test-study-passphrase.txt');
const studyEnv = { VELDWERK_PASSPHRASE_FILE: TEST_STUDY_PASSPHRASE_FILE };

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function veldwerk(args: string[], env: Record<string, string> = {}): CliResult {
  const result = spawnSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    env: { ...studyEnv, ...process.env, ...env },
    timeout: 120_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Start `veldwerk serve` and resolve with its URL once it prints it. */
export function startServe(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [bin, 'serve', ...args], { env: { ...studyEnv, ...process.env, ...env } });
  let output = '';
  const url = new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve gaf geen URL:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolveUrl(match[1]!);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`serve stopte (${code}):\n${output}`)));
  });
  return {
    url,
    output: () => output,
    /** A crash or power cut, as far as a test can have one: SIGKILL, resolved once the process is gone. */
    kill: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null || child.signalCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGKILL');
      }),
    stop: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}
