/**
 * Nothing identifying leaves (issue 10): a study full of planted details
 * (tests/fixtures/privacy-corpus.ts) in quotes, rationales, coding notes,
 * memos, positive examples, source titles and a survey's name; every draft
 * kind (per institution and overarching, with and without the appendix and
 * the writer's notes) and the survey table export are unzipped part by part
 * (docProps too), and no planted detail may appear in any part or file name,
 * while the control words of an inspection report survive.
 */
import yauzl from 'yauzl';
import { beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../backend/api/handlers';
import { Session } from '../../backend/api/session';
import { createCodings } from '../../backend/coding/codings';
import { saveJudgment } from '../../backend/judgments/judgments';
import { saveMemo } from '../../backend/memos/memos';
import { generateReport, type GenerateOptions, type ReportScope } from '../../backend/reports/generate';
import { getSource } from '../../backend/sources/queries';
import type { Study } from '../../backend/study/study';
import type { CallName, CallOutput } from '../../shared/api/contract';
import { CONTROL_WORDS, makeFamilies, VISIT_DATES } from '../fixtures/privacy-corpus';
import { writeKnownSurvey } from '../fixtures/make-survey';
import { addTextSource, codeId } from '../helpers/sources';
import { newTestStudy, tempDir } from '../helpers/temp-study';

const dir = tempDir('veldwerk-privacy-');
const families = makeFamilies(6);
const INSPECTORS = [
  { name: 'Hanneke Zwartveld', initials: 'HZ' },
  { name: 'Joris Kampinga', initials: 'JK' },
];
const SURVEY_NAME = `Vragenlijst, vragen aan mevrouw ${families[1]!.surname} via ${families[1]!.secrets[10]}`;

async function call<N extends CallName>(session: Session, name: N, input: unknown): Promise<CallOutput<N>> {
  const result = await dispatch(session, name, input);
  if (!result.ok) throw new Error(result.error.message);
  return result.value as CallOutput<N>;
}

async function buildStudy(): Promise<{ study: Study; session: Session }> {
  const study = newTestStudy(dir, {
    name: 'Toezichtronde privacy',
    periodStart: '2026-03-02',
    periodEnd: '2026-06-26',
    institutions: ['Jeugdbescherming Brabantzoom', 'GI Noord'],
    inspectors: INSPECTORS,
  });
  study.setCurrentInspector(study.inspectors()[0]!.id);
  const [brabantzoom, noord] = study.institutions().map((institution) => institution.id) as [string, string];
  const codes = ['contact', 'veiligheid', 'participatie', 'contact.start', 'hulp', 'goed-voorbeeld'];
  for (const [index, family] of families.entries()) {
    const institutionId = index % 2 === 0 ? brabantzoom : noord;
    for (const [sourceType, role, title] of [
      ['clientdossier', null, family.title],
      ['interview', 'ouder', `Interview met moeder ${family.mother} ${family.surname}`],
    ] as const) {
      const text = [sourceType === 'interview' ? 'Verslag van het gesprek.' : 'Samenvatting van het dossier.', ...family.sentences, 'Zie ECLI:NL:RBNNE:2025:4711 over de ondertoezichtstelling.'].join('\n\n');
      const sourceId = await addTextSource(study, dir, text, { institutionId, sourceType, role, title });
      const full = getSource(study, sourceId).text;
      const segments = [...family.sentences, 'Zie ECLI:NL:RBNNE:2025:4711 over de ondertoezichtstelling.'];
      createCodings(
        study,
        segments.map((sentence, at) => {
          const start = full.indexOf(sentence);
          return {
            sourceId,
            codeId: codeId(study, codes[at % codes.length]!),
            start,
            end: start + sentence.length,
            valence: at === 5 ? 'positief' : 'negatief',
            // A coding note that plants details too.
            note: at === 3 ? family.sentences[4]! : '',
            quotable: true,
          };
        }),
        'Coderen',
      );
      saveMemo(study, 'source', sourceId, `Memo: ${family.sentences[2]}`);
    }
    saveJudgment(study, {
      institutionId,
      codeId: codeId(study, ['contact', 'veiligheid', 'participatie', 'hulp', 'bestuur'][Math.floor(index / 2)]!),
      rating: 'voldoet grotendeels niet',
      // The visit date first: the overarching draft prints a rationale's first sentence.
      rationale: `${family.sentences[6]} ${family.sentences[1]} ${family.sentences[3]}`,
    });
  }
  saveMemo(study, 'institution', brabantzoom, `Let op: ${families[0]!.sentences[0]} ${families[2]!.sentences[4]}`);
  saveMemo(study, 'code', codeId(study, 'contact'), families[4]!.sentences[3]!);

  const session = new Session({ kind: 'cli', demoStudyPath: () => '' });
  session.setStudy(study);
  const files = await writeKnownSurvey(dir);
  const analysis = await call(session, 'survey.analyse', { stagedId: session.registerLocalFile(files.xlsx) });
  await call(session, 'survey.import', { stagedId: analysis.stagedId, mapping: analysis.mapping, name: SURVEY_NAME });
  return { study, session };
}

/** Every part of a zip (.docx, .xlsx) as text, XML entities decoded. */
async function zipParts(buffer: Buffer): Promise<Map<string, string>> {
  const zip = await yauzl.fromBufferPromise(buffer, { lazyEntries: true, autoClose: false });
  const parts = new Map<string, string>();
  try {
    for await (const entry of zip.eachEntry()) {
      const chunks: Buffer[] = [];
      for await (const chunk of await zip.openReadStreamPromise(entry)) chunks.push(chunk as Buffer);
      const text = Buffer.concat(chunks).toString('utf8');
      parts.set(entry.fileName, text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&'));
    }
  } finally {
    zip.close();
  }
  return parts;
}

/** Text of a part as a reader sees it: runs joined, tags gone (a detail split over runs still shows). */
const visible = (xml: string) => xml.replace(/<\/w:p>|<\/a:p>|<\/row>/g, '\n').replace(/<[^>]+>/g, '');

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const appears = (haystack: string, secret: string) => new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(secret)}(?![\\p{L}\\p{N}])`, 'u').test(haystack);

interface Output {
  label: string;
  fileName: string;
  parts: Map<string, string>;
}

const outputs: Output[] = [];

beforeAll(async () => {
  const { study, session } = await buildStudy();
  // By name: the survey's import adds institutions of its own.
  const idOf = (name: string) => study.institutions().find((institution) => institution.name === name)!.id;
  const [brabantzoom, noord] = [idOf('Jeugdbescherming Brabantzoom'), idOf('GI Noord')];
  const runs: Array<[string, ReportScope, GenerateOptions]> = [
    ['instelling', { institutionId: brabantzoom }, {}],
    ['instelling + bijlage', { institutionId: noord }, { includeAppendix: true }],
    ['instelling zonder notities', { institutionId: brabantzoom }, { includeMemos: false }],
    ['overkoepelend', { overall: true }, {}],
    ['overkoepelend + bijlage', { overall: true }, { includeAppendix: true }],
  ];
  for (const [label, scope, options] of runs) {
    const report = await generateReport(study, scope, { tocPageNumbers: false, minCodingsForQuotes: 1, maxQuotesPerNorm: 30, ...options });
    outputs.push({ label, fileName: report.fileName, parts: await zipParts(report.data) });
    if (report.appendix) outputs.push({ label: `${label} (bijlage)`, fileName: report.appendix.fileName, parts: await zipParts(report.appendix.data) });
  }
  const surveys = await call(session, 'survey.list', {});
  const table = await call(session, 'survey.exportTable', { surveyId: surveys.surveys[0]!.id, question: 'Werd bij de start uitgelegd wat er zou gebeuren?', by: 'Ik ben een' });
  outputs.push({ label: 'vragenlijsttabel', fileName: table.fileName, parts: await zipParts(Buffer.from(table.base64!, 'base64')) });
}, 240_000);

describe('a study full of identifying details', () => {
  it('makes every draft kind, its appendix and the survey export', () => {
    expect(outputs.map((output) => output.label)).toEqual([
      'instelling',
      'instelling + bijlage',
      'instelling + bijlage (bijlage)',
      'instelling zonder notities',
      'overkoepelend',
      'overkoepelend + bijlage',
      'overkoepelend + bijlage (bijlage)',
      'vragenlijsttabel',
    ]);
    expect(outputs.every((output) => output.parts.has('docProps/core.xml'))).toBe(true);
    // The appendix is marked internal and accounts for the privacy pass by kind, never by the details.
    for (const appendix of outputs.filter((output) => output.label.endsWith('(bijlage)'))) {
      const text = visible(appendix.parts.get('word/document.xml')!);
      expect(text).toContain('Privacycontrole: gegevens per soort');
      expect(text).toContain('INTERN – niet verzenden');
      expect(visible([...appendix.parts].filter(([name]) => name.startsWith('word/footer')).map(([, xml]) => xml).join(''))).toContain('INTERN – niet verzenden');
    }
  });

  it('lets no planted detail leave in any part of any file, nor in a file name', () => {
    const secrets = [...new Set([...families.flatMap((family) => family.secrets), ...INSPECTORS.map((inspector) => inspector.name)])];
    const leaks: string[] = [];
    for (const output of outputs) {
      for (const secret of secrets) if (appears(output.fileName, secret)) leaks.push(`${output.label}: bestandsnaam bevat "${secret}"`);
      for (const [part, xml] of output.parts) {
        const text = `${xml}\n${visible(xml)}`;
        for (const secret of secrets) {
          if (!appears(text, secret)) continue;
          const plain = visible(xml);
          const at = plain.search(new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(secret)}(?![\\p{L}\\p{N}])`, 'u'));
          leaks.push(`${output.label} ${part}: "${secret}" in …${plain.slice(Math.max(0, at - 60), at + 40).replace(/\s+/g, ' ')}…`);
        }
      }
    }
    expect(leaks).toEqual([]);
  });

  it('replaced each kind of detail where it stood (the details did reach the exits)', () => {
    const all = outputs.flatMap((output) => [...output.parts.values()].map(visible)).join('\n');
    for (const marker of ['[naam]', '[BSN]', '[geboortedatum]', '[adres]', '[telefoonnummer]', '[e-mail]', '[IBAN]', '[zaaknummer]', '[kenteken]', '[school]', '[woonplaats]']) {
      expect(all, marker).toContain(marker);
    }
  });

  it('keeps the control words: institutions, norms, ECLI numbers, legal terms, the period of the visits', () => {
    const drafts = outputs.filter((output) => output.label.startsWith('overkoepelend')).flatMap((output) => [...output.parts.values()].map(visible)).join('\n');
    for (const word of [...CONTROL_WORDS, 'GI Noord', '2 maart 2026']) expect(drafts, word).toContain(word);
  });

  it('keeps the dates of visits in quotes and in judgment rationales, in every notation', () => {
    const draftText = (label: string) => visible(outputs.find((output) => output.label === label)!.parts.get('word/document.xml')!);
    const institutions = ['instelling', 'instelling + bijlage'].map(draftText).join('\n');
    const overall = draftText('overkoepelend');
    for (const date of VISIT_DATES) {
      // Quotes: the overarching draft quotes the visit sentence of every family.
      expect(overall, date).toContain(`“Tijdens het huisbezoek op ${date} sprak`);
      // Rationales: each family's judgment opens with its visit date.
      expect(institutions, date).toContain(`Onderbouwing van de inspecties: Tijdens het huisbezoek op ${date} sprak`);
    }
  });
});
