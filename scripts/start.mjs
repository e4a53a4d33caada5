// `npm start` (after the build): runs the desktop app with the Electron runtime
// when it can be had, and otherwise falls back to the browser host
// (`veldwerk serve`), saying so in Dutch.
//
//   npm start                          opens the demo study
//   npm start -- pad/naar/x.veldwerk   opens that study
//
// Set VELDWERK_NO_ELECTRON=1 to go straight to the browser host.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const electronPackage = join(root, 'node_modules', 'electron');
const INSTALL_TIMEOUT_MS = 60_000;

// npm runs scripts in the project root; paths on the command line are relative to where the user typed them.
const userCwd = process.env.INIT_CWD || process.cwd();
const args = process.argv.slice(2).map((arg) =>
  !arg.startsWith('-') && arg.toLowerCase().endsWith('.veldwerk') && !isAbsolute(arg) ? resolve(userCwd, arg) : arg,
);

/**
 * The Electron executable, or null when it is not installed. Mirrors what
 * `require('electron')` does, but without its download-on-demand (which has
 * no time limit): node_modules/electron/path.txt names the binary in dist/.
 */
function findElectron() {
  if (!existsSync(join(electronPackage, 'package.json'))) return null;
  let relative = null;
  try {
    relative = readFileSync(join(electronPackage, 'path.txt'), 'utf8').trim();
  } catch {
    relative = null;
  }
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const path = join(override, relative || (process.platform === 'win32' ? 'electron.exe' : 'electron'));
    return existsSync(path) ? path : null;
  }
  if (!relative) return null;
  const path = join(electronPackage, 'dist', relative);
  return existsSync(path) ? path : null;
}

/** One attempt to fetch the runtime with Electron's own installer, at most 60 s. */
function tryInstallElectron() {
  const installer = join(electronPackage, 'install.js');
  if (!existsSync(installer)) return false;
  console.log('Veldwerk: de Electron-runtime ontbreekt; eenmalig ophalen (hoogstens 60 seconden)…');
  const result = spawnSync(process.execPath, [installer], {
    cwd: electronPackage,
    timeout: INSTALL_TIMEOUT_MS,
    killSignal: 'SIGKILL',
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (result.error?.code === 'ETIMEDOUT') {
    console.log('Veldwerk: ophalen van Electron duurde langer dan 60 seconden en is gestopt.');
    return false;
  }
  if (result.status !== 0) {
    const reason = `${result.stderr ?? ''}\n${result.stdout ?? ''}`
      .split('\n')
      .map((line) => line.trim())
      .find((line) => line && !line.startsWith('at '));
    console.log(`Veldwerk: ophalen van Electron is mislukt${reason ? ` (${reason.slice(0, 200)})` : ''}.`);
    return false;
  }
  return true;
}

/** Run a child with our stdio, pass Ctrl+C and friends on, and exit with its code. */
function runChild(command, childArgs, options = {}) {
  const child = spawn(command, childArgs, { cwd: root, stdio: 'inherit', windowsHide: false, ...options });
  const forward = (signal) => () => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, forward(signal));
  child.on('error', (error) => {
    console.error(`Veldwerk kon niet starten: ${error.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

function startElectron(electronPath) {
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE; // would start Electron as plain Node instead of the app
  runChild(electronPath, ['.', ...args], { env });
}

function startBrowserHost() {
  console.log(
    [
      '',
      'De Electron-runtime is op deze computer niet te krijgen (hij kan hier niet worden gedownload).',
      'Veldwerk start daarom in de browser: open het adres hieronder in Chromium, Chrome, Edge of Firefox.',
      'Het programma draait alleen op deze computer (127.0.0.1) en stopt met Ctrl+C.',
      '',
    ].join('\n'),
  );
  const cli = join(root, 'bin', 'veldwerk.cjs');
  if (!existsSync(cli)) {
    console.error('Veldwerk: bin/veldwerk.cjs ontbreekt; de browserversie kan niet starten.');
    process.exit(1);
  }
  const hasStudy = args.some((arg) => !arg.startsWith('-'));
  runChild(process.execPath, [cli, 'serve', ...(hasStudy ? [] : ['--demo']), ...args]);
}

let electronPath = null;
if (!process.env.VELDWERK_NO_ELECTRON) {
  electronPath = findElectron();
  if (!electronPath && tryInstallElectron()) electronPath = findElectron();
}
if (electronPath) startElectron(electronPath);
else startBrowserHost();
