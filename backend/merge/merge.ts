/**
 * Merging a bundle into a study: preview (a dry run, rolled back) and apply
 * (all or nothing, in one transaction, after an automatic backup).
 *
 * Apply: store the original files and texts the bundle carries, then every
 * change record in clock order through the one write path (`applyChange`):
 * change ids already present are skipped, so reading a bundle twice changes
 * nothing; each field takes the value with the latest clock (LWW). Concurrent
 * edits of one field to different values are recorded as conflicts (see
 * conflict-rules.ts). The local clock then moves past every clock read, so
 * later local edits sort after them.
 *
 * Before anything is applied the bundle's content is checked whole
 * (bundle-checks.ts): a reference to something neither the study nor the
 * bundle holds (a coding on a source imported on a third laptop whose bundle
 * was not read yet) refuses the bundle, with the advice to read the earlier
 * bundles first. Foreign keys are still not enforced while applying (fields
 * arrive one at a time); what a study from before that check holds dangling
 * is reported as a warning.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import { decodeHlc, encodeHlc, receiveHlc, type Hlc } from '../../shared/hlc';
import { MERGE_KINDS, type BundleApplyResult, type BundlePreview, type BundleSetApplyResult, type MergeKind, type MergeKindCounts } from '../../shared/api/types';
import { currentAction, describeAction } from '../store/action-context';
import { UserError } from '../errors';
import { applyChange, readClocks, type ChangeRecord } from '../store/changes';
import { ENTITIES, type EntityName, type FieldValue } from '../store/entities';
import type { Db } from '../store/open-study';
import { readMeta, writeMeta, type Study } from '../study/study';
import { makePreMergeBackup } from './backup';
import { BUNDLE_MESSAGES, type ParsedBundle } from './bundle-format';
import { openBundle, type BundleSource } from './bundle-file';
import { conflictsByIds } from './conflicts';
import { kindOfEntity } from './merge-kind';
import { MAX_ANCESTRY_STEPS, NON_CONFLICTING_FIELDS } from './conflict-rules';
import { META, missingFrom, programVersion, recordPeer, versionVector } from './exchange';
import { senderName, storeBundleActions } from './bundle-actions';
import { syncStructureConflicts } from './structure';
import { checkBundleContent, type ClocksBefore } from './bundle-checks';
import { acceptRegistrations, verifyAndStoreSignatures, verifySignaturesAhead } from './signing';
import { acceptRecipients, ownIdentities } from './team-recipients';

export interface MergeOptions {
  dryRun: boolean;
  /** Where the pre-merge backup was put (recorded for "Samenvoegen ongedaan maken"). */
  backupPath?: string;
  now?: () => number;
}

export interface MergeOutcome extends BundlePreview {
  applied: number;
}

class DryRunRollback extends Error {
  constructor(readonly outcome: MergeOutcome) {
    super('dry run');
  }
}

/** Read a bundle from a file or bytes, for this study, its new changes' signatures verified ahead (signing.ts). */
export async function readBundle(study: Study, source: BundleSource, passphrase: string | null): Promise<ParsedBundle> {
  // A bundle to the team's keys opens with this copy's own age identity (team-recipients.ts).
  const bundle = await openBundle(source, { passphrase, identities: ownIdentities(study.db) }, { studyId: study.id, studyName: study.info().name, programVersion: programVersion() });
  await verifySignaturesAhead(study.db, bundle.changes, bundle.signatures, bundle.keys);
  return bundle;
}

/** What applying the bundle would do, without changing the study. */
export async function previewBundle(study: Study, source: BundleSource, passphrase: string | null): Promise<BundlePreview> {
  const bundle = await readBundle(study, source, passphrase);
  const { applied: _applied, ...preview } = mergeBundle(study, bundle, { dryRun: true });
  return preview;
}

/**
 * The pre-merge backup of one apply: made now, or the one made before the
 * first bundle of a set applied together (then undoing the merge goes back to
 * before the whole set).
 */
export type BackupPlan = { make: true } | { existing: string };

/**
 * Apply a bundle: refused when it brings nothing new (already read), else a
 * backup of the study file first (or the set's), then everything in one transaction.
 */
export async function applyBundle(study: Study, source: BundleSource, passphrase: string | null, backup: BackupPlan = { make: true }): Promise<BundleApplyResult> {
  const bundle = await readBundle(study, source, passphrase);
  if (countUnknownChanges(study.db, bundle.changes) === 0) throw new UserError(BUNDLE_MESSAGES.replayed, 'rejected');
  const backupPath = 'existing' in backup ? backup.existing : makePreMergeBackup(study);
  try {
    return { ...mergeBundle(study, bundle, { dryRun: false, backupPath }), backupPath };
  } catch (error) {
    if (!('existing' in backup) && existsSync(backupPath)) rmSync(backupPath, { force: true });
    throw error;
  }
}

/**
 * Apply several bundles at once (the lead reading the whole team's bundles):
 * one pre-merge backup before all of them, so "Samenvoegen ongedaan maken"
 * goes back to before the whole set; then every bundle in the given order, in
 * one transaction: all of them or none. A bundle that brings nothing new is a
 * no-op here (reported as such); the set is refused when none brings anything.
 */
export async function applyBundleSet(study: Study, sources: BundleSource[], passphrase: string | null): Promise<BundleSetApplyResult> {
  const bundles: ParsedBundle[] = [];
  for (const [index, source] of sources.entries()) {
    try {
      bundles.push(await readBundle(study, source, passphrase));
    } catch (error) {
      if (error instanceof UserError && sources.length > 1) throw new UserError(`Bundel ${index + 1} van ${sources.length}: ${error.message}`, error.code, error);
      throw error;
    }
  }
  if (bundles.every((bundle) => countUnknownChanges(study.db, bundle.changes) === 0)) throw new UserError(BUNDLE_MESSAGES.replayed, 'rejected');
  const backupPath = makePreMergeBackup(study);
  const db = study.db;
  // Off for the whole set (the pragma does nothing inside a transaction): see mergeBundle.
  db.pragma('foreign_keys = OFF');
  try {
    const results = withMergeCache(db, () => db
      .transaction(() => {
        const merged = bundles.map((bundle) => ({ ...mergeBundle(study, bundle, { dryRun: false, backupPath }), backupPath }));
        writeMeta(db, META.backupBundles, String(bundles.length));
        // One action for the set, named after every sender (each merge above wrote it under its own).
        const senders = [...new Set(bundles.filter((_, index) => !merged[index]!.nothingNew).map((bundle) => senderName(db, bundle.header)))];
        describeAction({ sender: senders.join(', '), bundles: String(bundles.length) });
        const action = currentAction();
        if (action) study.writer.recordAction(action, study.currentInspectorId, { result: 'done' });
        return merged;
      })
      .immediate());
    return { results, backupPath, applied: results.reduce((sum, result) => sum + result.applied, 0) };
  } catch (error) {
    if (existsSync(backupPath)) rmSync(backupPath, { force: true });
    throw error;
  } finally {
    db.pragma('foreign_keys = ON');
  }
}

export function countUnknownChanges(db: Db, changes: ChangeRecord[]): number {
  return unknownChanges(db, changes).length;
}

/** The changes whose ids this study does not hold. */
function unknownChanges(db: Db, changes: readonly ChangeRecord[]): ChangeRecord[] {
  const known = db.prepare('SELECT 1 FROM change_log WHERE change_id = ?').pluck();
  return changes.filter((change) => !known.get(change.changeId));
}

/**
 * The merge itself, in one transaction (rolled back for a dry run). Does not
 * refuse a bundle that brings nothing: that is a no-op here.
 */
export function mergeBundle(study: Study, bundle: ParsedBundle, options: MergeOptions): MergeOutcome {
  return withMergeCache(study.db, () => mergeInTransaction(study, bundle, options));
}

/**
 * Page cache while merging, in KiB (the study's connections keep 64 MB). A
 * bundle's changes land all over the largest indexes of a national study
 * (the clocks alone are hundreds of MB); a larger cache saves CPU there, but
 * the process kept most of the merge worker's pages after the merge ended
 * (as RSS the allocator did not give back). Measured at national scale
 * (bench: national-service, one bundle of 10,000 changes, service CPU):
 * 256 MB: peak 725 MB, 7.4 s CPU, 644 MB held afterwards; 64 MB: peak
 * 662 MB, 8.3 s CPU, 415 MB held afterwards. The backend's memory target
 * (600 MB) weighs more than 12% more CPU per bundle, so the merge keeps the
 * connection's own 64 MB. Given back when the merge ends.
 */
const MERGE_CACHE_KIB = 64 * 1024;

/** Run `work` with the merge's page cache (a merge inside another, as in a set, keeps the outer one's). */
function withMergeCache<T>(db: Db, work: () => T): T {
  const before = db.pragma('cache_size', { simple: true }) as number;
  // Negative: KiB; positive: pages (of 4 KiB here).
  const beforeKib = before < 0 ? -before : before * 4;
  if (beforeKib >= MERGE_CACHE_KIB) return work();
  db.pragma(`cache_size = -${MERGE_CACHE_KIB}`);
  try {
    return work();
  } finally {
    db.pragma(`cache_size = ${before}`);
  }
}

function mergeInTransaction(study: Study, bundle: ParsedBundle, options: MergeOptions): MergeOutcome {
  const db = study.db;
  checkColumnTypes(db, bundle.changes);
  db.pragma('foreign_keys = OFF');
  try {
    return db
      .transaction(() => {
        // The changes this study does not have yet, sorted out once (one index lookup each) for the checks and the merge.
        const fresh = unknownChanges(db, bundle.changes);
        const clocksBefore: ClocksBefore = new Map();
        checkBundleContent(db, bundle, fresh, clocksBefore);
        acceptRegistrations(db, bundle.keys);
        acceptRecipients(db, bundle.recipients);
        verifyAndStoreSignatures(db, fresh, bundle.signatures);
        const outcome = new Merger(db, bundle, options.now ?? Date.now, clocksBefore).run(fresh);
        storeBundleActions(study, bundle.header, bundle.actions);
        if (options.backupPath) {
          writeMeta(db, META.backupPath, options.backupPath);
          writeMeta(db, META.backupAt, new Date().toISOString());
          // One bundle, unless a set applied together says otherwise (applyBundleSet).
          writeMeta(db, META.backupBundles, '1');
        }
        if (options.dryRun) throw new DryRunRollback(outcome);
        return outcome;
      })
      .immediate();
  } catch (error) {
    if (error instanceof DryRunRollback) return error.outcome;
    throw error;
  } finally {
    db.pragma('foreign_keys = ON');
  }
}

interface Touched {
  kind: MergeKind;
  entity: EntityName;
  entityId: string;
  existedBefore: boolean;
  deletedBefore: boolean;
  changed: boolean;
  /**
   * For an entity that did not exist before: its `deleted` after the merge.
   * Nothing held a clock, and changes apply in clock order, so the last one
   * that sets it wins (the column's default is 0).
   */
  deletedNow: boolean;
}

interface Holder {
  hlc: string;
}

const emptyCounts = (): MergeKindCounts => ({ new: 0, changed: 0, deleted: 0, skipped: 0, conflicts: 0 });

class Merger {
  private readonly perKind = Object.fromEntries(MERGE_KINDS.map((kind) => [kind, emptyCounts()])) as Record<MergeKind, MergeKindCounts>;
  private readonly touched = new Map<string, Touched>();
  private readonly conflictIds: string[] = [];
  private readonly detectedAt = new Date().toISOString();
  private readonly statements;

  constructor(
    private readonly db: Db,
    private readonly bundle: ParsedBundle,
    private readonly now: () => number,
    /** The clocks the checks read before anything was applied (valid for an entity until the merge first touches it). */
    private readonly clocksBefore: ClocksBefore = new Map(),
  ) {
    this.statements = {
      changeAt: db.prepare('SELECT * FROM change_log WHERE entity = ? AND entity_id = ? AND hlc = ? LIMIT 1'),
      laterEdits: db.prepare(
        'SELECT * FROM change_log WHERE entity = ? AND entity_id = ? AND hlc > ? AND replica_id <> ? ORDER BY hlc DESC',
      ),
      openConflicts: db.prepare("SELECT * FROM merge_conflict WHERE entity = ? AND entity_id = ? AND field = ? AND status = 'open'"),
      insertConflict: db.prepare(
        `INSERT INTO merge_conflict (id, entity, entity_id, field, kind, local_value, local_author, local_hlc,
           remote_value, remote_author, remote_hlc, status, detected_at, bundle_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?)`,
      ),
      updateSide: {
        local: db.prepare('UPDATE merge_conflict SET local_value = ?, local_author = ?, local_hlc = ? WHERE id = ?'),
        remote: db.prepare('UPDATE merge_conflict SET remote_value = ?, remote_author = ?, remote_hlc = ? WHERE id = ?'),
      },
      resolve: db.prepare("UPDATE merge_conflict SET status = 'resolved', resolution = ?, resolved_at = ? WHERE id = ?"),
      fileInsert: db.prepare('INSERT OR IGNORE INTO original_file (sha256, size, data) VALUES (?, ?, ?)'),
      contentInsert: db.prepare('INSERT OR IGNORE INTO content (id, text, page_starts, headings, ocr_pages) VALUES (?, ?, ?, ?, ?)'),
      surveyDataInsert: hasTable(db, 'survey_data') ? db.prepare('INSERT OR IGNORE INTO survey_data (sha256, size, data) VALUES (?, ?, ?)') : null,
    };
  }

  /** `fresh`: the bundle's changes not here yet (the others count as skipped). */
  run(fresh: readonly ChangeRecord[]): MergeOutcome {
    let newFiles = 0;
    for (const file of this.bundle.files) newFiles += this.statements.fileInsert.run(file.sha256, file.size, file.data).changes;
    for (const content of this.bundle.contents) {
      newFiles += this.statements.contentInsert.run(
        content.id,
        content.text,
        content.pageStarts ? JSON.stringify(content.pageStarts) : null,
        JSON.stringify(content.headings),
        content.ocrPages?.length ? JSON.stringify(content.ocrPages) : null,
      ).changes;
    }
    for (const data of this.bundle.surveyData) {
      if (!this.statements.surveyDataInsert) throw new UserError(BUNDLE_MESSAGES.invalid('vragenlijstgegevens die deze versie niet kent'), 'rejected');
      newFiles += this.statements.surveyDataInsert.run(data.sha256, data.size, data.data).changes;
    }

    const isFresh = new Set(fresh);
    for (const change of this.bundle.changes) if (!isFresh.has(change)) this.perKind[kindOfEntity(change.entity)].skipped++;
    const ordered = [...fresh].sort((a, b) => (a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : a.changeId < b.changeId ? -1 : 1));
    let applied = 0;
    let latest: string | null = null;
    for (const change of ordered) {
      // (A change id twice in one bundle: the second is skipped by applyChange.)
      if (this.applyOne(change)) {
        applied++;
        if (!latest || change.hlc > latest) latest = change.hlc;
      } else {
        this.perKind[kindOfEntity(change.entity)].skipped++;
      }
    }
    if (latest) this.advanceClock(latest);
    this.countEntities();

    const ours = versionVector(this.db);
    const warnings: string[] = [];
    const missing = missingFrom(ours, this.bundle.header.vector);
    if (missing.length > 0) {
      warnings.push(
        `De afzender heeft wijzigingen van ${missing.length === 1 ? 'een kopie' : `${missing.length} kopieën`} die hier nog ontbreken: ` +
          'ze zaten in een eerdere bundel die hier niet is ingelezen. Lees die bundel in, of vraag de afzender om een volledige bundel.',
      );
    }
    const dangling = danglingReferences(this.db, this.touched.values());
    if (dangling > 0) {
      warnings.push(
        `${dangling} ${dangling === 1 ? 'verwijzing wijst' : 'verwijzingen wijzen'} naar gegevens die hier nog ontbreken ` +
          '(bijvoorbeeld een bron uit de bundel van een andere inspecteur). Ze verschijnen zodra die bundel is ingelezen.',
      );
    }
    const structure = syncStructureConflicts(this.db, this.bundle.header.bundleId, this.detectedAt);
    if (structure.length > 0) {
      for (const { id, entity } of structure) {
        this.conflictIds.push(id);
        this.perKind[kindOfEntity(entity)].conflicts++;
      }
      warnings.push(
        `${structure.length === 1 ? 'Eén probleem' : `${structure.length} problemen`} in de opbouw van het toetsingskader of bij coderingen ` +
          '(een kring van codes, een code onder een verwijderde code, of een codering met een verwijderde code of bron). ' +
          'Niets is weggelaten: kies bij Conflicten hoe het verder moet.',
      );
    }
    if (applied > 0) {
      const header = this.bundle.header;
      recordPeer(this.db, header.senderReplicaId, header.bundleId, header.vector, header.senderInspectorId, this.detectedAt);
    }

    const totals = emptyCounts();
    for (const counts of Object.values(this.perKind)) {
      for (const key of Object.keys(totals) as Array<keyof MergeKindCounts>) totals[key] += counts[key];
    }
    const header = this.bundle.header;
    return {
      bundle: {
        bundleId: header.bundleId,
        studyId: header.studyId,
        studyName: header.studyName,
        senderReplicaId: header.senderReplicaId,
        senderInspector: header.senderInspector,
        createdAt: header.createdAt,
        programVersion: header.programVersion,
        formatVersion: header.formatVersion,
        all: header.all,
        changes: this.bundle.changes.length,
        files: this.bundle.files.length + this.bundle.contents.length + this.bundle.surveyData.length,
      },
      nothingNew: applied === 0,
      perKind: this.perKind,
      totals,
      newFiles,
      conflicts: conflictsByIds(this.db, this.conflictIds),
      warnings,
      applied,
    };
  }

  private applyOne(change: ChangeRecord): boolean {
    const table = ENTITIES[change.entity].table;
    const key = `${change.entity}/${change.entityId}`;
    const clocks = (!this.touched.has(key) && this.clocksBefore.get(key)) || readClocks(this.db, change.entity, change.entityId);
    const holders = new Map<string, Holder>([...clocks].map(([field, hlc]) => [field, { hlc }]));
    if (!this.touched.has(key)) {
      // An entity without clocks did not exist before: its row (if any) need not be read.
      const row = holders.size === 0 ? undefined : (this.deletedOf(table).get(change.entityId) as { deleted: number } | undefined);
      this.touched.set(key, {
        kind: kindOfEntity(change.entity),
        entity: change.entity,
        entityId: change.entityId,
        existedBefore: row !== undefined && holders.size > 0,
        deletedBefore: row?.deleted === 1,
        changed: false,
        deletedNow: false,
      });
    }
    if (!applyChange(this.db, change, clocks)) return false;
    const touched = this.touched.get(key)!;
    if (Object.hasOwn(change.fields, 'deleted')) touched.deletedNow = change.fields.deleted === 1;
    if (Object.keys(change.fields).some((field) => (holders.get(field)?.hlc ?? '') < change.hlc)) touched.changed = true;
    if (holders.size > 0) this.detectConflicts(change, holders);
    return true;
  }

  /** See conflict-rules.ts. */
  private detectConflicts(change: ChangeRecord, holders: Map<string, Holder>): void {
    for (const [field, value] of Object.entries(change.fields)) {
      const paired = this.followOpenConflicts(change, field, value);
      const holder = holders.get(field);
      if (!holder || paired.has(holder.hlc) || NON_CONFLICTING_FIELDS.has(field)) continue;
      const held = this.changeAt(change.entity, change.entityId, holder.hlc);
      if (!held || !Object.hasOwn(held.fields, field) || sameValue(held.fields[field]!, value)) continue;
      if (this.isAncestor(holder.hlc, change, field) || this.isAncestor(change.hlc, held, field)) continue;
      this.addConflict('field', change.entity, change.entityId, field, held, held.fields[field]!, change, value);
    }
    this.detectDeleteVersusEdit(change, holders);
  }

  private detectDeleteVersusEdit(change: ChangeRecord, holders: Map<string, Holder>): void {
    const deletedHolder = holders.get('deleted');
    if (!Object.hasOwn(change.fields, 'deleted')) {
      // An edit arriving at a tombstone that it is later than, made by another copy.
      if (!deletedHolder || deletedHolder.hlc >= change.hlc) return;
      const deleter = this.changeAt(change.entity, change.entityId, deletedHolder.hlc);
      if (!deleter || deleter.fields.deleted !== 1 || deleter.replicaId === change.replicaId) return;
      if (this.openConflicts(change.entity, change.entityId, 'deleted').length > 0) return;
      this.addConflict('delete-edit', change.entity, change.entityId, 'deleted', deleter, 1, change, 0);
      return;
    }
    // A delete arriving that wins, while this copy holds a later edit by another copy.
    if (change.fields.deleted !== 1 || (deletedHolder && deletedHolder.hlc > change.hlc)) return;
    if (this.openConflicts(change.entity, change.entityId, 'deleted').length > 0) return;
    const later = readRecords(this.statements.laterEdits.all(change.entity, change.entityId, change.hlc, change.replicaId));
    const edit = later.find((candidate) => !Object.hasOwn(candidate.fields, 'deleted'));
    if (edit) this.addConflict('delete-edit', change.entity, change.entityId, 'deleted', edit, 0, change, 1);
  }

  /**
   * Let open conflicts on this field follow the change. Returns the clocks the
   * change is now paired with in a conflict (the other side of each conflict
   * whose side it continued), so that no second conflict records the same pair.
   */
  private followOpenConflicts(change: ChangeRecord, field: string, value: FieldValue): Set<string> {
    const paired = new Set<string>();
    for (const conflict of this.openConflicts(change.entity, change.entityId, field)) {
      const sawLocal = this.isAncestor(conflict.local_hlc, change, field);
      const sawRemote = this.isAncestor(conflict.remote_hlc, change, field);
      if (sawLocal && sawRemote) {
        this.statements.resolve.run('elsewhere', this.detectedAt, conflict.id);
      } else if (sawLocal || sawRemote) {
        const side = sawLocal ? 'local' : 'remote';
        this.statements.updateSide[side].run(JSON.stringify(value), change.authorId, change.hlc, conflict.id);
        const other = sawLocal ? conflict.remote_value : conflict.local_value;
        if (JSON.stringify(value) === other) this.statements.resolve.run('converged', this.detectedAt, conflict.id);
        else if (!this.settleIfSequential(conflict.id, change.entity, change.entityId, field)) paired.add(sawLocal ? conflict.remote_hlc : conflict.local_hlc);
      } else if (!this.settleIfSequential(conflict.id, change.entity, change.entityId, field)) {
        continue;
      }
      if (!this.conflictIds.includes(conflict.id)) this.conflictIds.push(conflict.id);
    }
    return paired;
  }

  /**
   * A conflict recorded while part of a field's history was missing here (a
   * bundle read before an earlier one) may turn out sequential once the gap
   * is filled: then it is settled ('sequential').
   */
  private settleIfSequential(conflictId: string, entity: EntityName, entityId: string, field: string): boolean {
    const row = this.db.prepare('SELECT local_hlc, remote_hlc FROM merge_conflict WHERE id = ?').get(conflictId) as {
      local_hlc: string;
      remote_hlc: string;
    };
    const local = this.changeAt(entity, entityId, row.local_hlc);
    const remote = this.changeAt(entity, entityId, row.remote_hlc);
    const sequential =
      (remote !== undefined && this.isAncestor(row.local_hlc, remote, field)) || (local !== undefined && this.isAncestor(row.remote_hlc, local, field));
    if (sequential) this.statements.resolve.run('sequential', this.detectedAt, conflictId);
    return sequential;
  }

  private addConflict(
    kind: 'field' | 'delete-edit',
    entity: EntityName,
    entityId: string,
    field: string,
    local: ChangeRecord,
    localValue: FieldValue,
    remote: ChangeRecord,
    remoteValue: FieldValue,
  ): void {
    const id = randomUUID();
    this.statements.insertConflict.run(
      id,
      entity,
      entityId,
      field,
      kind,
      JSON.stringify(localValue),
      local.authorId,
      local.hlc,
      JSON.stringify(remoteValue),
      remote.authorId,
      remote.hlc,
      this.detectedAt,
      this.bundle.header.bundleId,
    );
    this.conflictIds.push(id);
    this.perKind[kindOfEntity(entity)].conflicts++;
  }

  /** True when `ancestorHlc` is reachable from `change` through bases[field], transitively. */
  private isAncestor(ancestorHlc: string, change: ChangeRecord, field: string): boolean {
    const queue = [...(change.bases[field] ?? [])];
    const seen = new Set<string>();
    while (queue.length > 0 && seen.size < MAX_ANCESTRY_STEPS) {
      const hlc = queue.pop()!;
      if (hlc === ancestorHlc) return true;
      // A clock never sees a later one (the clock moves past everything it reads).
      if (seen.has(hlc) || hlc < ancestorHlc) continue;
      seen.add(hlc);
      const earlier = this.changeAt(change.entity, change.entityId, hlc);
      if (earlier) queue.push(...(earlier.bases[field] ?? []));
    }
    return false;
  }

  private changeAt(entity: EntityName, entityId: string, hlc: string): ChangeRecord | undefined {
    const row = this.statements.changeAt.get(entity, entityId, hlc);
    return row ? readRecords([row])[0] : undefined;
  }

  private openConflicts(entity: string, entityId: string, field: string) {
    return this.statements.openConflicts.all(entity, entityId, field) as Array<{
      id: string;
      local_hlc: string;
      remote_hlc: string;
      local_value: string;
      remote_value: string;
    }>;
  }

  private readonly deletedStatements = new Map<string, ReturnType<Db['prepare']>>();

  private deletedOf(table: string): ReturnType<Db['prepare']> {
    let statement = this.deletedStatements.get(table);
    if (!statement) this.deletedStatements.set(table, (statement = this.db.prepare(`SELECT deleted FROM ${table} WHERE id = ?`)));
    return statement;
  }

  private advanceClock(latest: string): void {
    const stored = readMeta(this.db, 'clock');
    const replicaId = readMeta(this.db, 'replica_id')!;
    const local: Hlc = stored ? { ...decodeHlc(stored), replicaId } : { wallMs: 0, counter: 0, replicaId };
    let next: Hlc;
    try {
      next = receiveHlc(local, decodeHlc(latest), this.now());
    } catch (error) {
      throw new UserError('De bundel bevat tijdstempels ver in de toekomst; controleer de klok van de afzender.', 'rejected', error);
    }
    writeMeta(this.db, 'clock', encodeHlc(next));
  }

  private countEntities(): void {
    for (const touched of this.touched.values()) {
      const table = ENTITIES[touched.entity].table;
      const deletedAfter = touched.existedBefore
        ? (this.deletedOf(table).get(touched.entityId) as { deleted: number } | undefined)?.deleted === 1
        : touched.deletedNow;
      const counts = this.perKind[touched.kind];
      if (!touched.existedBefore) {
        if (!deletedAfter) counts.new++;
      } else if (!touched.deletedBefore && deletedAfter) counts.deleted++;
      else if (touched.changed) counts.changed++;
    }
  }
}

function hasTable(db: Db, name: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
}

function sameValue(a: FieldValue, b: FieldValue): boolean {
  return a === b;
}

function readRecords(rows: unknown[]): ChangeRecord[] {
  return (rows as Array<Record<string, string | null>>).map((row) => ({
    changeId: row.change_id!,
    actionId: row.action_id!,
    entity: row.entity as EntityName,
    entityId: row.entity_id!,
    fields: JSON.parse(row.fields!) as Record<string, FieldValue>,
    hlc: row.hlc!,
    replicaId: row.replica_id!,
    authorId: row.author_id ?? null,
    bases: JSON.parse(row.bases ?? '{}') as Record<string, string[]>,
  }));
}

/** Rows of entity tables that point to something not (yet) here. */
/**
 * References to rows that are not here (yet). Only a merge (foreign keys off)
 * can leave them, and a row it touched is the only place a new one can be:
 * so when the previous merge left none, checking the rows this one touched
 * gives the whole count without reading every table. Otherwise, and for a
 * file that has no count yet, SQLite checks the whole study.
 */
function danglingReferences(db: Db, touched: Iterable<Touched>): number {
  const before = readMeta(db, META.danglingReferences);
  let count: number;
  if (before === '0') {
    count = 0;
    const present = new Map<string, boolean>();
    for (const row of touched) count += missingParents(db, ENTITIES[row.entity].table, row.entityId, present);
  } else {
    const entityTables = new Set<string>(Object.values(ENTITIES).map((def) => def.table));
    const rows = db.pragma('foreign_key_check') as Array<{ table: string }>;
    count = rows.filter((row) => entityTables.has(row.table)).length;
  }
  writeMeta(db, META.danglingReferences, String(count));
  return count;
}

/**
 * How many of one row's foreign keys point to no row. `present` keeps what
 * was looked up (a bundle's codings point to the same few sources and codes).
 */
function missingParents(db: Db, table: string, id: string, present: Map<string, boolean>): number {
  const checks = parentChecks(db, table);
  if (checks.length === 0) return 0;
  const row = checks.read.get(id) as Record<string, string | null> | undefined;
  if (!row) return 0;
  return checks.parents.filter(({ column, target, exists }) => {
    const value = row[column];
    if (value === null || value === undefined) return false;
    const key = `${target}/${value}`;
    let found = present.get(key);
    if (found === undefined) present.set(key, (found = Boolean(exists.get(value))));
    return !found;
  }).length;
}

const parentCheckCache = new WeakMap<Db, Map<string, ReturnType<typeof prepareParentChecks>>>();

function parentChecks(db: Db, table: string) {
  let byTable = parentCheckCache.get(db);
  if (!byTable) parentCheckCache.set(db, (byTable = new Map()));
  let checks = byTable.get(table);
  if (!checks) byTable.set(table, (checks = prepareParentChecks(db, table)));
  return checks;
}

/** Per foreign key of an entity table (names from SQLite's own schema): its column and a lookup of the row it points to. */
function prepareParentChecks(db: Db, table: string) {
  const keys = db.pragma(`foreign_key_list(${table})`) as Array<{ table: string; from: string; to: string | null }>;
  const parents = keys.map((key) => ({
    column: key.from,
    target: `${key.table}.${key.to ?? 'rowid'}`,
    exists: db.prepare(`SELECT 1 FROM ${key.table} WHERE ${key.to ?? 'rowid'} = ?`).pluck(),
  }));
  return {
    length: parents.length,
    parents,
    read: db.prepare(`SELECT ${parents.map((parent) => parent.column).join(', ') || 'id'} FROM ${table} WHERE id = ?`),
  };
}

/**
 * The study's tables are STRICT: a value of the wrong type would fail in the
 * middle of the merge. Check every value against its column first, so that a
 * malformed bundle is refused with a clear message and nothing changes.
 */
function checkColumnTypes(db: Db, changes: ChangeRecord[]): void {
  const columns = new Map<string, Map<string, { type: string; notnull: boolean }>>();
  for (const def of Object.values(ENTITIES)) {
    const info = db.pragma(`table_info(${def.table})`) as Array<{ name: string; type: string; notnull: number }>;
    columns.set(def.table, new Map(info.map((column) => [column.name, { type: column.type.toUpperCase(), notnull: column.notnull === 1 }])));
  }
  for (const change of changes) {
    const def = ENTITIES[change.entity];
    for (const [field, value] of Object.entries(change.fields)) {
      const column = columns.get(def.table)?.get((def.fields as Record<string, string>)[field]!);
      if (!column) throw new UserError(BUNDLE_MESSAGES.invalid(`onbekend veld ${change.entity}.${field}`), 'rejected');
      const fits =
        value === null
          ? !column.notnull
          : column.type === 'TEXT'
            ? typeof value === 'string'
            : column.type === 'INTEGER'
              ? Number.isSafeInteger(value)
              : column.type === 'REAL'
                ? typeof value === 'number'
                : true;
      if (!fits) throw new UserError(BUNDLE_MESSAGES.invalid(`ongeldige waarde voor ${change.entity}.${field}`), 'rejected');
    }
  }
}
