/**
 * `veldwerk privacy …`: the persons register and the privacy review from the
 * command line, through the same handlers as the app.
 *
 *   privacy scan <bestand> [--institution <naam> | --overall] [--json]
 *   privacy persons <bestand> [--json]
 *   privacy detect <bestand>
 *   privacy add <bestand> <naam> [--role <rol>] [--pseudonym <tekst>] [--form <vorm>]...
 *   privacy confirm|not-person <bestand> <id>
 *   privacy merge <bestand> <id-houden> <id-opgaan>
 *   privacy keep|replace <bestand> --kind <soort> --text <tekst> [--person <id>]
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { dispatch } from '../api/handlers';
import type { Session } from '../api/session';
import { UserError } from '../errors';
import type { CallName, CallOutput } from '../../shared/api/contract';
import { DETAIL_KIND_LABELS, PERSON_ROLES, type DetailKind, type Person, type PrivacyScan } from '../../shared/privacy';

export interface PrivacyCliKit {
  openSession(file: string): Session;
  usageError(message: string): Error;
}

export const PRIVACY_USAGE = `  veldwerk privacy scan <bestand> [--institution <naam> | --overall] [--json]
  veldwerk privacy persons <bestand> [--json]
  veldwerk privacy detect <bestand>
  veldwerk privacy add <bestand> <naam> [--role <${PERSON_ROLES.join('|')}>] [--pseudonym <tekst>] [--form <vorm>]...
  veldwerk privacy confirm|not-person <bestand> <id>
  veldwerk privacy merge <bestand> <id-houden> <id-opgaan>
  veldwerk privacy keep|replace <bestand> --kind <soort> --text <tekst> [--person <id>]`;

const OPTIONS = {
  institution: { type: 'string' },
  overall: { type: 'boolean' },
  json: { type: 'boolean' },
  role: { type: 'string' },
  pseudonym: { type: 'string' },
  form: { type: 'string', multiple: true },
  kind: { type: 'string' },
  text: { type: 'string' },
  person: { type: 'string' },
} as const satisfies NonNullable<ParseArgsConfig['options']>;

async function call<N extends CallName>(session: Session, name: N, input: unknown): Promise<CallOutput<N>> {
  const result = await dispatch(session, name, input);
  if (!result.ok) throw new UserError(result.error.message);
  return result.value as CallOutput<N>;
}

export async function privacyCommand(args: string[], kit: PrivacyCliKit): Promise<void> {
  const [sub, ...rest] = args;
  let parsed;
  try {
    parsed = parseArgs({ args: rest, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw kit.usageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  const counts: Record<string, [number, number]> = {
    scan: [1, 1], persons: [1, 1], detect: [1, 1], add: [2, 2], confirm: [2, 2], 'not-person': [2, 2], merge: [3, 3], keep: [1, 1], replace: [1, 1],
  };
  const count = sub ? counts[sub] : undefined;
  if (!count) throw kit.usageError(sub ? `Onbekende privacy-opdracht "${sub}".` : 'Geef een privacy-opdracht.');
  if (positionals.length < count[0] || positionals.length > count[1]) throw kit.usageError('Onjuist aantal argumenten.');
  const session = kit.openSession(positionals[0]!);
  try {
    switch (sub) {
      case 'scan':
        return await scan(session, values, kit);
      case 'persons':
        return printPersons(await call(session, 'privacy.persons', {}), values.json === true);
      case 'detect': {
        const result = await call(session, 'privacy.detectCandidates', {});
        console.log(`${result.scanned} teksten doorzocht; ${result.added.length} nieuwe kandidaten in het personenregister.`);
        return printPersons(result.added, false);
      }
      case 'add': {
        const person = await call(session, 'privacy.addPerson', { name: positionals[1], role: values.role ?? 'anders', pseudonym: values.pseudonym, forms: values.form ?? [] });
        return printPersons([person], false);
      }
      case 'confirm':
      case 'not-person': {
        const person = await call(session, 'privacy.updatePerson', { id: positionals[1], status: sub === 'confirm' ? 'bevestigd' : 'geen-persoon' });
        return printPersons([person], false);
      }
      case 'merge':
        return printPersons([await call(session, 'privacy.mergePersons', { keepId: positionals[1], otherId: positionals[2] })], false);
      default: {
        if (!values.kind || !values.text) throw kit.usageError(`${sub} heeft --kind <soort> en --text <tekst> nodig.`);
        await call(session, 'privacy.choose', { kind: values.kind, text: values.text, decision: sub === 'keep' ? 'niet-identificerend' : 'vervangen', personId: values.person ?? null });
        console.log(sub === 'keep' ? `"${values.text}" blijft staan (niet identificerend).` : `"${values.text}" wordt vervangen.`);
      }
    }
  } finally {
    session.close();
  }
}

async function scan(session: Session, values: { institution?: string | undefined; overall?: boolean | undefined; json?: boolean | undefined }, kit: PrivacyCliKit): Promise<void> {
  if (values.institution !== undefined && values.overall) throw kit.usageError('Kies --institution <naam> of --overall, niet beide.');
  let scope: { institutionId: string } | { overall: true } | null = values.overall ? { overall: true } : null;
  if (values.institution !== undefined) {
    const institutions = session.requireStudy().institutions();
    const found = institutions.find((institution) => institution.name.toLocaleLowerCase('nl') === values.institution!.trim().toLocaleLowerCase('nl'));
    if (!found) throw new UserError(`Er is geen instelling "${values.institution}". Instellingen: ${institutions.map((institution) => institution.name).join(', ')}`);
    scope = { institutionId: found.id };
  }
  const result = await call(session, 'privacy.scan', { scope });
  console.log(values.json ? JSON.stringify(result, null, 2) : describeScan(result));
}

export function describeScan(scan: PrivacyScan): string {
  if (scan.findings.length === 0) return 'Geen identificerende gegevens gevonden.';
  const lines: string[] = [];
  let kind = '';
  for (const finding of scan.findings) {
    if (finding.kind !== kind) {
      kind = finding.kind;
      lines.push(`${DETAIL_KIND_LABELS[kind as DetailKind] ?? kind}:`);
    }
    const state = finding.decision === 'niet-identificerend' ? 'blijft staan' : finding.certain || finding.decision ? `→ ${finding.replacement}` : `→ ${finding.replacement} (onzeker: ${finding.why})`;
    lines.push(`  ${finding.text} ${state} (${finding.count}×)  …${finding.context}…`);
  }
  lines.push(scan.unresolved > 0 ? `${scan.unresolved} onzekere kandidaten zonder keuze: kies met "veldwerk privacy keep|replace".` : 'Alle onzekere kandidaten hebben een keuze.');
  return lines.join('\n');
}

function printPersons(persons: Person[], json: boolean): void {
  if (json) {
    console.log(JSON.stringify(persons, null, 2));
    return;
  }
  for (const person of persons) console.log(`${person.id}  ${person.name} (${person.role}, ${person.status}) → "${person.pseudonym}"; vormen: ${person.forms.join(', ')}`);
}
