/**
 * Signed authorship. Every copy of a study has its own Ed25519 key pair
 * (Node's crypto); its private key stays in that copy (meta `signing_key`,
 * inside the study file, which is encrypted at rest). Every change a copy made
 * is signed with its key before it leaves (a bundle, a copy for an inspector),
 * and the signature travels with the change wherever it is passed on.
 *
 * The register of keys (`inspector_key`) says which key belongs to which
 * inspector and copy. The lead's study (the original, not a copy) is the
 * authority: its key is the first one registered (role 'lead') and signs every
 * registration and revocation. "Kopie voor inspecteur" creates the copy's key
 * pair and registers its public key in the lead's study before copying, so the
 * copy carries the register as it was; bundles carry the register too, and a
 * receiver takes a registration only when the lead's key it already knows
 * signed it. Nobody can sign in the name of the lead without the lead's key.
 *
 * Reading a bundle, every change the study does not have yet must carry a
 * signature that verifies with a registered, unrevoked key of the copy that
 * made it (replica id), and the key's inspector must be the change's author
 * (the lead's key may also sign changes without an author or made for another
 * inspector with --coder). One failure refuses the whole bundle.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { UserError } from '../errors';
import type { ChangeRecord } from '../store/changes';
import type { Db } from '../store/open-study';
import { readMeta, writeMeta, type Study } from '../study/study';
import { META } from './exchange';

export interface KeyRecord {
  keyId: string;
  /** '' for a lead without a chosen inspector. */
  inspectorId: string;
  replicaId: string;
  /** Raw 32-byte Ed25519 public key, base64. */
  publicKey: string;
  role: 'lead' | 'member';
  registeredAt: string;
  revokedAt: string | null;
  /**
   * Of a revoked key: the latest clock of its copy the lead held when revoking.
   * What the lead had accepted until then stays good (and is passed on); anything else is refused.
   */
  validThrough: string | null;
  /** The lead's signature over the record (the lead's own record signs itself). */
  signature: string;
}

export interface ChangeSignature {
  keyId: string;
  signature: string;
}

const SIGNING_KEY = 'signing_key';
const SIGNING_KEY_ID = 'signing_key_id';
/** The DER prefix that turns a raw Ed25519 public key into SPKI. */
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export const SIGNING_MESSAGES = {
  unsigned: 'een wijziging is niet ondertekend',
  unknownKey: 'een wijziging is ondertekend met een sleutel die dit onderzoek niet kent (laat de teamleider de kopie opnieuw maken of de bundels van het team eerst inlezen)',
  revoked: (who: string) => `een wijziging is ondertekend met de ingetrokken sleutel van ${who}`,
  wrongCopy: 'een wijziging is ondertekend met de sleutel van een andere kopie dan die haar maakte',
  forged: (who: string) => `een wijziging staat op naam van een ander dan ${who}, van wie de sleutel is`,
  badSignature: 'de handtekening van een wijziging klopt niet (de wijziging is veranderd of vervalst)',
  badRegistration: 'een sleutel in de bundel is niet door de teamleider geregistreerd',
  otherLead: 'de bundel noemt een andere teamleider dan dit onderzoek kent',
} as const;

const refuse = (detail: string): never => {
  throw new UserError(`De bundel is geweigerd: ${detail}. Er is niets veranderd.`, 'rejected');
};

export const keyIdOf = (publicKey: string) => createHash('sha256').update(Buffer.from(publicKey, 'base64')).digest('hex').slice(0, 32);

function publicKeyObject(publicKey: string): KeyObject {
  return createPublicKey({ key: Buffer.concat([SPKI_PREFIX, Buffer.from(publicKey, 'base64')]), format: 'der', type: 'spki' });
}

function newKeyPair(): { privateKey: string; publicKey: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const raw = (publicKey.export({ format: 'der', type: 'spki' }) as Buffer).subarray(SPKI_PREFIX.length);
  return { privateKey: (privateKey.export({ format: 'der', type: 'pkcs8' }) as Buffer).toString('base64'), publicKey: raw.toString('base64') };
}

/** What a change's signature covers: every field of the record, keys in a fixed order. */
export function changeBytes(change: ChangeRecord): Buffer {
  const sorted = (record: Record<string, unknown>) => Object.fromEntries(Object.keys(record).sort().map((key) => [key, record[key]]));
  return Buffer.from(
    JSON.stringify([
      'veldwerk-change-v1',
      change.changeId,
      change.actionId,
      change.entity,
      change.entityId,
      sorted(change.fields),
      change.hlc,
      change.replicaId,
      change.authorId,
      sorted(change.bases),
    ]),
    'utf8',
  );
}

function recordBytes(record: KeyRecord): Buffer {
  const { keyId, inspectorId, replicaId, publicKey, role, registeredAt, revokedAt, validThrough } = record;
  return Buffer.from(JSON.stringify(['veldwerk-key-v1', keyId, inspectorId, replicaId, publicKey, role, registeredAt, revokedAt, validThrough]), 'utf8');
}

/* ---------- this copy's key ---------- */

interface OwnKey {
  keyId: string;
  privateKey: KeyObject;
}

const ownKeys = new WeakMap<Db, OwnKey>();

function ownKey(db: Db): OwnKey | null {
  const cached = ownKeys.get(db);
  if (cached) return cached;
  const stored = readMeta(db, SIGNING_KEY);
  const keyId = readMeta(db, SIGNING_KEY_ID);
  if (!stored || !keyId) return null;
  const key = { keyId, privateKey: createPrivateKey({ key: Buffer.from(stored, 'base64'), format: 'der', type: 'pkcs8' }) };
  ownKeys.set(db, key);
  return key;
}

function storeOwnKey(db: Db, pair: { privateKey: string; publicKey: string }): string {
  const keyId = keyIdOf(pair.publicKey);
  writeMeta(db, SIGNING_KEY, pair.privateKey);
  writeMeta(db, SIGNING_KEY_ID, keyId);
  ownKeys.delete(db);
  return keyId;
}

function leadRecord(db: Db): KeyRecord | undefined {
  return readRecords(db, "WHERE role = 'lead' ORDER BY registered_at, key_id LIMIT 1")[0];
}

/**
 * This copy's key, created on first need. The original study (not a copy)
 * that has no lead yet becomes the lead; a copy made before keys existed gets
 * a key nobody registered (its bundles are refused until the lead makes a new copy).
 */
export function ensureSigningKey(study: Study): OwnKey {
  const existing = ownKey(study.db);
  if (existing) return existing;
  study.db.transaction(() => {
    const pair = newKeyPair();
    const keyId = storeOwnKey(study.db, pair);
    if (!leadRecord(study.db) && !readMeta(study.db, META.copiedFrom)) {
      const record = unsignedRecord(keyId, study.currentInspectorId ?? '', study.replicaId, pair.publicKey, 'lead');
      insertRecord(study.db, { ...record, signature: signBytes(ownKey(study.db)!, recordBytes(record)) });
    }
  })();
  return ownKey(study.db)!;
}

function unsignedRecord(keyId: string, inspectorId: string, replicaId: string, publicKey: string, role: KeyRecord['role']): KeyRecord {
  return { keyId, inspectorId, replicaId, publicKey, role, registeredAt: new Date().toISOString(), revokedAt: null, validThrough: null, signature: '' };
}

function signBytes(key: OwnKey, bytes: Buffer): string {
  return sign(null, bytes, key.privateKey).toString('base64');
}

/** True when this copy holds the lead's private key. */
export function isLead(study: Study): boolean {
  const lead = leadRecord(study.db);
  return lead !== undefined && ownKey(study.db)?.keyId === lead.keyId;
}

function requireLead(study: Study): OwnKey {
  const key = ensureSigningKey(study);
  if (!isLead(study)) throw new UserError('Alleen de teamleider (het oorspronkelijke onderzoek, geen kopie) beheert de sleutels van inspecteurs.', 'rejected');
  return key;
}

/**
 * For "Kopie voor inspecteur": a new key pair for the copy, its public key
 * registered here (signed by the lead). Returns the private key to store in the copy.
 */
export function registerCopyKey(study: Study, inspectorId: string, replicaId: string): { privateKey: string; publicKey: string } {
  const lead = requireLead(study);
  const pair = newKeyPair();
  const record = unsignedRecord(keyIdOf(pair.publicKey), inspectorId, replicaId, pair.publicKey, 'member');
  insertRecord(study.db, { ...record, signature: signBytes(lead, recordBytes(record)) });
  return pair;
}

/** Store a key pair made by registerCopyKey as the copy's own (in the copy's database). */
export function installCopyKey(db: Db, pair: { privateKey: string; publicKey: string }): void {
  storeOwnKey(db, pair);
}

/**
 * Revoke every key of an inspector (a lost laptop). What the lead already
 * accepted from those copies stays (up to the latest clock held from each);
 * anything else signed with them is refused from now on, everywhere the
 * revocation arrives. Returns how many keys were revoked.
 */
export function revokeInspectorKeys(study: Study, inspectorId: string): number {
  const lead = requireLead(study);
  const at = new Date().toISOString();
  const records = readRecords(study.db, "WHERE inspector_id = ? AND revoked_at IS NULL AND role = 'member'", inspectorId);
  study.db.transaction(() => {
    for (const record of records) {
      const latest = study.db.prepare('SELECT max(hlc) FROM change_log WHERE replica_id = ?').pluck().get(record.replicaId) as string | null;
      const revoked = { ...record, revokedAt: at, validThrough: latest };
      insertRecord(study.db, { ...revoked, signature: signBytes(lead, recordBytes(revoked)) });
    }
  })();
  return records.length;
}

/* ---------- the register ---------- */

export function readRecords(db: Db, where = '', ...params: string[]): KeyRecord[] {
  const rows = db.prepare(`SELECT * FROM inspector_key ${where}`).all(...params) as Array<Record<string, string | null>>;
  return rows.map((row) => ({
    keyId: row.key_id!,
    inspectorId: row.inspector_id!,
    replicaId: row.replica_id!,
    publicKey: row.public_key!,
    role: row.role as KeyRecord['role'],
    registeredAt: row.registered_at!,
    revokedAt: row.revoked_at ?? null,
    validThrough: row.valid_through ?? null,
    signature: row.signature!,
  }));
}

function insertRecord(db: Db, record: KeyRecord): void {
  db.prepare(
    `INSERT INTO inspector_key (key_id, inspector_id, replica_id, public_key, role, registered_at, revoked_at, valid_through, signature)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (key_id) DO UPDATE SET revoked_at = excluded.revoked_at, valid_through = excluded.valid_through, signature = excluded.signature`,
  ).run(
    record.keyId,
    record.inspectorId,
    record.replicaId,
    record.publicKey,
    record.role,
    record.registeredAt,
    record.revokedAt,
    record.validThrough,
    record.signature,
  );
}

/**
 * Take the registrations a bundle carries (inside the merge transaction):
 * each must be signed by the lead this study knows; revocations only ever
 * add (a key once revoked stays revoked).
 */
export function acceptRegistrations(db: Db, records: KeyRecord[]): void {
  if (records.length === 0) return;
  const lead = leadRecord(db);
  if (!lead) refuse(SIGNING_MESSAGES.badRegistration);
  const leadKey = publicKeyObject(lead!.publicKey);
  for (const record of records) {
    if (record.role === 'lead' && record.keyId !== lead!.keyId) refuse(SIGNING_MESSAGES.otherLead);
    if (record.keyId !== keyIdOf(record.publicKey)) refuse(SIGNING_MESSAGES.badRegistration);
    if (!verifyBytes(leadKey, recordBytes(record), record.signature)) refuse(SIGNING_MESSAGES.badRegistration);
    const [held] = readRecords(db, 'WHERE key_id = ?', record.keyId);
    if (held && (held.revokedAt !== null || record.revokedAt === null)) continue;
    insertRecord(db, record);
  }
}

function verifyBytes(key: KeyObject, bytes: Buffer, signature: string): boolean {
  try {
    return verify(null, bytes, key, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

/** Sign the bytes for this copy's own key id with that key, when it is registered (team-recipients.ts); null otherwise. */
export function signWithRegisteredOwnKey(study: Study, bytesFor: (keyId: string) => Buffer): { keyId: string; signature: string } | null {
  const key = ensureSigningKey(study);
  if (readRecords(study.db, 'WHERE key_id = ?', key.keyId).length === 0) return null;
  return { keyId: key.keyId, signature: signBytes(key, bytesFor(key.keyId)) };
}

/** Whether `signature` over `bytes` verifies with the registered key `keyId`. */
export function verifiesWithRegisteredKey(db: Db, keyId: string, bytes: Buffer, signature: string): boolean {
  const [record] = readRecords(db, 'WHERE key_id = ?', keyId);
  return record !== undefined && verifyBytes(publicKeyObject(record.publicKey), bytes, signature);
}

/** The same check in Node's thread pool (the callback form of crypto.verify). */
function verifyInPool(key: KeyObject, bytes: Buffer, signature: string): Promise<boolean> {
  return new Promise((resolve) => {
    try {
      verify(null, bytes, key, Buffer.from(signature, 'base64'), (error, valid) => resolve(!error && valid));
    } catch {
      resolve(false);
    }
  });
}

/**
 * Change records (the very objects of a read bundle) whose signature was
 * verified ahead of the merge, with the public key and signature it verified
 * with. The merge then checks everything else about the signature (whose key,
 * revoked or not, which copy, which author) as before, and skips only the
 * arithmetic when the key it finds and the signature are the ones verified.
 */
const verifiedAhead = new WeakMap<ChangeRecord, string>();
const verifiedWith = (publicKey: string, signature: string) => `${publicKey} ${signature}`;

/**
 * Verify the signatures of a bundle's new changes before the merge, in Node's
 * thread pool: on both cores, and without holding the thread that runs the
 * merge (at national scale, 10,000 signatures a bundle). A signature that does
 * not verify here is simply checked again in the merge, which refuses it.
 */
export async function verifySignaturesAhead(db: Db, changes: ChangeRecord[], signatures: Map<string, ChangeSignature>, sentKeys: KeyRecord[]): Promise<void> {
  const candidates = new Map<string, string[]>();
  for (const record of [...readRecords(db), ...sentKeys]) candidates.set(record.keyId, [...(candidates.get(record.keyId) ?? []), record.publicKey]);
  const keyObjects = new Map<string, KeyObject>();
  const keyObject = (publicKey: string) => {
    let key = keyObjects.get(publicKey);
    if (!key) keyObjects.set(publicKey, (key = publicKeyObject(publicKey)));
    return key;
  };
  const known = db.prepare('SELECT 1 FROM change_log WHERE change_id = ?').pluck();
  await Promise.all(
    changes.map(async (change) => {
      const signed = signatures.get(change.changeId);
      if (!signed || known.get(change.changeId)) return;
      const bytes = changeBytes(change);
      for (const publicKey of new Set(candidates.get(signed.keyId) ?? [])) {
        if (await verifyInPool(keyObject(publicKey), bytes, signed.signature)) {
          verifiedAhead.set(change, verifiedWith(publicKey, signed.signature));
          return;
        }
      }
    }),
  );
}

/* ---------- signing and verifying changes ---------- */

/** Sign every change this copy made that is not signed yet (before anything leaves it). */
export function signOwnChanges(study: Study): void {
  const key = ensureSigningKey(study);
  const db = study.db;
  const rows = db
    .prepare('SELECT l.* FROM change_log l LEFT JOIN change_signature s ON s.change_id = l.change_id WHERE l.replica_id = ? AND s.change_id IS NULL')
    .all(study.replicaId) as Array<Record<string, string | null>>;
  if (rows.length === 0) return;
  const insert = db.prepare('INSERT INTO change_signature (change_id, key_id, signature) VALUES (?, ?, ?)');
  db.transaction(() => {
    for (const change of rowsToChanges(rows)) insert.run(change.changeId, key.keyId, signBytes(key, changeBytes(change)));
  })();
}

function rowsToChanges(rows: Array<Record<string, string | null>>): ChangeRecord[] {
  return rows.map((row) => ({
    changeId: row.change_id!,
    actionId: row.action_id!,
    entity: row.entity as ChangeRecord['entity'],
    entityId: row.entity_id!,
    fields: JSON.parse(row.fields!) as ChangeRecord['fields'],
    hlc: row.hlc!,
    replicaId: row.replica_id!,
    authorId: row.author_id ?? null,
    bases: JSON.parse(row.bases ?? '{}') as Record<string, string[]>,
  }));
}

/** The stored signatures of these changes (those that have one). */
export function signaturesOf(db: Db, changes: ChangeRecord[]): Map<string, ChangeSignature> {
  const read = db.prepare('SELECT key_id, signature FROM change_signature WHERE change_id = ?');
  const found = new Map<string, ChangeSignature>();
  for (const change of changes) {
    const row = read.get(change.changeId) as { key_id: string; signature: string } | undefined;
    if (row) found.set(change.changeId, { keyId: row.key_id, signature: row.signature });
  }
  return found;
}

/**
 * Verify every change in `changes` (those the study does not have yet) and
 * store their signatures; refuses the bundle at the first that fails.
 */
export function verifyAndStoreSignatures(db: Db, changes: ChangeRecord[], signatures: Map<string, ChangeSignature>): void {
  const records = new Map(readRecords(db).map((record) => [record.keyId, record]));
  const lead = leadRecord(db);
  // The lead holds whatever it accepted before revoking, so an unknown change of a revoked key is never good there.
  const atLead = lead !== undefined && ownKey(db)?.keyId === lead.keyId;
  const keys = new Map<string, KeyObject>();
  const names = db.prepare('SELECT name, initials FROM inspector WHERE id = ?');
  const who = (inspectorId: string) => {
    const row = names.get(inspectorId) as { name: string; initials: string } | undefined;
    return row ? `${row.name} (${row.initials})` : 'een onbekende inspecteur';
  };
  const insert = db.prepare('INSERT OR IGNORE INTO change_signature (change_id, key_id, signature) VALUES (?, ?, ?)');
  for (const change of changes) {
    const signed = signatures.get(change.changeId);
    if (!signed) refuse(SIGNING_MESSAGES.unsigned);
    const record = records.get(signed!.keyId);
    if (!record) refuse(SIGNING_MESSAGES.unknownKey);
    const acceptedBefore = !atLead && record!.validThrough !== null && change.hlc <= record!.validThrough;
    if (record!.revokedAt !== null && !acceptedBefore) refuse(SIGNING_MESSAGES.revoked(who(record!.inspectorId)));
    if (record!.replicaId !== change.replicaId) refuse(SIGNING_MESSAGES.wrongCopy);
    const byLead = record!.keyId === lead?.keyId;
    if (!byLead && change.authorId !== record!.inspectorId) refuse(SIGNING_MESSAGES.forged(who(record!.inspectorId)));
    let key = keys.get(record!.keyId);
    if (!key) keys.set(record!.keyId, (key = publicKeyObject(record!.publicKey)));
    const checkedAhead = verifiedAhead.get(change) === verifiedWith(record!.publicKey, signed!.signature);
    if (!checkedAhead && !verifyBytes(key, changeBytes(change), signed!.signature)) refuse(SIGNING_MESSAGES.badSignature);
    insert.run(change.changeId, signed!.keyId, signed!.signature);
  }
}
