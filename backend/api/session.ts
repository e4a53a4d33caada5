/**
 * What a host (desktop app, browser host, CLI) holds while it runs: the open
 * study, the files staged for import and the listeners for job progress.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { UserError } from '../errors';
import { Study } from '../study/study';
import { shutdownExtractionPool } from '../sources/extract';
import type { JobProgress, SessionState, StagedFile } from '../../shared/api/types';

/** What only the host can do: native dialogs and knowing where the demo lives. */
export interface HostServices {
  kind: 'electron' | 'browser' | 'cli';
  /** Ask the user for an existing study file; null when cancelled. */
  chooseStudyToOpen?: () => Promise<string | null>;
  /** Ask the user where a new study file goes; null when cancelled. */
  chooseNewStudyPath?: (suggestedName: string) => Promise<string | null>;
  /** Ask the user where to save a file (a study copy, a bundle, a report draft or the report template, .docx); null when cancelled. */
  chooseSavePath?: (suggestedName: string, kind: 'study' | 'bundle' | 'report' | 'template' | 'export') => Promise<string | null>;
  /** Open a saved file with the system's program for it (a report draft in the word processor); false when that failed. */
  openPath?: (path: string) => Promise<boolean>;
  /** Where `study.create` puts the file when the host cannot ask (browser host). */
  fixedStudyPath?: string;
  /** Path of the demo study, created on first use. */
  demoStudyPath: () => string;
  /** Called after the open study changed (e.g. to update the window title). */
  onStudyChanged?: (study: Study | null) => void;
}

interface StagedEntry extends StagedFile {
  path: string;
  /** True for copies in the staging folder, which are removed after import. */
  ownedCopy: boolean;
}

/** Limit on one staged file; the importer's own limits apply after this. */
export const MAX_STAGED_BYTES = 200 * 1024 * 1024;

export class Session {
  private study: Study | null = null;
  private readonly staged = new Map<string, StagedEntry>();
  private stagingDir: string | null = null;
  private readonly progressListeners = new Set<(progress: JobProgress) => void>();

  constructor(readonly host: HostServices) {}

  get openStudy(): Study | null {
    return this.study;
  }

  requireStudy(): Study {
    if (!this.study) throw new UserError('Er is geen onderzoek geopend.', 'no-study');
    return this.study;
  }

  /** Replace the open study (closing the previous one). */
  setStudy(study: Study | null): void {
    if (this.study && this.study !== study) this.study.close();
    this.study = study;
    this.host.onStudyChanged?.(study);
  }

  openPath(path: string): Study {
    const study = Study.open(path);
    this.setStudy(study);
    return study;
  }

  state(): SessionState {
    const study = this.study;
    return {
      host: this.host.kind === 'electron' ? 'electron' : 'browser',
      studyPath: study?.path ?? null,
      study: study?.info() ?? null,
      institutions: study?.institutions() ?? [],
      inspectors: study?.inspectors() ?? [],
      currentInspectorId: study?.currentInspectorId ?? null,
      canChooseFiles: Boolean(this.host.chooseStudyToOpen),
    };
  }

  stage(fileName: string, bytes: Uint8Array): StagedFile {
    if (bytes.byteLength > MAX_STAGED_BYTES) {
      throw new UserError(`${fileName}: het bestand is groter dan ${MAX_STAGED_BYTES / 1024 / 1024} MB.`, 'rejected');
    }
    const stagedId = randomUUID();
    const safeName = basename(fileName).replace(/[^\p{L}\p{N}._ -]/gu, '_').slice(0, 200) || 'bestand';
    const path = join(this.ensureStagingDir(), `${stagedId}-${safeName}`);
    writeFileSync(path, bytes);
    const entry: StagedEntry = { stagedId, fileName, size: bytes.byteLength, path, ownedCopy: true };
    this.staged.set(stagedId, entry);
    return { stagedId, fileName, size: entry.size };
  }

  /** Stage a file that is already on this machine (CLI): imported in place, never removed. */
  registerLocalFile(path: string): string {
    const stagedId = randomUUID();
    this.staged.set(stagedId, { stagedId, fileName: basename(path), size: statSync(path).size, path, ownedCopy: false });
    return stagedId;
  }

  /** Take staged files out of the staging area (the caller imports, then calls `discard`). */
  takeStaged(stagedIds: string[]): StagedEntry[] {
    return stagedIds.map((id) => {
      const entry = this.staged.get(id);
      if (!entry) throw new UserError('Een bestand voor de import is niet (meer) beschikbaar; kies het opnieuw.', 'not-found');
      this.staged.delete(id);
      return entry;
    });
  }

  discard(entries: StagedEntry[]): void {
    for (const entry of entries) if (entry.ownedCopy) rmSync(entry.path, { force: true });
  }

  onProgress(listener: (progress: JobProgress) => void): () => void {
    this.progressListeners.add(listener);
    return () => this.progressListeners.delete(listener);
  }

  reportProgress(progress: JobProgress): void {
    for (const listener of this.progressListeners) listener(progress);
  }

  close(): void {
    void shutdownExtractionPool();
    this.setStudy(null);
    if (this.stagingDir) rmSync(this.stagingDir, { recursive: true, force: true });
  }

  private ensureStagingDir(): string {
    this.stagingDir ??= mkdtempSync(join(tmpdir(), 'veldwerk-staging-'));
    return this.stagingDir;
  }
}
