/** Creating a study and maintaining its institutions and inspectors. */
import { randomUUID } from 'node:crypto';
import { UserError } from '../errors';
import type { Mutation } from '../store/changes';
import { derivedId } from '../store/derived-id';
import { seedDefaultFramework } from '../framework/framework';
import { seedReviewQuestions } from '../review/file-review';
import { Study } from './study';
import type { Inspector, Institution } from '../../shared/api/types';

export interface NewStudy {
  name: string;
  periodStart: string | null;
  periodEnd: string | null;
  institutions: string[];
  inspectors: { name: string; initials: string }[];
}

/** Create a study file with its setup and the default framework, as one action. */
export function createStudy(path: string, setup: NewStudy): Study {
  const study = Study.createEmpty(path);
  const inspectorIds = setup.inspectors.map(() => randomUUID());
  study.write([
    {
      entity: 'study',
      entityId: study.id,
      fields: { name: setup.name, periodStart: setup.periodStart, periodEnd: setup.periodEnd },
    },
    ...unique(setup.institutions).map((name) => ({
      entity: 'institution' as const,
      entityId: randomUUID(),
      fields: { name },
    })),
    ...setup.inspectors.map((inspector, index) => ({
      entity: 'inspector' as const,
      entityId: inspectorIds[index]!,
      fields: { name: inspector.name, initials: inspector.initials },
    })),
  ]);
  seedDefaultFramework(study);
  seedReviewQuestions(study);
  if (inspectorIds[0]) study.setCurrentInspector(inspectorIds[0]);
  return study;
}

export function updateStudy(study: Study, fields: { name: string; periodStart: string | null; periodEnd: string | null; reportDate?: string | null }) {
  // An absent reportDate leaves the setting as it is (older callers do not know it).
  const { reportDate, ...rest } = fields;
  study.write([{ entity: 'study', entityId: study.id, fields: reportDate === undefined ? rest : { ...rest, reportDate } }]);
}

/**
 * Lookup and creation in one write transaction (BEGIN IMMEDIATE), so that two
 * processes writing one study (the app and the CLI, two imports) cannot both
 * find the name missing and create it twice.
 */
export function createInstitution(study: Study, name: string): Institution {
  return study.db
    .transaction(() => {
      const existing = findInstitutionByName(study, name);
      if (existing) throw new UserError(`De instelling "${name}" bestaat al.`, 'conflict');
      const id = newInstitutionId(study, name);
      study.write([{ entity: 'institution', entityId: id, fields: { name } }]);
      return { id, name };
    })
    .immediate();
}

/**
 * The id a new institution of this name gets: derived from the study and the
 * name (case and surrounding spaces ignored), the uniqueness rule that makes
 * two writers who create "GI Oost" at the same moment, or two laptops offline,
 * meet in one institution. A random id when that one is taken (the
 * institution was renamed or deleted since).
 */
export function newInstitutionId(study: Study, name: string): string {
  const id = derivedId('institution', study.id, name.normalize('NFC').trim().toLocaleLowerCase('nl'));
  return study.db.prepare('SELECT 1 FROM institution WHERE id = ?').get(id) ? randomUUID() : id;
}

/**
 * Inside a write transaction: the institution of this name, or the mutation
 * that creates it (to be written in the same transaction as what needs it).
 */
export function institutionFor(study: Study, name: string): { id: string; create: Mutation | null } {
  const existing = findInstitutionByName(study, name);
  if (existing) return { id: existing.id, create: null };
  const id = newInstitutionId(study, name);
  return { id, create: { entity: 'institution', entityId: id, fields: { name: name.trim() } } };
}

export function renameInstitution(study: Study, id: string, name: string): Institution {
  if (!study.institutions().some((institution) => institution.id === id)) {
    throw new UserError('Deze instelling bestaat niet (meer).', 'not-found');
  }
  study.write([{ entity: 'institution', entityId: id, fields: { name } }]);
  return { id, name };
}

/** Find an institution by name, case-insensitively (used by the CLI, which names them). */
export function findInstitutionByName(study: Study, name: string): Institution | undefined {
  const wanted = name.trim().toLocaleLowerCase('nl');
  return study.institutions().find((institution) => institution.name.toLocaleLowerCase('nl') === wanted);
}

export function createInspector(study: Study, name: string, initials: string): Inspector {
  if (study.inspectors().some((inspector) => inspector.initials.toLowerCase() === initials.toLowerCase())) {
    throw new UserError(`Er is al een inspecteur met initialen "${initials}".`, 'conflict');
  }
  const id = randomUUID();
  study.write([{ entity: 'inspector', entityId: id, fields: { name, initials } }]);
  return { id, name, initials };
}

export function findInspectorByInitials(study: Study, initials: string): Inspector | undefined {
  return study.inspectors().find((inspector) => inspector.initials.toLowerCase() === initials.toLowerCase());
}

function unique(names: string[]): string[] {
  const seen = new Set<string>();
  return names.filter((name) => {
    const key = name.toLocaleLowerCase('nl');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
