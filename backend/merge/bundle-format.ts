/**
 * The `.vwbundle` format: what one copy of a study hands the team.
 *
 * On disk: an age-encrypted file (passphrase, scrypt) whose plaintext is a
 * gzip stream of UTF-8 JSON lines:
 *
 *   line 1      the header (see `headerSchema`): format and program version,
 *               study id and name, sender replica and inspector, the sender's
 *               version vector (replica id -> highest clock it holds from that
 *               replica), counts, and `payloadSha256`: the SHA-256 (hex) of
 *               every byte after the header line.
 *   then        `{"t":"file",...}` original files (base64), `{"t":"content",...}`
 *               extracted texts, `{"t":"surveyData",...}` survey respondent
 *               tables (gzip, base64), `{"t":"key",...}` the register of the
 *               team's signing keys (format 2), `{"t":"change",...}` change
 *               records, each with `signature` {keyId, signature} (format 2),
 *               and `{"t":"action",...}` the actions they belong to (see
 *               bundle-actions.ts; one per writing call, refusals included),
 *               each on one line: the content-addressed rows the changes in
 *               the bundle point to come before those changes.
 *
 * age authenticates every 64 KiB chunk and the end of the stream, so a changed,
 * missing or added byte fails decryption; the payload hash inside is a second,
 * format-level check. Everything read back is validated here before anything
 * touches the study: the entity and field names against ENTITIES, ids as
 * UUIDs, clocks through `decodeHlc`, value types, and size limits.
 */
import { z } from 'zod';
import { decodeHlc, MAX_CLOCK_DRIFT_MS } from '../../shared/hlc';
import { ENTITIES, isEntityName } from '../store/entities';
import type { ChangeRecord } from '../store/changes';
import type { ChangeSignature, KeyRecord } from './signing';

/** Bumped when a reader of an older version could misread a bundle. */
/** 2: key register lines and signed changes (merge/signing.ts). */
export const BUNDLE_FORMAT_VERSION = 2;
export const BUNDLE_EXTENSION = '.vwbundle';

export const BUNDLE_LIMITS = Object.freeze({
  /** The encrypted file as it lies on disk. */
  maxBundleBytes: 2 * 1024 ** 3,
  /** All decompressed bytes together (a gzip bomb stops here). */
  maxPayloadBytes: 3 * 1024 ** 3,
  /** One line (the largest is an original file in base64). */
  maxLineBytes: 400 * 1024 ** 2,
  maxChanges: 5_000_000,
  maxFiles: 100_000,
  maxContents: 100_000,
  /** One original file (the importer's own limit is lower). */
  maxFileBytes: 250 * 1024 ** 2,
  /** One text field value in a change record. */
  maxValueChars: 1_000_000,
  maxTextChars: 60_000_000,
  /** The highest scrypt work factor (log2 N) we are willing to compute: 2^18 is age's default, 256 MiB. */
  maxScryptLogN: 18,
  /** Entries of the key register (one per copy of the study). */
  maxKeys: 10_000,
});

/** The messages a user reads when a bundle is refused. */
export const BUNDLE_MESSAGES = {
  wrongPassphrase: 'Het wachtwoord klopt niet of het bestand is geen Veldwerk-bundel.',
  passphraseOrTeam: 'Deze bundel is niet voor de sleutel van deze kopie versleuteld; geef het wachtwoord van de bundel. Er is niets veranderd.',
  damaged: 'De bundel is beschadigd of gewijzigd (bijvoorbeeld onvolledig overgezet). Vraag de afzender om een nieuwe bundel.',
  notABundle: 'Dit bestand is geen Veldwerk-bundel.',
  tooLarge: 'De bundel is groter dan Veldwerk aankan.',
  // Read before, or made from a copy that already holds its work (a fresh copy's first bundle back): both bring nothing.
  replayed: 'Deze bundel brengt niets nieuws: alles wat erin staat, is al in dit onderzoek (eerder ingelezen of al aanwezig); er is niets veranderd.',
  otherStudy: (name: string, sameName: boolean) =>
    sameName
      ? `Deze bundel hoort bij een ander onderzoek met dezelfde naam ("${name}"), niet bij dit bestand. Open het onderzoek waaruit hij komt om hem in te lezen.`
      : `Deze bundel hoort bij een ander onderzoek: "${name}". Open dat onderzoek om hem in te lezen.`,
  newerVersion: (version: string) =>
    `Deze bundel is gemaakt met een nieuwere versie van Veldwerk (${version}). Werk Veldwerk bij om hem in te lezen.`,
  invalid: (detail: string) => `De bundel is ongeldig: ${detail}. Er is niets veranderd.`,
} as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const uuidSchema = z.string().regex(UUID, 'geen geldige id');
const sha256Schema = z.string().regex(/^[0-9a-f]{64}$/, 'geen SHA-256');

/** An HLC timestamp that decodes and is not absurdly far in the future. */
export const hlcSchema = z
  .string()
  .max(200)
  .superRefine((value, context) => {
    try {
      const clock = decodeHlc(value);
      if (!UUID.test(clock.replicaId)) context.addIssue({ code: 'custom', message: 'klok zonder geldige kopie-id' });
      if (clock.wallMs - Date.now() > MAX_CLOCK_DRIFT_MS) context.addIssue({ code: 'custom', message: 'klok ver in de toekomst' });
    } catch {
      context.addIssue({ code: 'custom', message: 'geen geldige klok (HLC)' });
    }
  });

export const versionVectorSchema = z.record(uuidSchema, hlcSchema).refine((vector) => Object.keys(vector).length <= 100_000);
export type VersionVector = Record<string, string>;

export const headerSchema = z.object({
  format: z.literal('veldwerk-bundle'),
  formatVersion: z.number().int().min(1),
  /** The sender's study schema version (user_version). */
  schemaVersion: z.number().int().min(1),
  programVersion: z.string().max(50),
  bundleId: uuidSchema,
  studyId: uuidSchema,
  studyName: z.string().max(1000),
  senderReplicaId: uuidSchema,
  senderInspectorId: uuidSchema.nullable(),
  senderInspector: z.string().max(1000).nullable(),
  createdAt: z.string().max(40),
  all: z.boolean(),
  vector: versionVectorSchema,
  counts: z.object({
    changes: z.number().int().min(0).max(BUNDLE_LIMITS.maxChanges),
    files: z.number().int().min(0).max(BUNDLE_LIMITS.maxFiles),
    contents: z.number().int().min(0).max(BUNDLE_LIMITS.maxContents),
    surveyData: z.number().int().min(0).max(BUNDLE_LIMITS.maxFiles).default(0),
    keys: z.number().int().min(0).max(BUNDLE_LIMITS.maxKeys).default(0),
  }),
  payloadSha256: sha256Schema,
});
export type BundleHeader = z.infer<typeof headerSchema>;

const fieldValue = z.union([
  z.string().max(BUNDLE_LIMITS.maxValueChars),
  z.number().finite(),
  z.null(),
]);

const changeSchema = z
  .object({
    t: z.literal('change'),
    changeId: uuidSchema,
    actionId: uuidSchema,
    entity: z.string().refine(isEntityName, 'onbekende entiteit'),
    entityId: uuidSchema,
    fields: z.record(z.string().max(100), fieldValue),
    hlc: hlcSchema,
    replicaId: uuidSchema,
    authorId: uuidSchema.nullable(),
    bases: z.record(z.string().max(100), z.array(hlcSchema).max(1000)),
    signature: z.object({ keyId: z.string().regex(/^[0-9a-f]{32}$/), signature: z.string().max(200) }).optional(),
  })
  .superRefine((change, context) => {
    if (!isEntityName(change.entity)) return;
    const allowed = ENTITIES[change.entity].fields as Record<string, string>;
    const names = Object.keys(change.fields);
    if (names.length === 0) context.addIssue({ code: 'custom', message: 'wijziging zonder velden' });
    for (const name of [...names, ...Object.keys(change.bases)]) {
      if (!Object.hasOwn(allowed, name)) context.addIssue({ code: 'custom', message: `onbekend veld ${change.entity}.${name}` });
    }
    if (Object.hasOwn(change.fields, 'deleted') && change.fields.deleted !== 0 && change.fields.deleted !== 1) {
      context.addIssue({ code: 'custom', message: 'verwijderd moet 0 of 1 zijn' });
    }
    try {
      if (decodeHlc(change.hlc).replicaId !== change.replicaId) {
        context.addIssue({ code: 'custom', message: 'klok en kopie-id van een wijziging horen niet bij elkaar' });
      }
    } catch {
      /* reported by hlcSchema */
    }
  });

const fileSchema = z.object({
  t: z.literal('file'),
  sha256: sha256Schema,
  size: z.number().int().min(0).max(BUNDLE_LIMITS.maxFileBytes),
  data: z.string().max(Math.ceil(BUNDLE_LIMITS.maxFileBytes / 3) * 4 + 4),
});

const contentSchema = z.object({
  t: z.literal('content'),
  id: sha256Schema,
  text: z.string().max(BUNDLE_LIMITS.maxTextChars),
  pageStarts: z.array(z.number().int().min(0)).max(1_000_000).nullable(),
  headings: z.array(z.object({ start: z.number().int().min(0), level: z.number().int().min(0).max(100) })).max(1_000_000),
  /** PDF pages (1-based) read by OCR; absent in bundles of versions before OCR, and where no page was. */
  ocrPages: z.array(z.number().int().min(1)).max(1_000_000).optional(),
});

/** A survey's respondent table (`survey_data`): gzip'ed JSON; sha256 and size are of the uncompressed JSON. */
const surveyDataSchema = z.object({
  t: z.literal('surveyData'),
  sha256: sha256Schema,
  size: z.number().int().min(0).max(BUNDLE_LIMITS.maxFileBytes),
  data: z.string().max(Math.ceil(BUNDLE_LIMITS.maxFileBytes / 3) * 4 + 4),
});

/** One recorded action (migration 7's action row). */
const actionLineSchema = z.object({
  t: z.literal('action'),
  id: uuidSchema,
  call: z.string().min(1).max(100),
  label: z.string().max(1000),
  inspectorId: uuidSchema.nullable(),
  hlc: hlcSchema,
  replicaId: uuidSchema,
  objects: z.array(z.object({ entity: z.string().max(100), id: z.string().max(200) })).max(100_000),
  result: z.enum(['done', 'refused']),
  reason: z.string().max(5000).nullable(),
  /** The line's place in its replica's hash chain (logbook, issue 12); absent in bundles of older versions. */
  chainIndex: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
  prevHash: z.string().regex(/^[0-9a-f]{64}$/).optional(),
  hash: z.string().regex(/^[0-9a-f]{64}$/).optional(),
  sealedLate: z.number().int().min(0).max(1).optional(),
});
export type BundleAction = Omit<z.infer<typeof actionLineSchema>, 't'>;

const keySchema = z.object({
  t: z.literal('key'),
  keyId: z.string().regex(/^[0-9a-f]{32}$/),
  inspectorId: z.union([uuidSchema, z.literal('')]),
  replicaId: uuidSchema,
  publicKey: z.string().regex(/^[A-Za-z0-9+/]{43}=$/, 'geen geldige sleutel'),
  role: z.enum(['lead', 'member']),
  registeredAt: z.string().max(40),
  revokedAt: z.string().max(40).nullable(),
  validThrough: hlcSchema.nullable().default(null),
  signature: z.string().max(200),
});

/** A copy's age X25519 recipient, signed by its registered key (team-recipients.ts). */
const recipientSchema = z.object({
  t: z.literal('recipient'),
  keyId: z.string().regex(/^[0-9a-f]{32}$/),
  recipient: z.string().regex(/^age1[02-9ac-hj-np-z]{58}$/, 'geen geldige age-ontvanger'),
  signature: z.string().max(200),
});

export const lineSchema = z.discriminatedUnion('t', [changeSchema, fileSchema, contentSchema, surveyDataSchema, actionLineSchema, keySchema, recipientSchema]);
export type BundleLine = z.infer<typeof lineSchema>;

export interface BundleFile {
  sha256: string;
  size: number;
  data: Buffer;
}

export interface BundleSurveyData {
  sha256: string;
  size: number;
  /** gzip'ed, as stored in survey_data. */
  data: Buffer;
}

export interface BundleContent {
  id: string;
  text: string;
  pageStarts: number[] | null;
  headings: Array<{ start: number; level: number }>;
  ocrPages?: number[];
}

/** A bundle read back, decrypted and validated: nothing in it has touched a study yet. */
export interface ParsedBundle {
  header: BundleHeader;
  files: BundleFile[];
  contents: BundleContent[];
  surveyData: BundleSurveyData[];
  changes: ChangeRecord[];
  /** The actions the bundle carries (none in bundles of older versions). */
  actions: BundleAction[];
  /** The sender's key register (merge/signing.ts). */
  keys: KeyRecord[];
  /** The age recipients of the register's keys (team-recipients.ts; none in older bundles). */
  recipients: Array<{ keyId: string; recipient: string; signature: string }>;
  /** Change id -> the signature the change carried. */
  signatures: Map<string, ChangeSignature>;
}

export function toChangeRecord(line: Extract<BundleLine, { t: 'change' }>): ChangeRecord {
  const { t: _t, signature: _signature, ...change } = line;
  return change as ChangeRecord;
}

/** A readable Dutch description of the first validation problem. */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'onbekende fout';
  const where = issue.path.length ? ` (${issue.path.join('.')})` : '';
  return `${issue.message}${where}`;
}
