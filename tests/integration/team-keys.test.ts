/**
 * Team → Sleutels (issue 12) through the handlers: the register of signing
 * keys with fingerprint, owner, registration and revocation; revoking is the
 * lead's only, recorded as an action, and a second revoke or an unknown
 * inspector is refused in Dutch with nothing changed.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../backend/api/handlers';
import { Session } from '../../backend/api/session';
import { copyStudyForInspector } from '../../backend/merge/copy';
import { Study } from '../../backend/study/study';
import type { TeamKeys } from '../../shared/api/types';
import { newTestStudy, tempDir } from '../helpers/temp-study';

const dir = tempDir('veldwerk-teamsleutels-');

function sessionOn(study: Study): Session {
  const session = new Session({ kind: 'browser', demoStudyPath: () => join(dir, 'demo.veldwerk') });
  session.setStudy(study);
  return session;
}

async function call<T>(session: Session, name: string, input: unknown = {}): Promise<{ ok: true; value: T } | { ok: false; message: string }> {
  const result = await dispatch(session, name, input);
  return result.ok ? { ok: true, value: result.value as T } : { ok: false, message: result.error.message };
}

describe('team keys (handlers)', () => {
  it('lists the register and lets only the lead revoke, once', async () => {
    const lead = newTestStudy(dir);
    const [first, second] = lead.inspectors();
    lead.setCurrentInspector(first!.id);
    const copyPath = join(dir, 'kopie-it.veldwerk');
    copyStudyForInspector(lead, copyPath, second!.initials);
    const session = sessionOn(lead);

    const listed = await call<TeamKeys>(session, 'team.keys');
    if (!listed.ok) throw new Error(listed.message);
    expect(listed.value.lead).toBe(true);
    const member = listed.value.keys.find((key) => key.role === 'member')!;
    expect(member).toMatchObject({ inspectorId: second!.id, initials: second!.initials, registeredBy: first!.name, revokedAt: null });
    expect(member.fingerprint).toMatch(/^[0-9A-F]{4}( [0-9A-F]{4}){7}$/);
    expect(listed.value.keys.find((key) => key.role === 'lead')).toMatchObject({ inspectorId: first!.id });

    // The copy sees the register it was made with, but may not revoke.
    const copy = sessionOn(Study.open(copyPath));
    const inCopy = await call<TeamKeys>(copy, 'team.keys');
    expect(inCopy.ok && inCopy.value.lead).toBe(false);
    expect(await call(copy, 'team.revokeKeys', { inspectorId: second!.id })).toMatchObject({ ok: false, message: expect.stringMatching(/Alleen de teamleider/) });
    expect((await call<TeamKeys>(copy, 'team.keys')).ok && copy.requireStudy().db.prepare('SELECT count(*) FROM inspector_key WHERE revoked_at IS NOT NULL').pluck().get()).toBe(0);
    copy.close();

    const revoked = await call<TeamKeys>(session, 'team.revokeKeys', { inspectorId: second!.id });
    if (!revoked.ok) throw new Error(revoked.message);
    expect(revoked.value.keys.find((key) => key.keyId === member.keyId)!.revokedAt).not.toBeNull();
    expect(lead.db.prepare("SELECT result FROM action WHERE call = 'team.revokeKeys'").pluck().all()).toEqual(['done']);

    expect(await call(session, 'team.revokeKeys', { inspectorId: second!.id })).toMatchObject({ ok: false, message: expect.stringMatching(/geen geldige sleutel/) });
    expect(await call(session, 'team.revokeKeys', { inspectorId: '00000000-0000-4000-8000-000000000000' })).toMatchObject({ ok: false, message: expect.stringMatching(/bestaat niet/) });
    expect(await call(session, 'team.revokeKeys', { inspectorId: 'geen-uuid' })).toMatchObject({ ok: false, message: expect.stringMatching(/Ongeldige invoer/) });
    session.close();
  });
});
