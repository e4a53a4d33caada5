import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { Encrypter } from 'age-encryption';
import { beforeAll, describe, expect, it } from 'vitest';
import { Session } from '../../backend/api/session';
import { dispatch } from '../../backend/api/handlers';
import { restorePreMergeBackup } from '../../backend/merge/backup';
import { BUNDLE_FORMAT_VERSION, BUNDLE_MESSAGES } from '../../backend/merge/bundle-format';
import { copyForInspector } from '../../backend/merge/copy';
import { exportBundle } from '../../backend/merge/export';
import { applyBundle, previewBundle } from '../../backend/merge/merge';
import { mergeStatus } from '../../backend/merge/status';
import { createCodings } from '../../backend/coding/codings';
import { saveMemo } from '../../backend/memos/memos';
import { readMeta, Study } from '../../backend/study/study';
import { createStudy } from '../../backend/study/setup';
import { addTextSource, codeId } from '../helpers/sources';
import { tempDir } from '../helpers/temp-study';
import { changeIds, copyFor, dumpAll, dumpShared, PASSPHRASE, TEAM_SETUP, TEST_WORK_FACTOR } from '../property/merge-kit';

const dir = tempDir('veldwerk-merge-');

async function bundleOf(study: Study, options: { all?: boolean; passphrase?: string; headerOverrides?: Record<string, unknown> } = {}) {
  const made = await exportBundle(study, {
    passphrase: options.passphrase ?? PASSPHRASE,
    all: options.all ?? false,
    scryptWorkFactor: TEST_WORK_FACTOR,
    headerOverrides: options.headerOverrides as never,
  });
  made.commit();
  return made.bytes;
}

let counter = 0;
const bundleFile = (bytes: Uint8Array) => {
  const path = join(dir, `bundel-${++counter}.vwbundle`);
  writeFileSync(path, bytes);
  return path;
};

describe('copy for inspector', () => {
  it('copies the file with a new replica id, the inspector as user, and no undo history or exchange bookkeeping', async () => {
    const lead = createStudy(join(dir, 'lead-copy.veldwerk'), TEAM_SETUP);
    await addTextSource(lead, dir, 'Een dossier met een tekst die we coderen.');
    lead.write([{ entity: 'institution', entityId: lead.institutions()[0]!.id, fields: { name: 'GI Noord-West' } }], { undoLabel: 'Hernoemen' });
    const target = join(dir, 'anna.veldwerk');
    const result = copyForInspector(lead.path, target, 'aa');
    const copy = Study.open(target);
    expect(copy.id).toBe(lead.id);
    expect(copy.replicaId).toBe(result.replicaId);
    expect(copy.replicaId).not.toBe(lead.replicaId);
    expect(copy.inspectors().find((inspector) => inspector.id === copy.currentInspectorId)!.initials).toBe('AA');
    expect(copy.db.prepare('SELECT count(*) FROM undo_history').pluck().get()).toBe(0);
    expect(lead.db.prepare('SELECT count(*) FROM undo_history').pluck().get()).toBe(1);
    expect(dumpShared(copy.db)).toEqual(dumpShared(lead.db));
    expect(mergeStatus(copy)).toMatchObject({ changesSinceExport: 0, backupPath: null, peers: [] });
    // A change made on the copy carries the copy's replica id.
    const [record] = copy.write([{ entity: 'institution', entityId: copy.institutions()[0]!.id, fields: { name: 'GI Noord' } }]);
    expect(record!.replicaId).toBe(copy.replicaId);
    expect(record!.hlc.endsWith(copy.replicaId)).toBe(true);
    expect(() => copyForInspector(lead.path, join(dir, 'nobody.veldwerk'), 'ZZ')).toThrow(/geen inspecteur met initialen "ZZ"/);
    expect(() => copyForInspector(lead.path, target, 'BB')).toThrow(/bestaat al/);
    copy.close();
    lead.close();
  });
});

describe('bundles', () => {
  let lead: Study;
  let anna: Study;
  let sourceId: string;

  beforeAll(async () => {
    lead = createStudy(join(dir, 'lead.veldwerk'), TEAM_SETUP);
    sourceId = await addTextSource(lead, dir, 'Ouder: de jeugdbeschermer kwam pas na drie weken langs.\nJeugdige: ik werd niet gehoord.');
    anna = copyFor(lead, dir, 'AA', 'anna-bundles');
  });

  it('carries new sources with their original file and text, codings and memos; preview changes nothing; apply merges', async () => {
    const newSource = await addTextSource(anna, dir, 'Een nieuw interview, alleen op de laptop van Anna.');
    createCodings(anna, [{ sourceId, codeId: codeId(anna, 'contact'), start: 0, end: 5, valence: 'negatief', note: '', quotable: false }], 'Coderen');
    createCodings(anna, [{ sourceId: newSource, codeId: codeId(anna, 'participatie'), start: 4, end: 10, valence: 'neutraal', note: '', quotable: false }], 'Coderen');
    saveMemo(anna, 'source', sourceId, 'Let op de termijn van vijf dagen.');
    const path = bundleFile(await bundleOf(anna));

    const before = dumpAll(lead.db);
    const preview = await previewBundle(lead, { path }, PASSPHRASE);
    expect(dumpAll(lead.db)).toBe(before);
    expect(preview.nothingNew).toBe(false);
    expect(preview.perKind.sources).toMatchObject({ new: 1, changed: 0, conflicts: 0 });
    expect(preview.perKind.codings).toMatchObject({ new: 2 });
    expect(preview.perKind.memos).toMatchObject({ new: 1 });
    expect(preview.newFiles).toBe(2); // the original file and its text
    expect(preview.conflicts).toEqual([]);

    const result = await applyBundle(lead, { path }, PASSPHRASE);
    expect(result.perKind).toEqual(preview.perKind);
    expect(result.applied).toBeGreaterThan(0);
    expect(existsSync(result.backupPath)).toBe(true);
    expect(result.backupPath).toMatch(/lead\.voor-samenvoegen-\d{8}-\d{6}\.veldwerk$/);
    expect(readMeta(lead.db, 'merge_backup')).toBe(result.backupPath);
    // The source arrived whole: searchable, with its text.
    const text = lead.db.prepare('SELECT c.text FROM source s JOIN content c ON c.id = s.content_id WHERE s.id = ?').pluck().get(newSource);
    expect(text).toBe('Een nieuw interview, alleen op de laptop van Anna.');
    expect(lead.db.prepare('SELECT count(*) FROM source_fts_row r JOIN source_fts f ON f.rowid = r.fts_rowid WHERE r.source_id = ?').pluck().get(newSource)).toBe(1);
    expect(lead.db.prepare('SELECT count(*) FROM original_file o JOIN source s ON s.file_sha256 = o.sha256 WHERE s.id = ?').pluck().get(newSource)).toBe(1);
    // Every change of Anna is now here, and the lead's clock moved past hers.
    for (const id of changeIds(anna.db)) expect(changeIds(lead.db).has(id)).toBe(true);
    const annaClock = readMeta(anna.db, 'clock')!;
    const [next] = lead.write([{ entity: 'study', entityId: lead.id, fields: { name: 'Teamronde 2026' } }]);
    expect(next!.hlc > annaClock).toBe(true);
    expect(mergeStatus(lead).peers).toEqual([expect.objectContaining({ replicaId: anna.replicaId, inspectorName: 'Anna Aarts (AA)' })]);
  });

  it('refuses a replayed bundle with a clear message and changes nothing (no backup either)', async () => {
    const path = bundleFile(await bundleOf(anna, { all: true }));
    const before = dumpAll(lead.db);
    const preview = await previewBundle(lead, { path }, PASSPHRASE);
    expect(preview.nothingNew).toBe(true);
    expect(preview.totals.skipped).toBe(preview.bundle.changes);
    await expect(applyBundle(lead, { path }, PASSPHRASE)).rejects.toThrow(BUNDLE_MESSAGES.replayed);
    expect(dumpAll(lead.db)).toBe(before);
  });

  describe('hostile bundles: each refused with a Dutch message, the study unchanged', () => {
    let good: Uint8Array;
    beforeAll(async () => {
      createCodings(anna, [{ sourceId, codeId: codeId(anna, 'veiligheid'), start: 10, end: 20, valence: 'neutraal', note: '', quotable: false }], 'Coderen');
      good = await bundleOf(anna, { all: true });
    });

    async function refused(bytes: Uint8Array, message: string | RegExp, passphrase = PASSPHRASE) {
      const path = bundleFile(bytes);
      const before = dumpAll(lead.db);
      await expect(previewBundle(lead, { path }, passphrase)).rejects.toThrow(message);
      await expect(applyBundle(lead, { path }, passphrase)).rejects.toThrow(message);
      expect(dumpAll(lead.db)).toBe(before);
      expect(readMeta(lead.db, 'merge_backup')).toBe(mergeStatus(lead).backupPath);
    }

    it('wrong passphrase', async () => {
      await refused(good, 'Het wachtwoord klopt niet of het bestand is geen Veldwerk-bundel.', 'fout-wachtwoord');
    });

    it('not a bundle at all', async () => {
      await refused(new TextEncoder().encode('Dit is een gewoon tekstbestand.'), BUNDLE_MESSAGES.wrongPassphrase);
    });

    it('truncated', async () => {
      await refused(good.subarray(0, good.length - 1), BUNDLE_MESSAGES.damaged);
      await refused(good.subarray(0, Math.floor(good.length / 2)), BUNDLE_MESSAGES.damaged);
    });

    it('one byte flipped in the encrypted payload', async () => {
      for (const position of [good.length - 1, Math.floor(good.length / 2), 200]) {
        const altered = good.slice();
        altered[position]! ^= 0x01;
        await refused(altered, /beschadigd of gewijzigd|wachtwoord klopt niet/);
      }
      const altered = good.slice();
      altered[good.length - 20]! ^= 0x80;
      await refused(altered, BUNDLE_MESSAGES.damaged);
    });

    it('a bundle of another study', async () => {
      const other = createStudy(join(dir, 'ander.veldwerk'), { ...TEAM_SETUP, name: 'Een heel ander onderzoek' });
      const bytes = await bundleOf(other, { all: true });
      other.close();
      await refused(bytes, 'Deze bundel hoort bij een ander onderzoek: "Een heel ander onderzoek"');
    });

    it('a bundle of another study with the same name says so, not just the name of the open study', async () => {
      const twin = createStudy(join(dir, 'tweeling.veldwerk'), { ...TEAM_SETUP, name: lead.info().name });
      const bytes = await bundleOf(twin, { all: true });
      twin.close();
      await refused(bytes, BUNDLE_MESSAGES.otherStudy(lead.info().name, true));
      expect(BUNDLE_MESSAGES.otherStudy(lead.info().name, true)).toContain('met dezelfde naam');
    });

    it('from a newer format or schema version', async () => {
      await refused(await bundleOf(anna, { all: true, headerOverrides: { formatVersion: BUNDLE_FORMAT_VERSION + 1, programVersion: '9.0.0' } }), /nieuwere versie van Veldwerk \(9\.0\.0\)/);
      await refused(await bundleOf(anna, { all: true, headerOverrides: { schemaVersion: 999, programVersion: '9.1.0' } }), /nieuwere versie van Veldwerk \(9\.1\.0\)/);
    });

    it('correctly encrypted but with a wrong payload hash, an unknown field, or a wrong value type', async () => {
      await refused(await bundleOf(anna, { all: true, headerOverrides: { payloadSha256: '0'.repeat(64) } }), BUNDLE_MESSAGES.damaged);

      const change = {
        t: 'change',
        changeId: '6f1c3c1e-0000-4000-8000-000000000001',
        actionId: '6f1c3c1e-0000-4000-8000-000000000002',
        entity: 'coding',
        entityId: '6f1c3c1e-0000-4000-8000-000000000003',
        fields: { start: 1 } as Record<string, unknown>,
        hlc: `000001700000000-000000-${anna.replicaId}`,
        replicaId: anna.replicaId,
        authorId: null,
        bases: {},
      };
      await refused(await handMade([{ ...change, fields: { wachtwoord: 'x' } }]), /onbekend veld coding\.wachtwoord/);
      await refused(await handMade([{ ...change, entity: 'geheim' }]), /onbekende entiteit/);
      await refused(await handMade([{ ...change, fields: { start: 'vijf' } }]), /ongeldige waarde voor coding\.start/);
      await refused(await handMade([{ ...change, fields: { start: 1.5 } }]), /ongeldige waarde voor coding\.start/);
      await refused(await handMade([{ ...change, hlc: 'gisteren' }]), /geen geldige klok/);
      await refused(await handMade([{ ...change, entityId: '../../etc' }]), /geen geldige id/);
      await refused(await handMade([{ ...change, hlc: `999999999999999-000000-${anna.replicaId}` }]), /klok ver in de toekomst/);
      await refused(await handMade([{ ...change, hlc: `000001700000000-000000-${lead.replicaId}` }]), /klok en kopie-id van een wijziging horen niet bij elkaar/);
      await refused(await handMade([change], { changes: 0 }), BUNDLE_MESSAGES.damaged);
      await refused(await handMade([{ ...change, t: 'virus' }]), /ongeldig/);
    });

    /** A bundle written by hand (as a hostile sender could), properly encrypted. */
    async function handMade(lines: object[], counts: { changes?: number } = {}): Promise<Uint8Array> {
      const { createHash } = await import('node:crypto');
      const body = lines.map((line) => `${JSON.stringify(line)}\n`).join('');
      const header = {
        format: 'veldwerk-bundle',
        formatVersion: 1,
        schemaVersion: 1,
        programVersion: '0.1.0',
        bundleId: '6f1c3c1e-0000-4000-8000-0000000000ff',
        studyId: lead.id,
        studyName: 'Teamronde',
        senderReplicaId: anna.replicaId,
        senderInspectorId: null,
        senderInspector: null,
        createdAt: new Date().toISOString(),
        all: true,
        vector: {},
        counts: { changes: counts.changes ?? lines.length, files: 0, contents: 0 },
        payloadSha256: createHash('sha256').update(body).digest('hex'),
      };
      const encrypter = new Encrypter();
      encrypter.setScryptWorkFactor(TEST_WORK_FACTOR);
      encrypter.setPassphrase(PASSPHRASE);
      return encrypter.encrypt(gzipSync(`${JSON.stringify(header)}\n${body}`));
    }

    it('refuses an absurd scrypt work factor before computing it', async () => {
      const text = Buffer.from(good).toString('latin1').replace(/(-> scrypt \S+ )10\n/, '$130\n');
      await refused(Buffer.from(text, 'latin1'), BUNDLE_MESSAGES.notABundle);
    });
  });

  it('undoes a merge: the pre-merge backup comes back, the merged file is kept aside', async () => {
    createCodings(anna, [{ sourceId, codeId: codeId(anna, 'hulp'), start: 0, end: 3, valence: 'neutraal', note: '', quotable: false }], 'Coderen');
    const path = bundleFile(await bundleOf(anna));
    const leadPath = lead.path;
    const before = dumpShared(lead.db);
    lead.close();

    const session = new Session({ kind: 'cli', demoStudyPath: () => join(dir, 'demo.veldwerk') });
    const study = session.openPath(leadPath);
    const result = await applyBundle(study, { path }, PASSPHRASE);
    expect(dumpShared(study.db)).not.toEqual(before);
    const restored = restorePreMergeBackup(session);
    expect(restored.restoredFrom).toBe(result.backupPath);
    expect(restored.keptAs).toMatch(/lead-na-samenvoegen-\d{8}-\d{6}\.veldwerk$/);
    expect(existsSync(restored.keptAs)).toBe(true);
    const reopened = session.requireStudy();
    expect(reopened.path).toBe(leadPath);
    expect(dumpShared(reopened.db)).toEqual(before);
    expect(mergeStatus(reopened).backupPath).toBeNull();
    expect(() => restorePreMergeBackup(session)).toThrow('Er is geen samenvoeging om ongedaan te maken.');
    // The merged state is still there, aside.
    const aside = Study.open(restored.keptAs);
    expect(changeIds(aside.db).size).toBeGreaterThan(changeIds(reopened.db).size);
    aside.close();
    // And the bundle can be read again afterwards.
    const again = await applyBundle(reopened, { path }, PASSPHRASE);
    expect(again.applied).toBeGreaterThan(0);
    lead = reopened;
  });

  it('works through the API: stage, preview, apply, status, undo; browser export as a download', async () => {
    const session = new Session({ kind: 'browser', demoStudyPath: () => join(dir, 'demo.veldwerk') });
    const annaPath = anna.path;
    anna.close();
    session.openPath(annaPath);
    process.env.VELDWERK_BUNDLE_SCRYPT_LOG_N = String(TEST_WORK_FACTOR);
    try {
      const tooShort = await dispatch(session, 'bundle.export', { passphrase: 'kort' });
      expect(tooShort).toMatchObject({ ok: false, error: { message: 'Kies een wachtwoord van minstens 8 tekens.' } });
      const exported = await dispatch(session, 'bundle.export', { passphrase: PASSPHRASE, all: true });
      expect(exported.ok).toBe(true);
      const value = (exported as { value: { downloadId: string; path: null; changes: number; fileName: string } }).value;
      expect(value.path).toBeNull();
      expect(value.fileName).toMatch(/^Teamronde-AA-\d{8}-\d{4}\.vwbundle$/);
      const { producedFile } = await import('../../backend/api/produced-files');
      const bytes = producedFile(session, value.downloadId).data;

      const leadSession = new Session({ kind: 'browser', demoStudyPath: () => join(dir, 'demo.veldwerk') });
      const leadPath = lead.path;
      lead.close();
      leadSession.openPath(leadPath);
      const staged = await dispatch(leadSession, 'files.stage', { fileName: 'anna.vwbundle', bytes });
      const stagedId = (staged as { value: { stagedId: string } }).value.stagedId;
      const wrong = await dispatch(leadSession, 'bundle.preview', { stagedId, passphrase: 'verkeerd wachtwoord' });
      expect(wrong).toMatchObject({ ok: false, error: { code: 'rejected', message: BUNDLE_MESSAGES.wrongPassphrase } });
      const preview = await dispatch(leadSession, 'bundle.preview', { stagedId, passphrase: PASSPHRASE });
      expect(preview).toMatchObject({ ok: true, value: { nothingNew: false, perKind: { codings: { new: 1 } } } });
      const applied = await dispatch(leadSession, 'bundle.apply', { stagedId, passphrase: PASSPHRASE });
      expect(applied).toMatchObject({ ok: true, value: { perKind: { codings: { new: 1 } }, backupPath: expect.any(String) } });
      const restaged = await dispatch(leadSession, 'files.stage', { fileName: 'anna.vwbundle', bytes });
      const again = await dispatch(leadSession, 'bundle.apply', { stagedId: (restaged as { value: { stagedId: string } }).value.stagedId, passphrase: PASSPHRASE });
      expect(again).toMatchObject({ ok: false, error: { message: BUNDLE_MESSAGES.replayed } });
      const undone = await dispatch(leadSession, 'merge.undo', {});
      expect(undone).toMatchObject({ ok: true, value: { keptAs: expect.stringMatching(/-na-samenvoegen-/), state: { studyPath: leadPath } } });
      const status = await dispatch(leadSession, 'merge.status', {});
      expect(status).toMatchObject({ ok: true, value: { openConflicts: 0 } });
      const copied = await dispatch(leadSession, 'study.copyForInspector', { initials: 'BB' });
      expect(copied).toMatchObject({ ok: true, value: { path: expect.stringMatching(/lead-BB\.veldwerk$/), inspectorName: 'Bram Bos' } });
      leadSession.close();
      lead = Study.open(leadPath);
    } finally {
      delete process.env.VELDWERK_BUNDLE_SCRYPT_LOG_N;
      session.close();
      anna = Study.open(annaPath);
    }
  });

  it('reads a bundle from disk as the same bytes it wrote', async () => {
    const bytes = await bundleOf(anna, { all: true });
    const path = bundleFile(bytes);
    expect(Buffer.from(readFileSync(path)).equals(Buffer.from(bytes))).toBe(true);
    expect(Buffer.from(bytes.subarray(0, 21)).toString()).toBe('age-encryption.org/v1');
  });
});
