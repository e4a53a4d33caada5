/**
 * One place for bytes that are not yet part of the study: uploads staged by
 * the app or the browser host, the unpacked entries of a dossier zip waiting
 * for the user to confirm a batch, bundles waiting for preview and apply.
 *
 * They are kept on disk, encrypted, not in memory. A browser-chosen folder of
 * 500 files is staged before anything reads it, a dossier zip may unpack to
 * 1 GB (DEFAULT_LIMITS.maxUncompressedBytes), and two batches may wait for
 * confirmation at once: in the service's heap that would be gigabytes for as
 * long as the user takes to look at a preview. On disk, each piece is sealed
 * with AES-256-GCM (node:crypto) under a random key of this store that lives
 * only in this process's memory: a piece left behind by a kill or a power cut
 * can never be read again, and is removed at the next start (leftovers.ts).
 * The pieces live in a private (0700) folder inside the study's own folder,
 * beside the study they are meant for; without an open study, or where that
 * folder cannot be written, in a private temporary folder: as unreadable.
 *
 * A piece is read back whole (it is at most one staged file, which the
 * readers take in memory anyway); GCM's tag proves it is what was written.
 */
import { createCipheriv, createDecipheriv, randomBytes, randomUUID, type CipherGCM } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { UserError } from '../errors';
import { privateTempDir, STAGING_FOLDER_PREFIX } from './leftovers';

/** A file to read, wherever it is kept: the user's own file (CLI, a chosen folder) or a staged piece. */
export interface InputFile {
  fileName: string;
  size: number;
  /** The whole file, a fresh buffer on every call. */
  read(): Buffer;
}

const IV_BYTES = 12;
const TAG_BYTES = 16;
const DAMAGED = 'Een klaargezet bestand is beschadigd of verdwenen; kies het opnieuw. Er is niets opgeslagen.';

export class StagingStore {
  private readonly key = randomBytes(32);
  private folder: string | null = null;
  private readonly sizes = new Map<string, number>();

  /** `placeFor`: the folder the store goes in (the open study's folder), or null for a private temporary folder. */
  constructor(private readonly placeFor: () => string | null) {}

  /** Seal `bytes`; returns the piece's id. */
  put(bytes: Uint8Array): string {
    const { id, fd, cipher } = this.start();
    try {
      write(fd, cipher.update(bytes));
      this.finish(fd, cipher);
    } catch (error) {
      this.abandon(id, fd);
      throw error;
    }
    closeSync(fd);
    this.sizes.set(id, bytes.byteLength);
    return id;
  }

  /** Seal what `stream` gives, chunk by chunk (nothing whole in memory); the stream's own errors end it, and the piece is removed. */
  async putStream(stream: Readable): Promise<string> {
    const { id, fd, cipher } = this.start();
    let size = 0;
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        size += chunk.length;
        write(fd, cipher.update(chunk));
      }
      this.finish(fd, cipher);
    } catch (error) {
      this.abandon(id, fd);
      throw error;
    }
    closeSync(fd);
    this.sizes.set(id, size);
    return id;
  }

  /** A new piece's file, its IV written, and the cipher for the rest. */
  private start(): { id: string; fd: number; cipher: CipherGCM } {
    const id = randomUUID();
    let fd: number;
    try {
      fd = openSync(this.pathOf(id), 'wx', 0o600);
    } catch (error) {
      throw writeError(error);
    }
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    // The id as associated data: a piece put in another's place fails its tag.
    cipher.setAAD(Buffer.from(id));
    try {
      write(fd, iv);
    } catch (error) {
      this.abandon(id, fd);
      throw error;
    }
    return { id, fd, cipher };
  }

  private finish(fd: number, cipher: CipherGCM): void {
    write(fd, cipher.final());
    write(fd, cipher.getAuthTag());
  }

  private abandon(id: string, fd: number): void {
    closeSync(fd);
    rmSync(this.pathOf(id), { force: true });
  }

  size(id: string): number {
    const size = this.sizes.get(id);
    if (size === undefined) throw new UserError(DAMAGED, 'not-found');
    return size;
  }

  /** The piece's bytes, proven unchanged by GCM's tag. */
  read(id: string): Buffer {
    this.size(id);
    let sealed: Buffer;
    try {
      sealed = readFileSync(this.pathOf(id));
    } catch (error) {
      throw new UserError(DAMAGED, 'not-found', error);
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, sealed.subarray(0, IV_BYTES));
      decipher.setAAD(Buffer.from(id));
      decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
      return Buffer.concat([decipher.update(sealed.subarray(IV_BYTES, sealed.length - TAG_BYTES)), decipher.final()]);
    } catch (error) {
      throw new UserError(DAMAGED, 'rejected', error);
    }
  }

  /** A staged piece as a file to read, under the name the user gave it. */
  inputFile(id: string, fileName: string): InputFile {
    return { fileName, size: this.size(id), read: () => this.read(id) };
  }

  remove(id: string): void {
    if (!this.sizes.delete(id) || !this.folder) return;
    rmSync(this.pathOf(id), { force: true });
  }

  /** Remove every piece and the store's folder (the host closes). */
  clear(): void {
    this.sizes.clear();
    if (this.folder) rmSync(this.folder, { recursive: true, force: true });
    this.folder = null;
  }

  /** Bytes held (sealed on disk), for the benchmark. */
  get totalBytes(): number {
    let total = 0;
    for (const size of this.sizes.values()) total += size;
    return total;
  }

  private pathOf(id: string): string {
    return join(this.ensureFolder(), id);
  }

  private ensureFolder(): string {
    if (this.folder && isFolder(this.folder)) return this.folder;
    const place = this.placeFor();
    try {
      this.folder = place ? mkdtempSync(join(place, `${STAGING_FOLDER_PREFIX}${process.pid}-`)) : privateTempDir();
    } catch {
      // A study in a folder this user cannot write (a read-only share): sealed pieces are as unreadable in the temporary folder.
      this.folder = privateTempDir();
    }
    return this.folder;
  }
}

const NO_ROOM = 'Het bestand kan niet worden klaargezet: de schijf is vol of de map van het onderzoek is niet beschrijfbaar. Er is niets opgeslagen.';

/** A failed write of a piece, in Dutch where the user can act on it (a full disk). */
function writeError(error: unknown): unknown {
  const code = (error as NodeJS.ErrnoException)?.code;
  return code === 'ENOSPC' || code === 'EDQUOT' || code === 'EACCES' || code === 'EROFS' ? new UserError(NO_ROOM, 'rejected', error) : error;
}

function write(fd: number, bytes: Uint8Array): void {
  try {
    for (let done = 0; done < bytes.byteLength; ) done += writeSync(fd, bytes, done, bytes.byteLength - done);
  } catch (error) {
    throw writeError(error);
  }
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** The user's own file at `path` (CLI, a folder chosen in the app's dialog): read where it is. */
export function localFile(path: string, fileName: string): InputFile {
  return { fileName, size: statSync(path).size, read: () => readFileSync(path) };
}

/** Readers take a path (the user's own file, tests) or a file to read (a staged piece). */
export type FileSource = string | InputFile;

export function bytesOf(source: FileSource): Buffer {
  return typeof source === 'string' ? readFileSync(source) : source.read();
}

/** Throws the file system's error for a missing path, as reading it would. */
export function sizeOf(source: FileSource): number {
  return typeof source === 'string' ? statSync(source).size : source.size;
}

/** A file named by its path (the user's own, tests) or already a file to read. */
export type FileRef = InputFile | { path: string; fileName: string };

export function asInputFile(file: FileRef): InputFile {
  return 'read' in file ? file : localFile(file.path, file.fileName);
}

/** Bytes whose buffer is theirs alone, so it can be transferred to a worker: a slice of Node's shared pool is copied first. */
export function ownedBytes(bytes: Uint8Array): Uint8Array {
  const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer;
  return whole ? new Uint8Array(bytes.buffer) : new Uint8Array(bytes);
}
