/**
 * What would leave in report drafts, before they are made: the privacy
 * pass's findings over the draft(s) of a scope, with the appendix and the
 * writer's notes included (everything that can leave), for the review and
 * `veldwerk privacy scan`.
 */
import { passedReportModel, type ReportScope } from '../reports/generate';
import { readStudyData } from '../reports/study-data';
import type { Study } from '../study/study';
import type { ReportOptions } from '../../shared/report-model';
import type { PrivacyFinding, PrivacyScan } from '../../shared/privacy';

export function mergeScans(scans: PrivacyScan[]): PrivacyScan {
  const byKey = new Map<string, PrivacyFinding>();
  for (const scan of scans) {
    for (const finding of scan.findings) {
      const key = `${finding.kind}\u0000${finding.text}`;
      const existing = byKey.get(key);
      if (existing) existing.count += finding.count;
      else byKey.set(key, { ...finding });
    }
  }
  const findings = [...byKey.values()].sort((a, b) => a.kind.localeCompare(b.kind) || a.text.localeCompare(b.text, 'nl'));
  return { findings, unresolved: findings.filter((finding) => !finding.certain && finding.decision === null).length };
}

/** Scopes: given ones, or every institution and the overarching draft. */
export function scanDrafts(study: Study, scopes: ReportScope[] | null, options: ReportOptions = {}): PrivacyScan {
  const data = readStudyData(study, options.privacyNames ?? []);
  const all = scopes ?? [...data.institutions.map((institution) => ({ institutionId: institution.id })), { overall: true as const }];
  const everything: ReportOptions = { ...options, includeAppendix: true, includeMemos: true };
  return mergeScans(all.map((scope) => passedReportModel(data, scope, everything).scan));
}
