// `npm start` (after the build): runs the desktop app with the Electron runtime
// when it can be had, and otherwise falls back to the browser host
// (`veldwerk serve`), saying so in Dutch.
//
//   npm start                          opens the demo study
//   npm start -- pad/naar/x.veldwerk   opens that study
//   npm start -- --port 8080           browser host on that port (also --port=8080)
//
// Set VELDWERK_NO_ELECTRON=1 to go straight to the browser host.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const electronPackage = join(root, 'node_modules', 'electron');
const INSTALL_TIMEOUT_MS = 60_000;
/** A failed download is not retried within this time: on a machine without internet every start would wait for it. */
const RETRY_AFTER_MS = 24 * 60 * 60 * 1000;
// Same folder as the CLI's demo study (backend/app-paths.ts userDataDir), so VELDWERK_HOME isolates it too.
const dataDir = process.env.VELDWERK_HOME ?? join(homedir(), '.local', 'share', 'veldwerk');
const attemptFile = join(dataDir, 'electron-download.json');

// npm runs scripts in the project root; paths on the command line are relative to where the user typed them.
const userCwd = process.env.INIT_CWD || process.cwd();
const args = process.argv.slice(2).map((arg) =>
  !arg.startsWith('-') && arg.toLowerCase().endsWith('.veldwerk') && !isAbsolute(arg) ? resolve(userCwd, arg) : arg,
);

/**
 * Whether a study file was named. Parsed like `veldwerk serve` parses it, so
 * `--port 8080` counts as an option with its value, not as a study called "8080".
 */
function namesStudy() {
  try {
    const { positionals } = parseArgs({
      args,
      options: { port: { type: 'string' }, demo: { type: 'boolean' } },
      allowPositionals: true,
      strict: false,
    });
    return positionals.length > 0;
  } catch {
    return false; // `--port` without a value: serve itself says what is wrong
  }
}

function recentFailure() {
  try {
    const { failedAt } = JSON.parse(readFileSync(attemptFile, 'utf8'));
    return typeof failedAt === 'number' && Date.now() - failedAt < RETRY_AFTER_MS;
  } catch {
    return false;
  }
}

function rememberFailure() {
  try {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(attemptFile, JSON.stringify({ failedAt: Date.now() }));
  } catch {
    // Not remembering only costs another attempt next time.
  }
}

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
  if (result.status !== 0 || result.error) {
    // The installer's own output is an English stack trace ("TypeError: fetch failed"); say what it means instead.
    const output = `${result.stderr ?? ''}${result.stdout ?? ''}`;
    const offline = /fetch failed|ENOTFOUND|ECONNREFUSED|ECONNRESET|EAI_AGAIN|ETIMEDOUT|getaddrinfo/i.test(output);
    console.log(
      offline
        ? 'Veldwerk: ophalen van Electron is mislukt: de downloadserver is vanaf deze computer niet bereikbaar.'
        : 'Veldwerk: ophalen van Electron is mislukt.',
    );
    return false;
  }
  return true;
}

/** The installer at most once a day; a failure is remembered so later starts go straight to the browser. */
function installElectronOnce() {
  if (recentFailure()) {
    console.log('Veldwerk: het ophalen van Electron is in de afgelopen 24 uur mislukt; het wordt nu niet opnieuw geprobeerd.');
    return false;
  }
  const ok = tryInstallElectron();
  if (!ok) rememberFailure();
  return ok;
}

/** The system's way to open an address in the default browser. */
function browserOpener(url) {
  if (process.platform === 'darwin') return ['open', [url]];
  if (process.platform === 'win32') return ['cmd', ['/c', 'start', '""', url.replace(/&/g, '^&')]];
  return ['xdg-open', [url]];
}

/** Open the default browser; where there is none the printed address still works, so failures are silent. */
function openBrowser(url) {
  const [command, openerArgs] = browserOpener(url);
  try {
    const opener = spawn(command, openerArgs, { stdio: 'ignore', detached: true, windowsHide: true });
    opener.on('error', () => {});
    opener.unref();
  } catch {
    // no opener on this system
  }
}

/** Run a child with our stdio, pass Ctrl+C and friends on, and exit with its code. */
function runChild(command, childArgs, options = {}) {
  const child = spawn(command, childArgs, { cwd: root, stdio: 'inherit', windowsHide: false, ...options });
  relaySignals(child);
  return child;
}

function relaySignals(child) {
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

/** Pass the host's output on and open the browser once it prints its address. */
function openWhenListening(child) {
  let pending = '';
  let opened = false;
  child.stdout.on('data', (chunk) => {
    process.stdout.write(chunk);
    if (opened) return;
    pending += chunk.toString();
    const match = /Veldwerk draait op (http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(pending);
    if (match) {
      opened = true;
      openBrowser(match[1]);
    }
  });
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
      'Veldwerk start daarom in de browser. Het opent zo in je standaardbrowser; gebeurt dat niet,',
      'open dan het adres hieronder in Chromium, Chrome, Edge of Firefox.',
      'Het programma draait alleen op deze computer (127.0.0.1) en stopt met Ctrl+C.',
      '',
    ].join('\n'),
  );
  const cli = join(root, 'bin', 'veldwerk.cjs');
  if (!existsSync(cli)) {
    console.error('Veldwerk: bin/veldwerk.cjs ontbreekt; de browserversie kan niet starten.');
    process.exit(1);
  }
  const serveArgs = ['serve', ...(namesStudy() || args.includes('--demo') ? [] : ['--demo']), ...args];
  const child = runChild(process.execPath, [cli, ...serveArgs], { stdio: ['inherit', 'pipe', 'inherit'] });
  openWhenListening(child);
}

let electronPath = null;
if (!process.env.VELDWERK_NO_ELECTRON) {
  electronPath = findElectron();
  if (!electronPath && installElectronOnce()) electronPath = findElectron();
}
if (electronPath) startElectron(electronPath);
else startBrowserHost();
