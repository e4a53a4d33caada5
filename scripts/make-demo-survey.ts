// Generates the demo study's questionnaire: a fictional export of a survey
// tool, resources/demo/vragenlijst-export.csv, as Dutch survey tools write it
// (`;`-separated, UTF-8 with BOM, CRLF, the question texts as headers, one row
// per respondent). Every respondent and every answer is invented.
//
//   node --experimental-strip-types scripts/make-demo-survey.ts
//
// Deterministic: a seeded PRNG, so re-running gives identical bytes. The
// numbers follow the demo's story (resources/demo/work.json):
// - Stichting Jeugdbescherming Hunzedal: the best marks, the fewest workers per
//   child and the fewest periods without a worker; the help itself lags
//   (waiting lists), so "leidt de hulp tot verbetering" scores lower there.
// - Stichting Jeugdbescherming Lagewaard: the worst on every count (waiting
//   list, many changes of worker, children not seen alone).
// - Jeugdbescherming & Reclassering Maasheuvel: mixed; most jeugdreclassering
//   (JR) respondents, safety asked well once there is a worker, contact and
//   participation weaker.
// The report mark falls with the number of workers had and after a period
// without a worker. Small groups for the "n < 10" rule, by construction:
// JR respondents at Hunzedal (6), "Weet ik niet" as measure at Hunzedal (5),
// jeugdigen with voogdij at Hunzedal (9), respondents who never had a worker
// (their mark is blank: there was nobody to rate).
// Next to it, resources/demo/vragenlijst.json: the mapping the demo confirms
// (what each column is; respondent number and open answers not stored) and
// the norm chapter of the questions placed under one.
// Type annotations only (no enums), so Node 22's type stripping can run it.

import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { seededRandom } from '../shared/seeded-random.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const DEMO = join(ROOT, 'resources', 'demo');
const OUT = join(DEMO, 'vragenlijst-export.csv');
/** The confirmed mapping the demo imports the export with (backend/demo/demo-study.ts). */
const MAPPING_OUT = join(DEMO, 'vragenlijst.json');

/** The headers, as the survey tool exports them (question texts). */
export const DEMO_SURVEY_HEADERS = {
  id: 'Respondentnummer',
  role: 'Ik vul deze vragenlijst in als',
  institution: 'Welke organisatie begeleidt u of jou?',
  measure: 'Welke maatregel is er?',
  workers: 'Hoeveel jeugdzorgwerkers heb je of heeft u gehad?',
  without: 'Was er een periode zonder jeugdzorgwerker?',
  mark: 'Welk rapportcijfer geef je of geeft u de jeugdzorgwerker?',
  explained: 'Werd bij de start uitgelegd wat er ging gebeuren?',
  opinion: 'Wordt er naar jouw of uw mening gevraagd?',
  decisions: 'Word je of wordt u betrokken bij beslissingen?',
  areas: 'Heeft de jeugdzorgwerker gevraagd hoe het gaat thuis, op school, met vrienden en met je gezondheid?',
  safety: 'Heeft de jeugdzorgwerker gevraagd of jij of uw kind veilig is?',
  help: 'Leiden de begeleiding en de hulp tot verbetering?',
  plan: 'Is er een plan van aanpak?',
  planSay: 'Had je of had u inbreng in het plan van aanpak?',
  open: 'Wil je of wilt u nog iets kwijt over de jeugdzorgwerker of de hulp?',
} as const;

type Key = keyof typeof DEMO_SURVEY_HEADERS;

/** What each column is: the respondent number and the open answers are not stored. */
const KINDS: Record<Key, string> = {
  id: 'ignore',
  role: 'role',
  institution: 'institution',
  measure: 'measure',
  workers: 'workers',
  without: 'withoutWorker',
  mark: 'mark',
  explained: 'question',
  opinion: 'question',
  decisions: 'question',
  areas: 'question',
  safety: 'question',
  help: 'question',
  plan: 'question',
  planSay: 'question',
  open: 'ignore',
};

/** The norm chapter each question is placed under in the reports (the others: the survey chapter only). */
const NORMS: Partial<Record<Key, string>> = {
  explained: 'contact',
  opinion: 'participatie',
  decisions: 'participatie',
  safety: 'veiligheid',
  help: 'hulp',
};
type Cell = string | number | null;

// ---------------------------------------------------------------------------
// Seeded randomness

const random = seededRandom(20260302);

function normal(): number {
  const u = Math.max(random(), 1e-12);
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

function weighted<T>(options: ReadonlyArray<readonly [T, number]>): T {
  const total = options.reduce((sum, [, weight]) => sum + weight, 0);
  let draw = random() * total;
  for (const [value, weight] of options) {
    draw -= weight;
    if (draw < 0) return value;
  }
  return options[options.length - 1]![0];
}

function shuffle<T>(items: T[]): T[] {
  for (let index = items.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    [items[index], items[other]] = [items[other]!, items[index]!];
  }
  return items;
}

// ---------------------------------------------------------------------------
// Who answered: fixed counts per institution, measure and role

const HUNZEDAL = 'Stichting Jeugdbescherming Hunzedal';
const LAGEWAARD = 'Stichting Jeugdbescherming Lagewaard';
const MAASHEUVEL = 'Jeugdbescherming & Reclassering Maasheuvel';

type Measure = 'JR' | 'OTS' | 'Voogdij' | 'Weet ik niet';
type Role = 'Jeugdige' | 'Ouder';

/** [measure, jeugdigen, ouders] per institution: 420 respondents, 105 jeugdigen; JR 38, OTS 248, voogdij 113, weet ik niet 21. */
const GROUPS: Record<string, Array<[Measure, number, number]>> = {
  [HUNZEDAL]: [
    ['JR', 3, 3],
    ['OTS', 14, 63],
    ['Voogdij', 9, 23],
    ['Weet ik niet', 2, 3],
  ],
  [LAGEWAARD]: [
    ['JR', 6, 6],
    ['OTS', 16, 78],
    ['Voogdij', 14, 31],
    ['Weet ik niet', 3, 6],
  ],
  [MAASHEUVEL]: [
    ['JR', 10, 10],
    ['OTS', 14, 63],
    ['Voogdij', 12, 24],
    ['Weet ik niet', 2, 5],
  ],
};

interface Profile {
  /** Report mark of a respondent with one worker and no period without one. */
  mark: number;
  /** Weights of 0, 1, 2, 3, 4, 5, more than 5 workers. */
  workers: number[];
  /** Chance of a period without a worker, per worker change. */
  without: number;
  /** Shift per closed question (positive: better answers). */
  shift: Partial<Record<Key, number>>;
}

const PROFILES: Record<string, Profile> = {
  [HUNZEDAL]: {
    mark: 7.9,
    workers: [0, 52, 30, 12, 4, 1.5, 0.5],
    without: 0.05,
    shift: { explained: 0.8, opinion: 0.6, decisions: 0.5, areas: 0.7, safety: 0.9, help: -0.1, plan: 0.9, planSay: 0.6 },
  },
  [LAGEWAARD]: {
    mark: 6.6,
    workers: [3, 16, 22, 24, 17, 10, 8],
    without: 0.22,
    shift: { explained: -0.5, opinion: -0.5, decisions: -0.6, areas: -0.6, safety: -0.7, help: -0.6, plan: -0.6, planSay: -0.5 },
  },
  [MAASHEUVEL]: {
    mark: 7.2,
    workers: [1, 26, 30, 22, 12, 5.5, 3.5],
    without: 0.14,
    shift: { explained: -0.1, opinion: -0.2, decisions: -0.3, areas: 0.2, safety: 0.3, help: -0.3, plan: -0.2, planSay: -0.2 },
  },
};

const WORKER_LABELS = ['0', '1', '2', '3', '4', '5', 'Meer dan 5'] as const;

// ---------------------------------------------------------------------------
// Answers

/** Ordered answers, best first, picked from a score by cut points (one fewer than answers). */
function scaled(score: number, answers: readonly string[], cuts: readonly number[]): string {
  for (let index = 0; index < cuts.length; index++) if (score > cuts[index]!) return answers[index]!;
  return answers[answers.length - 1]!;
}

const OPEN_POSITIVE = [
  'Mijn jeugdzorgwerker luistert echt en komt haar afspraken na.',
  'Fijn dat er iemand is die je kunt bellen als het misgaat.',
  'De jeugdzorgwerker neemt de tijd en legt alles goed uit.',
  'Ik voel me serieus genomen.',
  'Eindelijk iemand die doorpakt.',
  'Goed contact, ook met school.',
  'Ze zegt eerlijk wat ze wel en niet kan doen.',
];
const OPEN_NEGATIVE = [
  'Steeds weer een nieuwe jeugdzorgwerker; elke keer moet je je verhaal opnieuw vertellen.',
  'We wachten al maanden op de hulp die de rechter heeft gezegd.',
  'Niemand belt terug als je vragen hebt.',
  'Er wordt over ons beslist, niet met ons.',
  'Lange tijd wist ik niet wie mijn jeugdzorgwerker was.',
  'Het plan van aanpak heb ik nooit gezien.',
  'De jeugdzorgwerker heeft mij nooit alleen gesproken.',
  'Afspraken worden vaak afgezegd, "door drukte".',
];
const OPEN_MIXED = [
  'De jeugdzorgwerker doet haar best, maar de hulp komt niet op gang.',
  'Het contact is goed; de wachtlijst voor therapie is te lang.',
  'Soms goed, soms niet; het hangt af van wie je hebt.',
  'Meer uitleg over wat de rechter heeft besloten zou helpen.',
];

function openAnswer(mark: number | null): string | null {
  if (random() > 0.3) return null;
  const pool = mark === null || mark <= 5 ? OPEN_NEGATIVE : mark >= 8 ? OPEN_POSITIVE : random() < 0.5 ? OPEN_MIXED : [...OPEN_POSITIVE, ...OPEN_NEGATIVE];
  const first = pool[Math.floor(random() * pool.length)]!;
  if (random() < 0.2) {
    const second = pool[Math.floor(random() * pool.length)]!;
    if (second !== first) return `${first}\n${second}`;
  }
  return first;
}

/** A few respondents skip a question: blank. */
function maybeBlank<T extends Cell>(value: T, chance = 0.015): T | null {
  return random() < chance ? null : value;
}

function respondent(institution: string, measure: Measure, role: Role): Record<Key, Cell> {
  const profile = PROFILES[institution]!;
  const workerIndex = weighted(WORKER_LABELS.map((label, index) => [index, profile.workers[index]!] as const));
  const changes = Math.max(0, workerIndex - 1);
  // Never had a worker: that is a period without one. Else a chance per worker change, and at the start.
  const without = workerIndex === 0 || random() < 1 - (1 - profile.without) ** (changes + 1) ? 'Ja' : 'Nee';
  const penalty = 0.28 * changes + (without === 'Ja' ? 0.7 : 0);
  const mood = normal();

  const markRaw = profile.mark - penalty + (role === 'Jeugdige' ? 0.2 : 0) + 0.9 * mood + 0.7 * normal();
  const mark = workerIndex === 0 ? null : maybeBlank(Math.min(10, Math.max(1, Math.round(markRaw))), 0.02);

  const score = (key: Key) => (profile.shift[key] ?? 0) + 0.75 * mood + 0.75 * normal() - 0.45 * penalty;
  const explainedScore = score('explained');
  const explained =
    random() < (role === 'Jeugdige' ? 0.1 : 0.04)
      ? 'Weet ik niet'
      : scaled(explainedScore, ['Ja', 'Een beetje', 'Nee'], [-0.2, -1.1]);
  const opinion = scaled(score('opinion'), ['Ja, altijd', 'Ja, vaak', 'Ja, soms', 'Nee'], [0.7, -0.1, -1.1]);
  const decisions = scaled(score('decisions'), ['Ja, altijd', 'Ja, soms', 'Nee'], [0.5, -0.9]);
  const areas = scaled(score('areas'), ['Ja', 'Een beetje', 'Nee'], [-0.1, -1.0]);
  const safety = scaled(score('safety'), ['Ja', 'Een beetje', 'Nee'], [-0.4, -1.2]);
  const help = scaled(score('help'), ['Ja', 'Niet helemaal', 'Nee'], [0.1, -1.0]);
  const plan = random() < (role === 'Jeugdige' ? 0.22 : 0.1) ? 'Weet ik niet' : scaled(score('plan'), ['Ja', 'Nee'], [-1.1]);
  // Only who knows of a plan is asked about their say in it (the tool skips the question otherwise).
  const planSay = plan === 'Ja' ? scaled(score('planSay'), ['Ja', 'Een beetje', 'Nee'], [0.2, -0.8]) : null;

  return {
    id: null,
    role,
    institution,
    measure: maybeBlank(measure, 0.01),
    workers: maybeBlank(WORKER_LABELS[workerIndex]!, 0.01),
    without: maybeBlank(without),
    mark,
    explained: maybeBlank(explained),
    opinion: maybeBlank(opinion),
    decisions: maybeBlank(decisions),
    areas: maybeBlank(areas),
    safety: maybeBlank(safety),
    help: maybeBlank(help, 0.03),
    plan: maybeBlank(plan),
    planSay,
    open: openAnswer(mark),
  };
}

function respondents(): Array<Record<Key, Cell>> {
  const manifest = JSON.parse(readFileSync(join(DEMO, 'manifest.json'), 'utf8')) as { institutions: string[] };
  for (const name of Object.keys(GROUPS)) {
    if (!manifest.institutions.includes(name)) throw new Error(`Instelling staat niet in manifest.json: ${name}`);
  }
  const rows: Array<Record<Key, Cell>> = [];
  for (const [institution, groups] of Object.entries(GROUPS)) {
    for (const [measure, jeugdigen, ouders] of groups) {
      for (let k = 0; k < jeugdigen; k++) rows.push(respondent(institution, measure, 'Jeugdige'));
      for (let k = 0; k < ouders; k++) rows.push(respondent(institution, measure, 'Ouder'));
    }
  }
  // In the order they answered; respondent numbers as the tool hands them out (ascending, with gaps).
  shuffle(rows);
  let number = 10412;
  for (const row of rows) {
    number += 1 + Math.floor(random() * 4);
    row.id = number;
  }
  return rows;
}

// ---------------------------------------------------------------------------
// The file

function field(value: Cell): string {
  if (value === null) return '';
  const text = String(value);
  return /[";\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csv(rows: Array<Record<Key, Cell>>): string {
  const keys = Object.keys(DEMO_SURVEY_HEADERS) as Key[];
  const lines = [keys.map((key) => field(DEMO_SURVEY_HEADERS[key])).join(';')];
  for (const row of rows) lines.push(keys.map((key) => field(row[key])).join(';'));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

function mapping(): string {
  const keys = Object.keys(DEMO_SURVEY_HEADERS) as Key[];
  const content = {
    file: 'vragenlijst-export.csv',
    name: 'Vragenlijst jeugdigen en ouders 2026',
    columns: keys.map((key) => ({ header: DEMO_SURVEY_HEADERS[key], kind: KINDS[key] })),
    norms: keys.filter((key) => NORMS[key]).map((key) => ({ header: DEMO_SURVEY_HEADERS[key], norm: NORMS[key]! })),
  };
  return `${JSON.stringify(content, null, 2)}\n`;
}

const rows = respondents();
writeFileSync(OUT, csv(rows), 'utf8');
writeFileSync(MAPPING_OUT, mapping(), 'utf8');
const jeugdigen = rows.filter((row) => row.role === 'Jeugdige').length;
console.log(`${OUT}: ${rows.length} respondenten (${jeugdigen} jeugdigen, ${rows.length - jeugdigen} ouders).`);
