/**
 * What a host (desktop app, browser host, CLI) holds while it runs: the open
 * study, the files staged for import and the listeners for job progress.
 */
import { randomUUID } from 'node:crypto';
import { basename, dirname } from 'node:path';
import { removeDeadTempDirs, removeLeftoversOf } from '../store/leftovers';
import { localFile, StagingStore, type InputFile } from '../store/staging-store';
import { UserError } from '../errors';
import { Study } from '../study/study';
import { shutdownExtractionPool } from '../sources/extract';
import { stopOutlineWorker } from '../reports/outline-thread';
import type { JobProgress, SessionState, StagedFile } from '../../shared/api/types';
import { ALL_ENTITIES, type StudyChangedEvent } from '../../shared/api/study-entities';
import { CallQueue } from './call-queue';
import type { Keychain } from '../keys/keychain';
import { keyPromptOf, openOrAsk } from '../keys/key-prompt';

/** What only the host can do: native dialogs and knowing where the demo lives. */
export interface HostServices {
  kind: 'electron' | 'browser' | 'cli';
  /** Ask the user for an existing study file; null when cancelled. */
  chooseStudyToOpen?: () => Promise<string | null>;
  /** Ask the user where a new study file goes; null when cancelled. */
  chooseNewStudyPath?: (suggestedName: string) => Promise<string | null>;
  /** Ask the user for a folder of material to import (batch import); null when cancelled. */
  chooseFolder?: () => Promise<string | null>;
  /** Ask the user where to save a file (a study copy, a bundle, a report draft or the report template, .docx); null when cancelled. */
  chooseSavePath?: (suggestedName: string, kind: 'study' | 'bundle' | 'report' | 'template' | 'export') => Promise<string | null>;
  /** Open a saved file with the system's program for it (a report draft in the word processor); false when that failed. */
  openPath?: (path: string) => Promise<boolean>;
  /** Where `study.create` puts the file when the host cannot ask (browser host). */
  fixedStudyPath?: string;
  /** Path of the demo study, created on first use. */
  demoStudyPath: () => string;
  /** The keychain that keeps study keys (the app: safeStorage); omitted: this machine's keyring, if any (keys/keychain.ts). */
  keychain?: () => Promise<Keychain | null>;
  /** `study.create` gives a new study its key (keys/new-study-key.ts): the app and the browser host; unset, new studies are plaintext (tests, scripts). */
  encryptNewStudies?: boolean;
  /** Called after the open study changed (e.g. to update the window title). */
  onStudyChanged?: (study: Study | null) => void;
}

/**
 * A file staged for a job. An upload (app, browser host) is sealed in the
 * session's staging store (store/staging-store.ts) from the moment it arrives
 * until a job has taken it and `discard` removes it: never plaintext on disk.
 */
export interface StagedEntry extends StagedFile, InputFile {
  /** The user's own file on this machine (CLI): read in place, never removed. */
  path?: string;
  /** The sealed piece of an upload in the staging store, removed by `discard`. */
  pieceId?: string;
  /** Path inside a chosen folder (batch import), forward slashes. */
  relativePath?: string;
}

/** Limit on one staged file; the importer's own limits apply after this. */
export const MAX_STAGED_BYTES = 200 * 1024 * 1024;

export class Session {
  private study: Study | null = null;
  private readonly staged = new Map<string, StagedEntry>();
  /** Bytes not yet part of the study (uploads, unpacked zips, bundles): sealed, in the open study's folder. */
  readonly staging = new StagingStore(() => (this.study ? dirname(this.study.path) : null));
  private readonly progressListeners = new Set<(progress: JobProgress) => void>();
  /** Running jobs that can be cancelled (`job.cancel`), by job id. */
  private readonly cancellable = new Map<string, AbortController>();
  private readonly changeListeners = new Set<(event: StudyChangedEvent) => void>();
  /** Every call of this session runs through here (see call-queue.ts). */
  readonly calls = new CallQueue();

  constructor(readonly host: HostServices) {
    removeDeadTempDirs();
  }

  get openStudy(): Study | null {
    return this.study;
  }

  requireStudy(): Study {
    if (!this.study) throw new UserError('Er is geen onderzoek geopend.', 'no-study');
    return this.study;
  }

  /** Replace the open study (closing the previous one). */
  setStudy(study: Study | null): void {
    if (this.study && this.study !== study) {
      stopOutlineWorker(this.study.path);
      this.study.close();
    }
    this.study = study;
    this.host.onStudyChanged?.(study);
  }

  openPath(path: string): Study {
    const study = Study.open(path);
    removeLeftoversOf(study);
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
      keyPrompt: keyPromptOf(this),
    };
  }

  /** `relativePath`: where the file sits in a chosen folder (batch import), for guessing its details. */
  stage(fileName: string, bytes: Uint8Array, relativePath?: string): StagedFile {
    if (bytes.byteLength > MAX_STAGED_BYTES) {
      throw new UserError(`${fileName}: het bestand is groter dan ${MAX_STAGED_BYTES / 1024 / 1024} MB.`, 'rejected');
    }
    const stagedId = randomUUID();
    const pieceId = this.staging.put(bytes);
    this.staged.set(stagedId, { stagedId, pieceId, ...this.staging.inputFile(pieceId, fileName), ...(relativePath ? { relativePath } : {}) });
    return { stagedId, fileName, size: bytes.byteLength };
  }

  /** Stage a file that is already on this machine (CLI): imported in place, never removed. */
  registerLocalFile(path: string, relativePath?: string): string {
    const stagedId = randomUUID();
    this.staged.set(stagedId, { stagedId, path, ...localFile(path, basename(path)), ...(relativePath ? { relativePath } : {}) });
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

  /** Done with taken files: their sealed pieces are removed (the user's own files stay). */
  discard(entries: StagedEntry[]): void {
    for (const entry of entries) if (entry.pieceId) this.staging.remove(entry.pieceId);
  }

  /** Run a job that `cancelJob(jobId)` can stop through the signal it is given. */
  async cancellableJob<T>(jobId: string, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const controller = new AbortController();
    this.cancellable.set(jobId, controller);
    try {
      return await run(controller.signal);
    } finally {
      if (this.cancellable.get(jobId) === controller) this.cancellable.delete(jobId);
    }
  }

  cancelJob(jobId: string): boolean {
    const controller = this.cancellable.get(jobId);
    controller?.abort();
    return Boolean(controller);
  }

  onProgress(listener: (progress: JobProgress) => void): () => void {
    this.progressListeners.add(listener);
    return () => this.progressListeners.delete(listener);
  }

  reportProgress(progress: JobProgress): void {
    for (const listener of this.progressListeners) listener(progress);
  }

  /** Listen to `study-changed` (pushed after every writing call); returns the function that stops listening. */
  onStudyChanged(listener: (event: StudyChangedEvent) => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  reportStudyChanged(event: StudyChangedEvent): void {
    for (const listener of this.changeListeners) listener(event);
  }

  /** Open another study from outside a call (a file double-clicked while the app runs), once running calls finished. */
  async switchTo(path: string): Promise<Study> {
    const study = await this.calls.run('switch', () => this.openPath(path));
    this.reportStudyChanged({ type: 'study-changed', entities: [...ALL_ENTITIES], actionId: null, reopened: true });
    return study;
  }

  /**
   * Like `switchTo`, for a study the user opens in the app: one whose key is
   * not at hand is held and its passphrase asked in the UI (keys/key-prompt.ts).
   */
  async switchOrAsk(path: string): Promise<void> {
    await this.calls.run('switch', () => openOrAsk(this, path));
    this.reportStudyChanged({ type: 'study-changed', entities: [...ALL_ENTITIES], actionId: null, reopened: true });
  }

  /** Close for good once every running and waiting call finished (a host shutting down). */
  async closeWhenIdle(): Promise<void> {
    await this.calls.idle();
    this.close();
  }

  close(): void {
    void shutdownExtractionPool();
    this.setStudy(null);
    this.staging.clear();
  }
}
