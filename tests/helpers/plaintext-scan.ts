/**
 * Where on disk a word can be read: the files under a folder, their bytes
 * searched as they are and as readers would unpack them (zip entries, also
 * nested; gzip; a PDF's deflated streams), for the word in UTF-8, UTF-16 and
 * as hex (how a PDF writes text), so that a staged .docx, .pdf or zip left
 * in plaintext is found however it is packed.
 */
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { constants, gunzipSync, inflateRawSync, inflateSync } from 'node:zlib';

const LOCAL_HEADER = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
/** Larger files are not ours (another process's study copy): skipped, not read. */
const MAX_SCANNED_BYTES = 512 * 1024 * 1024;

function needles(word: string): Buffer[] {
  const utf8 = Buffer.from(word, 'utf8');
  return [utf8, Buffer.from(word, 'utf16le'), Buffer.from(utf8.toString('hex')), Buffer.from(utf8.toString('hex').toUpperCase())];
}

/**
 * The data of every zip entry whose local header occurs anywhere in `bytes`:
 * also in a zip cut short (a write killed half-way) or with bytes before or
 * after it, which no zip reader would open.
 */
function zipEntries(bytes: Buffer): Buffer[] {
  const found: Buffer[] = [];
  for (let at = bytes.indexOf(LOCAL_HEADER); at >= 0 && at + 30 <= bytes.length; at = bytes.indexOf(LOCAL_HEADER, at + 4)) {
    const method = bytes.readUInt16LE(at + 8);
    const compressed = bytes.readUInt32LE(at + 18);
    const start = at + 30 + bytes.readUInt16LE(at + 26) + bytes.readUInt16LE(at + 28);
    const data = bytes.subarray(start, compressed > 0 ? start + compressed : bytes.length);
    if (method === 0) found.push(data);
    else if (method === 8) {
      try {
        found.push(inflateRawSync(data, { finishFlush: constants.Z_SYNC_FLUSH }));
      } catch {
        // Not an entry after all (four bytes that look like a header).
      }
    }
  }
  return found;
}

function pdfStreams(bytes: Buffer): Buffer[] {
  const text = bytes.toString('latin1');
  const found: Buffer[] = [];
  for (const match of text.matchAll(/stream\r?\n/g)) {
    const start = match.index + match[0].length;
    const end = text.indexOf('endstream', start);
    if (end < 0) continue;
    try {
      found.push(inflateSync(bytes.subarray(start, end), { finishFlush: constants.Z_SYNC_FLUSH }));
    } catch {
      // Not deflated (or not a stream): its raw bytes were searched already.
    }
  }
  return found;
}

/** Whether `bytes` hold `word`, as they are or unpacked. */
export async function holdsWord(bytes: Buffer, word: string, depth = 0): Promise<boolean> {
  if (needles(word).some((needle) => bytes.includes(needle))) return true;
  if (depth > 3) return false;
  const inner: Buffer[] = [];
  inner.push(...zipEntries(bytes));
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      inner.push(gunzipSync(bytes));
    } catch {
      // A damaged gzip holds nothing readable.
    }
  }
  if (bytes.includes('stream')) inner.push(...pdfStreams(bytes));
  for (const part of inner) if (await holdsWord(part, word, depth + 1)) return true;
  return false;
}

/** Regular files under `dir` (not following links), changed at or after `since` (ms), that this user can read. */
export function filesUnder(dir: string, since = 0): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    const path = join(dir, name);
    try {
      const stat = lstatSync(path);
      if (stat.isDirectory()) return filesUnder(path, since);
      return stat.isFile() && stat.mtimeMs >= since && stat.size <= MAX_SCANNED_BYTES ? [path] : [];
    } catch {
      return []; // gone meanwhile (another process's temporary file)
    }
  });
}

/** The files among `paths` whose bytes hold `word`. */
export async function filesHolding(paths: string[], word: string): Promise<string[]> {
  const found: string[] = [];
  for (const path of paths) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(path);
    } catch {
      continue; // unreadable for this user, or gone meanwhile
    }
    if (await holdsWord(bytes, word)) found.push(path);
  }
  return found;
}
