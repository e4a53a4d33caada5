/**
 * The study's secrets on the command line: `veldwerk encrypt`, `passphrase`
 * and `rekey`, and unlocking every encrypted study a command names before it
 * runs. The passphrase comes from `--passphrase-file` (for `bundle`, whose
 * --passphrase-file is the team's: `--study-passphrase-file`), the
 * environment variable VELDWERK_PASSPHRASE_FILE, or a hidden prompt on a
 * terminal; never from the command line itself. `--recovery-key-file` opens
 * a study whose passphrase is lost. The OS keychain (where the machine has
 * one) is tried first and keeps the key after creation and encryption.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UserError } from '../errors';
import { changePassphrase, encryptStudyFile, rekeyStudyFile } from '../keys/encrypt-study';
import { keyFilePath, writeKeyFile } from '../keys/key-file';
import { osKeyring, type Keychain } from '../keys/keychain';
import { forgetStudyKey, LOCKED, rememberStudyKey, unlockStudy, wrapKey, type SecretSources } from '../keys/unlock';
import { newStudyKey, studyFileKind } from '../keys/cipher';
import { checkNewPassphrase } from '../keys/wraps';

export const KEYS_USAGE = `  veldwerk encrypt <bestand>            versleutel een onversleuteld onderzoek (toont eenmalig de herstelsleutel)
  veldwerk passphrase <bestand> --new-passphrase-file <f>   wijzig het wachtwoord
  veldwerk rekey <bestand>              nieuwe onderzoekssleutel (en nieuwe herstelsleutel)
  Elke opdracht: [--passphrase-file <f>] [--recovery-key-file <f>] of VELDWERK_PASSPHRASE_FILE; bij 'bundle': --study-passphrase-file <f>`;

export interface StudySecretOptions {
  passphraseFile?: string;
  recoveryKeyFile?: string;
}

/**
 * Take the study-secret options out of a command's arguments (so each
 * command's own parser never sees them). `bundle` keeps --passphrase-file,
 * which is its team passphrase.
 */
export function takeStudySecretOptions(command: string, args: string[]): { args: string[]; secrets: StudySecretOptions } {
  const names = command === 'bundle' ? ['--study-passphrase-file', '--recovery-key-file'] : ['--passphrase-file', '--study-passphrase-file', '--recovery-key-file'];
  const rest: string[] = [];
  const secrets: StudySecretOptions = {};
  for (let i = 0; i < args.length; i++) {
    const [name, inline] = args[i]!.split(/=(.*)/s, 2) as [string, string | undefined];
    if (!names.includes(name)) {
      rest.push(args[i]!);
      continue;
    }
    const value = inline ?? args[++i];
    if (value === undefined) throw new UserError(`${name} verwacht een bestandsnaam.`, 'invalid-input');
    if (name === '--recovery-key-file') secrets.recoveryKeyFile = value;
    else secrets.passphraseFile = value;
  }
  return { args: rest, secrets };
}

function readSecretFile(path: string, what: string): string {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new UserError(`Het ${what} "${path}" kan niet worden gelezen.`, 'invalid-input');
  }
  const secret = text.replace(/^\uFEFF/, '').split(/\r?\n/)[0]!;
  if (!secret) throw new UserError(`Het ${what} "${path}" is leeg.`, 'invalid-input');
  return secret;
}

/** A hidden prompt on the terminal; null where there is no terminal. */
async function prompt(question: string): Promise<string | null> {
  if (!process.stdin.isTTY || !process.stderr.isTTY) return null;
  let muted = false;
  const output = new Writable({
    write(chunk, _encoding, done) {
      if (!muted) process.stderr.write(chunk);
      done();
    },
  });
  const rl = createInterface({ input: process.stdin, output, terminal: true });
  const answer = new Promise<string>((done) => rl.question(question, done));
  muted = true;
  const text = await answer;
  rl.close();
  process.stderr.write('\n');
  return text;
}

function passphraseSource(secrets: StudySecretOptions, label: string): () => Promise<string | null> {
  return async () => {
    const file = secrets.passphraseFile ?? process.env.VELDWERK_PASSPHRASE_FILE;
    if (file) return readSecretFile(file, 'wachtwoordbestand');
    return prompt(`Wachtwoord van ${label}: `);
  };
}

function sourcesFor(secrets: StudySecretOptions, label: string, keychain: Keychain | null): SecretSources {
  return {
    keychain,
    passphrase: passphraseSource(secrets, label),
    recoveryKey: secrets.recoveryKeyFile ? async () => readSecretFile(secrets.recoveryKeyFile!, 'herstelsleutelbestand') : undefined,
  };
}

/** Unlock every encrypted study among a command's arguments, so the command's own opens find the key. */
export async function unlockNamedStudies(args: string[], secrets: StudySecretOptions): Promise<void> {
  let keychain: Keychain | null | undefined;
  for (const arg of args) {
    if (arg.startsWith('-') || !existsSync(keyFilePath(resolve(arg))) || studyFileKind(resolve(arg)) !== 'encrypted') continue;
    keychain ??= await osKeyring();
    await unlockStudy(resolve(arg), sourcesFor(secrets, arg, keychain));
  }
}

/**
 * `serve`: unlock the study with what is at hand (the keychain, a passphrase
 * or recovery key file), never a terminal prompt: without them the browser
 * window asks (keys/key-prompt.ts). A wrong file is still refused here.
 */
export async function unlockIfGiven(file: string, secrets: StudySecretOptions): Promise<void> {
  if (!existsSync(keyFilePath(file)) || studyFileKind(file) !== 'encrypted') return;
  const givenFile = secrets.passphraseFile ?? process.env.VELDWERK_PASSPHRASE_FILE;
  const sources: SecretSources = {
    keychain: await osKeyring(),
    passphrase: async () => (givenFile ? readSecretFile(givenFile, 'wachtwoordbestand') : null),
    recoveryKey: secrets.recoveryKeyFile ? async () => readSecretFile(secrets.recoveryKeyFile!, 'herstelsleutelbestand') : undefined,
  };
  try {
    await unlockStudy(file, sources);
  } catch (error) {
    if (!(error instanceof UserError) || error.message !== LOCKED) throw error;
  }
}

/** The passphrase for a new key: the file or environment, or asked twice on a terminal. */
async function newPassphrase(file: string | undefined, label: string): Promise<string | null> {
  const path = file ?? process.env.VELDWERK_PASSPHRASE_FILE;
  if (path) return readSecretFile(path, 'wachtwoordbestand');
  return askNewPassphraseTwice(label);
}

async function askNewPassphraseTwice(label: string): Promise<string | null> {
  const first = await prompt(`Nieuw wachtwoord voor ${label}: `);
  if (first === null) return null;
  checkNewPassphrase(first);
  if ((await prompt('Herhaal het wachtwoord: ')) !== first) throw new UserError('De wachtwoorden zijn niet gelijk; er is niets gewijzigd.', 'invalid-input');
  return first;
}

function showRecoveryKey(recoveryKey: string): void {
  console.log(`Herstelsleutel (wordt maar één keer getoond; bewaar hem op papier of in een kluis, niet bij het onderzoek):\n\n    ${recoveryKey}\n`);
}

/**
 * Before `init` creates a study: a new key, wrapped by the passphrase (and
 * the keychain), unlocked for `file`. Returns a function to show the
 * recovery key once the study exists, or undo when it could not be made.
 */
export async function prepareEncryptedStudy(file: string, secrets: StudySecretOptions): Promise<{ done(): void; failed(): void }> {
  const keychain = await osKeyring();
  const passphrase = await newPassphrase(secrets.passphraseFile, file);
  if (passphrase === null && !keychain) {
    throw new UserError(
      'Een nieuw onderzoek wordt versleuteld. Geef een wachtwoord met --passphrase-file <bestand> of VELDWERK_PASSPHRASE_FILE (er is geen sleutelhanger van het systeem en geen terminal om het te vragen).',
      'invalid-input',
    );
  }
  const key = newStudyKey();
  const { entry, recoveryKey } = await wrapKey(key, { passphrase, keychain });
  writeKeyFile(file, { current: entry });
  rememberStudyKey(file, key);
  return {
    done: () => showRecoveryKey(recoveryKey),
    failed: () => {
      forgetStudyKey(file);
      rmSync(keyFilePath(file), { force: true });
    },
  };
}

function onePositional(args: string[], options: ParseArgsConfig['options'] = {}) {
  let parsed;
  try {
    parsed = parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UserError((error as Error).message, 'invalid-input');
  }
  if (parsed.positionals.length !== 1) throw new UserError('Geef precies één onderzoeksbestand.', 'invalid-input');
  const file = resolve(parsed.positionals[0]!);
  if (!existsSync(file)) throw new UserError(`Het onderzoeksbestand "${file}" bestaat niet.`, 'not-found');
  return { file, values: parsed.values as Record<string, string | undefined> };
}

export async function encryptCommand(args: string[], secrets: StudySecretOptions): Promise<void> {
  const { file } = onePositional(args);
  const passphrase = await newPassphrase(secrets.passphraseFile, file);
  const keychain = await osKeyring();
  const { recoveryKey } = await encryptStudyFile(file, { passphrase, keychain });
  console.log(`Het onderzoek is versleuteld en gecontroleerd; de onversleutelde versie is verwijderd: ${file}`);
  showRecoveryKey(recoveryKey);
}

export async function passphraseCommand(args: string[], secrets: StudySecretOptions): Promise<void> {
  const { file, values } = onePositional(args, { 'new-passphrase-file': { type: 'string' } });
  const key = await unlockOrRefuse(file, secrets);
  const next = values['new-passphrase-file'] ? readSecretFile(values['new-passphrase-file'], 'wachtwoordbestand') : await askNewPassphraseTwice(file);
  if (next === null) throw new UserError('Geef het nieuwe wachtwoord met --new-passphrase-file <bestand>.', 'invalid-input');
  await changePassphrase(file, key, next);
  console.log('Het wachtwoord is gewijzigd. De herstelsleutel blijft geldig.');
}

export async function rekeyCommand(args: string[], secrets: StudySecretOptions): Promise<void> {
  const { file } = onePositional(args);
  const key = await unlockOrRefuse(file, secrets);
  const passphrase = await passphraseSource(secrets, file)();
  const { recoveryKey } = await rekeyStudyFile(file, key, { passphrase, keychain: await osKeyring() });
  console.log('Het onderzoek heeft een nieuwe sleutel; elk record is overgezet en gecontroleerd. De oude herstelsleutel werkt niet meer.');
  showRecoveryKey(recoveryKey);
}

/**
 * Changing the study's secrets asks for the current passphrase (or the
 * recovery key) even where the keychain holds the key: being logged in is not
 * knowing the study's secret. Wrong passphrases wait longer, as when opening.
 */
async function unlockOrRefuse(file: string, secrets: StudySecretOptions): Promise<Buffer> {
  const key = await unlockStudy(file, sourcesFor(secrets, file, null));
  if (!key) throw new UserError('Dit onderzoek is niet versleuteld; versleutel het eerst met "veldwerk encrypt".', 'rejected');
  return key;
}
