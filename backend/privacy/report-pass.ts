/**
 * A report draft's model through the privacy pass, as a whole (every text of
 * every chapter, caption, table cell, trace, title page and footer), right
 * before it becomes a Word file: what the Word file holds, its document
 * properties and its file name all come from the model.
 */
import type { ReportModel } from '../../shared/report-model';
import type { PrivacyScan } from '../../shared/privacy';
import { passStructure, type PassContext } from './privacy-pass';

export function passReportModel(model: ReportModel, context: PassContext): { model: ReportModel; scan: PrivacyScan } {
  const { value, scan } = passStructure(model, context);
  const replacements = scan.findings.reduce((sum, finding) => sum + finding.count, 0);
  const text = JSON.stringify(value.chapters);
  const flaggedWords = value.privacy.flaggedWords.filter((word) => text.includes(word));
  return {
    model: {
      ...value,
      // A warning about words that may be names is moot once the pass replaced them all.
      warnings: value.warnings.filter((warning) => !warning.includes('die op een naam kunnen wijzen') || flaggedWords.some((word) => warning.includes(word))),
      // Words flagged for a check that the pass replaced are gone from the draft; only the others are highlighted.
      privacy: { ...value.privacy, replacements: value.privacy.replacements + replacements, flaggedWords },
    },
    scan,
  };
}
