/**
 * Signed authorship for `npm run bench` (issue 12): one inspector's copy with
 * 10,000 change records of its own (codings), exported as one bundle, whose
 * signatures the lead verifies: the Ed25519 check of every change against the
 * registered key (merge/signing.ts), measured alone (in a transaction rolled
 * back each round), and the whole content check (references and rules,
 * merge/bundle-checks.ts) beside it. Also the cost of signing them at export.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { checkBundleContent } from '../../backend/merge/bundle-checks';
import { copyStudyForInspector } from '../../backend/merge/copy';
import { exportBundle } from '../../backend/merge/export';
import { readBundle } from '../../backend/merge/merge';
import { signOwnChanges, verifyAndStoreSignatures } from '../../backend/merge/signing';
import { importFiles } from '../../backend/sources/import-sources';
import { listCodes } from '../../backend/framework/framework';
import { createStudy } from '../../backend/study/setup';
import { Study } from '../../backend/study/study';
import type { Mutation } from '../../backend/store/changes';

const CHANGES = Number(process.env.BENCH_SIGNING_CHANGES ?? 10_000);
const ROUNDS = 5;
const PASSPHRASE = 'bench-team-wachtwoord';
const round = (value: number, digits = 2) => Number(value.toFixed(digits));

class Rollback extends Error {}

/** Median seconds of `work` run inside a transaction that is always rolled back. */
function timedRolledBack(study: Study, work: () => void): number {
  const times: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const start = performance.now();
    try {
      study.db.transaction(() => {
        work();
        throw new Rollback();
      })();
    } catch (error) {
      if (!(error instanceof Rollback)) throw error;
    }
    times.push((performance.now() - start) / 1000);
  }
  return times.sort((a, b) => a - b)[Math.floor(ROUNDS / 2)]!;
}

export async function measureSigning(): Promise<object> {
  const workDir = join(tmpdir(), `veldwerk-signing-bench-${process.pid}`);
  mkdirSync(workDir, { recursive: true });
  try {
    const lead = createStudy(join(workDir, 'lead.veldwerk'), {
      name: 'Bench handtekeningen',
      periodStart: null,
      periodEnd: null,
      institutions: ['GI Bench'],
      inspectors: [
        { name: 'Teamleider', initials: 'TL' },
        { name: 'Inspecteur', initials: 'IN' },
      ],
    });
    const textPath = join(workDir, 'dossier.txt');
    writeFileSync(textPath, 'Ouder: het plan van aanpak is nooit met ons besproken. '.repeat(200));
    const [imported] = await importFiles(lead, [{ path: textPath, fileName: 'dossier.txt' }], {
      institutionId: lead.institutions()[0]!.id,
      sourceType: 'clientdossier',
      role: null,
      measure: null,
      date: null,
      inspectorId: null,
    });
    if (imported?.status !== 'imported') throw new Error('bronimport mislukt');
    const codeIds = listCodes(lead).map((code) => code.id);
    const copy = Study.open(copyStudyForInspector(lead, join(workDir, 'kopie.veldwerk'), 'IN').path);
    const mutations: Mutation[] = Array.from({ length: CHANGES }, (_, n) => ({
      entity: 'coding',
      entityId: randomUUID(),
      fields: {
        sourceId: imported.sourceId,
        codeId: codeIds[n % codeIds.length]!,
        start: n % 5000,
        end: (n % 5000) + 40,
        valence: 'neutraal',
        note: '',
        quotable: 0,
        coderId: copy.currentInspectorId,
        createdAt: new Date().toISOString(),
      },
    }));
    copy.write(mutations);

    const signStart = performance.now();
    signOwnChanges(copy);
    const signSeconds = (performance.now() - signStart) / 1000;
    const made = await exportBundle(copy, { passphrase: PASSPHRASE, all: false, scryptWorkFactor: 10 });
    const bundle = await readBundle(lead, { bytes: made.bytes }, PASSPHRASE);

    const verifySeconds = timedRolledBack(lead, () => verifyAndStoreSignatures(lead.db, bundle.changes, bundle.signatures));
    const checkSeconds = timedRolledBack(lead, () => checkBundleContent(lead.db, bundle));
    copy.close();
    lead.close();
    return {
      changesPerBundle: bundle.changes.length,
      signAtExportSeconds: round(signSeconds, 3),
      verifySeconds: round(verifySeconds, 3),
      bundlesVerifiedPerSecond: round(1 / verifySeconds),
      signaturesVerifiedPerSecond: Math.round(bundle.changes.length / verifySeconds),
      contentCheckSeconds: round(checkSeconds, 3),
      bundlesCheckedWholePerSecond: round(1 / (verifySeconds + checkSeconds)),
    };
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}
