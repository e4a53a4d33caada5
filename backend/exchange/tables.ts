/**
 * The study's tables for Excel: coded segments one per row, the evidence
 * matrix, judgments with their rationale and evidence, file-review answers
 * per dossier and aggregated, and intercoder agreement per norm and pair.
 * Every text that may identify someone passes the export privacy pass.
 */
import { computeAgreement } from '../agreement/agreement';
import { codedTextReader, codingsInSources } from '../coding/codings';
import { codingsInScope, evidenceMatrix } from '../evidence/evidence';
import { listCodes } from '../framework/framework';
import { listJudgments } from '../judgments/judgments';
import { listReviewQuestions, reviewSummaries } from '../review/file-review';
import type { Study } from '../study/study';
import { MEASURE_LABELS, ROLE_LABELS, SOURCE_TYPE_LABELS, type Measure, type Role, type SourceType } from '../../shared/vocabulary';
import type { Code, CodingInSource, SegmentScope } from '../../shared/api/types';
import type { ExportPrivacy } from './privacy-pass';
import { asDate, type Table } from './workbook';

import type { TableKind } from '../../shared/exchange';

/** `scope` narrows the segments table to what the retrieval list shows (and adds a sheet saying what that was). */
export function tablesFor(study: Study, kind: TableKind, privacy: ExportPrivacy, scope: SegmentScope | null = null): Table[] {
  const names = new Names(study, privacy);
  switch (kind) {
    case 'segments':
      if (!scope) return [segmentsTable(study, names, privacy, codingsInSources(study, { orderBy: 's.title COLLATE NOCASE, k.start, k.end' }))];
      {
        const codings = codingsInScope(study, scope);
        return [segmentsTable(study, names, privacy, codings), scopeTable(study, names, privacy, scope, codings.length)];
      }
    case 'matrix':
      return [matrixTable(study, names)];
    case 'judgments':
      return judgmentTables(study, names, privacy);
    case 'review':
      return reviewTables(study, names, privacy);
    case 'agreement':
      return [agreementTable(study, names)];
  }
}

/** Names the tables show: code paths, institutions, and coders (initials when pseudonymised). */
class Names {
  readonly codes: Map<string, Code>;
  readonly institutions: Map<string, string>;
  private readonly coders: Map<string, string>;

  constructor(study: Study, privacy: ExportPrivacy) {
    this.codes = new Map(listCodes(study).map((code) => [code.id, code]));
    this.institutions = new Map(study.institutions().map((i) => [i.id, i.name]));
    this.coders = new Map(study.inspectors().map((i) => [i.id, privacy.pseudonymised ? i.initials : i.name]));
  }

  codePath(id: string): string {
    const names: string[] = [];
    for (let code = this.codes.get(id); code; code = code.parentId ? this.codes.get(code.parentId) : undefined) names.unshift(code.name);
    return names.join(' > ');
  }

  coder(id: string | null): string {
    return id ? (this.coders.get(id) ?? '') : '';
  }

  institution(id: string): string {
    return this.institutions.get(id) ?? '';
  }
}

const label = <K extends string>(labels: Record<K, string>, key: K | null) => (key ? (labels[key] ?? key) : '');

function segmentsTable(study: Study, names: Names, privacy: ExportPrivacy, codings: readonly CodingInSource[]): Table {
  const read = codedTextReader(study, 0);
  const titles = new Map<string, string>();
  const dates = new Map((study.db.prepare('SELECT id, date FROM source WHERE deleted = 0').all() as Array<{ id: string; date: string | null }>).map((r) => [r.id, r.date]));
  return {
    sheet: 'Fragmenten',
    columns: [
      { header: 'Bron', type: 'text', width: 36 },
      { header: 'Instelling', type: 'text' },
      { header: 'Bronsoort', type: 'text', width: 16 },
      { header: 'Rol', type: 'text', width: 16 },
      { header: 'Maatregel', type: 'text', width: 16 },
      { header: 'Datum bron', type: 'date' },
      { header: 'Code', type: 'text', width: 40 },
      { header: 'Sleutel', type: 'text', width: 18 },
      { header: 'Valentie', type: 'text', width: 10 },
      { header: 'Citeerbaar', type: 'text', width: 10 },
      { header: 'Codeur', type: 'text', width: 16 },
      { header: 'Tekst', type: 'text', width: 70 },
      { header: 'Notitie', type: 'text', width: 40 },
      { header: 'Pagina', type: 'integer', width: 8 },
      { header: 'Begin', type: 'integer', width: 9 },
      { header: 'Einde', type: 'integer', width: 9 },
      { header: 'Gecodeerd op', type: 'datetime' },
    ],
    rows: codings.map((coding) => {
      const coded = read(coding);
      let title = titles.get(coding.sourceId);
      if (title === undefined) titles.set(coding.sourceId, (title = privacy.text(coding.sourceTitle)));
      return [
        title,
        names.institution(coding.institutionId),
        label<SourceType>(SOURCE_TYPE_LABELS, coding.sourceType),
        label<Role>(ROLE_LABELS, coding.role),
        label<Measure>(MEASURE_LABELS, coding.measure),
        asDate(dates.get(coding.sourceId)),
        names.codePath(coding.codeId),
        names.codes.get(coding.codeId)?.key ?? '',
        coding.valence,
        coding.quotable ? 'ja' : 'nee',
        names.coder(coding.coderId),
        privacy.text(coded.text),
        privacy.text(coding.note),
        coded.page,
        coding.start,
        coding.end,
        asDate(coding.createdAt),
      ];
    }),
  };
}

/** What a narrowed segments export holds: the list's code, place and filters, so the file explains itself. */
function scopeTable(study: Study, names: Names, privacy: ExportPrivacy, scope: SegmentScope, count: number): Table {
  const { filter } = scope;
  const sourceTitle = scope.sourceId ? (study.db.prepare('SELECT title FROM source WHERE id = ?').pluck().get(scope.sourceId) as string | undefined) : undefined;
  const rows: Array<[string, string]> = [
    ['Code', names.codePath(scope.codeId)],
    ['Instelling', scope.institutionId ? names.institution(scope.institutionId) : 'alle instellingen'],
    ['Bron', sourceTitle !== undefined ? privacy.text(sourceTitle) : 'alle bronnen'],
    ['Bronsoort', label<SourceType>(SOURCE_TYPE_LABELS, filter.sourceType ?? null) || 'alle'],
    ['Rol', label<Role>(ROLE_LABELS, filter.role ?? null) || 'alle'],
    ['Maatregel', label<Measure>(MEASURE_LABELS, filter.measure ?? null) || 'alle'],
    ['Codeur', names.coder(filter.coderId ?? null) || 'alle'],
    ['Valentie', filter.valence ?? 'alle'],
    ['Alleen citeerbaar', filter.quotableOnly ? 'ja' : 'nee'],
    ['Fragmenten', String(count)],
  ];
  return { sheet: 'Selectie', columns: [{ header: 'Selectie', type: 'text', width: 20 }, { header: 'Waarde', type: 'text', width: 60 }], rows };
}

function matrixTable(study: Study, names: Names): Table {
  const cells = evidenceMatrix(study, {}).cells;
  const order = [...names.codes.keys()];
  cells.sort((a, b) => names.institution(a.institutionId).localeCompare(names.institution(b.institutionId), 'nl') || order.indexOf(a.codeId) - order.indexOf(b.codeId));
  return {
    sheet: 'Bewijsmatrix',
    columns: [
      { header: 'Instelling', type: 'text' },
      { header: 'Code', type: 'text', width: 40 },
      { header: 'Sleutel', type: 'text', width: 18 },
      { header: 'Soort', type: 'text', width: 10 },
      { header: 'Fragmenten', type: 'integer', width: 11 },
      { header: 'Bronnen', type: 'integer' },
      { header: 'Positief', type: 'integer' },
      { header: 'Negatief', type: 'integer' },
      { header: 'Neutraal', type: 'integer' },
    ],
    rows: cells.map((cell) => {
      const code = names.codes.get(cell.codeId);
      return [
        names.institution(cell.institutionId),
        names.codePath(cell.codeId),
        code?.key ?? '',
        code?.kind ?? '',
        cell.total,
        cell.sources,
        cell.byValence.positief ?? 0,
        cell.byValence.negatief ?? 0,
        cell.byValence.neutraal ?? 0,
      ];
    }),
  };
}

function judgmentTables(study: Study, names: Names, privacy: ExportPrivacy): Table[] {
  const judgments = listJudgments(study).sort(
    (a, b) => names.institution(a.institutionId).localeCompare(names.institution(b.institutionId), 'nl') || names.codePath(a.codeId).localeCompare(names.codePath(b.codeId), 'nl'),
  );
  const read = codedTextReader(study, 0);
  const coding = study.db.prepare('SELECT k.source_id, k.start, k.end, k.code_id, s.title FROM coding k JOIN source s ON s.id = k.source_id WHERE k.id = ?');
  const evidenceRows = judgments.flatMap((judgment) =>
    judgment.evidenceCodingIds.flatMap((id) => {
      const row = coding.get(id) as { source_id: string; start: number; end: number; code_id: string; title: string } | undefined;
      if (!row) return [];
      const coded = read({ sourceId: row.source_id, start: row.start, end: row.end });
      return [[names.institution(judgment.institutionId), names.codePath(judgment.codeId), privacy.text(row.title), names.codePath(row.code_id), privacy.text(coded.text), coded.page]];
    }),
  );
  return [
    {
      sheet: 'Oordelen',
      columns: [
        { header: 'Instelling', type: 'text' },
        { header: 'Norm', type: 'text', width: 36 },
        { header: 'Sleutel', type: 'text', width: 16 },
        { header: 'Oordeel', type: 'text', width: 24 },
        { header: 'Onderbouwing', type: 'text', width: 80 },
        { header: 'Bewijsfragmenten', type: 'integer', width: 16 },
      ],
      rows: judgments.map((j) => [names.institution(j.institutionId), names.codePath(j.codeId), names.codes.get(j.codeId)?.key ?? '', j.rating ?? '', privacy.text(j.rationale), j.evidenceCodingIds.length]),
    },
    {
      sheet: 'Bewijs bij oordelen',
      columns: [
        { header: 'Instelling', type: 'text' },
        { header: 'Norm', type: 'text', width: 36 },
        { header: 'Bron', type: 'text', width: 36 },
        { header: 'Code', type: 'text', width: 36 },
        { header: 'Tekst', type: 'text', width: 80 },
        { header: 'Pagina', type: 'integer', width: 8 },
      ],
      rows: evidenceRows,
    },
  ];
}

function reviewTables(study: Study, names: Names, privacy: ExportPrivacy): Table[] {
  const questions = listReviewQuestions(study);
  const answers = study.db
    .prepare(
      `SELECT s.id, s.title, s.institution_id, s.measure, a.question_id, a.value
       FROM review_answer a JOIN source s ON s.id = a.source_id
       WHERE a.deleted = 0 AND s.deleted = 0 AND a.value IS NOT NULL ORDER BY s.title COLLATE NOCASE, s.id`,
    )
    .all() as Array<{ id: string; title: string; institution_id: string; measure: Measure | null; question_id: string; value: string }>;
  const dossiers = new Map<string, { title: string; institutionId: string; measure: Measure | null; answers: Map<string, string> }>();
  for (const answer of answers) {
    const dossier = dossiers.get(answer.id) ?? { title: answer.title, institutionId: answer.institution_id, measure: answer.measure, answers: new Map() };
    dossier.answers.set(answer.question_id, answer.value);
    dossiers.set(answer.id, dossier);
  }
  const perDossier: Table = {
    sheet: 'Per dossier',
    columns: [
      { header: 'Dossier', type: 'text', width: 36 },
      { header: 'Instelling', type: 'text' },
      { header: 'Maatregel', type: 'text', width: 16 },
      ...questions.map((q) => ({ header: q.text, type: q.answerType === 'number' ? ('integer' as const) : ('text' as const), width: 18 })),
    ],
    rows: [...dossiers.values()].map((d) => [
      privacy.text(d.title),
      names.institution(d.institutionId),
      label<Measure>(MEASURE_LABELS, d.measure),
      ...questions.map((q) => {
        const value = d.answers.get(q.id);
        if (value === undefined) return null;
        return q.answerType === 'number' ? Number(value) : value;
      }),
    ]),
  };
  const aggregated: Table = {
    sheet: 'Samengevat',
    columns: [
      { header: 'Instelling', type: 'text' },
      { header: 'Vraag', type: 'text', width: 50 },
      { header: 'Norm', type: 'text', width: 16 },
      { header: 'Antwoord', type: 'text', width: 18 },
      { header: 'Aantal', type: 'integer' },
      { header: 'Aandeel', type: 'percent' },
      { header: 'Beantwoord', type: 'integer', width: 11 },
      { header: 'Dossiers beoordeeld', type: 'integer', width: 18 },
      { header: 'Gemiddelde', type: 'decimal', width: 11 },
    ],
    rows: reviewSummaries(study).flatMap((s) =>
      s.counts.length === 0
        ? [[s.institution, s.question, s.normKey ?? '', '', 0, null, s.answered, s.filesReviewed, s.mean]]
        : s.counts.map((c) => [s.institution, s.question, s.normKey ?? '', c.answer, c.n, s.answered > 0 ? c.n / s.answered : null, s.answered, s.filesReviewed, s.mean]),
    ),
  };
  return [perDossier, aggregated];
}

function agreementTable(study: Study, names: Names): Table {
  const report = computeAgreement(study);
  return {
    sheet: 'Overeenstemming',
    columns: [
      { header: 'Codeur A', type: 'text', width: 16 },
      { header: 'Codeur B', type: 'text', width: 16 },
      { header: 'Code', type: 'text', width: 36 },
      { header: 'Sleutel', type: 'text', width: 16 },
      { header: 'Inclusief subcodes', type: 'text', width: 10 },
      { header: 'Gedeelde bronnen', type: 'integer', width: 10 },
      { header: 'Tekens', type: 'integer' },
      { header: 'Beide', type: 'integer' },
      { header: 'Alleen A', type: 'integer' },
      { header: 'Alleen B', type: 'integer' },
      { header: 'Overeenstemming', type: 'percent', width: 14 },
      { header: 'Kappa', type: 'decimal' },
      { header: 'Fragmenten A overeen', type: 'integer', width: 12 },
      { header: 'Fragmenten A', type: 'integer', width: 12 },
      { header: 'Fragmenten B overeen', type: 'integer', width: 12 },
      { header: 'Fragmenten B', type: 'integer', width: 12 },
      { header: 'Fragmenten overeen', type: 'percent', width: 14 },
    ],
    rows: report.pairs.flatMap((pair) =>
      pair.codes.map((code) => {
        const { characters: c, segments: s } = code.pooled;
        return [
          names.coder(pair.coderA),
          names.coder(pair.coderB),
          names.codePath(code.codeId),
          code.codeKey,
          code.rolledUp ? 'ja' : 'nee',
          pair.sourceIds.length,
          c.characters,
          c.both,
          c.onlyA,
          c.onlyB,
          c.percentAgreement / 100,
          c.kappa,
          s.a.matched,
          s.a.total,
          s.b.matched,
          s.b.total,
          s.percentMatched === null ? null : s.percentMatched / 100,
        ];
      }),
    ),
  };
}
