/**
 * The internal appendix (verantwoording: where every quote, figure and table
 * comes from, and what the privacy pass did) is a file of its own, marked
 * internal on its title page and in the footer of every page, never inside
 * the draft that can be sent (issue 10). Both come from the same passed model.
 */
import { numberCaptions, type ReportModel } from '../../shared/report-model';

export interface SplitModel {
  draft: ReportModel;
  appendix: ReportModel | null;
}

export const INTERNAL_MARK = 'INTERN – niet verzenden';

export function splitAppendix(model: ReportModel): SplitModel {
  const appendixChapters = model.chapters.filter((chapter) => chapter.key === 'verantwoording');
  if (appendixChapters.length === 0) return { draft: model, appendix: null };
  const draft = numberCaptions({ ...model, chapters: model.chapters.filter((chapter) => chapter.key !== 'verantwoording') });
  const page = model.titlePage;
  const appendix = numberCaptions(
    structuredClone({
      ...model,
      chapters: appendixChapters,
      titlePage: {
        ...page,
        status: 'Intern',
        title: 'Verantwoording (intern)',
        subtitle: `Bij het rapportconcept ${page.title}${page.subtitle ? ` – ${page.subtitle}` : ''}`,
        footerText: `${INTERNAL_MARK} – verantwoording bij ${page.institution ?? 'het overkoepelend rapport'}`,
        notice: `${INTERNAL_MARK}. Deze bijlage is alleen voor het inspectieteam: zij legt vast waar citaten, figuren en tabellen vandaan komen. Zij hoort niet bij het rapport dat wordt verstuurd.`,
      },
    }),
  );
  return { draft, appendix };
}

/** "Rapport GI Noord (concept 2026-11-23).docx" → "Rapport GI Noord (concept 2026-11-23) - verantwoording INTERN.docx". */
export function appendixFileName(draftFileName: string): string {
  return draftFileName.replace(/\.docx$/i, ' - verantwoording INTERN.docx');
}
