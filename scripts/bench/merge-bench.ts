/**
 * Team-merge figures for `npm run bench` (issue 5): 20 copies of one study,
 * each with 10,000 change records of its own (codings on a generated source,
 * written through the ChangeWriter), exported as 20 bundles and read into the
 * lead's study one after the other, then read again (a no-op each).
 *
 * Reported: export time (snapshot, serialise, gzip, age/scrypt), import time
 * (decrypt and validate, the pre-merge backup, the merge transaction), the
 * no-op re-import time, and change records applied per second. Encryption
 * uses age's default scrypt work factor (2^18) unless BENCH_SCRYPT_LOG_N says
 * otherwise; its cost per bundle is reported on its own.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Encrypter } from 'age-encryption';
import { copyStudyForInspector } from '../../backend/merge/copy';
import { exportBundle } from '../../backend/merge/export';
import { countUnknownChanges, mergeBundle, readBundle } from '../../backend/merge/merge';
import { makePreMergeBackup } from '../../backend/merge/backup';
import { importFiles } from '../../backend/sources/import-sources';
import { createStudy } from '../../backend/study/setup';
import { Study } from '../../backend/study/study';
import { listCodes } from '../../backend/framework/framework';
import type { Mutation } from '../../backend/store/changes';

const BUNDLES = Number(process.env.BENCH_MERGE_BUNDLES ?? 20);
const CHANGES_PER_BUNDLE = Number(process.env.BENCH_MERGE_CHANGES ?? 10_000);
const BATCH = 1_000;
const PASSPHRASE = 'bench-team-wachtwoord';

const round = (value: number, digits = 2) => Number(value.toFixed(digits));

function generatedText(paragraphs: number): string {
  const words = ['ouder', 'jeugdige', 'jeugdzorgwerker', 'veiligheid', 'plan', 'aanpak', 'gesprek', 'huisbezoek', 'wachtlijst', 'gemeente', 'school', 'contact'];
  const lines: string[] = [];
  for (let p = 0; p < paragraphs; p++) {
    const sentence = Array.from({ length: 14 }, (_, i) => words[(p * 7 + i * 3) % words.length]).join(' ');
    lines.push(`${p + 1}. ${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}.`);
  }
  return lines.join('\n');
}

export async function measureMerge(): Promise<object> {
  const workDir = join(tmpdir(), `veldwerk-merge-bench-${process.pid}`);
  mkdirSync(workDir, { recursive: true });
  const logN = Number(process.env.BENCH_SCRYPT_LOG_N ?? 18);
  try {
    process.stderr.write(`Samenvoegen: ${BUNDLES} kopieën met elk ${CHANGES_PER_BUNDLE} wijzigingen maken…\n`);
    const lead = createStudy(join(workDir, 'lead.veldwerk'), {
      name: 'Bench samenvoegen',
      periodStart: null,
      periodEnd: null,
      institutions: ['GI Bench'],
      inspectors: Array.from({ length: BUNDLES }, (_, i) => ({ name: `Inspecteur ${i + 1}`, initials: `I${String(i + 1).padStart(2, '0')}` })),
    });
    const textPath = join(workDir, 'dossier.txt');
    const text = generatedText(600);
    writeFileSync(textPath, text);
    const [imported] = await importFiles(lead, [{ path: textPath, fileName: 'dossier.txt' }], {
      institutionId: lead.institutions()[0]!.id,
      sourceType: 'clientdossier',
      role: null,
      measure: null,
      date: null,
      inspectorId: null,
    });
    if (imported?.status !== 'imported') throw new Error('bronimport mislukt');
    const sourceId = imported.sourceId;
    const codeIds = listCodes(lead).map((code) => code.id);

    const generateStart = performance.now();
    const copies: Study[] = [];
    for (let i = 0; i < BUNDLES; i++) {
      const initials = `I${String(i + 1).padStart(2, '0')}`;
      const copy = Study.open(copyStudyForInspector(lead, join(workDir, `kopie-${initials}.veldwerk`), initials).path);
      const coderId = copy.currentInspectorId;
      for (let written = 0; written < CHANGES_PER_BUNDLE; written += BATCH) {
        const mutations: Mutation[] = [];
        for (let k = 0; k < Math.min(BATCH, CHANGES_PER_BUNDLE - written); k++) {
          const n = written + k;
          const start = (n * 37 + i * 11) % (text.length - 200);
          mutations.push({
            entity: 'coding',
            entityId: randomUUID(),
            fields: {
              sourceId,
              codeId: codeIds[(n + i) % codeIds.length]!,
              start,
              end: start + 20 + (n % 150),
              valence: 'neutraal',
              note: '',
              quotable: 0,
              coderId,
              createdAt: new Date().toISOString(),
            },
          });
        }
        copy.write(mutations);
      }
      copies.push(copy);
    }
    const generateSeconds = (performance.now() - generateStart) / 1000;

    process.stderr.write('Bundels maken…\n');
    const bundles: Uint8Array[] = [];
    const exportTimes: number[] = [];
    for (const copy of copies) {
      const start = performance.now();
      const made = await exportBundle(copy, { passphrase: PASSPHRASE, scryptWorkFactor: logN });
      made.commit();
      exportTimes.push(performance.now() - start);
      if (made.changes !== CHANGES_PER_BUNDLE) throw new Error(`bundel met ${made.changes} wijzigingen`);
      bundles.push(made.bytes);
      copy.close();
    }

    process.stderr.write('Bundels inlezen…\n');
    const phases = { readMs: 0, backupMs: 0, mergeMs: 0 };
    const importTimes: number[] = [];
    let applied = 0;
    for (const bytes of bundles) {
      const start = performance.now();
      const bundle = await readBundle(lead, { bytes }, PASSPHRASE);
      const afterRead = performance.now();
      const backupPath = makePreMergeBackup(lead);
      const afterBackup = performance.now();
      const outcome = mergeBundle(lead, bundle, { dryRun: false, backupPath });
      const end = performance.now();
      applied += outcome.applied;
      phases.readMs += afterRead - start;
      phases.backupMs += afterBackup - afterRead;
      phases.mergeMs += end - afterBackup;
      importTimes.push(end - start);
      rmSync(backupPath, { force: true });
    }

    process.stderr.write('Bundels opnieuw inlezen (niets nieuws)…\n');
    const replayTimes: number[] = [];
    for (const bytes of bundles) {
      const start = performance.now();
      const bundle = await readBundle(lead, { bytes }, PASSPHRASE);
      if (countUnknownChanges(lead.db, bundle.changes) !== 0) throw new Error('herhaalde bundel bracht iets nieuws');
      replayTimes.push(performance.now() - start);
    }

    const scryptStart = performance.now();
    const encrypter = new Encrypter();
    encrypter.setScryptWorkFactor(logN);
    encrypter.setPassphrase(PASSPHRASE);
    await encrypter.encrypt(new Uint8Array(16));
    const scryptMs = performance.now() - scryptStart;

    const leadCodings = lead.db.prepare('SELECT count(*) FROM coding').pluck().get() as number;
    lead.db.pragma('wal_checkpoint(TRUNCATE)');
    lead.close();
    const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
    const totalChanges = BUNDLES * CHANGES_PER_BUNDLE;
    return {
      bundles: BUNDLES,
      changesPerBundle: CHANGES_PER_BUNDLE,
      scryptLogN: logN,
      scryptSecondsPerBundle: round(scryptMs / 1000),
      bundleBytesAverage: Math.round(sum(bundles.map((bundle) => bundle.byteLength)) / bundles.length),
      generateSeconds: round(generateSeconds),
      exportSecondsTotal: round(sum(exportTimes) / 1000),
      exportSecondsPerBundle: round(sum(exportTimes) / 1000 / BUNDLES),
      importSecondsTotal: round(sum(importTimes) / 1000),
      importSecondsPerBundle: round(sum(importTimes) / 1000 / BUNDLES),
      importPhasesSeconds: { decryptAndValidate: round(phases.readMs / 1000), backup: round(phases.backupMs / 1000), merge: round(phases.mergeMs / 1000) },
      importSecondsFirstAndLast: [round(importTimes[0]! / 1000), round(importTimes.at(-1)! / 1000)],
      reimportNoopSecondsTotal: round(sum(replayTimes) / 1000),
      reimportNoopSecondsPerBundle: round(sum(replayTimes) / 1000 / BUNDLES),
      changesApplied: applied,
      changesAppliedPerSecond: Math.round(applied / (phases.mergeMs / 1000)),
      changesAppliedPerSecondIncludingDecryptAndBackup: Math.round(applied / (sum(importTimes) / 1000)),
      leadCodings,
      leadFileMb: round(statSync(join(workDir, 'lead.veldwerk')).size / 1024 / 1024, 1),
      ok: applied === totalChanges,
    };
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}
