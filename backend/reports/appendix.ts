/**
 * The internal appendix (verantwoording: where every quote, figure and table
 * comes from, and what the privacy pass did) is a file of its own, marked
 * internal on its title page and in the footer of every page, never inside
 * the draft that can be sent (issue 10). Both come from the same passed model.
 */
import { numberCaptions, paragraph, type ReportModel, type ReportSection } from '../../shared/report-model';
import { DETAIL_KINDS, DETAIL_KIND_LABELS, type PrivacyScan } from '../../shared/privacy';

export interface SplitModel {
  draft: ReportModel;
  appendix: ReportModel | null;
}

export const INTERNAL_MARK = 'INTERN – niet verzenden';

/**
 * The privacy decisions, for the appendix: how many details of each kind the
 * pass replaced or kept, never the details themselves (the appendix leaves
 * the study too).
 */
export function privacySection(scan: PrivacyScan): ReportSection {
  const rows = DETAIL_KINDS.map((kind) => {
    const found = scan.findings.filter((finding) => finding.kind === kind);
    const count = (keep: (finding: (typeof found)[number]) => boolean) => String(found.filter(keep).reduce((sum, finding) => sum + finding.count, 0));
    return [DETAIL_KIND_LABELS[kind], count((finding) => finding.decision !== 'niet-identificerend'), count((finding) => finding.decision === 'niet-identificerend'), count((finding) => !finding.certain && finding.decision === null)];
  }).filter((row) => row.slice(1).some((cell) => cell !== '0'));
  return {
    id: 'sectie-privacy',
    level: 2,
    title: 'Privacycontrole',
    blocks: [
      paragraph(
        'Alle tekst van het concept en van deze bijlage ging door de privacycontrole van Veldwerk: personen uit het personenregister zijn vervangen door hun pseudoniem, andere identificerende gegevens door een aanduiding van hun soort. Hieronder staat per soort hoe vaak; de gegevens zelf staan nergens buiten het onderzoek.',
      ),
      rows.length === 0
        ? paragraph('Er zijn geen identificerende gegevens gevonden.')
        : {
            kind: 'table',
            id: 'tabel-privacy',
            number: 0,
            caption: 'Privacycontrole: gegevens per soort',
            header: ['Soort', 'Vervangen', 'Niet identificerend (blijft staan)', 'Onzeker, zonder keuze'],
            rows,
            align: ['left', 'right', 'right', 'right'],
            trace: 'De privacycontrole (backend/privacy/privacy-pass.ts) over alle tekst van het concept.',
          },
    ],
    sections: [],
  };
}

export function splitAppendix(model: ReportModel, scan?: PrivacyScan): SplitModel {
  const appendixChapters = model.chapters.filter((chapter) => chapter.key === 'verantwoording');
  if (appendixChapters.length === 0) return { draft: model, appendix: null };
  const draft = numberCaptions({ ...model, chapters: model.chapters.filter((chapter) => chapter.key !== 'verantwoording') });
  const page = model.titlePage;
  const appendix = numberCaptions(
    structuredClone({
      ...model,
      chapters: scan ? appendixChapters.map((chapter) => ({ ...chapter, sections: [...chapter.sections, privacySection(scan)] })) : appendixChapters,
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
