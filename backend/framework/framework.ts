/**
 * The toetsingskader: norms, their sub-codes and the context codes, as a tree.
 * Codes are identified by UUID; `key` is a stable, human-readable handle for
 * the CLI and reports that never changes after creation (renames keep it).
 */
import { randomUUID } from 'node:crypto';
import { DEFAULT_FRAMEWORK, type DefaultCode } from '../../shared/framework-defaults';
import { UserError } from '../errors';
import type { Mutation } from '../store/changes';
import type { Fields } from '../store/entities';
import type { Study } from '../study/study';
import type { Code } from '../../shared/api/types';
import type { CodeKind } from '../../shared/vocabulary';
import { repairTree } from '../merge/tree-repair';
import { storedCodes } from '../merge/structure';

interface CodeRow {
  id: string;
  key: string;
  parent_id: string | null;
  kind: CodeKind;
  name: string;
  definition: string | null;
  color: string;
  sort_order: number;
}

const toCode = (row: CodeRow): Code => ({
  id: row.id,
  key: row.key,
  parentId: row.parent_id,
  kind: row.kind,
  name: row.name,
  definition: row.definition ?? '',
  color: row.color,
  sortOrder: row.sort_order,
});

/** All live codes, parents before children, siblings in their order. */
export function listCodes(study: Study): Code[] {
  // Shown under the parent a merge's repair gives (cycles and deleted parents, see merge/tree-repair.ts).
  const { parentOf } = repairTree(storedCodes(study.db));
  const rows = (study.db.prepare('SELECT * FROM code WHERE deleted = 0 ORDER BY sort_order, name').all() as CodeRow[]).map((row) => ({
    ...row,
    parent_id: parentOf.get(row.id) ?? null,
  }));
  const byParent = new Map<string | null, CodeRow[]>();
  for (const row of rows) {
    const siblings = byParent.get(row.parent_id) ?? [];
    siblings.push(row);
    byParent.set(row.parent_id, siblings);
  }
  const ordered: Code[] = [];
  const visit = (parentId: string | null) => {
    for (const row of byParent.get(parentId) ?? []) {
      ordered.push(toCode(row));
      visit(row.id);
    }
  };
  visit(null);
  return ordered;
}

export function seedDefaultFramework(study: Study): void {
  const mutations: Mutation[] = [];
  const add = (code: DefaultCode, parentId: string | null, sortOrder: number) => {
    const id = randomUUID();
    mutations.push({
      entity: 'code',
      entityId: id,
      fields: {
        key: code.key,
        parentId,
        kind: code.kind,
        name: code.name,
        definition: code.definition,
        color: code.color,
        sortOrder,
      },
    });
    code.children?.forEach((child, index) => add(child, id, index));
  };
  DEFAULT_FRAMEWORK.forEach((code, index) => add(code, null, index));
  study.write(mutations);
}

export interface NewCode {
  parentId: string | null;
  kind: CodeKind;
  name: string;
  definition: string;
  color: string;
}

export function createCode(study: Study, input: NewCode): Code {
  const codes = listCodes(study);
  const parent = input.parentId ? requireCode(codes, input.parentId) : null;
  const siblings = codes.filter((code) => code.parentId === input.parentId);
  const id = randomUUID();
  const key = uniqueKey(codes, parent ? `${parent.key}.${slug(input.name)}` : slug(input.name));
  const sortOrder = siblings.length === 0 ? 0 : Math.max(...siblings.map((code) => code.sortOrder)) + 1;
  study.write([
    {
      entity: 'code',
      entityId: id,
      fields: { key, parentId: input.parentId, kind: input.kind, name: input.name, definition: input.definition, color: input.color, sortOrder },
    },
  ]);
  return requireCode(listCodes(study), id);
}

export function updateCode(study: Study, id: string, fields: { name?: string; definition?: string; color?: string }): Code {
  requireCode(listCodes(study), id);
  const changed = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
  if (Object.keys(changed).length > 0) study.write([{ entity: 'code', entityId: id, fields: changed as Record<string, string> }]);
  return requireCode(listCodes(study), id);
}

/** Move a code to a new parent and position; renumbers the siblings it lands among. */
export function moveCode(study: Study, id: string, parentId: string | null, index: number): Code[] {
  const codes = listCodes(study);
  requireCode(codes, id);
  if (parentId !== null) {
    requireCode(codes, parentId);
    if (parentId === id || isDescendant(codes, parentId, id)) {
      throw new UserError('Een code kan niet onder zichzelf of onder een eigen subcode worden geplaatst.', 'invalid-input');
    }
  }
  const siblings = codes.filter((code) => code.parentId === parentId && code.id !== id);
  siblings.splice(Math.min(index, siblings.length), 0, requireCode(codes, id));
  study.write(
    siblings.map((code, position) => ({
      entity: 'code' as const,
      entityId: code.id,
      fields: code.id === id ? { parentId, sortOrder: position } : ({ sortOrder: position } as Fields),
    })),
  );
  return listCodes(study);
}

/** Delete a code and its sub-codes (tombstones); refused while codings use them. */
export function deleteCode(study: Study, id: string): Code[] {
  const codes = listCodes(study);
  requireCode(codes, id);
  const doomed = [id, ...codes.filter((code) => isDescendant(codes, code.id, id)).map((code) => code.id)];
  const placeholders = doomed.map(() => '?').join(',');
  const used = study.db
    .prepare(`SELECT count(*) AS n FROM coding WHERE deleted = 0 AND code_id IN (${placeholders})`)
    .get(...doomed) as { n: number };
  if (used.n > 0) {
    throw new UserError(
      `Deze code is ${used.n} keer gebruikt bij het coderen. Verwijder of verplaats eerst die coderingen.`,
      'conflict',
    );
  }
  study.write(doomed.map((codeId) => ({ entity: 'code' as const, entityId: codeId, fields: { deleted: 1 } })));
  return listCodes(study);
}

function requireCode(codes: Code[], id: string): Code {
  const code = codes.find((candidate) => candidate.id === id);
  if (!code) throw new UserError('Deze code bestaat niet (meer).', 'not-found');
  return code;
}

/** True when `id` lies somewhere below `ancestorId`. */
function isDescendant(codes: Code[], id: string, ancestorId: string): boolean {
  const parentOf = new Map(codes.map((code) => [code.id, code.parentId]));
  for (let current = parentOf.get(id) ?? null; current !== null; current = parentOf.get(current) ?? null) {
    if (current === ancestorId) return true;
  }
  return false;
}

function slug(name: string): string {
  const folded = name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  return folded.replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'code';
}

function uniqueKey(codes: Code[], wanted: string): string {
  const taken = new Set(codes.map((code) => code.key));
  if (!taken.has(wanted)) return wanted;
  for (let suffix = 2; ; suffix++) if (!taken.has(`${wanted}-${suffix}`)) return `${wanted}-${suffix}`;
}

/** The key a new code named `name` gets (used by the project import, which writes codes in its own action). */
export function slugForCode(name: string): string {
  return slug(name);
}

export function uniqueCodeKey(keys: string[], wanted: string): string {
  return uniqueKey(keys.map((key) => ({ key }) as Code), wanted);
}
