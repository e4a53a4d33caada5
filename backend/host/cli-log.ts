/**
 * `veldwerk log <bestand> [--since <JJJJ-MM-DD>] [--inspector <initialen>] [--json]`:
 * the recorded actions of a study, newest first.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Session } from '../api/session';
import { readLogbook, type LogEntry } from '../logbook/logbook';

export const LOG_USAGE = '  veldwerk log <bestand> [--since <JJJJ-MM-DD>] [--inspector <initialen>] [--json]';

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
