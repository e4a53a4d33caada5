/**
 * `veldwerk copy | bundle | agreement`: team merge on the command line, through
 * the same handlers as the app (`dispatch`).
 *
 *   copy <bestand> <nieuw-bestand> --inspector <initialen>
 *   bundle export <bestand> --out <pad> [--passphrase-file <f>] [--to-team] [--all]
 *   bundle import <bestand> <bundel> [<bundel> …] [--passphrase-file <f>] [--dry-run] [--json]
 * (several bundles: applied together, in the order given, all or none, after
 * one backup before all of them; --dry-run takes one bundle.)
 * (--to-team: also, or without a passphrase only, to the age keys of the
 * team's unrevoked copies; import opens such a bundle with the copy's own key.)
 *   agreement <bestand> [--threshold <procent>] [--json]
 *
 * Exit codes as the other commands: 0 done, 1 refused (a Dutch message),
 * 2 wrong usage.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { dispatch } from '../api/handlers';
import type { HostServices, Session } from '../api/session';
import { UserError } from '../errors';
import { bundleSealedFor } from '../merge/bundle-file';
import { BUNDLE_MESSAGES } from '../merge/bundle-format';
import { MERGE_KIND_LABELS, MERGE_KINDS, type AgreementReport, type BundlePreview, type BundleApplyResult } from '../../shared/api/types';
import type { CallName, CallOutput } from '../../shared/api/contract';

export interface MergeCliKit {
  openSession(file: string, host?: Partial<HostServices>): Session;
  usageError(message: string): Error;
}

export const MERGE_USAGE = `  veldwerk copy <bestand> <nieuw-bestand> --inspector <initialen>
  veldwerk bundle export <bestand> --out <pad.vwbundle> [--passphrase-file <bestand>] [--to-team] [--all]
  veldwerk bundle import <bestand> <bundel.vwbundle> [<bundel.vwbundle> …] [--passphrase-file <bestand>] [--dry-run] [--json]
    meerdere bundels: samen ingelezen, alles of niets, met één reservekopie van vóór alle bundels
    --to-team: ook (of zonder wachtwoord alleen) versleutelen voor de sleutels van het team; inlezen gebruikt de sleutel van deze kopie
  veldwerk agreement <bestand> [--threshold <procent>] [--json]`;

type Options = NonNullable<ParseArgsConfig['options']>;

/** `count`: the number of positionals, or `{ min }` for at least that many. */
function parse<const O extends Options>(kit: MergeCliKit, args: string[], options: O, count: number | { min: number }) {
  let parsed;
  try {
    parsed = parseArgs({ args, options, allowPositionals: true as const, strict: true as const });
  } catch (error) {
    throw kit.usageError((error as Error).message);
  }
  const fits = typeof count === 'number' ? parsed.positionals.length === count : parsed.positionals.length >= count.min;
  if (!fits) throw kit.usageError('Onjuist aantal argumenten.');
  return parsed;
}

async function call<N extends CallName>(session: Session, name: N, input: unknown): Promise<CallOutput<N>> {
  const result = await dispatch(session, name, input);
  if (!result.ok) throw new UserError(result.error.message);
  return result.value as CallOutput<N>;
}

/** The bundle passphrase from its file; null when none is given and `optional` (a bundle to or from the team's keys). */
function readPassphrase(kit: MergeCliKit, file: unknown, optional = false): string | null {
  if (file === undefined && optional) return null;
  if (typeof file !== 'string') throw kit.usageError('--passphrase-file is verplicht (of --to-team).');
  if (!existsSync(file)) throw new UserError(`Het wachtwoordbestand "${file}" bestaat niet.`);
  const passphrase = readFileSync(file, 'utf8').replace(/\r?\n$/, '');
  if (!passphrase) throw new UserError(`Het wachtwoordbestand "${file}" is leeg.`);
  return passphrase;
}

export async function copyCommand(args: string[], kit: MergeCliKit): Promise<void> {
  const { values, positionals } = parse(kit, args, { inspector: { type: 'string' } }, 2);
  if (typeof values.inspector !== 'string') throw kit.usageError('--inspector is verplicht.');
  const session = kit.openSession(positionals[0]!);
  try {
    const copy = await call(session, 'study.copyForInspector', { initials: values.inspector, targetPath: resolve(positionals[1]!) });
    console.log(`Kopie voor ${copy.inspectorName} gemaakt: ${copy.path}`);
  } finally {
    session.close();
  }
}

export async function bundleCommand(args: string[], kit: MergeCliKit): Promise<void> {
  const [sub, ...rest] = args;
  if (sub === 'export') return bundleExport(rest, kit);
  if (sub === 'import') return bundleImport(rest, kit);
  throw kit.usageError(sub ? `Onbekende bundle-opdracht "${sub}".` : 'Geef een bundle-opdracht: export of import.');
}

async function bundleExport(args: string[], kit: MergeCliKit): Promise<void> {
  const { values, positionals } = parse(
    kit,
    args,
    { out: { type: 'string' }, 'passphrase-file': { type: 'string' }, 'to-team': { type: 'boolean' }, all: { type: 'boolean' } },
    1,
  );
  if (typeof values.out !== 'string') throw kit.usageError('--out is verplicht.');
  const toTeam = values['to-team'] ?? false;
  const passphrase = readPassphrase(kit, values['passphrase-file'], toTeam);
  const out = resolve(values.out);
  const session = kit.openSession(positionals[0]!, { chooseSavePath: async () => out });
  try {
    const result = await call(session, 'bundle.export', { passphrase, toTeam, all: values.all ?? false });
    const what = result.all ? 'alles' : 'nieuw sinds de vorige uitwisseling';
    console.log(`Bundel geschreven: ${result.path} (${result.changes} wijzigingen, ${result.files} bestanden; ${what}).`);
  } finally {
    session.close();
  }
}

async function bundleImport(args: string[], kit: MergeCliKit): Promise<void> {
  const { values, positionals } = parse(
    kit,
    args,
    { 'passphrase-file': { type: 'string' }, 'dry-run': { type: 'boolean' }, json: { type: 'boolean' } },
    { min: 2 },
  );
  const bundlePaths = positionals.slice(1).map((path) => resolve(path));
  for (const path of bundlePaths) if (!existsSync(path)) throw new UserError(`Het bestand "${path}" bestaat niet.`);
  if (bundlePaths.length > 1 && values['dry-run']) throw kit.usageError('--dry-run neemt één bundel tegelijk.');
  // Only bundles to the team's keys can do without the passphrase.
  const passphrase = readPassphrase(kit, values['passphrase-file'], bundlePaths.every((path) => bundleSealedFor({ path }).recipients));
  if (bundlePaths.length > 1) return bundleImportSet(kit, positionals[0]!, bundlePaths, passphrase, values.json ?? false);
  const bundlePath = bundlePaths[0]!;
  const session = kit.openSession(positionals[0]!);
  try {
    const stagedId = session.registerLocalFile(bundlePath);
    if (values['dry-run']) {
      const preview = await call(session, 'bundle.preview', { stagedId, passphrase });
      console.log(values.json ? JSON.stringify(preview, null, 2) : describePreview(preview, false));
      return;
    }
    const result = await call(session, 'bundle.apply', { stagedId, passphrase });
    console.log(values.json ? JSON.stringify(result, null, 2) : describePreview(result, true));
  } finally {
    session.close();
  }
}

/** Several bundles, applied together after one backup (bundle.applySet). */
async function bundleImportSet(kit: MergeCliKit, studyFile: string, bundlePaths: string[], passphrase: string | null, json: boolean): Promise<void> {
  const session = kit.openSession(studyFile);
  try {
    const stagedIds = bundlePaths.map((path) => session.registerLocalFile(path));
    const result = await call(session, 'bundle.applySet', { stagedIds, passphrase });
    if (json) {
      console.log(JSON.stringify(result, null, 2));
      return;
    }
    const parts = result.results.map((applied, index) => `Bundel ${index + 1} van ${result.results.length}:\n${describePreview(applied, 'in-set')}`);
    parts.push(
      `Samengevoegd: ${result.results.length} bundels, ${result.applied} wijzigingen toegepast. ` +
        `Eén reservekopie van vóór alle ${result.results.length} bundels: ${result.backupPath}\n` +
        `Samenvoegen ongedaan maken zet het onderzoek terug naar vóór alle ${result.results.length} bundels samen.`,
    );
    console.log(parts.join('\n\n'));
  } finally {
    session.close();
  }
}

/** `applied`: true after an apply (with its backup), 'in-set' for one bundle of a set (the set names the backup). */
export function describePreview(preview: BundlePreview | BundleApplyResult, applied: boolean | 'in-set'): string {
  const { bundle } = preview;
  const lines = [
    `Bundel van ${bundle.senderInspector ?? 'onbekende inspecteur'}, ${bundle.createdAt.slice(0, 16).replace('T', ' ')}: ` +
      `${bundle.changes} wijzigingen, ${bundle.files} bestanden (${bundle.all ? 'alles' : 'sinds de vorige uitwisseling'}).`,
  ];
  if (preview.nothingNew) {
    lines.push(BUNDLE_MESSAGES.replayed);
    return lines.join('\n');
  }
  const header = ['', 'nieuw', 'gewijzigd', 'verwijderd', 'al aanwezig', 'conflicten'];
  const rows = MERGE_KINDS.map((kind) => {
    const counts = preview.perKind[kind];
    return [MERGE_KIND_LABELS[kind], counts.new, counts.changed, counts.deleted, counts.skipped, counts.conflicts].map(String);
  });
  const widths = header.map((_, column) => Math.max(...[header, ...rows].map((row) => row[column]!.length)));
  const format = (row: string[]) => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[0]!) : cell.padStart(widths[column]!))).join('  ');
  lines.push(format(header), ...rows.map(format));
  if (preview.conflicts.length > 0) {
    lines.push('', `Conflicten (${preview.conflicts.length}):`);
    for (const conflict of preview.conflicts) {
      lines.push(
        `  - ${conflict.label}: hier ${JSON.stringify(conflict.local.value)} (${conflict.local.authorName ?? '?'}) ↔ ` +
          `binnengekomen ${JSON.stringify(conflict.remote.value)} (${conflict.remote.authorName ?? '?'})`,
      );
    }
  }
  for (const warning of preview.warnings) lines.push('', `Let op: ${warning}`);
  if (applied === 'in-set') {
    if ('applied' in preview) lines.push('', `${preview.applied} wijzigingen toegepast.`);
  } else if (applied && 'backupPath' in preview) {
    lines.push('', `Samengevoegd: ${preview.applied} wijzigingen toegepast. Reservekopie van vóór het samenvoegen: ${preview.backupPath}`);
  } else {
    lines.push('', 'Proefdraai: er is niets veranderd.');
  }
  return lines.join('\n');
}

export async function agreementCommand(args: string[], kit: MergeCliKit): Promise<void> {
  const { values, positionals } = parse(kit, args, { json: { type: 'boolean' }, threshold: { type: 'string' } }, 1);
  const percent = values.threshold === undefined ? 90 : Number(values.threshold);
  if (!(percent > 0 && percent <= 100)) throw kit.usageError('--threshold is een percentage groter dan 0 en hoogstens 100.');
  const session = kit.openSession(positionals[0]!);
  try {
    const report = await call(session, 'agreement', { threshold: percent / 100 });
    console.log(values.json ? JSON.stringify(report, null, 2) : describeAgreement(report));
  } finally {
    session.close();
  }
}

const pct = (value: number | null) => (value === null ? '–' : `${value.toFixed(1).replace('.', ',')}%`);
const kappa = (value: number | null) => (value === null ? '–' : value.toFixed(3).replace('.', ','));

export function describeAgreement(report: AgreementReport): string {
  if (report.pairs.length === 0) return 'Er zijn geen bronnen die door twee of meer inspecteurs zijn gecodeerd.';
  const name = new Map(report.coders.map((coder) => [coder.id, `${coder.name} (${coder.initials})`]));
  const lines = [`Dubbel gecodeerde bronnen: ${report.sources.length}. Drempel voor segmenten: ${Math.round(report.threshold * 100)}% overlap.`];
  for (const pair of report.pairs) {
    lines.push('', `${name.get(pair.coderA)} ↔ ${name.get(pair.coderB)} (${pair.sourceIds.length} bronnen)`);
    lines.push('  code                                      overeenstemming  kappa    segmenten');
    for (const code of pair.codes) {
      const figures = code.pooled;
      const segments = `${figures.segments.a.matched}/${figures.segments.a.total} · ${figures.segments.b.matched}/${figures.segments.b.total}`;
      const label = `${code.rolledUp ? '' : '  '}${code.codeName}${code.rolledUp ? ' (met subcodes)' : ''}`;
      lines.push(`  ${label.slice(0, 40).padEnd(40)}  ${pct(figures.characters.percentAgreement).padStart(15)}  ${kappa(figures.characters.kappa).padStart(6)}   ${segments}`);
    }
  }
  lines.push('', `Onenigheden: ${report.disagreements.length}`);
  return lines.join('\n');
}
