/**
 * `veldwerk export …` and `veldwerk import-qdpx|import-qdc …`: exchange with
 * other QDA programs (REFI-QDA) and with Excel from the command line.
 * Exports are pseudonymised unless --full is given, which warns.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { HostServices, Session } from '../api/session';
import { UserError } from '../errors';
import { exportFile, importCodebook, importQdpx } from '../exchange/exchange';
import { EXPORT_KINDS, type ExportKind } from '../../shared/exchange';
import { importMappingSchema, type ImportMapping } from '../exchange/import-project';
import type { QdpxImportResult } from '../../shared/api/types';
import { writeProducedFile } from '../api/produced-files';
import { listCodes } from '../framework/framework';
import type { Study } from '../study/study';
import { describeExport, withReadAction } from '../logbook/read-actions';

export interface ExchangeCliKit {
  openSession(file: string, host?: Partial<HostServices>): Session;
  usageError(message: string): Error;
}

export const EXCHANGE_USAGE = `  veldwerk export qdpx|qdc|segments|matrix|judgments|review|agreement <bestand> --out <pad> [--full]
  veldwerk export retrieval <bestand> --out <pad.docx> [--codes <sleutel,sleutel>] [--full]
      standaard gepseudonimiseerd; --full neemt namen (en bij qdpx de originele bestanden) mee
  veldwerk import-qdpx <bestand> <project.qdpx> [--map <koppeling.json>] [--coder <initialen>] [--json]
  veldwerk import-qdc <bestand> <codeboek.qdc> [--map <koppeling.json>] [--json]
      koppeling.json: {"codes": {"<code of guid>": "<normsleutel>|nieuw"}, "users": {"<gebruiker of guid>": "<initialen>|nieuw"}, "institution": "<naam>"}`;

const EXTENSION: Record<ExportKind, RegExp> = {
  qdpx: /\.qdpx$/i,
  qdc: /\.qdc$/i,
  segments: /\.xlsx$/i,
  matrix: /\.xlsx$/i,
  judgments: /\.xlsx$/i,
  review: /\.xlsx$/i,
  agreement: /\.xlsx$/i,
  retrieval: /\.docx$/i,
};

export async function exportCommand(args: string[], kit: ExchangeCliKit): Promise<void> {
  const { values, positionals } = parse(args, { out: { type: 'string' }, full: { type: 'boolean' }, codes: { type: 'string' } }, kit);
  const [kind, file] = positionals;
  if (positionals.length !== 2 || !isExportKind(kind)) throw kit.usageError(`Kies wat je exporteert: ${EXPORT_KINDS.join(', ')}, en geef het onderzoeksbestand.`);
  if (!values.out) throw kit.usageError('Geef met --out <pad> aan waar het bestand komt.');
  if (!EXTENSION[kind].test(values.out)) throw kit.usageError(`--out moet eindigen op ${EXTENSION[kind].source.replace(/\\|\$|\/i/g, '')}.`);
  const session = kit.openSession(file!);
  try {
    const study = session.requireStudy();
    const codeIds = values.codes ? codeIdsFor(study, values.codes) : null;
    const path = resolve(values.out);
    // Outside dispatch, so recorded here as the app's exchange.export is (issue 12).
    const exported = await withReadAction(study, 'exchange.export', describeExport(kind, values.full === true, codeIds ?? []), async () => {
      const made = await exportFile(study, kind, values.full ? 'full' : 'pseudonymised', codeIds);
      writeProducedFile(path, made.data);
      return made;
    });
    if (exported.warning) console.error(exported.warning);
    const how = kind === 'qdc' ? '' : values.full ? ' (volledig)' : ' (gepseudonimiseerd)';
    console.log(`Geëxporteerd${how}: ${path}`);
  } finally {
    session.close();
  }
}

export async function importCommand(args: string[], kit: ExchangeCliKit, what: 'qdpx' | 'qdc'): Promise<void> {
  const { values, positionals } = parse(args, { map: { type: 'string' }, coder: { type: 'string' }, json: { type: 'boolean' } }, kit);
  if (positionals.length !== 2) throw kit.usageError(`Geef het onderzoeksbestand en het ${what === 'qdpx' ? 'project (.qdpx)' : 'codeboek (.qdc)'}.`);
  const [file, input] = positionals as [string, string];
  if (!existsSync(input)) throw new UserError(`Het bestand "${input}" bestaat niet.`);
  const mapping = values.map ? readMapping(values.map) : undefined;
  const session = kit.openSession(file);
  try {
    const study = session.requireStudy();
    if (values.coder) {
      const inspector = study.inspectors().find((i) => i.initials.toLowerCase() === values.coder!.toLowerCase());
      if (!inspector) throw new UserError(`Er is geen inspecteur met initialen "${values.coder}" in dit onderzoek.`);
      study.actAs(inspector.id);
    }
    const result = what === 'qdpx' ? await importQdpx(study, resolve(input), mapping) : importCodebook(study, resolve(input), mapping);
    console.log(values.json ? JSON.stringify(result, null, 2) : describeImport(result));
  } finally {
    session.close();
  }
}

function parse<O extends NonNullable<Parameters<typeof parseArgs>[0]>['options']>(args: string[], options: O, kit: ExchangeCliKit) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw kit.usageError((error as Error).message);
  }
}

function codeIdsFor(study: Study, keys: string): string[] {
  const codes = listCodes(study);
  return keys.split(',').map((key) => {
    const code = codes.find((candidate) => candidate.key === key.trim());
    if (!code) throw new UserError(`Er is geen code met sleutel "${key.trim()}". Sleutels: ${codes.map((c) => c.key).join(', ')}`);
    return code.id;
  });
}

function isExportKind(kind: string | undefined): kind is ExportKind {
  return (EXPORT_KINDS as readonly string[]).includes(kind ?? '');
}

function readMapping(path: string): ImportMapping {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(resolve(path), 'utf8'));
  } catch {
    throw new UserError(`Het koppelbestand "${path}" kan niet worden gelezen als JSON.`);
  }
  const parsed = importMappingSchema.safeParse(raw);
  if (!parsed.success) throw new UserError(`Het koppelbestand "${path}" klopt niet: verwacht {"codes": {…}, "users": {…}, "institution": "…"}.`);
  return parsed.data;
}

function describeImport(result: QdpxImportResult): string {
  const lines = [
    `Project "${result.project}" ingelezen.`,
    `Bronnen: ${result.sources.added} toegevoegd, ${result.sources.existing} al aanwezig.`,
    `Codes: ${result.codes.mapped} gekoppeld aan het toetsingskader, ${result.codes.added} toegevoegd.`,
    `Coderingen: ${result.codings.added} toegevoegd, ${result.codings.existing} al aanwezig${result.codings.empty ? `, ${result.codings.empty} leeg na normaliseren (overgeslagen)` : ''}.`,
    ...(result.codings.unplaced ? [`Niet overgenomen: ${result.codings.unplaced} coderingen op beeld, geluid, video, pdf-coördinaten of een hele bron.`] : []),
    `Memo's: ${result.memos.added} toegevoegd${result.memos.skipped ? `, ${result.memos.skipped} notities zonder onderwerp in Veldwerk niet overgenomen` : ''}.`,
  ];
  if (result.inspectorsAdded) lines.push(`Inspecteurs toegevoegd: ${result.inspectorsAdded}.`);
  if (result.institutionsAdded) lines.push(`Instellingen toegevoegd: ${result.institutionsAdded}.`);
  if (result.sources.skipped.length) lines.push(`Niet ingelezen (beeld, geluid, video of pdf zonder tekst): ${result.sources.skipped.join(', ')}.`);
  return lines.join('\n');
}
