/**
 * An open study: the database, this copy's replica id and the change writer.
 * Capabilities (framework, sources, search, ...) take a Study and never open
 * files themselves.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { ChangeWriter, type Mutation, type WriteOptions } from '../store/changes';
import { openStudyFile, type Db } from '../store/open-study';
import { UserError } from '../errors';
import { registerSearchIndexing } from '../search/index-sources';
import { studyFileKind } from '../keys/cipher';
import { studyKeyFor } from '../keys/unlock';
import type { Inspector, Institution, StudyInfo } from '../../shared/api/types';

export class Study {
  readonly writer: ChangeWriter;

  private constructor(
    readonly db: Db,
    readonly path: string,
    readonly id: string,
    readonly replicaId: string,
    /** The key this study was opened with; undefined for a plaintext study. */
    readonly key: Buffer | undefined,
  ) {
    this.writer = new ChangeWriter(db, replicaId);
  }

  static open(path: string, key?: Buffer): Study {
    registerSearchIndexing();
    return Study.withDb(openStudyFile(path, { key }), path, key);
  }

  /**
   * A read-only connection to a study another connection keeps open (WAL lets
   * it read alongside): for report drafts built in a worker thread.
   */
  static openReadOnly(path: string, key?: Buffer): Study {
    return Study.withDb(openStudyFile(path, { readonly: true, key }), path, key);
  }

  private static withDb(db: Db, path: string, key: Buffer | undefined): Study {
    const studyId = readMeta(db, 'study_id');
    const replicaId = readMeta(db, 'replica_id');
    if (!studyId || !replicaId) {
      db.close();
      throw new UserError(`"${path}" is geen volledig Veldwerk-onderzoek.`, 'rejected');
    }
    return new Study(db, path, studyId, replicaId, studyFileKind(path) === 'encrypted' ? (key ?? studyKeyFor(path)) : undefined);
  }

  /**
   * Create an empty study file (no entities yet) with a fresh study and
   * replica id; encrypted when a key was unlocked for `path` beforehand
   * (keys/create-encrypted.ts), plaintext otherwise (tests, the demo).
   */
  static createEmpty(path: string): Study {
    if (existsSync(path)) throw new UserError(`Er bestaat al een bestand "${path}".`, 'rejected');
    registerSearchIndexing();
    const db = openStudyFile(path, { create: true });
    const studyId = randomUUID();
    const replicaId = randomUUID();
    db.transaction(() => {
      writeMeta(db, 'study_id', studyId);
      writeMeta(db, 'replica_id', replicaId);
    })();
    return new Study(db, path, studyId, replicaId, studyKeyFor(path));
  }

  private actingInspectorId: string | null = null;

  /** The inspector recorded as author of changes made here, if chosen. */
  get currentInspectorId(): string | null {
    return this.actingInspectorId ?? readMeta(this.db, 'current_inspector') ?? null;
  }

  /** Act as an inspector for this connection only (the CLI's --coder), without changing the saved choice. */
  actAs(inspectorId: string): void {
    this.assertInspector(inspectorId);
    this.actingInspectorId = inspectorId;
  }

  setCurrentInspector(inspectorId: string): void {
    this.assertInspector(inspectorId);
    writeMeta(this.db, 'current_inspector', inspectorId);
  }

  private assertInspector(inspectorId: string): void {
    if (!this.inspectors().some((inspector) => inspector.id === inspectorId)) {
      throw new UserError('Deze inspecteur hoort niet bij dit onderzoek.', 'not-found');
    }
  }

  /** Write one user action's mutations, authored by the current inspector. */
  write(mutations: Mutation[], options?: WriteOptions) {
    return this.writer.write(this.currentInspectorId, mutations, options);
  }

  info(): StudyInfo {
    const row = this.db.prepare('SELECT name, period_start, period_end, report_date FROM study WHERE id = ?').get(this.id) as
      | { name: string | null; period_start: string | null; period_end: string | null; report_date: string | null }
      | undefined;
    return {
      id: this.id,
      name: row?.name ?? '(naamloos onderzoek)',
      periodStart: row?.period_start ?? null,
      periodEnd: row?.period_end ?? null,
      reportDate: row?.report_date ?? null,
      replicaId: this.replicaId,
    };
  }

  institutions(): Institution[] {
    return this.db
      .prepare('SELECT id, name FROM institution WHERE deleted = 0 ORDER BY name COLLATE NOCASE')
      .all() as Institution[];
  }

  inspectors(): Inspector[] {
    return this.db
      .prepare('SELECT id, name, initials FROM inspector WHERE deleted = 0 ORDER BY name COLLATE NOCASE')
      .all() as Inspector[];
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

export function readMeta(db: Db, key: string): string | undefined {
  const row = db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value;
}

export function writeMeta(db: Db, key: string, value: string): void {
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT DO UPDATE SET value = excluded.value').run(
    key,
    value,
  );
}
