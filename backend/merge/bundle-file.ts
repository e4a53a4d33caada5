/**
 * Writing and reading `.vwbundle` files: JSON lines, gzip, age (passphrase).
 * Reading streams the file through decryption and decompression, counting
 * bytes against the limits, so that a hostile file costs at most those limits.
 * See bundle-format.ts for the layout.
 */
import { createHash } from 'node:crypto';
import { createReadStream, openSync, readSync, closeSync, statSync } from 'node:fs';
import { Readable } from 'node:stream';
import { ReadableStream } from 'node:stream/web';
import { createGunzip, gunzipSync, gzipSync } from 'node:zlib';
import { Decrypter, Encrypter } from 'age-encryption';
import { UserError } from '../errors';
import { PassphraseIdentity, PassphraseRecipient } from './age-passphrase';
import { RECIPIENT_MESSAGES } from './team-recipients';
import { SCHEMA_VERSION } from '../store/schema';
import {
  BUNDLE_FORMAT_VERSION,
  BUNDLE_LIMITS,
  BUNDLE_MESSAGES,
  describeIssue,
  headerSchema,
  lineSchema,
  toChangeRecord,
  type BundleHeader,
  type ParsedBundle,
} from './bundle-format';

/** age's scrypt work factor for new bundles; lower only in tests (VELDWERK_BUNDLE_SCRYPT_LOG_N, 10-18). */
export function defaultScryptWorkFactor(): number {
  const fromEnv = Number(process.env.VELDWERK_BUNDLE_SCRYPT_LOG_N);
  return Number.isInteger(fromEnv) && fromEnv >= 10 && fromEnv <= 18 ? fromEnv : 18;
}

export type BundleBodyLine = Record<string, unknown> & { t: 'file' | 'content' | 'surveyData' | 'change' | 'action' | 'key' | 'recipient' };

/** Whom a bundle is sealed for: a passphrase, the team's age X25519 recipients (team-recipients.ts), or both. */
export interface SealSecrets {
  passphrase: string | null;
  recipients: string[];
}

/** What a bundle may be opened with: a passphrase, this copy's age identities, or both. */
export interface OpenSecrets {
  passphrase: string | null;
  identities: string[];
}

/**
 * Serialise, compress and encrypt. `header` lacks the payload hash, which is
 * computed here over the body lines.
 */
export async function sealBundle(
  header: Omit<BundleHeader, 'payloadSha256'>,
  body: Iterable<BundleBodyLine>,
  secrets: string | SealSecrets,
  scryptWorkFactor = defaultScryptWorkFactor(),
): Promise<Uint8Array> {
  const { passphrase, recipients } = typeof secrets === 'string' ? { passphrase: secrets, recipients: [] } : secrets;
  if (passphrase === null && recipients.length === 0) throw new Error('een bundel zonder wachtwoord en zonder ontvangers');
  const hash = createHash('sha256');
  const parts: Buffer[] = [];
  for (const line of body) {
    const bytes = Buffer.from(`${JSON.stringify(line)}\n`, 'utf8');
    hash.update(bytes);
    parts.push(bytes);
  }
  // (A payloadSha256 already in `header` wins: tests forge one.)
  const fullHeader: BundleHeader = { payloadSha256: hash.digest('hex'), ...header };
  parts.unshift(Buffer.from(`${JSON.stringify(fullHeader)}\n`, 'utf8'));
  const compressed = gzipSync(Buffer.concat(parts), { level: 6 });
  // The passphrase recipient derives its key in the thread pool: age's own blocks the thread for a second or more.
  const encrypter = new Encrypter();
  if (passphrase !== null) encrypter.addRecipient(new PassphraseRecipient(passphrase, scryptWorkFactor, recipients.length > 0));
  for (const recipient of recipients) encrypter.addRecipient(recipient);
  return encrypter.encrypt(compressed);
}

export type BundleSource = { path: string } | { bytes: Uint8Array };

export interface ReadExpectations {
  /** The study the bundle must belong to. */
  studyId: string;
  /** Its name, to tell a study of the same name apart in the refusal. */
  studyName?: string;
  /** The running program's version, for messages. */
  programVersion?: string;
}

/**
 * Decrypt, decompress, parse and validate a bundle. Throws a UserError with a
 * Dutch message for every way a bundle can be wrong; touches no study.
 */
export async function openBundle(source: BundleSource, secrets: string | OpenSecrets, expect: ReadExpectations): Promise<ParsedBundle> {
  const { passphrase, identities } = typeof secrets === 'string' ? { passphrase: secrets, identities: [] } : secrets;
  const size = 'path' in source ? statSync(source.path).size : source.bytes.byteLength;
  if (size > BUNDLE_LIMITS.maxBundleBytes) throw new UserError(BUNDLE_MESSAGES.tooLarge, 'rejected');
  const sealed = checkAgeHeader(readPrefix(source, 4096));
  // Which failure to name: a team bundle this copy is not among, or a passphrase that is missing or wrong.
  const refusal = !sealed.passphrase ? RECIPIENT_MESSAGES.notForThisCopy : passphrase === null && sealed.recipients ? BUNDLE_MESSAGES.passphraseOrTeam : BUNDLE_MESSAGES.wrongPassphrase;
  const usable = [...(passphrase !== null && sealed.passphrase ? [new PassphraseIdentity(passphrase)] : []), ...(sealed.recipients ? identities : [])];
  if (usable.length === 0) throw new UserError(refusal, 'rejected');

  const decrypter = new Decrypter();
  for (const identity of usable) decrypter.addIdentity(identity);
  let plain: ReadableStream<Uint8Array>;
  try {
    plain = (await decrypter.decrypt(toWebStream(source) as never)) as unknown as ReadableStream<Uint8Array>;
  } catch (error) {
    throw new UserError(refusal, 'rejected', error);
  }

  const decrypted = Readable.fromWeb(plain as never);
  const gunzip = createGunzip();
  let upstreamError: unknown = null;
  decrypted.on('error', (error) => {
    upstreamError = error;
    gunzip.destroy(error);
  });
  decrypted.pipe(gunzip);

  const parser = new BundleParser(expect);
  try {
    let total = 0;
    for await (const chunk of gunzip as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > BUNDLE_LIMITS.maxPayloadBytes) throw new UserError(BUNDLE_MESSAGES.tooLarge, 'rejected');
      parser.push(chunk);
    }
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError(BUNDLE_MESSAGES.damaged, 'rejected', upstreamError ?? error);
  } finally {
    decrypted.destroy();
    gunzip.destroy();
  }
  return parser.finish();
}

/** Splits the decompressed bytes into lines and validates each as it comes. */
class BundleParser {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private header: BundleHeader | null = null;
  private readonly hash = createHash('sha256');
  private readonly bundle: Omit<ParsedBundle, 'header'> = { files: [], contents: [], surveyData: [], changes: [], actions: [], keys: [], recipients: [], signatures: new Map() };

  constructor(private readonly expect: ReadExpectations) {}

  push(chunk: Buffer): void {
    let start = 0;
    for (let newline = chunk.indexOf(10, start); newline !== -1; newline = chunk.indexOf(10, start)) {
      const piece = chunk.subarray(start, newline);
      const line = this.pending.length ? Buffer.concat([...this.pending, piece]) : piece;
      this.pending = [];
      this.pendingBytes = 0;
      this.line(line);
      start = newline + 1;
    }
    if (start < chunk.length) {
      this.pendingBytes += chunk.length - start;
      if (this.pendingBytes > BUNDLE_LIMITS.maxLineBytes) throw new UserError(BUNDLE_MESSAGES.tooLarge, 'rejected');
      this.pending.push(Buffer.from(chunk.subarray(start)));
    }
  }

  finish(): ParsedBundle {
    if (this.pendingBytes > 0) throw new UserError(BUNDLE_MESSAGES.damaged, 'rejected');
    const header = this.header;
    if (!header) throw new UserError(BUNDLE_MESSAGES.notABundle, 'rejected');
    if (this.hash.digest('hex') !== header.payloadSha256) throw new UserError(BUNDLE_MESSAGES.damaged, 'rejected');
    const { counts } = header;
    if (
      counts.changes !== this.bundle.changes.length ||
      counts.files !== this.bundle.files.length ||
      counts.contents !== this.bundle.contents.length ||
      counts.surveyData !== this.bundle.surveyData.length ||
      counts.keys !== this.bundle.keys.length
    ) {
      throw new UserError(BUNDLE_MESSAGES.damaged, 'rejected');
    }
    return { header, ...this.bundle };
  }

  private line(bytes: Buffer): void {
    if (!this.header) {
      this.header = this.readHeader(bytes);
      return;
    }
    this.hash.update(bytes);
    this.hash.update('\n');
    const parsed = lineSchema.safeParse(parseJson(bytes));
    if (!parsed.success) throw new UserError(BUNDLE_MESSAGES.invalid(describeIssue(parsed.error)), 'rejected');
    const line = parsed.data;
    const limits = this.header.counts;
    if (line.t === 'action') {
      // Uncounted in the header (older readers know no actions): bounded like the changes.
      if (this.bundle.actions.length >= BUNDLE_LIMITS.maxChanges) throw new UserError(BUNDLE_MESSAGES.damaged, 'rejected');
      const { t: _t, ...action } = line;
      this.bundle.actions.push(action);
    } else if (line.t === 'change') {
      if (this.bundle.changes.length >= limits.changes) throw new UserError(BUNDLE_MESSAGES.damaged, 'rejected');
      this.bundle.changes.push(toChangeRecord(line));
      if (line.signature) this.bundle.signatures.set(line.changeId, line.signature);
    } else if (line.t === 'recipient') {
      // Uncounted in the header (older readers know none): at most one per key.
      if (this.bundle.recipients.length >= limits.keys) throw new UserError(BUNDLE_MESSAGES.damaged, 'rejected');
      const { t: _t, ...record } = line;
      this.bundle.recipients.push(record);
    } else if (line.t === 'key') {
      if (this.bundle.keys.length >= limits.keys) throw new UserError(BUNDLE_MESSAGES.damaged, 'rejected');
      const { t: _t, ...record } = line;
      this.bundle.keys.push(record);
    } else if (line.t === 'file') {
      if (this.bundle.files.length >= limits.files) throw new UserError(BUNDLE_MESSAGES.damaged, 'rejected');
      const data = Buffer.from(line.data, 'base64');
      if (data.byteLength !== line.size || createHash('sha256').update(data).digest('hex') !== line.sha256) {
        throw new UserError(BUNDLE_MESSAGES.invalid('een bestand komt niet overeen met zijn controlegetal'), 'rejected');
      }
      this.bundle.files.push({ sha256: line.sha256, size: line.size, data });
    } else if (line.t === 'surveyData') {
      if (this.bundle.surveyData.length >= limits.surveyData) throw new UserError(BUNDLE_MESSAGES.damaged, 'rejected');
      const data = Buffer.from(line.data, 'base64');
      let plain: Buffer;
      try {
        plain = gunzipSync(data, { maxOutputLength: BUNDLE_LIMITS.maxFileBytes });
      } catch {
        throw new UserError(BUNDLE_MESSAGES.invalid('vragenlijstgegevens zijn beschadigd'), 'rejected');
      }
      if (plain.byteLength !== line.size || createHash('sha256').update(plain).digest('hex') !== line.sha256) {
        throw new UserError(BUNDLE_MESSAGES.invalid('vragenlijstgegevens komen niet overeen met hun controlegetal'), 'rejected');
      }
      this.bundle.surveyData.push({ sha256: line.sha256, size: line.size, data });
    } else {
      if (this.bundle.contents.length >= limits.contents) throw new UserError(BUNDLE_MESSAGES.damaged, 'rejected');
      if (createHash('sha256').update(line.text).digest('hex') !== line.id) {
        throw new UserError(BUNDLE_MESSAGES.invalid('een brontekst komt niet overeen met zijn controlegetal'), 'rejected');
      }
      // OCR marks name pages of this text: a page it does not have means a forged or broken bundle.
      if (line.ocrPages?.some((page) => page > (line.pageStarts?.length ?? 0))) {
        throw new UserError(BUNDLE_MESSAGES.invalid('een brontekst noemt OCR-pagina’s die hij niet heeft'), 'rejected');
      }
      this.bundle.contents.push({ id: line.id, text: line.text, pageStarts: line.pageStarts, headings: line.headings, ...(line.ocrPages?.length ? { ocrPages: line.ocrPages } : {}) });
    }
  }

  /** The header decides early: another study or a newer version is refused before reading on. */
  private readHeader(bytes: Buffer): BundleHeader {
    const raw = parseJson(bytes) as Record<string, unknown> | null;
    if (!raw || typeof raw !== 'object' || raw.format !== 'veldwerk-bundle') throw new UserError(BUNDLE_MESSAGES.notABundle, 'rejected');
    const newer =
      (typeof raw.formatVersion === 'number' && raw.formatVersion > BUNDLE_FORMAT_VERSION) ||
      (typeof raw.schemaVersion === 'number' && raw.schemaVersion > SCHEMA_VERSION);
    if (newer) throw new UserError(BUNDLE_MESSAGES.newerVersion(String(raw.programVersion ?? 'onbekend').slice(0, 50)), 'rejected');
    const parsed = headerSchema.safeParse(raw);
    if (!parsed.success) throw new UserError(BUNDLE_MESSAGES.invalid(describeIssue(parsed.error)), 'rejected');
    if (parsed.data.studyId !== this.expect.studyId) {
      throw new UserError(BUNDLE_MESSAGES.otherStudy(parsed.data.studyName.slice(0, 200), parsed.data.studyName === this.expect.studyName), 'rejected');
    }
    return parsed.data;
  }
}

function parseJson(bytes: Buffer): unknown {
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new UserError(BUNDLE_MESSAGES.notABundle, 'rejected');
  }
}

function readPrefix(source: BundleSource, length: number): Buffer {
  if ('bytes' in source) return Buffer.from(source.bytes.subarray(0, length));
  const buffer = Buffer.alloc(length);
  const fd = openSync(source.path, 'r');
  try {
    return buffer.subarray(0, readSync(fd, buffer, 0, length, 0));
  } finally {
    closeSync(fd);
  }
}

/**
 * Refuse what is not an age file sealed for a passphrase or X25519
 * recipients before any work, and a scrypt work factor above our limit (a
 * hostile file could ask for gigabytes). Says what the header holds.
 */
/** Whether a bundle file is sealed for a passphrase and/or X25519 recipients (its header); refuses what is no bundle. */
export function bundleSealedFor(source: BundleSource): { passphrase: boolean; recipients: boolean } {
  return checkAgeHeader(readPrefix(source, 4096));
}

function checkAgeHeader(prefix: Buffer): { passphrase: boolean; recipients: boolean } {
  const text = prefix.toString('latin1');
  if (!text.startsWith('age-encryption.org/v1\n')) throw new UserError(BUNDLE_MESSAGES.wrongPassphrase, 'rejected');
  const header = text.slice(0, text.indexOf('\n---') === -1 ? text.length : text.indexOf('\n---'));
  const scrypt = /\n-> (?:veldwerk-)?scrypt \S+ (\d+)\n/.exec(header);
  const recipients = /\n-> X25519 /.test(header);
  if (!scrypt && !recipients) throw new UserError(BUNDLE_MESSAGES.wrongPassphrase, 'rejected');
  if (scrypt && Number(scrypt[1]) > BUNDLE_LIMITS.maxScryptLogN) throw new UserError(BUNDLE_MESSAGES.notABundle, 'rejected');
  return { passphrase: scrypt !== null, recipients };
}

function toWebStream(source: BundleSource): ReadableStream<Uint8Array> {
  if ('bytes' in source) {
    const bytes = source.bytes;
    return new ReadableStream<Uint8Array>({
      start(controller) {
        const step = 1024 * 1024;
        for (let offset = 0; offset < bytes.byteLength; offset += step) controller.enqueue(bytes.subarray(offset, offset + step));
        controller.close();
      },
    });
  }
  return Readable.toWeb(createReadStream(source.path)) as unknown as ReadableStream<Uint8Array>;
}
