/**
 * Bundles encrypted to the team's public keys (issue 12), through the
 * handlers and the CLI: every copy gets an age X25519 identity whose
 * recipient its registered signing key signs; a bundle to the team opens for
 * a member with its own key and is refused in Dutch for a non-member and,
 * after a revocation, for the revoked member's copy; with a passphrase as
 * well, passphrase holders still open it; a forged recipient is refused.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Decrypter } from 'age-encryption';
import { dispatch } from '../../backend/api/handlers';
import { Session } from '../../backend/api/session';
import { RECIPIENT_MESSAGES, ownIdentities } from '../../backend/merge/team-recipients';
import { BUNDLE_MESSAGES } from '../../backend/merge/bundle-format';
import { Study } from '../../backend/study/study';
import type { BundleExportResult, CopyForInspectorResult } from '../../shared/api/types';
import { veldwerk } from '../helpers/cli';
import { newTestStudy, tempDir } from '../helpers/temp-study';

process.env.VELDWERK_BUNDLE_SCRYPT_LOG_N = '10';
const dir = tempDir('veldwerk-teambundels-');
const TEAM_PASS = 'teamwachtwoord-bundel';

function cliSession(study: Study, out?: string): Session {
  const session = new Session({ kind: 'cli', demoStudyPath: () => join(dir, 'demo.veldwerk'), ...(out ? { chooseSavePath: async () => out } : {}) });
  session.setStudy(study);
  return session;
}

async function ok<T>(session: Session, name: string, input: unknown): Promise<T> {
  const result = await dispatch(session, name, input);
  if (!result.ok) throw new Error(result.error.message);
  return result.value as T;
}

let counter = 0;
/** Export from `study` into a file; returns its path. */
async function exportFrom(study: Study, input: { passphrase?: string | null; toTeam?: boolean }): Promise<string> {
  const out = join(dir, `bundel-${++counter}.vwbundle`);
  const session = cliSession(study, out);
  await ok<BundleExportResult>(session, 'bundle.export', { all: true, ...input });
  return out;
}

/** Preview a bundle file in `study`: null when it opens, else the Dutch refusal. */
async function refusalIn(study: Study, path: string, passphrase: string | null = null): Promise<string | null> {
  const session = cliSession(study);
  const result = await dispatch(session, 'bundle.preview', { stagedId: session.registerLocalFile(path), passphrase });
  return result.ok ? null : result.error.message;
}

function stanzas(path: string): string[] {
  const text = readFileSync(path).toString('latin1');
  return [...text.slice(0, text.indexOf('\n---')).matchAll(/\n-> (\S+)/g)].map((match) => match[1]!);
}

let lead: Study;
let anna: Study;
let bram: Study;
let outsider: Study;

beforeAll(async () => {
  lead = newTestStudy(dir);
  const [ie, it] = lead.inspectors();
  lead.setCurrentInspector(ie!.id);
  const session = cliSession(lead);
  const copyA = await ok<CopyForInspectorResult>(session, 'study.copyForInspector', { initials: it!.initials, targetPath: join(dir, 'anna.veldwerk') });
  const copyB = await ok<CopyForInspectorResult>(session, 'study.copyForInspector', { initials: ie!.initials, targetPath: join(dir, 'bram.veldwerk') });
  anna = Study.open(copyA.path);
  bram = Study.open(copyB.path);
  // Someone outside the team: a copy of another study, with its own identity.
  const other = newTestStudy(dir);
  other.setCurrentInspector(other.inspectors()[0]!.id);
  const outsiderCopy = await ok<CopyForInspectorResult>(cliSession(other), 'study.copyForInspector', { initials: other.inspectors()[1]!.initials, targetPath: join(dir, 'buiten.veldwerk') });
  outsider = Study.open(outsiderCopy.path);
}, 60_000);

describe('bundles to the team’s keys', () => {
  it('gives every copy its own identity, none the lead’s', () => {
    const identities = [lead, anna, bram].map((study) => ownIdentities(study.db)[0]);
    expect(identities.every((identity) => identity?.startsWith('AGE-SECRET-KEY-1'))).toBe(true);
    expect(new Set(identities).size).toBe(3);
    expect(lead.db.prepare('SELECT count(*) FROM age_recipient').pluck().get()).toBe(3);
  });

  it('opens for a member with its own key (also with a plain age tool) and is refused in Dutch for a non-member', async () => {
    const path = await exportFrom(lead, { passphrase: null, toTeam: true });
    expect(stanzas(path)).toEqual(['X25519', 'X25519', 'X25519']);
    expect(await refusalIn(anna, path)).toBeNull();
    expect(await refusalIn(bram, path)).toBeNull();
    expect(await refusalIn(outsider, path)).toBe(RECIPIENT_MESSAGES.notForThisCopy);
    // Standard age: the member's identity opens the file without Veldwerk's code.
    const decrypter = new Decrypter();
    decrypter.addIdentity(ownIdentities(anna.db)[0]!);
    expect((await decrypter.decrypt(readFileSync(path))).byteLength).toBeGreaterThan(0);
    // A member's team bundle reaches the lead too (the copy carried the lead's recipient).
    expect(await refusalIn(lead, await exportFrom(anna, { passphrase: null, toTeam: true }))).toBeNull();
  }, 60_000);

  it('leaves a revoked member out of new team bundles; with a passphrase as well, its holders still open them', async () => {
    const it = lead.inspectors()[1]!;
    await ok(cliSession(lead), 'team.revokeKeys', { inspectorId: it.id });
    const path = await exportFrom(lead, { passphrase: null, toTeam: true });
    expect(stanzas(path)).toHaveLength(2);
    expect(await refusalIn(anna, path)).toBe(RECIPIENT_MESSAGES.notForThisCopy);
    expect(await refusalIn(bram, path)).toBeNull();
    // The revoked member's own new bundle still reaches the lead's key, and is refused for its revoked signature.
    await ok(cliSession(anna), 'institution.create', { name: 'GI Na de intrekking' });
    expect(await refusalIn(lead, await exportFrom(anna, { passphrase: null, toTeam: true }))).toMatch(/ingetrokken sleutel van Inspecteur Twee/);

    const both = await exportFrom(lead, { passphrase: TEAM_PASS, toTeam: true });
    expect(stanzas(both)).toEqual(['veldwerk-scrypt', 'X25519', 'X25519']);
    expect(await refusalIn(bram, both)).toBeNull();
    expect(await refusalIn(anna, both)).toBe(BUNDLE_MESSAGES.passphraseOrTeam);
    expect(await refusalIn(anna, both, 'verkeerd-wachtwoord')).toBe(BUNDLE_MESSAGES.wrongPassphrase);
    expect(await refusalIn(anna, both, TEAM_PASS)).toBeNull();
    // A passphrase-only bundle stays a plain age scrypt file.
    expect(stanzas(await exportFrom(lead, { passphrase: TEAM_PASS }))).toEqual(['scrypt']);
  }, 60_000);

  it('refuses a bundle carrying a recipient its key did not sign, with nothing changed', async () => {
    await ok(cliSession(lead), 'institution.create', { name: 'GI Nieuw na de kopie' });
    const before = bram.db.prepare('SELECT count(*) FROM change_log').pluck().get();
    const genuine = lead.db.prepare('SELECT key_id, signature FROM age_recipient').all() as Array<{ key_id: string; signature: string }>;
    lead.db.prepare("UPDATE age_recipient SET signature = ? WHERE key_id != (SELECT key_id FROM inspector_key WHERE role = 'lead')").run(Buffer.alloc(64).toString('base64'));
    const path = await exportFrom(lead, { passphrase: TEAM_PASS });
    const session = cliSession(bram);
    const result = await dispatch(session, 'bundle.apply', { stagedId: session.registerLocalFile(path), passphrase: TEAM_PASS });
    expect(result.ok ? null : result.error.message).toBe(RECIPIENT_MESSAGES.forged);
    expect(bram.db.prepare('SELECT count(*) FROM change_log').pluck().get()).toBe(before);
    for (const row of genuine) lead.db.prepare('UPDATE age_recipient SET signature = ? WHERE key_id = ?').run(row.signature, row.key_id);
  }, 60_000);

  it('works from the command line: export --to-team without a passphrase, import with the copy’s own key', () => {
    const out = join(dir, 'cli.vwbundle');
    const env = { VELDWERK_BUNDLE_SCRYPT_LOG_N: '10' };
    for (const study of [lead, anna, bram, outsider]) study.close();
    const made = veldwerk(['bundle', 'export', lead.path, '--out', out, '--to-team'], env);
    expect(made.code, made.stderr).toBe(0);
    expect(stanzas(out).every((type) => type === 'X25519')).toBe(true);
    const read = veldwerk(['bundle', 'import', join(dir, 'bram.veldwerk'), out, '--dry-run'], env);
    expect(read.code, read.stderr).toBe(0);
    const refused = veldwerk(['bundle', 'import', join(dir, 'anna.veldwerk'), out, '--dry-run'], env);
    expect(refused).toMatchObject({ code: 1, stderr: expect.stringContaining('niet voor deze kopie') });
    const none = veldwerk(['bundle', 'export', lead.path, '--out', join(dir, 'geen.vwbundle')], env);
    expect(none.code).toBe(2);
  }, 60_000);
});
