/**
 * The house style of a study's report drafts: Veldwerk's standard, or a
 * template (.docx or .dotx) a user chose, e.g. the organisation's own.
 *
 * The choice is a field of the study (`study.reportTemplate`), written
 * through the change log like every other edit: it can be undone, and it
 * travels with the bundles, so the whole team drafts in the same house style
 * without passing files around. Only the template's name and its styles part
 * are kept: the styles are all the writer takes from a template, and they
 * are small enough to ride in one change record (a bundle allows
 * BUNDLE_LIMITS.maxValueChars per field value).
 */
import { basename } from 'node:path';
import { z } from 'zod';
import { UserError } from '../errors';
import { BUNDLE_LIMITS } from '../merge/bundle-format';
import type { Study } from '../study/study';
import type { FileSource } from '../store/staging-store';
import type { ReportTemplateInfo } from '../../shared/api/types';
import { makeTemplateDocx, prepareTemplateStyles, readTemplateStyles, templateStyles } from './template';

const storedTemplateSchema = z.object({
  fileName: z.string().min(1).max(255),
  styles: z.string().min(1),
});
export type StudyTemplate = z.infer<typeof storedTemplateSchema>;

const MESSAGES = {
  notWord: 'Kies een Word-document (.docx) of een Word-sjabloon (.dotx) als huisstijl.',
  unreadable: 'De opmaakprofielen in het rapportsjabloon zijn onleesbaar; het sjabloon is niet gebruikt.',
  tooLarge: 'De opmaakprofielen in het rapportsjabloon zijn te groot om in het onderzoek te bewaren (meer dan 1 MB).',
} as const;

/** The template chosen for the study, or null for the standard house style (also when the stored value is unreadable). */
export function studyTemplate(study: Study): StudyTemplate | null {
  const row = study.db.prepare('SELECT report_template FROM study WHERE id = ?').get(study.id) as { report_template: string | null } | undefined;
  if (!row?.report_template) return null;
  try {
    const parsed = storedTemplateSchema.safeParse(JSON.parse(row.report_template));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function reportTemplateInfo(study: Study): ReportTemplateInfo {
  return { fileName: studyTemplate(study)?.fileName ?? null };
}

/**
 * The styles a draft of this study takes: those of `templatePath` when given
 * (the CLI's --template), else the study's chosen template, else the standard.
 */
export async function reportStyles(study: Study, templatePath?: string): Promise<string> {
  if (templatePath) return templateStyles(templatePath);
  const chosen = studyTemplate(study);
  return chosen ? prepareTemplateStyles(chosen.styles) : templateStyles();
}

/**
 * Make the template file at `path` (named `fileName` by the user) the study's
 * house style. A file that is not a usable Word template is refused with a
 * Dutch message, and then nothing changes.
 */
export async function chooseStudyTemplate(study: Study, source: FileSource, fileName: string): Promise<ReportTemplateInfo> {
  const name = basename(fileName);
  const styles = await readUsableStyles(source, name);
  const value = JSON.stringify({ fileName: name, styles } satisfies StudyTemplate);
  if (value.length > BUNDLE_LIMITS.maxValueChars) throw new UserError(MESSAGES.tooLarge, 'rejected');
  study.write([{ entity: 'study', entityId: study.id, fields: { reportTemplate: value } }], { undoLabel: 'Huisstijl kiezen' });
  return reportTemplateInfo(study);
}

/** Back to Veldwerk's standard house style. */
export function useStandardHouseStyle(study: Study): ReportTemplateInfo {
  if (studyTemplate(study)) {
    study.write([{ entity: 'study', entityId: study.id, fields: { reportTemplate: null } }], { undoLabel: 'Standaardhuisstijl kiezen' });
  }
  return reportTemplateInfo(study);
}

/** The template's styles part, after checking that a draft can be written with it. */
async function readUsableStyles(source: FileSource, fileName: string): Promise<string> {
  if (!/\.(docx|dotx)$/i.test(fileName)) throw new UserError(MESSAGES.notWord, 'rejected');
  const styles = await readTemplateStyles(source);
  try {
    // A trial document with these styles: what the writer would choke on is found now, not at the first draft.
    await makeTemplateDocx(prepareTemplateStyles(styles));
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError(MESSAGES.unreadable, 'rejected', error);
  }
  return styles;
}
