/**
 * Opening a study in the app and the browser host, where a person (not a
 * file or a terminal) gives the secret. An encrypted study whose key the
 * keychain does not hold is not opened but held: the session state carries a
 * prompt, the UI asks for the passphrase (or the recovery key) and sends it
 * once with `study.unlock`. A wrong one is refused in Dutch and changes
 * nothing; further wrong ones wait longer, also across restarts
 * (attempts.ts). A plaintext study other than the fictional demo (or a copy
 * of it, demo/demo-marker.ts) is opened and offered encryption; `study.encrypt` does it with the CLI's own
 * `encryptStudyFile` after closing the study, then reopens it.
 *
 * The secret is only a call's input (a POST body in the browser host, an IPC
 * message in the app): never in a URL, a log line or an action record.
 */
import { basename, resolve } from 'node:path';
import { UserError } from '../errors';
import type { Session } from '../api/session';
import type { KeyPrompt, SessionState } from '../../shared/api/types';
import { studyFileKind } from './cipher';
import { encryptStudyFile } from './encrypt-study';
import { readKeyFile } from './key-file';
import { osKeyring, type Keychain } from './keychain';
import { LOCKED, studyKeyFor, unlockStudy } from './unlock';
import { waitBeforeNextTry } from './attempts';
import { isFictionalDemo } from '../demo/demo-marker';
import { waitMessage } from './current-secret';

interface Held {
  kind: KeyPrompt['kind'];
  path: string;
}

const held = new WeakMap<Session, Held>();

/** The host's keychain: the app's safeStorage, else this machine's keyring (or none). */
export async function keychainOf(session: Session): Promise<Keychain | null> {
  return session.host.keychain ? session.host.keychain() : osKeyring();
}

/**
 * Unlock through the host's keychain and, in the app, also this machine's
 * keyring: a study made by the CLI on this computer keeps its key there.
 * False when neither has it (the UI then asks).
 */
async function unlockWithKeychains(session: Session, path: string): Promise<boolean> {
  const keychains = [await keychainOf(session), session.host.keychain ? await osKeyring() : null];
  for (const keychain of keychains) {
    if (!keychain) continue;
    try {
      await unlockStudy(path, { keychain });
      return true;
    } catch (error) {
      if (!(error instanceof UserError) || error.message !== LOCKED) throw error;
    }
  }
  return false;
}

/**
 * Open `path` for the UI: at once when it is plaintext or its key is at hand
 * (unlocked already, or in the keychain); otherwise hold it and ask. Runs as
 * (part of) a call that switches the study.
 */
export async function openOrAsk(session: Session, path: string): Promise<void> {
  const kind = studyFileKind(path);
  if (kind === 'encrypted' && !studyKeyFor(path) && !(await unlockWithKeychains(session, path))) {
    readKeyFile(path); // a missing or damaged key file is refused now, not after the passphrase was typed
    held.set(session, { kind: 'unlock', path });
    return;
  }
  const study = session.openPath(path);
  const demo = resolve(path) === resolve(session.host.demoStudyPath()) || isFictionalDemo(study.db);
  if (kind === 'plaintext' && !demo) held.set(session, { kind: 'encrypt', path });
  else held.delete(session);
}

/** What the UI must ask about the study being opened, if anything (part of the session state). */
export function keyPromptOf(session: Session): KeyPrompt | null {
  const prompt = held.get(session);
  if (!prompt) return null;
  // An offer to encrypt concerns the study it was made for; another one opened since (the demo, say) drops it.
  if (prompt.kind === 'encrypt' && resolve(session.openStudy?.path ?? '') !== resolve(prompt.path)) {
    held.delete(session);
    return null;
  }
  const waitSeconds = prompt.kind === 'unlock' ? Math.ceil(waitBeforeNextTry(prompt.path, currentKeyId(prompt.path)) / 1000) : 0;
  return { kind: prompt.kind, fileName: basename(prompt.path), waitSeconds };
}

function currentKeyId(path: string): string {
  try {
    return readKeyFile(path).current.keyId;
  } catch {
    return '';
  }
}

/** `study.unlock`: the held study with the passphrase or recovery key the user typed. */
export async function unlockHeld(session: Session, secret: string, kind: 'passphrase' | 'recovery'): Promise<SessionState> {
  const prompt = held.get(session);
  if (!prompt || prompt.kind !== 'unlock') throw new UserError('Er wacht geen onderzoek op een wachtwoord.', 'conflict');
  if (kind === 'passphrase') {
    // Asked by a person: refuse at once rather than keep the call (and every other call) waiting.
    const wait = waitBeforeNextTry(prompt.path, currentKeyId(prompt.path));
    if (wait > 0) throw new UserError(waitMessage(Math.ceil(wait / 1000)), 'rejected');
  }
  const given = async () => secret;
  await unlockStudy(prompt.path, kind === 'passphrase' ? { passphrase: given } : { recoveryKey: given });
  held.delete(session);
  session.openPath(prompt.path);
  return session.state();
}

/** `study.encrypt`: the user agreed to encrypt the plaintext study just opened. */
export async function encryptHeld(session: Session, passphrase: string | null): Promise<{ recoveryKey: string; state: SessionState }> {
  const prompt = held.get(session);
  const study = session.openStudy;
  if (!prompt || prompt.kind !== 'encrypt' || !study || resolve(study.path) !== resolve(prompt.path)) {
    throw new UserError('Er is geen onversleuteld onderzoek om te versleutelen.', 'conflict');
  }
  const keychain = await keychainOf(session);
  // The study must be closed here for the rewrite; whatever happens, it is opened again (encrypted or as it was).
  session.setStudy(null);
  try {
    const { recoveryKey } = await encryptStudyFile(prompt.path, { passphrase, keychain });
    held.delete(session);
    return { recoveryKey, state: reopen(session, prompt.path) };
  } catch (error) {
    reopen(session, prompt.path);
    throw error;
  }
}

function reopen(session: Session, path: string): SessionState {
  session.openPath(path);
  return session.state();
}

/** `study.keepPlaintext` / cancel: the user declined; the prompt goes, the study stays as it is. */
export function dismissPrompt(session: Session): SessionState {
  held.delete(session);
  return session.state();
}
