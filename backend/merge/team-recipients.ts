/**
 * Bundles encrypted to the team's public keys. Each copy has, besides its
 * Ed25519 signing key, an age X25519 identity (meta `age_identity`, inside
 * the study file, so encrypted at rest). Its recipient (`age1…`) is
 * registered by signing it with the copy's own registered signing key, so
 * nobody can slip in a recipient for another inspector: the lead vouches for
 * the signing key (signing.ts), the signing key vouches for the recipient.
 * Recipients travel in bundles (`recipient` lines) and are checked on arrival.
 *
 * A bundle to the team is encrypted to the recipients of every unrevoked key
 * this study knows; a revoked inspector's copy is left out of new bundles
 * and cannot open them. Reading, the copy's own identity is tried (besides a
 * passphrase, if one was given).
 */
import { generateX25519Identity, identityToRecipient } from 'age-encryption';
import { UserError } from '../errors';
import type { Db } from '../store/open-study';
import { Study, readMeta, writeMeta } from '../study/study';
import { signWithRegisteredOwnKey, verifiesWithRegisteredKey } from './signing';

const IDENTITY_META = 'age_identity';

export interface RecipientRecord {
  keyId: string;
  /** age X25519 recipient, `age1…`. */
  recipient: string;
  /** Ed25519 signature by keyId's key over recipientBytes. */
  signature: string;
}

export const RECIPIENT_MESSAGES = {
  forged: 'De bundel is geweigerd: een teamsleutel voor versleuteling is niet ondertekend door de geregistreerde sleutel van haar kopie. Er is niets veranderd.',
  notForThisCopy:
    'Deze bundel is versleuteld voor de sleutels van het team, maar niet voor deze kopie: deze kopie hoort niet (meer) bij het team van de afzender, of haar sleutel was ingetrokken toen de bundel werd gemaakt. Vraag de afzender om een nieuwe bundel of om het wachtwoord. Er is niets veranderd.',
  noRecipients:
    'Er zijn nog geen teamsleutels om de bundel voor te versleutelen (ze ontstaan bij het maken van kopieën voor inspecteurs en komen met hun bundels mee). Gebruik een wachtwoord.',
} as const;

export function recipientBytes(keyId: string, recipient: string): Buffer {
  return Buffer.from(JSON.stringify(['veldwerk-age-recipient-v1', keyId, recipient]), 'utf8');
}

/** This copy's age identity, made (and its recipient registered) on first need; null for a copy whose signing key nobody registered. */
export async function ensureOwnRecipient(study: Study): Promise<string | null> {
  const existing = readMeta(study.db, IDENTITY_META);
  if (existing) return existing;
  const identity = await generateX25519Identity();
  const recipient = await identityToRecipient(identity);
  const db = study.db;
  return db.transaction(() => {
    // Another call may have made one meanwhile: keep the first.
    const raced = readMeta(db, IDENTITY_META);
    if (raced) return raced;
    const signed = signWithRegisteredOwnKey(study, (keyId) => recipientBytes(keyId, recipient));
    if (!signed) return null;
    writeMeta(db, IDENTITY_META, identity);
    insertRecipient(db, { keyId: signed.keyId, recipient, signature: signed.signature });
    return identity;
  })();
}

/** In a new copy: drop the lead's identity that VACUUM INTO carried along. */
export function forgetCopiedIdentity(db: Db): void {
  db.prepare('DELETE FROM meta WHERE key = ?').run(IDENTITY_META);
}

/** This copy's identities to read bundles with (none before it made one). */
export function ownIdentities(db: Db): string[] {
  const identity = readMeta(db, IDENTITY_META);
  return identity ? [identity] : [];
}

/**
 * After "Kopie voor inspecteur": the copy gets its identity now, and the
 * lead's study its recipient, so the lead can send it team bundles at once.
 */
export async function provisionCopyRecipient(lead: Study, copyPath: string): Promise<void> {
  const copy = Study.open(copyPath, lead.key);
  try {
    await ensureOwnRecipient(copy);
    acceptRecipients(lead.db, readRecipients(copy.db));
  } finally {
    copy.close();
  }
}

export function readRecipients(db: Db): RecipientRecord[] {
  return db.prepare('SELECT key_id AS keyId, recipient, signature FROM age_recipient ORDER BY key_id').all() as RecipientRecord[];
}

/** The recipients of every unrevoked registered key: whom a bundle to the team is encrypted for. */
export function teamRecipients(db: Db): string[] {
  return db
    .prepare('SELECT DISTINCT r.recipient FROM age_recipient r JOIN inspector_key k ON k.key_id = r.key_id WHERE k.revoked_at IS NULL ORDER BY r.recipient')
    .pluck()
    .all() as string[];
}

function insertRecipient(db: Db, record: RecipientRecord): void {
  db.prepare('INSERT INTO age_recipient (key_id, recipient, signature) VALUES (?, ?, ?) ON CONFLICT (key_id) DO NOTHING').run(
    record.keyId,
    record.recipient,
    record.signature,
  );
}

/**
 * Take the recipients a bundle (or a new copy) carries, after its key
 * registrations: each must verify with its registered key, or the whole
 * bundle is refused. A key keeps the first recipient it registered.
 */
export function acceptRecipients(db: Db, records: RecipientRecord[]): void {
  for (const record of records) {
    if (!verifiesWithRegisteredKey(db, record.keyId, recipientBytes(record.keyId, record.recipient), record.signature)) {
      throw new UserError(RECIPIENT_MESSAGES.forged, 'rejected');
    }
    insertRecipient(db, record);
  }
}
