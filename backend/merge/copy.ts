/**
 * "Kopie voor inspecteur": the team lead hands each inspector a copy of the
 * study. The copy is the whole file (`VACUUM INTO`, under the study's key), then made its own
 * replica: a new replica id (its changes carry it), the inspector as current
 * user, an empty undo history (undo is per copy), no exchange bookkeeping and
 * no conflicts of the original. Its "since the last exchange" starts at the
 * moment of copying: what it was born with, the original hands on itself.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { UserError } from '../errors';
import { openStudyFile } from '../store/open-study';
import { copyStudyInto } from '../store/copy-study';
import { findInspectorByInitials } from '../study/setup';
import { readMeta, Study, writeMeta } from '../study/study';
import { forgetCopiedIdentity } from './team-recipients';
import { META, maxSeq, versionVector } from './exchange';
import { startActionsAfterCopy } from './bundle-actions';
import { installCopyKey, keyIdOf, registerCopyKey, signOwnChanges } from './signing';

export interface CopyResult {
  path: string;
  replicaId: string;
  inspectorId: string;
  inspectorName: string;
}

export function copyForInspector(sourcePath: string, targetPath: string, initials: string): CopyResult {
  const study = Study.open(sourcePath);
  try {
    return copyStudyForInspector(study, targetPath, initials);
  } finally {
    study.close();
  }
}

export function copyStudyForInspector(study: Study, targetPath: string, initials: string): CopyResult {
  const inspector = findInspectorByInitials(study, initials.trim());
  if (!inspector) {
    const known = study.inspectors().map((candidate) => candidate.initials).join(', ');
    throw new UserError(`Er is geen inspecteur met initialen "${initials}" in dit onderzoek (wel: ${known || 'geen'}).`, 'not-found');
  }
  // The copy's key is registered by the lead's key; a copy cannot vouch for another copy.
  if (readMeta(study.db, META.copiedFrom)) {
    throw new UserError('Dit is zelf een kopie. Alleen de teamleider maakt kopieën voor inspecteurs, vanuit het oorspronkelijke onderzoek.', 'rejected');
  }
  const target = resolve(targetPath);
  if (target === resolve(study.path)) throw new UserError('Kies voor de kopie een ander bestand dan het onderzoek zelf.', 'invalid-input');
  if (existsSync(target)) throw new UserError(`Er bestaat al een bestand "${target}".`, 'conflict');
  // The copy's own signing key, registered here by the lead before copying, so the copy carries the register (signing.ts).
  const replicaId = randomUUID();
  signOwnChanges(study);
  const keyPair = registerCopyKey(study, inspector.id, replicaId);
  try {
    copyStudyInto(study.db, study.path, target);
  } catch (error) {
    study.db.prepare('DELETE FROM inspector_key WHERE key_id = ?').run(keyIdOf(keyPair.publicKey));
    throw new UserError(`De kopie kon niet worden gemaakt in "${target}".`, 'rejected', error);
  }
  const db = openStudyFile(target, { key: study.key });
  try {
    db.transaction(() => {
      writeMeta(db, 'replica_id', replicaId);
      writeMeta(db, 'current_inspector', inspector.id);
      // Replaces the lead's private key, which VACUUM INTO copied along.
      installCopyKey(db, keyPair);
      // Nor may the copy keep the lead's age identity: it makes its own (team-recipients.ts).
      forgetCopiedIdentity(db);
      db.prepare('DELETE FROM undo_history').run();
      db.prepare('DELETE FROM exchange_peer').run();
      db.prepare('DELETE FROM merge_conflict').run();
      db.prepare('DELETE FROM meta WHERE key IN (?, ?, ?, ?)').run(META.backupPath, META.backupAt, META.exportAt, META.undoneAside);
      writeMeta(db, META.exportSeq, String(maxSeq(db)));
      startActionsAfterCopy(db);
      writeMeta(db, META.exportVector, JSON.stringify(versionVector(db)));
      writeMeta(db, META.copiedFrom, study.replicaId);
      writeMeta(db, META.copiedAt, new Date().toISOString());
    })();
  } finally {
    db.close();
  }
  return { path: target, replicaId, inspectorId: inspector.id, inspectorName: inspector.name };
}
