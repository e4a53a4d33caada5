/**
 * The storyline of the overarching report: an ordered plan of themes, each a
 * chapter drawing on the norms and themes (top-level codes) it names. Written
 * through the change path like findings, so the team shares one plan.
 */
import { randomUUID } from 'node:crypto';
import type { Theme } from '../../shared/findings';
import { UserError } from '../errors';
import { listCodes } from '../framework/framework';
import type { Study } from '../study/study';
import { parseList, positionAt } from './findings';

export function listThemes(study: Study): Theme[] {
  const live = new Set(listCodes(study).filter((code) => code.parentId === null).map((code) => code.id));
  const rows = study.db.prepare('SELECT id, title, code_ids, position FROM theme WHERE deleted = 0 ORDER BY position, id').all() as Array<{
    id: string;
    title: string | null;
    code_ids: string | null;
    position: number | null;
  }>;
  return rows.map((row) => ({
    id: row.id,
    title: row.title ?? '',
    // A code deleted since (here or in a merge) drops out of the plan.
    codeIds: parseList<string>(row.code_ids).filter((id) => live.has(id)),
    position: row.position ?? 0,
  }));
}

export function saveTheme(study: Study, input: { id?: string | undefined; title: string; codeIds: string[] }): Theme {
  const title = input.title.trim();
  if (!title) throw new UserError('Een thema heeft een titel nodig.', 'invalid-input');
  const tops = new Set(listCodes(study).filter((code) => code.parentId === null).map((code) => code.id));
  if (input.codeIds.some((id) => !tops.has(id))) throw new UserError('Een thema bestaat uit normen of thema’s (hoofdcodes) van het toetsingskader.', 'invalid-input');
  const themes = listThemes(study);
  if (input.id && !themes.some((theme) => theme.id === input.id)) throw new UserError('Dit thema bestaat niet (meer).', 'not-found');
  const id = input.id ?? randomUUID();
  const fields = { title, codeIds: JSON.stringify([...new Set(input.codeIds)]), ...(input.id ? {} : { position: positionAt(themes, themes.length) }) };
  study.write([{ entity: 'theme', entityId: id, fields }], { undoLabel: input.id ? 'Thema wijzigen' : 'Thema toevoegen' });
  return listThemes(study).find((theme) => theme.id === id)!;
}

export function deleteTheme(study: Study, id: string): Theme[] {
  if (!listThemes(study).some((theme) => theme.id === id)) throw new UserError('Dit thema bestaat niet (meer).', 'not-found');
  study.write([{ entity: 'theme', entityId: id, fields: { deleted: 1 } }], { undoLabel: 'Thema verwijderen' });
  return listThemes(study);
}

/** Put a theme before another (or last, with `beforeId` null). */
export function moveTheme(study: Study, id: string, beforeId: string | null): Theme[] {
  const others = listThemes(study).filter((theme) => theme.id !== id);
  if (others.length === listThemes(study).length) throw new UserError('Dit thema bestaat niet (meer).', 'not-found');
  const index = beforeId === null ? others.length : others.findIndex((theme) => theme.id === beforeId);
  if (index < 0) throw new UserError('Het thema om vóór te zetten bestaat niet (meer).', 'not-found');
  study.write([{ entity: 'theme', entityId: id, fields: { position: positionAt(others, index) } }], { undoLabel: 'Thema verplaatsen' });
  return listThemes(study);
}
