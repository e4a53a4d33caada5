/**
 * `veldwerk report`: report drafts from the command line, one per institution,
 * the overarching one, or all of them, built in a worker thread as in the app.
 * The study is read once for `--all`. Without --template the drafts take the
 * study's house style.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { HostServices, Session } from '../api/session';
import { UserError } from '../errors';
import { readNamesFile } from '../privacy/study-context';
import type { PrivacyScan } from '../../shared/privacy';
import { FIXED_CHAPTERS, outlineOf, type ChapterKey, type ReportOptions, type ReportOutline } from '../../shared/report-model';
import { reportModelFromData, type ReportScope } from '../reports/generate';
import { writeProducedFile } from '../api/produced-files';
import { generateReportsInWorker } from '../reports/report-thread';
import { readStudyData } from '../reports/study-data';
import { makeDefaultTemplate } from '../reports/template';
import { describeDraft, recordReadAction } from '../logbook/read-actions';

export interface ReportCliKit {
  openSession(file: string, host?: Partial<HostServices>): Session;
  usageError(message: string): Error;
}

export const REPORT_USAGE = `  veldwerk report <bestand> --institution <naam> --out <pad.docx> [opties]
  veldwerk report <bestand> --overall --out <pad.docx> [opties]
  veldwerk report <bestand> --all --out-dir <map> [opties]
      opties: [--appendix] [--strict] [--no-memos] [--min-quotes <n>] [--keep-quotes] [--chapters <lijst>] [--names-file <pad>] [--per-institution]
              [--template <sjabloon.docx>] [--date <JJJJ-MM-DD>] [--fast] [--outline] [--json]
      zonder --template krijgen de concepten de huisstijl van het onderzoek (te kiezen in Rapport… in de app)
  veldwerk report --write-template <pad.docx>`;

const OPTIONS = {
  institution: { type: 'string' },
  overall: { type: 'boolean' },
  all: { type: 'boolean' },
  out: { type: 'string' },
  'out-dir': { type: 'string' },
  appendix: { type: 'boolean' },
  'per-institution': { type: 'boolean' },
  strict: { type: 'boolean' },
  'no-memos': { type: 'boolean' },
  'min-quotes': { type: 'string' },
  'keep-quotes': { type: 'boolean' },
  chapters: { type: 'string' },
  'names-file': { type: 'string' },
  template: { type: 'string' },
  date: { type: 'string' },
  fast: { type: 'boolean' },
  outline: { type: 'boolean' },
  json: { type: 'boolean' },
  'write-template': { type: 'string' },
} as const satisfies NonNullable<ParseArgsConfig['options']>;

export async function reportCommand(args: string[], kit: ReportCliKit): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({ args, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw kit.usageError((error as Error).message);
  }
  const { values, positionals } = parsed;

  if (values['write-template']) {
    if (positionals.length > 0) throw kit.usageError('--write-template neemt geen onderzoeksbestand.');
    const path = resolve(values['write-template']);
    writeFileSync(path, await makeDefaultTemplate(), { mode: 0o600 });
    console.log(`Rapportsjabloon geschreven: ${path}`);
    return;
  }
  if (positionals.length !== 1) throw kit.usageError('Geef precies één onderzoeksbestand.');
  const modes = [values.institution !== undefined, values.overall === true, values.all === true].filter(Boolean).length;
  if (modes !== 1) throw kit.usageError('Kies precies één van --institution <naam>, --overall of --all.');
  if (!values.outline) {
    if (values.all && !values['out-dir']) throw kit.usageError('--all heeft --out-dir <map> nodig.');
    if (!values.all && !values.out) throw kit.usageError('Geef met --out <pad.docx> aan waar het rapport komt.');
    if (values.out && !/\.docx$/i.test(values.out)) throw kit.usageError('--out moet eindigen op .docx.');
  }
  const options = reportOptions(values, kit);
  const templatePath = values.template ? resolve(values.template) : undefined;
  if (templatePath && !existsSync(templatePath)) throw new UserError(`Het sjabloon "${templatePath}" bestaat niet.`);

  const session = kit.openSession(positionals[0]!);
  try {
    const study = session.requireStudy();
    const institutions = study.institutions();
    const findInstitution = (name: string) => {
      const found = institutions.find((institution) => institution.name.toLocaleLowerCase('nl') === name.trim().toLocaleLowerCase('nl'));
      if (!found) throw new UserError(`Er is geen instelling "${name}". Instellingen: ${institutions.map((institution) => institution.name).join(', ')}`);
      return found;
    };
    const scopes: ReportScope[] = values.all
      ? [...institutions.map((institution) => ({ institutionId: institution.id })), { overall: true as const }]
      : values.overall
        ? [{ overall: true as const }]
        : [{ institutionId: findInstitution(values.institution!).id }];

    if (values.outline) {
      const data = readStudyData(study, options.privacyNames ?? []);
      const outlines = scopes.map((scope) => outlineOf(reportModelFromData(data, scope, options)));
      console.log(values.json ? JSON.stringify(outlines.length === 1 ? outlines[0] : outlines, null, 2) : outlines.map(describeOutline).join('\n\n'));
      return;
    }
    const outDir = values.all ? resolve(values['out-dir']!) : null;
    if (outDir) mkdirSync(outDir, { recursive: true });
    const written: Array<{ path: string; outline: ReportOutline; appendixPath?: string }> = [];
    // Built in a worker thread that reads the study once; each draft is written as soon as it is done.
    await generateReportsInWorker(
      { studyPath: study.path, scopes, options: { ...options, templatePath, tocPageNumbers: !values.fast } },
      {
        onReport: (index, report) => {
          if (values.strict && report.privacy.unresolved > 0) {
            const refusal = strictRefusal(report.privacy);
            recordReadAction(study, 'report.generate', describeDraft(study, scopes[index], options.includeAppendix === true), { result: 'refused', reason: refusal.message });
            throw refusal;
          }
          const path = outDir ? join(outDir, report.fileName) : resolve(values.out!);
          writeProducedFile(path, report.data);
          written.push({ path, outline: report.outline });
          // Outside dispatch, so recorded here as the app's report.generate is (issue 12).
          recordReadAction(study, 'report.generate', describeDraft(study, scopes[index], options.includeAppendix === true), { result: 'done' });
          if (!values.json) printWritten(path, report.outline);
          if (report.appendix) {
            // The internal appendix is a file of its own beside the draft, never inside it.
            const appendixPath = path.replace(/\.docx$/i, '') + ' - verantwoording INTERN.docx';
            writeProducedFile(appendixPath, report.appendix.data);
            written.at(-1)!.appendixPath = appendixPath;
            if (!values.json) console.log(`Interne bijlage geschreven: ${appendixPath}`);
          }
        },
      },
    );
    if (values.json) console.log(JSON.stringify(written, null, 2));
  } finally {
    session.close();
  }
}

/** `--strict`: no draft while the pass is unsure about something nobody has decided on. */
function strictRefusal(scan: PrivacyScan): UserError {
  const open = scan.findings.filter((finding) => !finding.certain && finding.decision === null);
  const list = open.slice(0, 10).map((finding) => `"${finding.text}" (${finding.why})`).join(', ');
  return new UserError(
    `Niet geschreven (--strict): ${open.length} onzekere gegevens zonder keuze, zoals ${list}. Kies per gegeven met "veldwerk privacy keep|replace" of bekijk ze met "veldwerk privacy scan".`,
    'rejected',
  );
}

function reportOptions(values: { [K in keyof typeof OPTIONS]?: string | boolean | undefined }, kit: ReportCliKit): ReportOptions {
  const options: ReportOptions = {
    includeAppendix: values.appendix === true,
    includeMemos: values['no-memos'] !== true,
    institutionRatings: values['per-institution'] === true,
    keepQuotesBelowMinimum: values['keep-quotes'] === true,
  };
  if (typeof values['min-quotes'] === 'string') {
    const n = Number(values['min-quotes']);
    if (!Number.isInteger(n) || n < 0) throw kit.usageError('--min-quotes moet een heel getal (0 of meer) zijn.');
    options.minCodingsForQuotes = n;
  }
  if (typeof values.chapters === 'string') {
    const chapters = values.chapters.split(',').map((chapter) => chapter.trim()).filter(Boolean);
    for (const chapter of chapters) {
      if (!(FIXED_CHAPTERS as readonly string[]).includes(chapter) && !/^norm:[a-z0-9][a-z0-9.-]*$/.test(chapter)) {
        throw kit.usageError(`Onbekend hoofdstuk "${chapter}". Kies uit ${FIXED_CHAPTERS.join(', ')} of norm:<sleutel>.`);
      }
    }
    options.chapters = chapters as ChapterKey[];
  }
  if (typeof values['names-file'] === 'string') options.privacyNames = readNamesFile(resolve(values['names-file']));
  if (typeof values.date === 'string') {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(values.date)) throw kit.usageError('--date als JJJJ-MM-DD.');
    options.date = values.date;
  }
  return options;
}

function describeOutline(outline: ReportOutline): string {
  const lines = [`${outline.title} – ${outline.subtitle}`];
  for (const chapter of outline.chapters) {
    lines.push(`  ${chapter.title} (${chapter.quotes} citaten, ${chapter.figures} figuren, ${chapter.tables} tabellen)`);
  }
  lines.push(`  Totaal: ${outline.totals.chapters} hoofdstukken, ${outline.totals.quotes} citaten, ${outline.totals.figures} figuren, ${outline.totals.tables} tabellen`);
  for (const warning of outline.warnings) lines.push(`  Let op: ${warning}`);
  lines.push(...belowMinimumLines(outline));
  return lines.join('\n');
}

function printWritten(path: string, outline: ReportOutline): void {
  const { totals, warnings, privacy } = outline;
  console.log(`Rapport geschreven: ${path}`);
  console.log(`  ${totals.chapters} hoofdstukken, ${totals.quotes} citaten, ${totals.figures} figuren, ${totals.tables} tabellen; ${privacy.replacements} gegevens gepseudonimiseerd.`);
  for (const warning of warnings) console.log(`  Let op: ${warning}`);
  for (const line of belowMinimumLines(outline)) console.log(line);
}

/** Quotes the minimum number of codings hides, or that --keep-quotes kept: never dropped without a word. */
function belowMinimumLines({ quotesBelowMinimum }: ReportOutline): string[] {
  if (quotesBelowMinimum.length === 0) return [];
  const quotable = quotesBelowMinimum.reduce((sum, entry) => sum + entry.quotable, 0);
  const kept = quotesBelowMinimum[0]!.kept;
  return [
    kept
      ? `  Citeerbare fragmenten onder het minimum aantal coderingen, toch gebruikt (--keep-quotes): ${quotable}`
      : `  Citeerbare fragmenten verborgen door het minimum aantal coderingen: ${quotable} (gebruik ze met --keep-quotes)`,
    ...quotesBelowMinimum.map((entry) => `    ${entry.codeName} bij ${entry.institution}: ${entry.quotable} citeerbaar, ${entry.codings} van minimaal ${entry.minimum} coderingen`),
  ];
}
