/**
 * One file's bytes to normalised text, in process. The file's extension says
 * what the user means to import; its first bytes say what it really is, and
 * both must agree. Runs inside the extraction worker (./extract-worker.ts),
 * which bounds its time and memory; everything else is bounded here.
 */
import { extractDocx, NOT_A_WORD_DOCUMENT } from './docx';
import { extractPdf } from './pdf';
import { extractTxt } from './txt';
import {
  DEFAULT_LIMITS,
  REASONS,
  rejected,
  type ExtractFormat,
  type ExtractHooks,
  type ExtractLimits,
  type ExtractOutcome,
  type ExtractedText,
} from './types';

type ContentKind = 'pdf' | 'zip' | 'cfb' | 'other';

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04]; // PK\3\4, the first local file header
const EMPTY_ZIP_MAGIC = [0x50, 0x4b, 0x05, 0x06]; // PK\5\6, an end-of-central-directory record alone
const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]; // OLE compound file
const PDF_HEADER = '%PDF-';
/** Readers accept junk before the PDF header within the first 1024 bytes; so do we. */
const PDF_HEADER_WINDOW = 1024;
/** The stream that holds an encrypted .docx inside its CFB wrapper, as its UTF-16LE directory name. */
const ENCRYPTED_PACKAGE_NAME = Buffer.from('EncryptedPackage', 'utf16le');

const SUPPORTED_FORMATS: readonly ExtractFormat[] = ['txt', 'docx', 'pdf'];
const CONTENT_DESCRIPTIONS: Record<Exclude<ContentKind, 'other'>, string> = {
  pdf: 'een PDF-bestand',
  zip: 'een zip-bestand (zoals een Word-document)',
  cfb: 'een Office-document',
};

export async function extractBytes(
  bytes: Uint8Array,
  fileName: string,
  limits: ExtractLimits = DEFAULT_LIMITS,
  hooks: ExtractHooks = {},
): Promise<ExtractOutcome> {
  try {
    const outcome = await extractByFormat(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), fileName, limits, hooks);
    return outcome.ok ? checkText(outcome.value, limits) : outcome;
  } catch {
    // Parsers throw on malformed input in ways nobody can list in advance.
    return rejected(REASONS.damaged);
  }
}

async function extractByFormat(bytes: Buffer, fileName: string, limits: ExtractLimits, hooks: ExtractHooks): Promise<ExtractOutcome> {
  const extension = extensionOf(fileName);
  if (extension === null || !isSupported(extension)) return rejected(unsupportedReason(extension));
  if (bytes.length === 0) return rejected(REASONS.empty);
  if (bytes.length > limits.maxFileBytes) return rejected(REASONS.tooLarge(limits.maxFileBytes));
  const kind = contentKind(bytes);
  switch (extension) {
    case 'txt':
      return kind === 'other' ? extractTxt(bytes) : rejected(mislabelledTextReason(kind));
    case 'docx':
      if (kind === 'zip') return extractDocx(bytes, limits);
      return rejected(kind === 'cfb' ? compoundFileReason(bytes) : NOT_A_WORD_DOCUMENT);
    case 'pdf':
      return hasPdfHeader(bytes)
        ? extractPdf(bytes, limits, hooks)
        : rejected('Het bestand heeft de extensie .pdf maar is geen PDF-bestand.');
  }
}

/** The lower-cased extension without the dot, or null when the name has none. */
function extensionOf(fileName: string): string | null {
  const baseName = fileName.slice(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
  const dot = baseName.lastIndexOf('.');
  const extension = dot > 0 ? baseName.slice(dot + 1).toLowerCase() : '';
  return extension === '' ? null : extension;
}

function isSupported(extension: string): extension is ExtractFormat {
  return (SUPPORTED_FORMATS as readonly string[]).includes(extension);
}

function unsupportedReason(extension: string | null): string {
  const advice = 'gebruik .txt, .docx of .pdf.';
  return extension === null
    ? `Bestanden zonder extensie worden niet ondersteund; ${advice}`
    : `Bestandstype .${extension} wordt niet ondersteund; ${advice}`;
}

function contentKind(bytes: Buffer): ContentKind {
  if (startsWith(bytes, ZIP_MAGIC) || startsWith(bytes, EMPTY_ZIP_MAGIC)) return 'zip';
  if (startsWith(bytes, CFB_MAGIC)) return 'cfb';
  if (bytes.subarray(0, PDF_HEADER.length).toString('latin1') === PDF_HEADER) return 'pdf';
  return 'other';
}

function hasPdfHeader(bytes: Buffer): boolean {
  return bytes.subarray(0, PDF_HEADER_WINDOW).includes(PDF_HEADER, 0, 'latin1');
}

function mislabelledTextReason(kind: Exclude<ContentKind, 'other'>): string {
  return `Het bestand heeft de extensie .txt maar is ${CONTENT_DESCRIPTIONS[kind]}, geen tekstbestand.`;
}

/**
 * A compound file named .docx is either a .docx encrypted with a password
 * (Word wraps those in a compound file) or an old .doc renamed.
 */
function compoundFileReason(bytes: Buffer): string {
  if (bytes.includes(ENCRYPTED_PACKAGE_NAME)) return REASONS.passwordProtected;
  return 'Het bestand is beveiligd met een wachtwoord of is een oud Word-document (.doc); open het in Word, sla het zonder wachtwoord op als .docx en importeer het opnieuw.';
}

function checkText(value: ExtractedText, limits: ExtractLimits): ExtractOutcome {
  if (!/\S/.test(value.text)) {
    return rejected(
      value.format === 'pdf'
        ? 'Het bestand bevat geen tekst (mogelijk een gescand document zonder tekstlaag).'
        : 'Het bestand bevat geen tekst.',
    );
  }
  if (value.text.length > limits.maxTextChars) return rejected(REASONS.tooMuchText(limits.maxTextChars));
  return { ok: true, value };
}

function startsWith(bytes: Buffer, magic: number[]): boolean {
  return magic.every((byte, index) => bytes[index] === byte);
}
