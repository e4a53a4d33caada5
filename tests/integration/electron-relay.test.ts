/**
 * The app's backend out of the main process: the bundle Electron runs as a
 * utilityProcess (dist/electron/service-process.cjs) runs here in a Node
 * child process (same entry, same messages, structured clone), and the main
 * process's relay (electron/relay.ts) passes the window's IPC calls to it and
 * the pushed events back. Host requests (the keychain's sealing and opening
 * of one key, dialogs) are answered by the "main" side, which never holds a
 * study key; quitting waits for a running import.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../../backend/errors';
import { studyFileKind } from '../../backend/keys/cipher';
import { encryptStudyFile } from '../../backend/keys/encrypt-study';
import { readKeyFile } from '../../backend/keys/key-file';
import { forgetStudyKey, rememberStudyKey, studyKeyFor } from '../../backend/keys/unlock';
import { serviceProcessEnv } from '../../backend/service/service-process-env';
import { ServiceClient, type HostSide } from '../../backend/service/service-client';
import type { FromService } from '../../backend/service/protocol';
import { createStudy } from '../../backend/study/setup';
import { Study } from '../../backend/study/study';
import { PROGRESS_CHANNEL, STUDY_CHANGED_CHANNEL } from '../../electron/channels';
import { REJECTED, relayToService } from '../../electron/relay';
import { newTestStudy, SMALL_SETUP, tempDir } from '../helpers/temp-study';
import { ensureWorkerBundles, SERVICE_PROCESS_BUNDLE } from '../helpers/worker-bundles';

const dir = tempDir('veldwerk-relay-');
beforeAll(() => ensureWorkerBundles(), 120_000);

interface Sender {
  from: string;
}

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill();
});

/** The service in a child process, with the relay and a stand-in window in front of it, as main.ts wires them. */
function startApp(requests: HostSide['requests'] = {}) {
  const child = fork(SERVICE_PROCESS_BUNDLE, [], { serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'], env: serviceProcessEnv() });
  children.push(child);
  const opened: unknown[] = [];
  const client = new ServiceClient(
    { post: (message) => child.send(message), listen: (handler) => child.on('message', (message) => handler(message as FromService)) },
    { kind: 'electron', demoStudyPath: join(dir, 'demo.veldwerk'), requests, onOpened: (study) => opened.push(study) },
  );
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  child.on('exit', () => client.serviceGone());
  const handlers = new Map<string, (event: Sender, input: unknown) => Promise<unknown>>();
  const sent: Array<[string, unknown]> = [];
  relayToService<Sender>(
    client,
    { handle: (channel, listener) => handlers.set(channel, listener), removeHandler: (channel) => handlers.delete(channel) },
    { isTrusted: (event) => event.from === 'venster', describe: (event) => event.from, send: (channel, payload) => sent.push([channel, payload]) },
  );
  const invoke = (name: string, input: unknown, from = 'venster') => handlers.get(`veldwerk:${name}`)!({ from }, input) as Promise<{ ok: boolean; value?: any; error?: { message: string } }>;
  return { child, client, opened, sent, invoke, exited };
}

function closedStudy(): { path: string; institutionId: string } {
  const study = newTestStudy(dir);
  const institutionId = study.institutions()[0]!.id;
  study.close();
  return { path: study.path, institutionId };
}

/** A study encrypted with a passphrase and sealed by a keychain like safeStorage; the key the keychain was given is returned, as main's safeStorage would keep it. */
async function createEncryptedStudy(path: string, passphrase: string): Promise<{ key: Buffer }> {
  createStudy(path, { ...SMALL_SETUP, name: 'Versleutelde ronde' }).close();
  let sealed: Buffer | null = null;
  await encryptStudyFile(path, { passphrase, keychain: { store: 'safeStorage', protect: async (key) => ((sealed = Buffer.from(key)), 'ref'), recover: async () => null } });
  forgetStudyKey(path);
  return { key: sealed! };
}

describe('the app backend in its own process, behind the main-process relay', () => {
  it('relays the window’s calls and the pushed changes; refuses other senders before they reach the service', async () => {
    const { path } = closedStudy();
    const app = startApp();
    expect(await app.client.ready).toBeNull();
    expect(await app.client.switchTo(path)).toEqual({ ok: true, value: null });
    expect(app.opened).toEqual([{ path, name: SMALL_SETUP.name }]);
    expect(app.child.pid).not.toBe(process.pid);

    const state = await app.invoke('session.state', {});
    expect(state).toMatchObject({ ok: true, value: { host: 'electron' } });
    const added = await app.invoke('institution.create', { name: 'GI Oost' });
    expect(added).toMatchObject({ ok: true, value: { name: 'GI Oost' } });
    expect(app.sent).toContainEqual([STUDY_CHANGED_CHANNEL, expect.objectContaining({ type: 'study-changed', entities: ['institution'] })]);

    const warn = console.warn;
    console.warn = () => {};
    expect(await app.invoke('institution.create', { name: 'GI Vreemd' }, 'ander-frame')).toEqual(REJECTED);
    console.warn = warn;
    const invalid = await app.invoke('institution.create', { name: 42 });
    expect(invalid).toMatchObject({ ok: false, error: { code: 'invalid-input' } });

    const staged = await app.invoke('files.stage', { fileName: 'gesprek.txt', bytes: new TextEncoder().encode('Ouder: de jeugdzorgwerker belde terug.') });
    const imported = await app.invoke('sources.import', { stagedIds: [staged.value.stagedId], meta: { institutionId: added.value.id, sourceType: 'interview' }, jobId: 'import-1' });
    expect(imported.ok, JSON.stringify(imported)).toBe(true);
    expect(app.sent.some(([channel, payload]) => channel === PROGRESS_CHANNEL && (payload as { jobId: string }).jobId === 'import-1')).toBe(true);

    await app.client.close();
    expect(await app.exited).toBe(0);
    const reopened = Study.open(path);
    expect(reopened.institutions().map((institution) => institution.name)).toEqual(expect.arrayContaining(['GI Oost']));
    expect(reopened.institutions().map((institution) => institution.name)).not.toContain('GI Vreemd');
    reopened.close();
  });

  it('opens an encrypted study with the key main’s keychain unseals; without it the study is held for its passphrase and nothing opens', async () => {
    const path = join(dir, 'versleuteld.veldwerk');
    const made = await createEncryptedStudy(path, 'relay-wachtwoord-drie');
    const { path: plain } = closedStudy();
    let keychainHasIt = false;
    const app = startApp({
      keychainAvailable: async () => true,
      keychainProtect: async () => '',
      keychainRecover: async () => (keychainHasIt ? new Uint8Array(made.key) : null),
    });
    await app.client.ready;
    expect(await app.client.switchTo(plain)).toEqual({ ok: true, value: null });
    expect(await app.client.switchTo(path)).toEqual({ ok: true, value: null });
    const held = (await app.invoke('session.state', {})).value;
    expect(held.keyPrompt).toMatchObject({ kind: 'unlock' });
    expect(app.opened.at(-1)).not.toEqual({ path, name: 'Versleutelde ronde' });
    keychainHasIt = true;
    expect(await app.client.switchTo(path)).toEqual({ ok: true, value: null });
    expect(app.opened.at(-1)).toEqual({ path, name: 'Versleutelde ronde' });
    expect((await app.invoke('session.state', {})).value.keyPrompt ?? null).toBeNull();
    // The key lives in the service's process only: this side (main) never held it.
    expect(studyKeyFor(path)).toBeUndefined();
    await app.client.close();
  }, 60_000);

  it('encrypts a plaintext study in the service process after consent: main only seals the key with its keychain; no plaintext remains', async () => {
    const folder = join(dir, 'versleutelen');
    mkdirSync(folder);
    const plain = newTestStudy(folder);
    const path = plain.path;
    const institutionId = plain.institutions()[0]!.id;
    plain.close();
    const WORD = 'Wolkenkrabberstraat';
    // The main side: safeStorage stands in as a keychain that seals and opens one key at a time; it runs nothing else.
    const sealed = new Map<string, Uint8Array>();
    const keychainCalls: string[] = [];
    const app = startApp({
      keychainAvailable: async () => true,
      keychainProtect: async (key, keyId) => {
        keychainCalls.push('protect');
        sealed.set(keyId, new Uint8Array(key));
        return Buffer.from(keyId).toString('base64');
      },
      keychainRecover: async (_ref, keyId) => (keychainCalls.push('recover'), sealed.get(keyId) ?? null),
    });
    await app.client.ready;
    expect(await app.client.switchTo(path)).toEqual({ ok: true, value: null });
    expect((await app.invoke('session.state', {})).value.keyPrompt).toMatchObject({ kind: 'encrypt' });
    const staged = await app.invoke('files.stage', { fileName: 'gesprek.txt', bytes: new TextEncoder().encode(`Jeugdige: wij wonen aan de ${WORD}.`) });
    expect((await app.invoke('sources.import', { stagedIds: [staged.value.stagedId], meta: { institutionId, sourceType: 'interview' } })).ok).toBe(true);

    const encrypted = await app.invoke('study.encrypt', { passphrase: 'relay-wachtwoord-een' });
    expect(encrypted.ok, JSON.stringify(encrypted.error)).toBe(true);
    expect(encrypted.value.recoveryKey).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){7}$/);
    expect(encrypted.value.state.keyPrompt ?? null).toBeNull();
    expect(keychainCalls).toEqual(['protect']);
    // The encrypted study keeps working in the service after the rewrite.
    expect((await app.invoke('sources.list', {})).ok).toBe(true);
    await app.client.close();
    expect(await app.exited).toBe(0);

    // This process (main) never held the study key; the file is encrypted and no file in the folder holds the text.
    expect(studyKeyFor(path)).toBeUndefined();
    expect(studyFileKind(path)).toBe('encrypted');
    expect(readKeyFile(path).current.wraps.map((wrap) => wrap.kind).sort()).toEqual(['keychain', 'passphrase', 'recovery']);
    const leaks = readdirSync(folder).filter((name) => readFileSync(join(folder, name)).includes(Buffer.from(WORD)));
    expect(leaks).toEqual([]);
    // The key sealed by the keychain opens it, as the app will at the next start.
    const reopened = startApp({ keychainAvailable: async () => true, keychainProtect: async () => '', keychainRecover: async (_ref, keyId) => sealed.get(keyId) ?? null });
    await reopened.client.ready;
    expect(await reopened.client.switchTo(path)).toEqual({ ok: true, value: null });
    const found = await reopened.invoke('search', { query: WORD });
    expect(found.ok, JSON.stringify(found.error)).toBe(true);
    expect(JSON.stringify(found.value)).toContain(WORD);
    await reopened.client.close();
  }, 60_000);

  it('makes a new study’s key in the service: sealed by the keychain where main has one, else the wizard’s passphrase', async () => {
    const withKeychain = join(dir, 'nieuw-met.veldwerk');
    const without = join(dir, 'nieuw-zonder.veldwerk');
    let available = true;
    let target = withKeychain;
    const app = startApp({
      chooseNewStudyPath: async () => target,
      keychainAvailable: async () => available,
      keychainProtect: async (key) => Buffer.from(key).toString('base64'),
      keychainRecover: async (ref) => new Uint8Array(Buffer.from(ref, 'base64')),
    });
    await app.client.ready;
    const setup = { name: 'Nieuwe ronde', inspectors: [{ name: 'Ina Nieuw', initials: 'IN' }] };
    expect((await app.invoke('study.newKeyPlan', {})).value).toBe('keychain');
    const made = await app.invoke('study.create', setup);
    expect(made.value.recoveryKey).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){7}$/);
    expect(readKeyFile(withKeychain).current.wraps.map((wrap) => wrap.kind).sort()).toEqual(['keychain', 'recovery']);

    available = false;
    target = without;
    expect((await app.invoke('study.newKeyPlan', {})).value).toBe('passphrase');
    expect(await app.invoke('study.create', setup)).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect((await app.invoke('study.create', { ...setup, passphrase: 'relay-wachtwoord-twee' })).ok).toBe(true);
    await app.client.close();
    expect([studyFileKind(withKeychain), studyFileKind(without)]).toEqual(['encrypted', 'encrypted']);
    expect(readKeyFile(without).current.wraps.map((wrap) => wrap.kind).sort()).toEqual(['passphrase', 'recovery']);
  }, 60_000);

  it('quits only after a running import finished', async () => {
    const { path, institutionId } = closedStudy();
    const app = startApp();
    await app.client.ready;
    await app.client.switchTo(path);
    const stagedIds: string[] = [];
    for (let index = 0; index < 5; index++) {
      const file = join(dir, `stop-${index}.txt`);
      writeFileSync(file, `Verslag ${index}: de gedragswetenschapper besprak het veiligheidsplan met moeder.\n`.repeat(50));
      stagedIds.push((await app.invoke('files.stage', { fileName: `verslag-${index}.txt`, bytes: new Uint8Array(readFileSync(file)) })).value.stagedId);
    }
    const importing = app.invoke('sources.import', { stagedIds, meta: { institutionId, sourceType: 'interview' } });
    await app.client.close();
    const result = await importing;
    expect(result.ok, JSON.stringify(result)).toBe(true);
    expect(await app.exited).toBe(0);
    const reopened = Study.open(path);
    expect(reopened.db.prepare('SELECT count(*) FROM source WHERE deleted = 0').pluck().get()).toBe(5);
    reopened.close();
  });
});
