/**
 * The `veldwerk` command line. It calls the same handlers as the app, through
 * the same `dispatch`, so scripted work follows the same rules and limits.
 * Exit codes: 0 success, 1 bad input (with a Dutch message), 2 wrong usage.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { dispatch } from '../api/handlers';
import { startServiceWorker } from '../service/service-client';
import { Session, type HostServices } from '../api/session';
import { DEMO_STUDY_FILE_NAME, rendererDir, userDataDir } from '../app-paths';
import { ensureDemoStudy } from '../demo/demo-study';
import { UserError } from '../errors';
import { startBrowserHost } from './http-server';
import { SURVEY_USAGE, surveyCommand } from './cli-survey';
import { agreementCommand, bundleCommand, copyCommand, MERGE_USAGE, type MergeCliKit } from './cli-merge';
import { REPORT_USAGE, reportCommand } from './cli-report';
import { encryptCommand, KEYS_USAGE, passphraseCommand, prepareEncryptedStudy, rekeyCommand, takeStudySecretOptions, unlockIfGiven, unlockNamedStudies, type StudySecretOptions } from './cli-keys';
import { studyKeyFor } from '../keys/unlock';
import { INSPECTOR_USAGE, inspectorCommand } from './cli-inspectors';
import { findInstitutionByName, newInstitutionId } from '../study/setup';
import { EXCHANGE_USAGE, exportCommand, importCommand as importExchangeCommand } from './cli-exchange';
import { PRIVACY_USAGE, privacyCommand } from './cli-privacy';
import { noteCliOpening } from '../logbook/read-actions';
import { LOG_USAGE, logCommand } from './cli-log';
import { MEASURES, ROLES, SOURCE_TYPES } from '../../shared/vocabulary';
import type { CallName, CallOutput } from '../../shared/api/contract';
import type { ImportOutcome, SearchResult, StudyStats } from '../../shared/api/types';
import { readManifest } from '../sources/import-manifest';
import { importBatchCommand, isBatchSource } from './cli-batch';

class UsageError extends Error {}

const USAGE = `Gebruik:
  veldwerk init <bestand> [--name <naam>] [--inspector <naam> --initials <initialen>] [--demo]
  veldwerk import <bestand> <paden...> --institution <naam> --type <soort> [--role <rol>] [--measure <maatregel>] [--title <titel>] [--date <JJJJ-MM-DD>] [--inspector <initialen>]
  veldwerk import <bestand> --manifest <bestanden.csv>   (kolommen bestand, instelling, type[, rol, maatregel, datum, titel, inspecteur])
  veldwerk import <bestand> <map|dossier.zip> [--institution <naam>] [--type <soort>] [--role] [--measure] [--date] [--inspector] [--manifest <bestanden.csv>] [--preview]
  veldwerk search <bestand> <zoekvraag> [--json] [--limit <n>]
  veldwerk stats <bestand> [--json]
  veldwerk autocode <bestand> <zoekvraag> --norm <sleutel> [--valence positief|negatief|neutraal] [--coder <initialen>]
  veldwerk serve [<bestand>] [--port <n>] [--demo]
${SURVEY_USAGE}
${MERGE_USAGE}
${INSPECTOR_USAGE}
${REPORT_USAGE}
${KEYS_USAGE}
${EXCHANGE_USAGE}
${PRIVACY_USAGE}
${LOG_USAGE}

Bronsoorten: ${SOURCE_TYPES.join(', ')}
Rollen: ${ROLES.join(', ')}
Maatregelen: ${MEASURES.join(', ')}`;

type Options = NonNullable<ParseArgsConfig['options']>;

function parse<const O extends Options>(args: string[], options: O, positionals: { min: number; max?: number }) {
  let parsed;
  try {
    parsed = parseArgs({ args, options, allowPositionals: true as const, strict: true as const });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const count = parsed.positionals.length;
  if (count < positionals.min || count > (positionals.max ?? Infinity)) throw new UsageError('Onjuist aantal argumenten.');
  return parsed;
}

/** Run a handler, turning an error result into a UserError (exit 1). */
async function call<N extends CallName>(session: Session, name: N, input: unknown): Promise<CallOutput<N>> {
  const result = await dispatch(session, name, input);
  if (!result.ok) throw new UserError(result.error.message);
  return result.value as CallOutput<N>;
}

function cliHost(overrides: Partial<HostServices> = {}): HostServices {
  return { kind: 'cli', demoStudyPath: () => join(userDataDir(), DEMO_STUDY_FILE_NAME), ...overrides };
}

function openSession(file: string, host: Partial<HostServices> = {}): Session {
  const session = new Session(cliHost(host));
  // The logbook (issue 12): the opening is a line unless the command records one of its own.
  const finish = noteCliOpening(session.openPath(resolve(file)), `opdrachtregel: veldwerk ${runningCommand}`);
  const close = session.close.bind(session);
  session.close = () => {
    finish();
    close();
  };
  return session;
}

/** Reading or checking the logbook itself opens the study without adding a line to it. */
function openSessionUnlogged(file: string): Session {
  const session = new Session(cliHost());
  session.openPath(resolve(file));
  return session;
}

async function init(args: string[]): Promise<void> {
  const { values, positionals } = parse(
    args,
    { name: { type: 'string' }, demo: { type: 'boolean' }, inspector: { type: 'string' }, initials: { type: 'string' } },
    { min: 1, max: 1 },
  );
  const file = resolve(positionals[0]!);
  const inspectors = firstInspector(values.inspector, values.initials);
  if (existsSync(file)) throw new UserError(`Er bestaat al een bestand "${file}".`);
  if (values.demo) {
    await ensureDemoStudy(file);
    console.log(`Demo-onderzoek aangemaakt (fictief en daarom niet versleuteld; "veldwerk encrypt" versleutelt het): ${file}`);
    return;
  }
  // A real study is encrypted from its first byte; the demo above is fictional and stays readable (see README).
  const encrypted = await prepareEncryptedStudy(file, studySecrets);
  const session = new Session(cliHost({ fixedStudyPath: file }));
  const name = (values.name as string | undefined) ?? basename(file).replace(/\.veldwerk$/, '');
  try {
    await call(session, 'study.create', { name, inspectors });
  } catch (error) {
    encrypted.failed();
    throw error;
  } finally {
    session.close();
  }
  console.log(`Onderzoek "${name}" aangemaakt (versleuteld): ${file}`);
  if (inspectors.length === 0) {
    console.log('Nog geen inspecteurs: voeg ze toe met "veldwerk inspector add", of vul je naam in als de app vraagt wie er werkt.');
  }
  encrypted.done();
}

/**
 * The person named with --inspector/--initials, or nobody: a placeholder would
 * show in the app as a real colleague and sign work nobody did.
 */
function firstInspector(name: unknown, initials: unknown): { name: string; initials: string }[] {
  if (name === undefined && initials === undefined) return [];
  if (typeof name !== 'string' || !name.trim()) throw new UsageError('Geef bij --initials ook --inspector (de naam).');
  if (typeof initials !== 'string' || !initials.trim()) throw new UsageError('Geef bij --inspector ook --initials.');
  return [{ name: name.trim(), initials: initials.trim() }];
}

async function importCommand(args: string[]): Promise<void> {
  const { values, positionals } = parse(
    args,
    {
      institution: { type: 'string' },
      type: { type: 'string' },
      role: { type: 'string' },
      measure: { type: 'string' },
      title: { type: 'string' },
      date: { type: 'string' },
      inspector: { type: 'string' },
      manifest: { type: 'string' },
      preview: { type: 'boolean' },
    },
    { min: 1 },
  );
  if (positionals.length === 2 && isBatchSource(positionals[1]!)) {
    if (values.title) throw new UsageError('--title geldt niet voor een map of zip: elk bestand krijgt de titel uit het document, of uit de kolom titel van een --manifest.');
    return importBatchCommand(positionals[0]!, positionals[1]!, values, mergeKit);
  }
  if (typeof values.manifest === 'string') return importManifestCommand(positionals, values.manifest);
  if (positionals.length < 2) throw new UsageError('Geef het onderzoeksbestand en ten minste één bestand om te importeren.');
  if (!values.institution || !values.type) throw new UsageError('--institution en --type zijn verplicht.');
  const [file, ...paths] = positionals as [string, ...string[]];
  const session = openSession(file);
  try {
    const study = session.requireStudy();
    // The institution is looked up, or created with the first source stored, inside the import's own transactions.
    const institutionName = (values.institution as string).trim();
    const known = findInstitutionByName(study, institutionName);
    const institutionId = known?.id ?? newInstitutionId(study, institutionName);
    const inspectorId = values.inspector ? inspectorIdFor(session, values.inspector as string) : study.currentInspectorId;
    const staged = paths.map((path) => {
      if (!existsSync(path)) throw new UserError(`Het bestand "${path}" bestaat niet.`);
      return session.registerLocalFile(resolve(path));
    });
    const outcomes = await call(session, 'sources.import', {
      stagedIds: staged,
      meta: {
        title: values.title,
        institutionId,
        sourceType: values.type,
        role: values.role ?? null,
        measure: values.measure ?? null,
        date: values.date ?? null,
        inspectorId,
      },
      institutionName,
    });
    if (!known && findInstitutionByName(study, institutionName)) console.log(`Nieuwe instelling toegevoegd: ${institutionName}`);
    printImportOutcomes(outcomes);
    if (outcomes.some((outcome) => outcome.status === 'rejected')) process.exitCode = 1;
  } finally {
    session.close();
  }
}

/** `import <studie> --manifest <csv>`: every file with its own details; the manifest is checked whole first. */
async function importManifestCommand(positionals: string[], manifestPath: string): Promise<void> {
  if (positionals.length !== 1) throw new UsageError('Met --manifest geef je alleen het onderzoeksbestand; de bestanden staan in het manifest.');
  if (!existsSync(manifestPath)) throw new UserError(`Het manifest "${manifestPath}" bestaat niet.`);
  const rows = readManifest(manifestPath, readFileSync(manifestPath));
  const session = openSession(positionals[0]!);
  try {
    const inspectors = new Map(rows.flatMap((row) => (row.inspector ? [[row.inspector, inspectorIdFor(session, row.inspector)] as const] : [])));
    let rejected = false;
    for (const row of rows) {
      const outcomes = await call(session, 'sources.import', {
        stagedIds: [session.registerLocalFile(resolve(row.path))],
        meta: {
          ...(row.title ? { title: row.title } : {}),
          institutionId: await institutionIdFor(session, row.institution),
          sourceType: row.sourceType,
          role: row.role,
          measure: row.measure,
          date: row.date,
          inspectorId: row.inspector ? inspectors.get(row.inspector)! : session.requireStudy().currentInspectorId,
        },
      });
      printImportOutcomes(outcomes);
      rejected ||= outcomes.some((outcome) => outcome.status === 'rejected');
    }
    if (rejected) process.exitCode = 1;
  } finally {
    session.close();
  }
}

async function institutionIdFor(session: Session, name: string): Promise<string> {
  const existing = session.state().institutions.find((institution) => institution.name.toLocaleLowerCase('nl') === name.trim().toLocaleLowerCase('nl'));
  if (existing) return existing.id;
  const created = await call(session, 'institution.create', { name });
  console.log(`Nieuwe instelling toegevoegd: ${created.name}`);
  return created.id;
}

function inspectorIdFor(session: Session, initials: string): string {
  const inspector = session.state().inspectors.find((candidate) => candidate.initials.toLowerCase() === initials.toLowerCase());
  if (!inspector) throw new UserError(`Er is geen inspecteur met initialen "${initials}" in dit onderzoek.`);
  return inspector.id;
}

function printImportOutcomes(outcomes: ImportOutcome[]): void {
  for (const outcome of outcomes) {
    if (outcome.status === 'imported') console.log(`geïmporteerd: ${outcome.fileName} → "${outcome.title}"`);
    else if (outcome.status === 'duplicate') console.log(`overgeslagen: ${outcome.message}`);
    else console.error(`geweigerd: ${outcome.message}`);
  }
  const imported = outcomes.filter((outcome) => outcome.status === 'imported').length;
  console.log(`${imported} van ${outcomes.length} bestanden geïmporteerd.`);
}

async function searchCommand(args: string[]): Promise<void> {
  const { values, positionals } = parse(args, { json: { type: 'boolean' }, limit: { type: 'string' } }, { min: 2 });
  const [file, ...queryWords] = positionals as [string, ...string[]];
  const limit = values.limit === undefined ? 200 : Number(values.limit);
  const session = openSession(file);
  try {
    const result = await call(session, 'search', { query: queryWords.join(' '), limit });
    if (values.json) console.log(JSON.stringify(result.hits.map(({ snippetOffset: _offset, ...hit }) => hit), null, 2));
    else printHits(result);
  } finally {
    session.close();
  }
}

function printHits(result: SearchResult): void {
  for (const hit of result.hits) {
    const page = hit.page === null ? '' : `, p. ${hit.page}`;
    console.log(`${hit.title}${page} [${hit.start}-${hit.end}]\n    …${hit.snippet}…`);
  }
  console.log(`${result.hits.length}${result.truncated ? '+' : ''} treffers.`);
}

async function statsCommand(args: string[]): Promise<void> {
  const { values, positionals } = parse(args, { json: { type: 'boolean' } }, { min: 1, max: 1 });
  const session = openSession(positionals[0]!);
  try {
    const stats = await call(session, 'stats', {});
    console.log(values.json ? JSON.stringify(stats, null, 2) : describeStats(stats));
  } finally {
    session.close();
  }
}

function describeStats(stats: StudyStats): string {
  const lines = [`Instellingen: ${stats.institutions.join(', ') || '(geen)'}`, `Bronnen: ${stats.sources.total}`];
  for (const [type, n] of Object.entries(stats.sources.byType)) lines.push(`  ${type}: ${n}`);
  lines.push(`Coderingen: ${stats.codings.total}`);
  for (const [norm, n] of Object.entries(stats.codings.byNorm)) lines.push(`  ${norm}: ${n}`);
  return lines.join('\n');
}

async function autocodeCommand(args: string[]): Promise<void> {
  const { values, positionals } = parse(
    args,
    { norm: { type: 'string' }, valence: { type: 'string' }, coder: { type: 'string' } },
    { min: 2 },
  );
  if (!values.norm) throw new UsageError('--norm is verplicht.');
  const [file, ...queryWords] = positionals as [string, ...string[]];
  const session = openSession(file);
  try {
    if (values.coder) session.requireStudy().actAs(inspectorIdFor(session, values.coder));
    const codes = await call(session, 'framework.list', {});
    const code = codes.find((candidate) => candidate.key === values.norm);
    if (!code) throw new UserError(`Er is geen code met sleutel "${values.norm}". Sleutels: ${codes.map((c) => c.key).join(', ')}`);
    const result = await call(session, 'autocode', { query: queryWords.join(' '), codeId: code.id, valence: values.valence ?? 'neutraal' });
    console.log(`${result.created} ${result.created === 1 ? 'codering' : 'coderingen'} gemaakt${result.skipped ? ` (${result.skipped} al gecodeerd)` : ''}.`);
  } finally {
    session.close();
  }
}

async function serve(args: string[]): Promise<void> {
  const { values, positionals } = parse(args, { port: { type: 'string' }, demo: { type: 'boolean' } }, { min: 0, max: 1 });
  if (!values.demo && positionals.length === 0) throw new UsageError('Geef een onderzoeksbestand of --demo.');
  const demoPath = join(userDataDir(), DEMO_STUDY_FILE_NAME);
  const file = values.demo ? demoPath : resolve(positionals[0]!);
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port moet een poortnummer zijn.');
  if (values.demo && !existsSync(file)) {
    console.log('Demo-onderzoek wordt aangemaakt…');
    await ensureDemoStudy(file);
  }
  // A new study is encrypted from its first page. With a passphrase file its key is made (and shown once) here;
  // otherwise the wizard in the browser asks for a passphrase where there is no keychain (keys/new-study-key.ts).
  if (!existsSync(file) && !values.demo && (studySecrets.passphraseFile ?? process.env.VELDWERK_PASSPHRASE_FILE)) {
    (await prepareEncryptedStudy(file, studySecrets)).done();
  }
  // Without the key at hand (keychain, passphrase file) the browser window asks for the passphrase.
  else await unlockIfGiven(file, studySecrets);
  const key = studyKeyFor(file);
  // The backend runs as a service in a worker thread: the thread that answers HTTP stays free.
  const service = await startServiceWorker(
    { kind: 'browser', fixedStudyPath: file, demoStudyPath: demoPath, ...(key ? { studyKeys: [{ path: resolve(file), key }] } : {}) },
    existsSync(file) ? file : undefined,
  );
  if (service.openError) {
    await service.stop();
    throw new UserError(service.openError);
  }
  const host = await startBrowserHost(service.client, { port, rendererDir: rendererDir() });
  console.log(`Veldwerk draait op ${host.url}`);
  console.log(existsSync(file) ? `Onderzoek: ${file}` : `Nieuw onderzoek wordt aangemaakt in: ${file}`);
  console.log('Stoppen: Ctrl+C');
  const stop = () => {
    void host.close().then(async () => {
      await service.stop();
      process.exit(0);
    });
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

const mergeKit: MergeCliKit = {
  openSession: (file, host) => openSession(file, host),
  usageError: (message) => new UsageError(message),
};

const COMMANDS: Record<string, (args: string[]) => Promise<void>> = {
  init,
  import: importCommand,
  search: searchCommand,
  stats: statsCommand,
  autocode: autocodeCommand,
  serve,
  survey: (args) => surveyCommand(args, { openSession, usageError: (message) => new UsageError(message) }),
  copy: (args) => copyCommand(args, mergeKit),
  bundle: (args) => bundleCommand(args, mergeKit),
  agreement: (args) => agreementCommand(args, mergeKit),
  report: (args) => reportCommand(args, mergeKit),
  encrypt: (args) => encryptCommand(args, studySecrets),
  passphrase: (args) => passphraseCommand(args, studySecrets),
  rekey: (args) => rekeyCommand(args, studySecrets),
  inspector: (args) => inspectorCommand(args, mergeKit),
  export: (args) => exportCommand(args, mergeKit),
  'import-qdpx': (args) => importExchangeCommand(args, mergeKit, 'qdpx'),
  'import-qdc': (args) => importExchangeCommand(args, mergeKit, 'qdc'),
  privacy: (args) => privacyCommand(args, { openSession, usageError: (message) => new UsageError(message) }),
  log: (args) => logCommand(args, { openSession: openSessionUnlogged, usageError: (message) => new UsageError(message) }),
};

/** The study passphrase options of this run (taken out of the command's own arguments). */
let studySecrets: StudySecretOptions = {};
/** The command of this run, named in the logbook's "Onderzoek geopend" line. */
let runningCommand = '';
const OWN_UNLOCK = new Set(['init', 'encrypt', 'passphrase', 'rekey', 'serve']);

export async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  const run = command ? COMMANDS[command] : undefined;
  if (!run) {
    console.error(command && command !== '--help' ? `Onbekende opdracht "${command}".\n\n${USAGE}` : USAGE);
    return command === '--help' ? 0 : 2;
  }
  try {
    const taken = takeStudySecretOptions(command!, args);
    studySecrets = taken.secrets;
    runningCommand = [command, ...taken.args.slice(0, 1).filter((arg) => /^[a-z-]+$/.test(arg))].join(' ');
    if (!OWN_UNLOCK.has(command!)) await unlockNamedStudies(taken.args, studySecrets);
    await run(taken.args);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`${error.message}\n\n${USAGE}`);
      return 2;
    }
    if (error instanceof UserError) {
      console.error(`Fout: ${error.message}`);
      return 1;
    }
    console.error(error);
    return 1;
  }
}
