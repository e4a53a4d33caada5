/**
 * Findings (bevindingen) as part of the study: written by an inspector about a
 * norm or theme at one institution or across institutions, ordered, with the
 * coded segments and computed figures they rest on. Every write goes through
 * the change path, so findings merge, undo and travel like everything else.
 */
import { randomUUID } from 'node:crypto';
import { FINDING_KINDS, type Finding, type FindingFigure, type FindingKind } from '../../shared/findings';
import { UserError } from '../errors';
import { listCodes } from '../framework/framework';
import type { Study } from '../study/study';

export interface FindingInput {
  /** Absent: a new finding. */
  id?: string | undefined;
  institutionId: string | null;
  codeId: string | null;
  kind: FindingKind;
  text: string;
  evidenceCodingIds: string[];
  figures: FindingFigure[];
}

interface FindingRow {
  id: string;
  institution_id: string | null;
  code_id: string | null;
  kind: string;
  text: string | null;
  evidence: string | null;
  figures: string | null;
  position: number | null;
  author_id: string | null;
}

export function listFindings(study: Study): Finding[] {
  const rows = study.db
    .prepare('SELECT id, institution_id, code_id, kind, text, evidence, figures, position, author_id FROM finding WHERE deleted = 0 ORDER BY position, id')
    .all() as FindingRow[];
  const liveCodings = liveCodingIds(study, rows);
  return rows.map((row) => ({
    id: row.id,
    institutionId: row.institution_id,
    codeId: row.code_id,
    kind: (FINDING_KINDS as readonly string[]).includes(row.kind) ? (row.kind as FindingKind) : 'bevinding',
    text: row.text ?? '',
    // A coding deleted since (here or in a merge) is no longer evidence.
    evidenceCodingIds: parseList<string>(row.evidence).filter((id) => liveCodings.has(id)),
    figures: parseList<FindingFigure>(row.figures),
    position: row.position ?? 0,
    authorId: row.author_id,
  }));
}

export function saveFinding(study: Study, input: FindingInput): Finding {
  assertScope(study, input);
  const text = input.text.trim();
  if (!text) throw new UserError('Een bevinding heeft tekst nodig.', 'invalid-input');
  const existing = input.id ? listFindings(study).find((finding) => finding.id === input.id) : undefined;
  if (input.id && !existing) throw new UserError('Deze bevinding bestaat niet (meer).', 'not-found');
  const id = existing?.id ?? randomUUID();
  const fields = {
    institutionId: input.institutionId,
    codeId: input.codeId,
    kind: input.kind,
    text,
    evidence: JSON.stringify([...new Set(input.evidenceCodingIds)]),
    figures: JSON.stringify(input.figures),
    ...(existing ? {} : { position: nextPosition(study, input), authorId: study.currentInspectorId }),
  };
  study.write([{ entity: 'finding', entityId: id, fields }], { undoLabel: existing ? 'Bevinding wijzigen' : 'Bevinding vastleggen' });
  return listFindings(study).find((finding) => finding.id === id)!;
}

export function deleteFinding(study: Study, id: string): void {
  if (!study.db.prepare('SELECT 1 FROM finding WHERE id = ? AND deleted = 0').get(id)) {
    throw new UserError('Deze bevinding bestaat niet (meer).', 'not-found');
  }
  study.write([{ entity: 'finding', entityId: id, fields: { deleted: 1 } }], { undoLabel: 'Bevinding verwijderen' });
}

/** Put a finding before another of the same norm and institution (or last, with `beforeId` null). */
export function moveFinding(study: Study, id: string, beforeId: string | null): Finding[] {
  const all = listFindings(study);
  const moving = all.find((finding) => finding.id === id);
  if (!moving) throw new UserError('Deze bevinding bestaat niet (meer).', 'not-found');
  const siblings = all.filter((finding) => finding.id !== id && sameScope(finding, moving));
  const index = beforeId === null ? siblings.length : siblings.findIndex((finding) => finding.id === beforeId);
  if (index < 0) throw new UserError('De bevinding om vóór te zetten hoort niet bij dezelfde norm en instelling.', 'invalid-input');
  const position = positionAt(siblings, index);
  study.write([{ entity: 'finding', entityId: id, fields: { position } }], { undoLabel: 'Bevinding verplaatsen' });
  return listFindings(study);
}

/** The position that puts an item at `index` among `siblings` (in order): between its neighbours. */
export function positionAt(siblings: Array<{ position: number }>, index: number): number {
  const before = siblings[index - 1]?.position;
  const after = siblings[index]?.position;
  if (before === undefined) return after === undefined ? 1 : after - 1;
  return after === undefined ? before + 1 : (before + after) / 2;
}

export function parseList<T>(json: string | null): T[] {
  if (!json) return [];
  try {
    const value = JSON.parse(json) as unknown;
    return Array.isArray(value) ? (value as T[]) : [];
  } catch {
    return [];
  }
}

const sameScope = (a: Pick<Finding, 'institutionId' | 'codeId'>, b: Pick<Finding, 'institutionId' | 'codeId'>) =>
  a.institutionId === b.institutionId && a.codeId === b.codeId;

function nextPosition(study: Study, scope: Pick<Finding, 'institutionId' | 'codeId'>): number {
  const positions = listFindings(study)
    .filter((finding) => sameScope(finding, scope))
    .map((finding) => finding.position);
  return positions.length > 0 ? Math.max(...positions) + 1 : 1;
}

function assertScope(study: Study, input: FindingInput): void {
  if (input.institutionId !== null && !study.institutions().some((institution) => institution.id === input.institutionId)) {
    throw new UserError('Deze instelling bestaat niet (meer).', 'not-found');
  }
  if (input.codeId !== null) {
    const code = listCodes(study).find((candidate) => candidate.id === input.codeId);
    if (!code || code.parentId !== null) throw new UserError('Een bevinding hoort bij een norm of thema (een hoofdcode) van het toetsingskader.', 'invalid-input');
  }
  const missing = input.evidenceCodingIds.filter((id) => !study.db.prepare('SELECT 1 FROM coding WHERE id = ? AND deleted = 0').get(id));
  if (missing.length > 0) throw new UserError('Een gekoppelde codering bestaat niet (meer).', 'not-found');
}

function liveCodingIds(study: Study, rows: FindingRow[]): Set<string> {
  const wanted = [...new Set(rows.flatMap((row) => parseList<string>(row.evidence)))];
  const live = new Set<string>();
  const check = study.db.prepare('SELECT 1 FROM coding WHERE id = ? AND deleted = 0');
  for (const id of wanted) if (check.get(id)) live.add(id);
  return live;
}
