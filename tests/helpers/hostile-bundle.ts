/**
 * Bundles as a hostile team member makes them: someone with the team
 * passphrase and their own copy (and so their own signing key), who edits the
 * changes of a real bundle and seals the result with the same age encryption
 * the program uses.
 */
import { randomUUID, sign } from 'node:crypto';
import { encodeHlc } from '../../shared/hlc';
import { sealBundle } from '../../backend/merge/bundle-file';
import type { ParsedBundle } from '../../backend/merge/bundle-format';
import { exportBundle } from '../../backend/merge/export';
import { readBundle } from '../../backend/merge/merge';
import { changeBytes, ensureSigningKey, type ChangeSignature } from '../../backend/merge/signing';
import type { ChangeRecord } from '../../backend/store/changes';
import type { Fields } from '../../backend/store/entities';
import type { Study } from '../../backend/study/study';
import { PASSPHRASE, TEST_WORK_FACTOR } from '../property/merge-kit';

/** A real bundle of `from`, opened as `to` reads it. */
export async function openedBundle(from: Study, to: Study): Promise<ParsedBundle> {
  const made = await exportBundle(from, { passphrase: PASSPHRASE, all: false, scryptWorkFactor: TEST_WORK_FACTOR });
  return readBundle(to, { bytes: made.bytes }, PASSPHRASE);
}

let wall = Date.now();

/** A change as `attacker`'s copy would stamp it (its replica and clock), signed with its own key. */
export function forgedChange(attacker: Study, entity: ChangeRecord['entity'], entityId: string, fields: Fields, authorId: string | null): ChangeRecord {
  wall += 1;
  return {
    changeId: randomUUID(),
    actionId: randomUUID(),
    entity,
    entityId,
    fields,
    hlc: encodeHlc({ wallMs: wall, counter: 0, replicaId: attacker.replicaId }),
    replicaId: attacker.replicaId,
    authorId,
    bases: {},
  };
}

export function signedBy(attacker: Study, change: ChangeRecord): ChangeSignature {
  const key = ensureSigningKey(attacker);
  return { keyId: key.keyId, signature: sign(null, changeBytes(change), key.privateKey).toString('base64') };
}

/** Seal a (changed) parsed bundle again: header, blobs, key register, changes with their signatures. */
export function reseal(bundle: ParsedBundle): Promise<Uint8Array> {
  const { payloadSha256: _hash, ...header } = bundle.header;
  const lines = function* () {
    for (const file of bundle.files) yield { t: 'file' as const, sha256: file.sha256, size: file.size, data: file.data.toString('base64') };
    for (const content of bundle.contents) yield { t: 'content' as const, ...content };
    for (const record of bundle.keys) yield { t: 'key' as const, ...record };
    for (const change of bundle.changes) yield { t: 'change' as const, ...change, signature: bundle.signatures.get(change.changeId) };
  };
  const counts = { ...header.counts, changes: bundle.changes.length, files: bundle.files.length, contents: bundle.contents.length, keys: bundle.keys.length, surveyData: 0 };
  return sealBundle({ ...header, bundleId: randomUUID(), counts }, lines(), PASSPHRASE, TEST_WORK_FACTOR);
}

/** `bundle` with these changes added, each signed by `attacker` unless a signature is given. */
export function withChanges(bundle: ParsedBundle, attacker: Study, changes: Array<ChangeRecord | [ChangeRecord, ChangeSignature | null]>): ParsedBundle {
  const signatures = new Map(bundle.signatures);
  const added = changes.map((entry) => {
    const [change, signature] = Array.isArray(entry) ? entry : [entry, signedBy(attacker, entry)];
    if (signature) signatures.set(change.changeId, signature);
    return change;
  });
  return { ...bundle, changes: [...bundle.changes, ...added], signatures };
}
