/**
 * The retrieval report: the coded segments of chosen codes (each with its
 * sub-codes), per code and institution, with source, role, page and coder,
 * as a Word file for the team's reading. Not a report draft: no phrasing,
 * no selection, every segment in source order. Text passes the export
 * privacy pass.
 */
import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import { codedTextReader, codingsInSources } from '../coding/codings';
import { listCodes } from '../framework/framework';
import { UserError } from '../errors';
import type { Study } from '../study/study';
import { ROLE_LABELS, SOURCE_TYPE_LABELS } from '../../shared/vocabulary';
import type { Code, CodingInSource } from '../../shared/api/types';
import type { ExportPrivacy } from './privacy-pass';

/** Without a choice: the norms and context codes at the top of the framework. */
export async function retrievalReport(study: Study, codeIds: string[] | null, privacy: ExportPrivacy): Promise<Buffer> {
  const codes = listCodes(study);
  const chosen = codeIds ? codeIds.map((id) => codes.find((code) => code.id === id) ?? missing()) : codes.filter((code) => code.parentId === null);
  const codings = codingsInSources(study, { orderBy: 's.title COLLATE NOCASE, k.start, k.end' });
  const read = codedTextReader(study, 0);
  const institutions = study.institutions();
  const coders = new Map(study.inspectors().map((i) => [i.id, privacy.pseudonymised ? i.initials : i.name]));
  const children: Paragraph[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(`Gecodeerde fragmenten – ${study.info().name}`)] }),
    new Paragraph({
      children: [
        new TextRun({
          text: privacy.pseudonymised
            ? 'Voor het lezen door het team, geen rapportconcept. Herkenbare gegevens zijn vervangen door [naam], [datum] en dergelijke.'
            : 'Voor het lezen door het team, geen rapportconcept. Volledige versie: bevat namen en andere herkenbare gegevens.',
          italics: true,
        }),
      ],
    }),
  ];
  for (const code of chosen) {
    const family = new Set([code.id, ...descendants(codes, code.id)]);
    const ofCode = codings.filter((coding) => family.has(coding.codeId));
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(`${code.name} (${ofCode.length})`)] }));
    if (ofCode.length === 0) children.push(new Paragraph({ children: [new TextRun({ text: 'Geen fragmenten.', italics: true })] }));
    for (const institution of institutions) {
      const here = ofCode.filter((coding) => coding.institutionId === institution.id);
      if (here.length === 0) continue;
      children.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(`${institution.name} (${here.length})`)] }));
      for (const coding of here) children.push(...segment(coding, codes, read, coders, privacy));
    }
  }
  const document = new Document({ creator: 'Veldwerk', title: 'Gecodeerde fragmenten', sections: [{ children }] });
  return Buffer.from(await Packer.toBuffer(document));
}

function segment(
  coding: CodingInSource,
  codes: Code[],
  read: ReturnType<typeof codedTextReader>,
  coders: Map<string, string>,
  privacy: ExportPrivacy,
): Paragraph[] {
  const coded = read(coding);
  const where = [
    privacy.text(coding.sourceTitle),
    SOURCE_TYPE_LABELS[coding.sourceType],
    coding.role ? ROLE_LABELS[coding.role] : null,
    coded.page === null ? null : `p. ${coded.page}${coded.ocr ? ' (OCR)' : ''}`,
    codes.find((code) => code.id === coding.codeId)?.name,
    coding.valence,
    coding.quotable ? 'citeerbaar' : null,
    coding.coderId ? coders.get(coding.coderId) : null,
  ].filter(Boolean);
  const paragraphs = [
    new Paragraph({ indent: { left: 400 }, spacing: { before: 160 }, children: [new TextRun({ text: `“${privacy.text(coded.text)}”`, italics: true })] }),
    new Paragraph({ indent: { left: 400 }, alignment: AlignmentType.LEFT, children: [new TextRun({ text: where.join(' · '), size: 18, color: '555555' })] }),
  ];
  if (coding.note) paragraphs.push(new Paragraph({ indent: { left: 400 }, children: [new TextRun({ text: `Notitie: ${privacy.text(coding.note)}`, size: 18 })] }));
  return paragraphs;
}

function descendants(codes: Code[], id: string): string[] {
  const children = codes.filter((code) => code.parentId === id).map((code) => code.id);
  return [...children, ...children.flatMap((child) => descendants(codes, child))];
}

function missing(): never {
  throw new UserError('Een gekozen code bestaat niet (meer).', 'not-found');
}
