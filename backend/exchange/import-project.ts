/**
 * Importing a REFI-QDA project into a study, as one action through the one
 * write path: sources with their text and original, codes mapped onto the
 * framework or added, codings with their coders mapped to inspectors, notes
 * as memos and coding notes, variables as source metadata. All of it lands in
 * one transaction or none of it does, and it undoes and merges like any edit.
 *
 * Importing the same project again adds nothing: every new entity's id is
 * derived from the project's guid, sources are also recognised by their text,
 * codings by source, code, span and coder, and memos by subject and text.
 */
import { createHash, randomUUID } from 'node:crypto';
import { UserError } from '../errors';
import { listCodes, slugForCode, uniqueCodeKey } from '../framework/framework';
import type { Mutation } from '../store/changes';
import { derivedId } from '../store/derived-id';
import type { Study } from '../study/study';
import {
  MEASURE_LABELS,
  MEASURES,
  ROLE_LABELS,
  ROLES,
  SOURCE_TYPE_LABELS,
  SOURCE_TYPES,
  type Measure,
  type Role,
  type SourceType,
  type Valence,
} from '../../shared/vocabulary';
import type { Code, ImportPreview, QdpxImportResult } from '../../shared/api/types';
import { alignPseudonymised } from './align';
import { normaliseWithPositions } from './positions';
import type { ReadProject } from './qde-read';
import { flattenCodes, type RefiCode, type RefiNote, type RefiProject, type RefiSelection, type RefiSource } from './refi-model';
import { isAttributeCode, QUOTABLE_GUID, VALENCE_GUIDS } from './veldwerk-codes';

export { importMappingSchema, type ImportMapping } from '../../shared/exchange';
import { MAP_AS_NEW, type ImportMapping } from '../../shared/exchange';

const DEFAULT_COLOR = '#8a8a8a';

export function importProject(study: Study, read: ReadProject, mapping: ImportMapping = { codes: {}, users: {} }): QdpxImportResult {
  const { run, result } = planned(study, read, mapping);
  if (run.mutations.length > 0) {
    study.write(run.mutations, { beforeApply: () => run.storeBlobs(), undoLabel: `Project "${read.project.name}" importeren` });
  }
  return result;
}

function planned(study: Study, read: ReadProject, mapping: ImportMapping) {
  const run = new ImportRun(study, read.project, mapping);
  const result = run.plan();
  result.sources.skipped = read.skippedSources;
  result.codings.unplaced = read.unplacedCodings;
  return { run, result };
}

/** What an import would do, without storing anything: the counts, and where each code of the project would go. */
export function previewImport(study: Study, read: ReadProject, mapping: ImportMapping = { codes: {}, users: {} }): ImportPreview {
  const { run, result } = planned(study, read, mapping);
  const keys = new Map(listCodes(study).map((code) => [code.id, code.key]));
  const codes = flattenCodes(read.project.codes)
    .filter((code) => !isAttributeCode(code.guid))
    .map((code) => ({ guid: code.guid, path: code.path.join(' > '), codeKey: keys.get(run.codeIdOf(code.guid) ?? '') ?? null }));
  return { result, codes, users: run.userPlan };
}

class ImportRun {
  readonly mutations: Mutation[] = [];
  private readonly blobs: Array<() => void> = [];
  private readonly now = new Date().toISOString();
  private readonly result: QdpxImportResult;
  private readonly inspectorOf = new Map<string, string>();
  /** Per project user who coded or wrote notes: the inspector found for them (null: added as new), for the preview. */
  readonly userPlan: ImportPreview['users'] = [];
  private readonly codeOf = new Map<string, string>();
  /** Per project source: the study's source and where a selection's code points land in its text. */
  private readonly sourceOf = new Map<string, { id: string; startOf(codePoint: number): number; endOf(codePoint: number): number }>();

  constructor(
    private readonly study: Study,
    private readonly project: RefiProject,
    private readonly mapping: ImportMapping,
  ) {
    this.importingInspector = study.currentInspectorId;
    this.result = {
      project: project.name,
      sources: { added: 0, existing: 0, skipped: [] },
      codes: { mapped: 0, added: 0 },
      codings: { added: 0, existing: 0, empty: 0, unplaced: 0 },
      memos: { added: 0, skipped: 0 },
      inspectorsAdded: 0,
      institutionsAdded: 0,
    };
  }

  plan(): QdpxImportResult {
    this.mapUsers();
    this.mapCodes();
    const institutionOf = this.mapInstitutions();
    for (const source of this.project.sources) this.planSource(source, institutionOf(source.guid));
    for (const source of this.project.sources) this.planCodings(source);
    this.planMemos();
    return this.result;
  }

  codeIdOf(guid: string): string | undefined {
    return this.codeOf.get(guid);
  }

  storeBlobs(): void {
    for (const store of this.blobs) store();
  }

  /* ---------- users → inspectors ---------- */

  private mapUsers(): void {
    const used = new Set<string>();
    for (const source of this.project.sources) {
      if (source.creatingUser) used.add(source.creatingUser);
      for (const selection of source.selections) {
        if (selection.creatingUser) used.add(selection.creatingUser);
        for (const coding of selection.codings) if (coding.creatingUser) used.add(coding.creatingUser);
      }
    }
    for (const note of this.project.notes) if (note.creatingUser) used.add(note.creatingUser);
    const codingsBy = this.codingsPerUser();
    const inspectors = this.study.inspectors();
    const takenInitials = new Set(inspectors.map((i) => i.initials.toLowerCase()));
    // Users without codings or notes add no inspector.
    for (const user of this.project.users.filter((u) => used.has(u.guid))) {
      const wanted = this.mapping.users[user.guid] ?? this.mapping.users[user.name];
      // "nieuw": a new inspector (the same one on a second import of this project), never one matched by initials or name.
      const asNew = wanted?.toLowerCase() === MAP_AS_NEW;
      const sameUser = inspectors.find((i) => i.id === user.guid || i.id === derivedId('qdpx-user', user.guid));
      const found = asNew
        ? sameUser
        : (wanted && inspectors.find((i) => i.initials.toLowerCase() === wanted.toLowerCase())) ||
          sameUser ||
          (user.id ? inspectors.find((i) => i.initials.toLowerCase() === user.id!.toLowerCase()) : undefined) ||
          (user.name ? inspectors.find((i) => i.name.toLocaleLowerCase('nl') === user.name.toLocaleLowerCase('nl')) : undefined);
      if (wanted && !asNew && !found) throw new UserError(`De koppeling noemt inspecteur "${wanted}", maar die is er niet in dit onderzoek.`, 'invalid-input');
      this.userPlan.push({ guid: user.guid, name: user.name, codings: codingsBy.get(user.guid) ?? 0, inspectorId: found?.id ?? null });
      if (found) {
        this.inspectorOf.set(user.guid, found.id);
        continue;
      }
      const id = derivedId('qdpx-user', user.guid);
      const initials = freeInitials(user.id || initialsOf(user.name), takenInitials);
      this.mutations.push({ entity: 'inspector', entityId: id, fields: { name: user.name || 'Onbekende codeur', initials } });
      this.inspectorOf.set(user.guid, id);
      this.result.inspectorsAdded++;
    }
  }

  /** Codings per user: a coding's own user, else its selection's. */
  private codingsPerUser(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const source of this.project.sources) {
      for (const selection of source.selections) {
        for (const coding of selection.codings) {
          const user = coding.creatingUser ?? selection.creatingUser;
          if (user) counts.set(user, (counts.get(user) ?? 0) + 1);
        }
      }
    }
    return counts;
  }

  /** Read once: who imports stands in for codings and notes without a known user. */
  private readonly importingInspector: string | null;

  private coder(...guids: Array<string | null>): string | null {
    for (const guid of guids) if (guid && this.inspectorOf.has(guid)) return this.inspectorOf.get(guid)!;
    return this.importingInspector;
  }

  /* ---------- codes ---------- */

  private mapCodes(): void {
    const existing = listCodes(this.study);
    const byId = new Map(existing.map((c) => [c.id, c]));
    const byKey = new Map(existing.map((c) => [c.key, c]));
    const pathOf = codePaths(existing);
    const byPath = new Map(existing.map((c) => [pathOf.get(c.id)!, c]));
    // Other programs often file the norms under a category of their own: a name that occurs once also matches.
    const nameCounts = new Map<string, number>();
    for (const c of existing) nameCounts.set(foldPath([c.name]), (nameCounts.get(foldPath([c.name])) ?? 0) + 1);
    const byUniqueName = new Map(existing.filter((c) => nameCounts.get(foldPath([c.name])) === 1).map((c) => [foldPath([c.name]), c]));
    const keys = existing.map((c) => c.key);
    const nextOrder = new Map<string | null, number>();
    for (const c of existing) nextOrder.set(c.parentId, Math.max(nextOrder.get(c.parentId) ?? 0, c.sortOrder + 1));

    for (const code of flattenCodes(this.project.codes)) {
      if (isAttributeCode(code.guid)) continue;
      const path = code.path.join(' > ');
      const wanted = this.mapping.codes[code.guid] ?? this.mapping.codes[path] ?? this.mapping.codes[code.name];
      let target: Code | undefined;
      if (wanted && wanted !== 'nieuw') {
        target = byKey.get(wanted);
        if (!target) throw new UserError(`De koppeling noemt code "${wanted}", maar die sleutel bestaat niet in het toetsingskader.`, 'invalid-input');
      } else if (!wanted) {
        target =
          byId.get(code.guid) ??
          byId.get(derivedId('qdpx-code', code.guid)) ??
          byPath.get(foldPath(code.path)) ??
          byPath.get(foldPath(withoutParentSuffix(code.path))) ??
          byUniqueName.get(foldPath([code.name]));
      }
      if (target) {
        this.codeOf.set(code.guid, target.id);
        this.result.codes.mapped++;
        continue;
      }
      const parentId = code.parentGuid ? (this.codeOf.get(code.parentGuid) ?? null) : null;
      const id = derivedId('qdpx-code', code.guid);
      const parentKey = parentId ? (byId.get(parentId)?.key ?? keyOfNew(this.mutations, parentId)) : null;
      const key = uniqueCodeKey(keys, parentKey ? `${parentKey}.${slugForCode(code.name)}` : slugForCode(code.name));
      keys.push(key);
      const sortOrder = nextOrder.get(parentId) ?? 0;
      nextOrder.set(parentId, sortOrder + 1);
      this.mutations.push({
        entity: 'code',
        entityId: id,
        fields: { key, parentId, kind: parentId ? 'subcode' : 'context', name: code.name, definition: code.description, color: code.color ?? DEFAULT_COLOR, sortOrder },
      });
      this.codeOf.set(code.guid, id);
      this.result.codes.added++;
    }
  }

  /* ---------- institutions (cases) ---------- */

  private mapInstitutions(): (sourceGuid: string) => string {
    const institutions = this.study.institutions();
    const byName = (name: string) => institutions.find((i) => i.name.toLocaleLowerCase('nl') === name.trim().toLocaleLowerCase('nl'));
    const ensure = (guid: string, name: string): string => {
      const found = institutions.find((i) => i.id === guid || i.id === derivedId('qdpx-case', guid)) ?? byName(name);
      if (found) return found.id;
      const id = derivedId('qdpx-case', guid);
      this.mutations.push({ entity: 'institution', entityId: id, fields: { name: name.trim() } });
      institutions.push({ id, name: name.trim() });
      this.result.institutionsAdded++;
      return id;
    };
    const caseOf = new Map<string, string>();
    for (const c of this.project.cases) {
      if (!c.name.trim()) continue;
      const id = ensure(c.guid, c.name);
      for (const sourceGuid of c.sourceGuids) if (!caseOf.has(sourceGuid)) caseOf.set(sourceGuid, id);
    }
    let fallback: string | null = null;
    return (sourceGuid) => {
      const id = caseOf.get(sourceGuid);
      if (id) return id;
      const name = this.mapping.institution ?? `Geïmporteerd: ${this.project.name}`.slice(0, 200);
      fallback ??= ensure(derivedId('qdpx-fallback-institution', name), name);
      return fallback;
    };
  }

  /* ---------- sources ---------- */

  private planSource(source: RefiSource, institutionId: string): void {
    const text = normaliseWithPositions(source.plainText, source.name);
    const contentId = createHash('sha256').update(text.text).digest('hex');
    const derived = derivedId('qdpx-source', source.guid);
    const existing = this.study.db
      .prepare(
        `SELECT s.id FROM source s WHERE s.deleted = 0 AND (s.id = ? OR s.content_id = ?)
         ORDER BY (s.id = ?) DESC, s.imported_at LIMIT 1`,
      )
      .get(derived, contentId, derived) as { id: string } | undefined;
    if (existing) {
      this.sourceOf.set(source.guid, { id: existing.id, startOf: text.offsetOf, endOf: text.offsetOf });
      this.result.sources.existing++;
      return;
    }
    if (this.comesHome(source, text.offsetOf, text.text)) return;
    const original = source.original ?? { fileName: `${safeFileName(source.name)}.txt`, data: source.plainTextBytes ?? Buffer.from(source.plainText, 'utf8') };
    const fileSha256 = createHash('sha256').update(original.data).digest('hex');
    const format = source.kind === 'pdf' ? 'pdf' : /\.docx$/i.test(original.fileName) ? 'docx' : 'txt';
    const meta = this.metadataOf(source);
    this.mutations.push({
      entity: 'source',
      entityId: derived,
      fields: {
        title: source.name.trim() || 'Naamloze bron',
        institutionId,
        ...meta,
        inspectorId: source.creatingUser ? (this.inspectorOf.get(source.creatingUser) ?? null) : null,
        format,
        fileName: original.fileName,
        fileSha256,
        contentId,
        importedAt: this.now,
      },
    });
    this.blobs.push(() => {
      this.study.db.prepare('INSERT OR IGNORE INTO original_file (sha256, size, data) VALUES (?, ?, ?)').run(fileSha256, original.data.byteLength, original.data);
      this.study.db.prepare('INSERT OR IGNORE INTO content (id, text, page_starts, headings) VALUES (?, ?, NULL, ?)').run(contentId, text.text, '[]');
    });
    this.sourceOf.set(source.guid, { id: derived, startOf: text.offsetOf, endOf: text.offsetOf });
    this.result.sources.added++;
  }

  /**
   * A source of this study exported pseudonymised (its guid is the source's
   * id) and coded elsewhere: the codings land on the original text, through
   * the alignment of the two, and no second source is added.
   */
  private comesHome(source: RefiSource, offsetOf: (codePoint: number) => number, text: string): boolean {
    const own = this.study.db
      .prepare('SELECT c.text FROM source s JOIN content c ON c.id = s.content_id WHERE s.id = ? AND s.deleted = 0')
      .get(source.guid) as { text: string } | undefined;
    const alignment = own ? alignPseudonymised(text, own.text) : null;
    if (!alignment) return false;
    this.sourceOf.set(source.guid, {
      id: source.guid,
      startOf: (codePoint) => alignment.startOf(offsetOf(codePoint)),
      endOf: (codePoint) => alignment.endOf(offsetOf(codePoint)),
    });
    this.result.sources.existing++;
    return true;
  }

  /** Variables (by name, values by key or label) and sets named "Bronsoort: …" as source metadata. */
  private metadataOf(source: RefiSource): { sourceType: SourceType; role: Role | null; measure: Measure | null; date: string | null } {
    const variableName = new Map(this.project.variables.map((v) => [v.guid, v.name.trim().toLocaleLowerCase('nl')]));
    const meta = { sourceType: 'overig' as SourceType, role: null as Role | null, measure: null as Measure | null, date: null as string | null };
    for (const set of this.project.sets) {
      const type = /^bronsoort:\s*(.+)$/i.exec(set.name)?.[1];
      const key = type ? vocabularyKey(type, SOURCE_TYPES, SOURCE_TYPE_LABELS) : null;
      if (key && set.sourceGuids.includes(source.guid)) meta.sourceType = key;
    }
    for (const { variableGuid, value } of source.variables) {
      const name = variableName.get(variableGuid) ?? '';
      const text = String(value.value);
      if (['bronsoort', 'soort bron', 'documenttype', 'source type'].includes(name)) meta.sourceType = vocabularyKey(text, SOURCE_TYPES, SOURCE_TYPE_LABELS) ?? meta.sourceType;
      else if (['rol', 'role', 'respondent'].includes(name)) meta.role = vocabularyKey(text, ROLES, ROLE_LABELS) ?? meta.role;
      else if (['maatregel', 'measure'].includes(name)) meta.measure = vocabularyKey(text, MEASURES, MEASURE_LABELS) ?? meta.measure;
      else if (['datum', 'date'].includes(name) && /^\d{4}-\d{2}-\d{2}$/.test(text)) meta.date = text;
    }
    return meta;
  }

  /* ---------- codings ---------- */

  private planCodings(source: RefiSource): void {
    const target = this.sourceOf.get(source.guid)!;
    const notes = new Map(this.project.notes.map((n) => [n.guid, n]));
    // A selection's guid is the coding's id when the project is this study's own export.
    // Two lookups, each on an index (an OR of both would scan the table for every coding).
    const byId = this.study.db.prepare('SELECT 1 FROM coding WHERE id IN (?, ?)');
    const bySpan = this.study.db.prepare(
      'SELECT 1 FROM coding WHERE source_id = ? AND deleted = 0 AND code_id = ? AND start = ? AND end = ? AND coder_id IS ? LIMIT 1',
    );
    const existing = { get: (id: string, guid: string, sourceId: string, codeId: string, start: number, end: number, coderId: string | null) => byId.get(id, guid) ?? bySpan.get(sourceId, codeId, start, end, coderId) };
    for (const selection of source.selections) {
      const start = target.startOf(selection.start);
      const end = target.endOf(selection.end);
      const attributes = new Set(selection.codings.map((c) => c.codeGuid));
      const valence: Valence = attributes.has(VALENCE_GUIDS.positief) ? 'positief' : attributes.has(VALENCE_GUIDS.negatief) ? 'negatief' : 'neutraal';
      for (const coding of selection.codings.filter((c) => !isAttributeCode(c.codeGuid))) {
        if (end <= start) {
          this.result.codings.empty++;
          continue;
        }
        const id = derivedId('qdpx-coding', coding.guid);
        const codeId = this.codeOf.get(coding.codeGuid)!;
        const coderId = this.coder(coding.creatingUser, selection.creatingUser);
        if (existing.get(id, selection.guid, target.id, codeId, start, end, coderId)) {
          this.result.codings.existing++;
          continue;
        }
        this.mutations.push({
          entity: 'coding',
          entityId: id,
          fields: {
            sourceId: target.id,
            codeId,
            start,
            end,
            valence,
            note: codingNote(selection, coding.noteGuids, notes),
            quotable: attributes.has(QUOTABLE_GUID) ? 1 : 0,
            coderId,
            createdAt: coding.created ?? selection.created ?? this.now,
          },
        });
        this.result.codings.added++;
      }
    }
  }

  /* ---------- notes → memos ---------- */

  private planMemos(): void {
    const targets = new Map<string, { type: 'source' | 'code' | 'institution'; id: string }>();
    for (const source of this.project.sources) {
      for (const guid of source.noteGuids) targets.set(guid, { type: 'source', id: this.sourceOf.get(source.guid)!.id });
    }
    for (const code of flattenCodes(this.project.codes)) {
      const id = this.codeOf.get(code.guid);
      if (id) for (const guid of code.noteGuids) targets.set(guid, { type: 'code', id });
    }
    const institutions = this.study.institutions();
    const added = this.mutations.filter((m) => m.entity === 'institution').map((m) => ({ id: m.entityId, name: String(m.fields.name) }));
    const codingNotes = new Set(this.project.sources.flatMap((s) => s.selections.flatMap((sel) => [...sel.noteGuids, ...sel.codings.flatMap((c) => c.noteGuids)])));
    for (const note of this.project.notes) {
      if (codingNotes.has(note.guid)) continue;
      // The export numbers a second note of the same name: "Memo bij X (2)".
      const institutionName = /^Memo bij (.+?)(?: \(\d+\))?$/.exec(note.name)?.[1]?.trim().toLocaleLowerCase('nl');
      const institution = institutionName ? [...institutions, ...added].find((i) => i.name.toLocaleLowerCase('nl') === institutionName) : undefined;
      const target = targets.get(note.guid) ?? (institution ? { type: 'institution' as const, id: institution.id } : undefined);
      if (!target || !note.text.trim()) {
        this.result.memos.skipped++;
        continue;
      }
      const passage = target.type === 'source' ? this.passageOf(note) : null;
      if (passage) this.planPassageMemo(note, target.id, passage);
      else this.planMemo(note, target);
    }
    for (const source of this.project.sources) this.planSourceDescription(source);
  }

  /** A note's passage in the text of the source that refers to it; null when it has none or it falls outside. */
  private passageOf(note: RefiNote): { start: number; end: number } | null {
    const source = note.passage && this.project.sources.find((s) => s.noteGuids.includes(note.guid));
    const mapped = source && this.sourceOf.get(source.guid);
    if (!note.passage || !mapped) return null;
    const start = mapped.startOf(note.passage.start);
    const end = mapped.endOf(note.passage.end);
    return start >= 0 && start < end ? { start, end } : null;
  }

  /** A note on a passage (a QualCoder annotation) as a memo on that passage of the source. */
  private planPassageMemo(note: RefiNote, sourceId: string, passage: { start: number; end: number }): void {
    const id = derivedId('qdpx-note', note.guid, sourceId);
    const same = this.study.db
      .prepare("SELECT 1 FROM memo WHERE id IN (?, ?) OR (deleted = 0 AND target_type = 'source' AND target_id = ? AND start = ? AND \"end\" = ? AND text = ?)")
      .get(id, note.guid, sourceId, passage.start, passage.end, note.text);
    if (same) return;
    const authorId = this.coder(note.creatingUser);
    this.mutations.push({ entity: 'memo', entityId: id, fields: { targetType: 'source', targetId: sourceId, text: note.text, authorId, updatedAt: note.created ?? this.now, ...passage } });
    this.result.memos.added++;
  }

  /**
   * A source's Description is its memo in QualCoder (and how it exports one):
   * a source memo by whoever added the source, unless a memo on the source
   * already holds that text.
   */
  private planSourceDescription(source: RefiSource): void {
    const text = source.description.trim();
    const sourceId = this.sourceOf.get(source.guid)?.id;
    if (!text || !sourceId) return;
    // Veldwerk's own export writes the source's notes as its description too: those notes came in already.
    const notes = new Map(this.project.notes.map((n) => [n.guid, n.text]));
    if (text === source.noteGuids.map((guid) => notes.get(guid) ?? '').filter(Boolean).join('\n\n').trim()) return;
    const existing = this.study.db.prepare("SELECT text FROM memo WHERE deleted = 0 AND target_type = 'source' AND target_id = ?").pluck().all(sourceId) as string[];
    const planned = this.mutations.filter((m) => m.entity === 'memo' && m.fields.targetId === sourceId).map((m) => String(m.fields.text));
    // A Veldwerk export joins the source's memos into its description: nothing new when each of them is there.
    const rest = [...existing, ...planned].reduce((left, memo) => (memo.trim() ? left.split(memo.trim()).join('') : left), text);
    if (!rest.trim()) return;
    this.planMemo({ guid: derivedId('qdpx-source-description', source.guid), name: '', text, creatingUser: source.creatingUser, created: source.created }, { type: 'source', id: sourceId });
  }

  private planMemo(note: RefiNote, target: { type: 'source' | 'code' | 'institution'; id: string }): void {
    const authorId = this.coder(note.creatingUser);
    const id = derivedId('qdpx-note', note.guid, target.id);
    // A note's guid is the memo's id when the project is this study's own export.
    const same = this.study.db
      .prepare('SELECT id, text FROM memo WHERE id IN (?, ?) OR (deleted = 0 AND target_type = ? AND target_id = ? AND author_id IS ?)')
      .all(id, note.guid, target.type, target.id, authorId) as Array<{ id: string; text: string }>;
    if (same.some((memo) => memo.id === id || memo.id === note.guid || memo.text.includes(note.text))) return;
    const planned = this.mutations.find((m) => m.entity === 'memo' && m.fields.targetId === target.id && m.fields.authorId === authorId);
    const own = same[0];
    if (planned) planned.fields.text = `${String(planned.fields.text)}\n\n${note.text}`;
    // One memo per subject and author: a second note on the same subject is added to it.
    else if (own) this.mutations.push({ entity: 'memo', entityId: own.id, fields: { text: `${own.text}\n\n${note.text}`, updatedAt: this.now } });
    else this.mutations.push({ entity: 'memo', entityId: id, fields: { targetType: target.type, targetId: target.id, text: note.text, authorId, updatedAt: note.created ?? this.now } });
    this.result.memos.added++;
  }
}

function codingNote(selection: RefiSelection, codingNoteGuids: string[], notes: Map<string, RefiNote>): string {
  const parts = [selection.description, ...[...selection.noteGuids, ...codingNoteGuids].map((guid) => notes.get(guid)?.text ?? '')];
  // A Veldwerk export carries a coding's note twice (description and note): once is enough.
  return [...new Set(parts.map((part) => part.trim()).filter(Boolean))].join('\n\n');
}

/** "Norm > Overig (Norm)" → "Norm > Overig": the export names a repeated code after its parent (uniqueCodeNames). */
function withoutParentSuffix(path: string[]): string[] {
  const parent = path[path.length - 2];
  const suffix = parent ? ` (${parent})` : '';
  const name = path[path.length - 1] ?? '';
  return suffix && name.endsWith(suffix) ? [...path.slice(0, -1), name.slice(0, -suffix.length)] : path;
}

function codePaths(codes: Code[]): Map<string, string> {
  const byId = new Map(codes.map((c) => [c.id, c]));
  const paths = new Map<string, string>();
  for (const code of codes) {
    const names: string[] = [];
    for (let c: Code | undefined = code; c; c = c.parentId ? byId.get(c.parentId) : undefined) names.unshift(c.name);
    paths.set(code.id, foldPath(names));
  }
  return paths;
}

const foldPath = (names: string[]) => names.map((name) => name.trim().toLocaleLowerCase('nl')).join(' > ');

function keyOfNew(mutations: Mutation[], codeId: string): string | null {
  const mutation = mutations.find((m) => m.entity === 'code' && m.entityId === codeId);
  return mutation ? String(mutation.fields.key) : null;
}

function vocabularyKey<K extends string>(value: string, keys: readonly K[], labels: Record<K, string>): K | null {
  const folded = fold(value);
  return keys.find((key) => fold(key) === folded || fold(labels[key]) === folded) ?? null;
}

const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').trim().toLowerCase();

function initialsOf(name: string): string {
  const letters = name.split(/\s+/).filter(Boolean).map((part) => part[0]!.toUpperCase()).join('');
  return letters.slice(0, 4) || 'IMP';
}

function freeInitials(wanted: string, taken: Set<string>): string {
  let initials = wanted.slice(0, 10);
  for (let n = 2; taken.has(initials.toLowerCase()); n++) initials = `${wanted.slice(0, 8)}${n}`;
  taken.add(initials.toLowerCase());
  return initials;
}

function safeFileName(name: string): string {
  return name.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, ' ').trim().slice(0, 80) || randomUUID();
}
