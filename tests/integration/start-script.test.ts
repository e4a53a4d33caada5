/**
 * `npm start` where the Electron runtime cannot be had (this machine has no
 * internet): it tries the download once, says in Dutch why it failed (no raw
 * "TypeError: fetch failed"), remembers the failure for a day, falls back to
 * the browser host with the port given either as `--port 8080` or
 * `--port=8080`, and opens the default browser at the address. The system's
 * opener (xdg-open) is replaced by a script that writes down what it was asked
 * to open, found on PATH like the real one.
 */
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { delimiter, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../helpers/cli';
import { tempDir } from '../helpers/temp-study';

const dir = tempDir('veldwerk-start-');
const home = join(dir, 'home');
const fakeBin = join(dir, 'bin');
const openedFile = join(dir, 'geopend.txt');
mkdirSync(fakeBin);
writeFileSync(join(fakeBin, 'xdg-open'), `#!/bin/sh\nprintf '%s' "$1" > '${openedFile}'\n`);
chmodSync(join(fakeBin, 'xdg-open'), 0o755);

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Runs scripts/start.mjs until the browser has been opened, then stops it; resolves with its output. */
function start(args: string[]): Promise<string> {
  const child = spawn(process.execPath, [join(projectRoot, 'scripts/start.mjs'), ...args], {
    env: {
      ...process.env,
      PATH: `${fakeBin}${delimiter}${process.env.PATH}`,
      VELDWERK_HOME: home,
      // An unreachable mirror and an empty cache: the download fails fast, as offline.
      ELECTRON_MIRROR: 'http://127.0.0.1:9/',
      electron_config_cache: join(dir, 'electron-cache'),
      VELDWERK_NO_ELECTRON: '',
    },
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 50_000);
    const poll = setInterval(() => {
      if (existsSync(openedFile)) child.kill('SIGTERM');
    }, 100);
    child.on('exit', () => {
      clearTimeout(timer);
      clearInterval(poll);
      if (existsSync(openedFile)) resolve(output);
      else reject(new Error(`de browser werd niet geopend:\n${output}`));
    });
  });
}

describe('npm start zonder Electron', () => {
  it('probeert de download één keer, valt terug op de browser en opent die op het adres', async () => {
    const port = await freePort();
    const output = await start(['--port', String(port)]);
    expect(output).toContain('ophalen van Electron is mislukt');
    expect(output).not.toMatch(/TypeError|fetch failed|Error:/);
    expect(output).not.toContain('Gebruik:');
    expect(readFileSync(openedFile, 'utf8')).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${port}/\\?token=`));
    expect(existsSync(join(home, 'electron-download.json'))).toBe(true);
  });

  it('probeert binnen een dag niet opnieuw en neemt ook --port=<n>', async () => {
    const port = await freePort();
    rmSync(openedFile);
    const output = await start([`--port=${port}`]);
    expect(output).toContain('niet opnieuw geprobeerd');
    expect(output).not.toContain('hoogstens 60 seconden');
    expect(readFileSync(openedFile, 'utf8')).toContain(`:${port}/?token=`);
  });
});
