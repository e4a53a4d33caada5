/**
 * `veldwerk log <bestand> [--since <JJJJ-MM-DD>] [--inspector <initialen>] [--json]`:
 * the recorded actions of a study, newest first.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Session } from '../api/session';
import { readLogbook, type LogEntry } from '../logbook/logbook';
import { verifyLogbook, type VerifyReport } from '../logbook/verify';
import { dispatch } from '../api/handlers';
import { UserError } from '../errors';
import type { LogbookRetention } from '../../shared/api/types';

export const LOG_USAGE = `  veldwerk log <bestand> [--since <JJJJ-MM-DD>] [--inspector <initialen>] [--json]
  veldwerk log verify <bestand> [--json]     controleert de hashketen van elke kopie; exitcode 1 bij een breuk
  veldwerk log retention <bestand> --days <n>|--off   bewaartermijn: oudere regels verwijderen (minstens 30 dagen)`;

const OPTIONS = {
  since: { type: 'string' },
  inspector: { type: 'string' },
  json: { type: 'boolean' },
} as const satisfies NonNullable<ParseArgsConfig['options']>;

export interface LogCliKit {
  openSession(file: string): Session;
  usageError(message: string): Error;
}

export async function logCommand(args: string[], kit: LogCliKit): Promise<void> {
  if (args[0] === 'verify') return verifyCommand(args.slice(1), kit);
  if (args[0] === 'retention') return retentionCommand(args.slice(1), kit);
  let parsed;
  try {
    parsed = parseArgs({ args, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw kit.usageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1) throw kit.usageError('Geef één onderzoeksbestand.');
  if (values.since !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.since)) throw kit.usageError('--since als JJJJ-MM-DD.');
  const session = kit.openSession(positionals[0]!);
  try {
    const entries = readLogbook(session.requireStudy(), { since: values.since, inspector: values.inspector });
    console.log(values.json ? JSON.stringify(entries, null, 2) : entries.map(describe).join('\n') || 'Geen handelingen gevonden.');
  } finally {
    session.close();
  }
}

function describe(entry: LogEntry): string {
  const when = entry.at.replace('T', ' ').slice(0, 19);
  const result = entry.result === 'refused' ? `geweigerd: ${entry.reason ?? 'zonder reden'}` : 'gedaan';
  return `${when}  ${(entry.inspector ?? '–').padEnd(4)}  ${entry.label} (${result}; kopie ${entry.replicaId.slice(0, 8)})`;
}

/** `veldwerk log verify <bestand> [--json]`: every replica's chain; exit code 1 when anything is broken. */
async function verifyCommand(args: string[], kit: LogCliKit): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({ args, options: { json: { type: 'boolean' } }, allowPositionals: true, strict: true });
  } catch (error) {
    throw kit.usageError((error as Error).message);
  }
  if (parsed.positionals.length !== 1) throw kit.usageError('Geef één onderzoeksbestand.');
  const session = kit.openSession(parsed.positionals[0]!);
  try {
    const report = verifyLogbook(session.requireStudy().db);
    console.log(parsed.values.json ? JSON.stringify(report, null, 2) : describeVerify(report));
    if (!report.ok) process.exitCode = 1;
  } finally {
    session.close();
  }
}

function describeVerify(report: VerifyReport): string {
  const lines = report.replicas.map((chain) => {
    const who = chain.own ? `Deze kopie (${chain.replicaId.slice(0, 8)})` : `Kopie ${chain.replicaId.slice(0, 8)}`;
    const range = chain.lines > 0 ? `${chain.lines} ${chain.lines === 1 ? 'regel' : 'regels'} (${chain.first}–${chain.last})` : 'geen regels';
    const extra = [chain.removed > 0 ? `${chain.removed} verwijderd na de bewaartermijn` : '', chain.sealedLate > 0 ? `${chain.sealedLate} na een afgebroken handeling later verzegeld` : '']
      .filter(Boolean)
      .join('; ');
    return `${who}: ${range}${extra ? ` (${extra})` : ''}`;
  });
  if (report.ok) return [...lines, 'Het logboek is onbeschadigd: elke keten sluit.'].join('\n');
  return [...lines, '', `Het logboek is NIET in orde (${report.breaks.length} ${report.breaks.length === 1 ? 'breuk' : 'breuken'}):`, ...report.breaks.map((item) => `- ${item.message}`)].join('\n');
}

/** `veldwerk log retention <bestand> --days <n>|--off`: the study's retention, through the same call as the app (a line of its own). */
async function retentionCommand(args: string[], kit: LogCliKit): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({ args, options: { days: { type: 'string' }, off: { type: 'boolean' } }, allowPositionals: true, strict: true });
  } catch (error) {
    throw kit.usageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1) throw kit.usageError('Geef één onderzoeksbestand.');
  if ((values.days === undefined) === (values.off !== true)) throw kit.usageError('Geef --days <aantal dagen> of --off.');
  const days = values.off ? null : Number(values.days);
  if (days !== null && !Number.isInteger(days)) throw kit.usageError('--days moet een heel aantal dagen zijn.');
  const session = kit.openSession(positionals[0]!);
  try {
    const result = await dispatch(session, 'logbook.setRetention', { days });
    if (!result.ok) throw new UserError(result.error.message);
    const { days: set, removed } = result.value as LogbookRetention;
    console.log(set === null ? 'Het logboek bewaart alle regels.' : `Bewaartermijn: ${set} dagen. Tot nu toe ${removed} regels verwijderd.`);
  } finally {
    session.close();
  }
}
