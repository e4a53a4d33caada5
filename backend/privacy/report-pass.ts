/**
 * A report draft's model through the privacy pass, as a whole (every text of
 * every chapter, caption, table cell, trace, title page and footer), right
 * before it becomes a Word file: what the Word file holds, its document
 * properties and its file name all come from the model. It is the only place
 * where a draft's texts are pseudonymised: the builder hands over originals,
 * so the review sees every detail the pass replaced.
 */
import { walkBlocks, type ReportModel } from '../../shared/report-model';
import type { PrivacyScan } from '../../shared/privacy';
import { passStructure, type PassContext } from './privacy-pass';

export function passReportModel(model: ReportModel, context: PassContext): { model: ReportModel; scan: PrivacyScan } {
  const { value, scan, uncertainIn } = passStructure(model, context);
  const replacements = scan.findings.reduce((sum, finding) => sum + finding.count, 0);
  const quotes = [...walkBlocks(model.chapters)].filter((block) => block.kind === 'quote');
  const flaggedQuotes = quotes.filter((quote) => uncertainIn.has(quote.text)).length;
  const warnings = [...value.warnings];
  if (scan.unresolved > 0) {
    warnings.push(
      `De privacycontrole verving ${scan.unresolved === 1 ? 'één woord dat een naam kan zijn' : `${scan.unresolved} woorden die een naam kunnen zijn`}, zonder dat dat zeker is. Bekijk ze onder Privacycontrole: vervangen, niet identificerend of bij een persoon.`,
    );
  }
  return { model: { ...value, warnings, privacy: { replacements, flaggedQuotes } }, scan };
}
