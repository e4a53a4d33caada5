/**
 * `veldwerk inspector add | list | revoke`: the team on the command line.
 *
 *   inspector add <bestand> --name <naam> --initials <XY>
 *   inspector list <bestand> [--json]
 *   inspector revoke <bestand> --initials <XY>
 *
 * `add` goes through the same handler as the app (so `copy --inspector` and
 * `autocode --coder` can name the new initials); `list` shows each inspector
 * with the signing keys registered for their copies; `revoke` (the lead's
 * study only) revokes them, for a lost laptop (see merge/signing.ts).
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { dispatch } from '../api/handlers';
import type { Session } from '../api/session';
import { UserError } from '../errors';
import { isLead, readRecords } from '../merge/signing';
import { findInspectorByInitials } from '../study/setup';

export interface InspectorCliKit {
  openSession(file: string): Session;
  usageError(message: string): Error;
}

export const INSPECTOR_USAGE = `  veldwerk inspector add <bestand> --name <naam> --initials <initialen>
  veldwerk inspector list <bestand> [--json]
  veldwerk inspector revoke <bestand> --initials <initialen>`;

type Options = NonNullable<ParseArgsConfig['options']>;

function parse<const O extends Options>(kit: InspectorCliKit, args: string[], options: O) {
  let parsed;
  try {
    parsed = parseArgs({ args, options, allowPositionals: true as const, strict: true as const });
  } catch (error) {
    throw kit.usageError((error as Error).message);
  }
  if (parsed.positionals.length !== 1) throw kit.usageError('Onjuist aantal argumenten.');
  return parsed;
}

function required(kit: InspectorCliKit, value: unknown, flag: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw kit.usageError(`--${flag} is verplicht.`);
  return value.trim();
}

function withSession<T>(kit: InspectorCliKit, file: string, work: (session: Session) => Promise<T> | T): Promise<T> {
  const session = kit.openSession(file);
  return Promise.resolve()
    .then(() => work(session))
    .finally(() => session.close());
}

export async function inspectorCommand(args: string[], kit: InspectorCliKit): Promise<void> {
  const [sub, ...rest] = args;
  if (sub === 'add') return add(rest, kit);
  if (sub === 'list') return list(rest, kit);
  if (sub === 'revoke') return revoke(rest, kit);
  throw kit.usageError(sub ? `Onbekende opdracht "inspector ${sub}".` : 'Kies add, list of revoke.');
}

async function add(args: string[], kit: InspectorCliKit): Promise<void> {
  const { values, positionals } = parse(kit, args, { name: { type: 'string' }, initials: { type: 'string' } });
  const name = required(kit, values.name, 'name');
  const initials = required(kit, values.initials, 'initials');
  await withSession(kit, positionals[0]!, async (session) => {
    const result = await dispatch(session, 'inspector.create', { name, initials });
    if (!result.ok) throw new UserError(result.error.message);
    console.log(`Inspecteur toegevoegd: ${name} (${initials}). Maak een kopie met: veldwerk copy ${positionals[0]} <kopie.veldwerk> --inspector ${initials}`);
  });
}

async function list(args: string[], kit: InspectorCliKit): Promise<void> {
  const { values, positionals } = parse(kit, args, { json: { type: 'boolean' } });
  await withSession(kit, positionals[0]!, (session) => {
    const study = session.requireStudy();
    const keys = readRecords(study.db, 'ORDER BY registered_at');
    const rows = study.inspectors().map((inspector) => ({
      ...inspector,
      keys: keys
        .filter((key) => key.inspectorId === inspector.id)
        .map((key) => ({ keyId: key.keyId, role: key.role, registeredAt: key.registeredAt, revokedAt: key.revokedAt })),
    }));
    if (values.json) {
      console.log(JSON.stringify({ lead: isLead(study), inspectors: rows }, null, 2));
      return;
    }
    for (const row of rows) {
      const state = row.keys.length === 0 ? 'geen sleutel' : row.keys.map((key) => `${key.keyId.slice(0, 8)}${key.role === 'lead' ? ' (teamleider)' : ''}${key.revokedAt ? ` ingetrokken ${key.revokedAt.slice(0, 10)}` : ''}`).join(', ');
      console.log(`${row.initials.padEnd(6)} ${row.name.padEnd(30)} ${state}`);
    }
  });
}

async function revoke(args: string[], kit: InspectorCliKit): Promise<void> {
  const { values, positionals } = parse(kit, args, { initials: { type: 'string' } });
  const initials = required(kit, values.initials, 'initials');
  await withSession(kit, positionals[0]!, async (session) => {
    const study = session.requireStudy();
    const inspector = findInspectorByInitials(study, initials);
    if (!inspector) throw new UserError(`Er is geen inspecteur met initialen "${initials}" in dit onderzoek.`);
    const count = readRecords(study.db, "WHERE inspector_id = ? AND revoked_at IS NULL AND role = 'member'", inspector.id).length;
    // The same call as the Team view's, so the revocation is an action in the logbook.
    const result = await dispatch(session, 'team.revokeKeys', { inspectorId: inspector.id });
    if (!result.ok) throw new UserError(result.error.message);
    console.log(
      `${count === 1 ? 'Sleutel' : `${count} sleutels`} van ${inspector.name} (${inspector.initials}) ingetrokken. ` +
        'Bundels met nieuwe wijzigingen van die kopie worden voortaan geweigerd; de intrekking gaat met je volgende bundel mee naar het team.',
    );
  });
}
