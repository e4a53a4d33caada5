/**
 * The team's signing keys as the Team view shows them: per registered key
 * its fingerprint, the inspector and copy it belongs to, when and by whom
 * (the lead) it was registered, and whether it is revoked. Revoking goes
 * through signing.ts, as `veldwerk inspector revoke` does: only the lead's
 * study may, and it asks for the inspector, not a key (every key of a lost
 * laptop's inspector goes at once).
 */
import { UserError } from '../errors';
import type { Study } from '../study/study';
import type { TeamKey, TeamKeys } from '../../shared/api/types';
import { isLead, readRecords, revokeInspectorKeys } from './signing';

/** A key id (hex) in groups of four, as people compare it aloud. */
export function fingerprint(keyId: string): string {
  return (keyId.toUpperCase().match(/.{1,4}/g) ?? []).join(' ');
}

export function teamKeys(study: Study): TeamKeys {
  const inspectors = new Map(study.inspectors().map((inspector) => [inspector.id, inspector]));
  const records = readRecords(study.db, 'ORDER BY registered_at, key_id');
  const lead = records.find((record) => record.role === 'lead');
  const leadName = lead ? (inspectors.get(lead.inspectorId)?.name ?? null) : null;
  const keys = records.map(
    (record): TeamKey => ({
      keyId: record.keyId,
      fingerprint: fingerprint(record.keyId),
      inspectorId: record.inspectorId || null,
      inspectorName: inspectors.get(record.inspectorId)?.name ?? null,
      initials: inspectors.get(record.inspectorId)?.initials ?? null,
      role: record.role,
      registeredAt: record.registeredAt,
      registeredBy: leadName,
      revokedAt: record.revokedAt,
    }),
  );
  return { lead: isLead(study), keys };
}

export function revokeKeysOf(study: Study, inspectorId: string): TeamKeys {
  const inspector = study.inspectors().find((candidate) => candidate.id === inspectorId);
  if (!inspector) throw new UserError('Deze inspecteur bestaat niet in dit onderzoek.', 'not-found');
  const count = revokeInspectorKeys(study, inspectorId);
  if (count === 0) throw new UserError(`${inspector.name} (${inspector.initials}) heeft geen geldige sleutel om in te trekken.`, 'rejected');
  return teamKeys(study);
}
