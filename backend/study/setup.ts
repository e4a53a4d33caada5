/** Creating a study and maintaining its institutions and inspectors. */
import { randomUUID } from 'node:crypto';
import { UserError } from '../errors';
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

export function createInstitution(study: Study, name: string): Institution {
  const existing = findInstitutionByName(study, name);
  if (existing) throw new UserError(`De instelling "${name}" bestaat al.`, 'conflict');
  const id = randomUUID();
  study.write([{ entity: 'institution', entityId: id, fields: { name } }]);
  return { id, name };
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
