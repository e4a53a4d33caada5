/**
 * The questionnaire in the report drafts. A study imports the known survey
 * (tests/fixtures/make-survey.ts: 40 respondents in blocks) through the real
 * handlers, one question is placed under the norm "participatie", and the
 * drafts are read back independently of the docx library (unzip, plain
 * expressions over word/document.xml). Every expected number below is worked
 * out by hand from the blocks of the fixture:
 *
 *   respondents 1-20 GI Noord, 21-29 GI Zuid (9: below the threshold of 10),
 *   30-40 Jeugdbescherming West; 1-25 jeugdigen, 26-40 ouders;
 *   "uitgelegd": Ja 1-18, Een beetje 19-27, Nee 28-34, Weet ik niet 35-38, blank 39-40;
 *   "mening": Ja, altijd 1-8, Ja, vaak 9-20, Ja, soms 21-30, Nee 31-40;
 *   workers: 1 → 1-12, 2 → 13-24, 3 → 25-34, 4 → 35-37, more than 5 → 38-40;
 *   period without a worker: Ja 1-10, Nee 11-40;
 *   mark: 8 for 1-12, 7/6 alternating for 13-24, 5 for 25-29, 4 for 30-33, blank 34, 3 for 35-40.
 */
import yauzl from 'yauzl';
import { beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../backend/api/handlers';
import { Session } from '../../backend/api/session';
import { generateReport, reportOutline, type GenerateOptions, type ReportScope } from '../../backend/reports/generate';
import { barChartSvg } from '../../backend/reports/charts';
import type { Study } from '../../backend/study/study';
import type { CallName, CallOutput } from '../../shared/api/contract';
import { H, writeKnownSurvey } from '../fixtures/make-survey';
import { newTestStudy, tempDir } from '../helpers/temp-study';

const dir = tempDir('veldwerk-report-survey-');

/* ---------- the study ---------- */

async function call<N extends CallName>(session: Session, name: N, input: unknown): Promise<CallOutput<N>> {
  const result = await dispatch(session, name, input);
  if (!result.ok) throw new Error(result.error.message);
  return result.value as CallOutput<N>;
}

interface Fixture {
  study: Study;
  noord: string;
  zuid: string;
  west: string;
}

async function buildStudy(): Promise<Fixture> {
  const files = await writeKnownSurvey(dir);
  const study = newTestStudy(dir);
  const session = new Session({ kind: 'cli', demoStudyPath: () => '' });
  session.setStudy(study);
  const analysis = await call(session, 'survey.analyse', { stagedId: session.registerLocalFile(files.xlsx) });
  const { surveyId } = await call(session, 'survey.import', { stagedId: analysis.stagedId, mapping: analysis.mapping });
  const participatie = (await call(session, 'framework.list', {})).find((code) => code.key === 'participatie')!;
  await call(session, 'survey.setQuestionNorm', { surveyId, question: H.opinion, codeId: participatie.id });
  const id = (name: string) => study.institutions().find((institution) => institution.name === name)!.id;
  return { study, noord: id('GI Noord'), zuid: id('GI Zuid'), west: id('Jeugdbescherming West') };
}

/* ---------- reading a .docx back ---------- */

async function documentXml(buffer: Buffer): Promise<string> {
  const zip = await yauzl.fromBufferPromise(buffer, { lazyEntries: true, autoClose: false });
  try {
    for await (const entry of zip.eachEntry()) {
      if (entry.fileName !== 'word/document.xml') continue;
      const chunks: Buffer[] = [];
      for await (const chunk of await zip.openReadStreamPromise(entry)) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    }
  } finally {
    zip.close();
  }
  throw new Error('word/document.xml ontbreekt');
}

const decode = (text: string) =>
  text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
/** The text of a part; non-breaking spaces (the drafts keep "n = 20" on one line) read as spaces. */
const textOf = (xml: string) => decode([...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('')).replace(/\u00a0/g, ' ');

/** The body in order: paragraphs (outside tables) and tables (rows of cell texts). */
type Item = { kind: 'p'; style: string | null; text: string } | { kind: 'table'; rows: string[][] };

function items(xml: string): Item[] {
  const body = xml.slice(xml.indexOf('<w:body>'));
  const result: Item[] = [];
  const pattern = /<w:tbl>([\s\S]*?)<\/w:tbl>|<w:p\b[^>]*>([\s\S]*?)<\/w:p>/g;
  for (const match of body.matchAll(pattern)) {
    if (match[1] !== undefined) {
      const rows = [...match[1].matchAll(/<w:tr\b[^>]*>([\s\S]*?)<\/w:tr>/g)].map((row) => [...row[1]!.matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].map((cell) => textOf(cell[1]!)));
      result.push({ kind: 'table', rows });
    } else {
      const inner = match[2]!;
      result.push({ kind: 'p', style: /<w:pStyle w:val="([^"]+)"/.exec(inner)?.[1] ?? null, text: textOf(inner) });
    }
  }
  return result;
}

interface Draft {
  xml: string;
  items: Item[];
  text: string;
  /** The internal appendix, a file of its own (issue 10). */
  appendix: Draft | null;
}

async function draft(fixture: Fixture, scope: ReportScope, options: GenerateOptions = {}): Promise<Draft> {
  const { data, appendix } = await generateReport(fixture.study, scope, { tocPageNumbers: false, date: '2026-11-23', ...options });
  return { ...(await readDraft(data)), appendix: appendix ? { ...(await readDraft(appendix.data)), appendix: null } : null };
}

async function readDraft(data: Buffer): Promise<Omit<Draft, 'appendix'>> {
  const xml = await documentXml(data);
  const body = items(xml);
  return { xml, items: body, text: body.map((item) => (item.kind === 'p' ? item.text : item.rows.map((row) => row.join(' | ')).join('\n'))).join('\n') };
}

const paras = (doc: Draft) => doc.items.filter((item): item is Extract<Item, { kind: 'p' }> => item.kind === 'p');

/** The chapter (from its Heading 1 up to the next) as items. */
function chapter(doc: Draft, title: string): Item[] {
  const start = doc.items.findIndex((item) => item.kind === 'p' && item.style === 'Heading1' && item.text === title);
  expect(start, `hoofdstuk "${title}"`).toBeGreaterThanOrEqual(0);
  const next = doc.items.findIndex((item, index) => index > start && item.kind === 'p' && item.style === 'Heading1');
  return doc.items.slice(start, next < 0 ? undefined : next);
}

const captions = (within: Item[], label: 'Figuur' | 'Tabel') =>
  within.filter((item): item is Extract<Item, { kind: 'p' }> => item.kind === 'p' && item.style === 'Caption' && item.text.startsWith(`${label} `));

/** The figure with this caption title: its number, the n line under it, its table and the note under the table. */
function figure(within: Item[], title: string) {
  const at = within.findIndex((item) => item.kind === 'p' && item.style === 'Caption' && /^Figuur \d+\. /.test(item.text) && item.text.replace(/^Figuur \d+\. /, '') === title);
  expect(at, `figuur "${title}"`).toBeGreaterThanOrEqual(0);
  const caption = within[at] as Extract<Item, { kind: 'p' }>;
  const after = within.slice(at + 1);
  const tableAt = after.findIndex((item) => item.kind === 'table');
  const nLine = after.slice(0, tableAt).find((item): item is Extract<Item, { kind: 'p' }> => item.kind === 'p' && item.style === 'Figuuronderschrift')!;
  const note = after[tableAt + 1] as Extract<Item, { kind: 'p' }> | undefined;
  return { number: Number(/^Figuur (\d+)\./.exec(caption.text)![1]), caption: caption.text, nLine: nLine.text, table: (after[tableAt] as Extract<Item, { kind: 'table' }>).rows, note: note?.text ?? '' };
}

/** The table with this caption title. */
function tableCalled(within: Item[], title: string) {
  const at = within.findIndex((item) => item.kind === 'p' && item.style === 'Caption' && item.text.replace(/^Tabel \d+\. /, '') === title);
  expect(at, `tabel "${title}"`).toBeGreaterThanOrEqual(0);
  const table = within.slice(at + 1).find((item): item is Extract<Item, { kind: 'table' }> => item.kind === 'table')!;
  return table.rows;
}

/* ---------- the drafts ---------- */

const CHAPTER = 'Uitkomsten van de vragenlijst';
const PARTICIPATIE = 'Participatie jeugdige en ouders';

let fixture: Fixture;
let noord: Draft;
let zuid: Draft;
let overall: Draft;

beforeAll(async () => {
  fixture = await buildStudy();
  [noord, zuid, overall] = await Promise.all([
    draft(fixture, { institutionId: fixture.noord }),
    draft(fixture, { institutionId: fixture.zuid }),
    draft(fixture, { overall: true }, { includeAppendix: true }),
  ]);
});

describe('the questionnaire in the report drafts', () => {
  it('has its own chapter after the norm and context chapters, before the writer\'s notes', () => {
    for (const doc of [noord, zuid, overall]) {
      const chapters = paras(doc).filter((para) => para.style === 'Heading1').map((para) => para.text);
      expect(chapters.indexOf(CHAPTER)).toBe(chapters.indexOf('Oorzaken') + 1);
      expect(chapters.indexOf('Wat nodig is')).toBe(chapters.indexOf(CHAPTER) + 1);
      expect(chapters.indexOf('Notities voor de schrijver')).toBe(chapters.indexOf(CHAPTER) + 2);
    }
    const lead = chapter(overall, CHAPTER).find((item) => item.kind === 'p' && item.style === 'Inleidend') as Extract<Item, { kind: 'p' }>;
    expect(lead.text).toContain('In totaal deden 25 jeugdigen en 15 ouders mee (n = 40).');
    expect(lead.text).toContain('(‘n < 10’)');
  });

  it('gives the per-institution draft the distribution of that institution\'s respondents, as figure and table', () => {
    const fig = figure(chapter(noord, CHAPTER), H.explained);
    expect(fig.caption).toBe(`Figuur ${fig.number}. ${H.explained}`);
    expect(fig.nLine).toBe('n = 20 respondenten die de vraag beantwoordden. De cijfers bij de figuur:');
    // GI Noord (1-20): Ja 1-18, Een beetje 19-20.
    expect(fig.table).toEqual([
      ['Antwoord', 'Aantal', 'Percentage'],
      ['Ja', '18', '90,0%'],
      ['Een beetje', '2', '10,0%'],
      ['Nee', '0', '0,0%'],
      ['Weet ik niet', '0', '0,0%'],
    ]);
    const text = chapter(noord, CHAPTER).map((item) => (item.kind === 'p' ? item.text : '')).join('\n');
    expect(text).toContain(`Op de vraag ‘${H.explained}’ antwoordde 90,0% ‘Ja’ en 10,0% ‘Een beetje’ (n = 20). Zie figuur ${fig.number}.`);
    // The report mark of GI Noord: 12 × 8, then 7 and 6 alternating (13-20: four of each) → 148 / 20 = 7,4.
    const mark = figure(chapter(noord, CHAPTER), H.mark);
    expect(mark.nLine).toBe('n = 20 respondenten die de vraag beantwoordden; gemiddeld rapportcijfer 7,4. De cijfers bij de figuur:');
    // Every mark given in the survey has a row, also those no one at GI Noord gave.
    expect(mark.table.slice(1)).toEqual([
      ['3', '0', '0,0%'],
      ['4', '0', '0,0%'],
      ['5', '0', '0,0%'],
      ['6', '4', '20,0%'],
      ['7', '4', '20,0%'],
      ['8', '12', '60,0%'],
    ]);
  });

  it('puts all respondents and each institution side by side in the overarching draft, small groups as "n < 10"', () => {
    const fig = figure(chapter(overall, CHAPTER), H.explained);
    expect(fig.caption).toBe(`Figuur ${fig.number}. ${H.explained}`);
    expect(fig.nLine).toMatch(/^n = 38 respondenten die de vraag beantwoordden \(2 zonder antwoord\)/);
    // All: 18, 9, 7, 4 of 38. GI Zuid (21-29): 9 answered; West (30-40): 9 of 11 answered: both below 10.
    expect(fig.table).toEqual([
      ['Antwoord', 'Alle respondenten', 'GI Noord', 'GI Zuid', 'Jeugdbescherming West'],
      ['Ja', '47,4%', '90,0%', 'n < 10', 'n < 10'],
      ['Een beetje', '23,7%', '10,0%', 'n < 10', 'n < 10'],
      ['Nee', '18,4%', '0,0%', 'n < 10', 'n < 10'],
      ['Weet ik niet', '10,5%', '0,0%', 'n < 10', 'n < 10'],
      ['n', '38', '20', '< 10', '< 10'],
    ]);
    expect(fig.note).toContain('n < 10: bij GI Zuid en Jeugdbescherming West beantwoordden minder dan 10 respondenten deze vraag');
    // The suppressed numbers are nowhere: GI Zuid 7/9 Een beetje, 2/9 Nee; West 5/9, 4/9.
    for (const doc of [overall, zuid]) for (const hidden of ['77,8%', '22,2%', '55,6%', '44,4%']) expect(doc.text).not.toContain(hidden);

    const measure = figure(chapter(overall, CHAPTER), H.measure);
    // JR 1-4, OTS 5-28, Voogdij 29-38, Weet ik niet 39-40; West (30-40): Voogdij 9, Weet ik niet 2.
    expect(measure.table).toEqual([
      ['Antwoord', 'Alle respondenten', 'GI Noord', 'GI Zuid', 'Jeugdbescherming West'],
      ['JR', '10,0%', '20,0%', 'n < 10', '0,0%'],
      ['OTS', '60,0%', '80,0%', 'n < 10', '0,0%'],
      ['Voogdij', '25,0%', '0,0%', 'n < 10', '81,8%'],
      ['Weet ik niet', '5,0%', '0,0%', 'n < 10', '18,2%'],
      ['n', '40', '20', '< 10', '11'],
    ]);
    // The mark: the mean per institution with n; GI Zuid hidden.
    const mark = figure(chapter(overall, CHAPTER), H.mark);
    expect(mark.table).toEqual([
      ['Respondenten', 'n', 'Gemiddeld rapportcijfer'],
      ['Alle respondenten', '39', '6,0'],
      ['GI Noord', '20', '7,4'],
      ['GI Zuid', '< 10', 'n < 10'],
      ['Jeugdbescherming West', '10', '3,4'],
    ]);
  });

  it('draws no bar for a suppressed group: the chart says "n < 10" in its place', () => {
    const { svg } = barChartSvg({
      kind: 'bar',
      categories: ['Alle respondenten', 'GI Zuid'],
      series: [
        { name: 'Ja', values: [47.368, 0], color: '#1f4e79' },
        { name: 'Nee', values: [52.632, 0], color: '#c8553d' },
      ],
      stacked: true,
      valueLabel: 'percentage',
      format: 'percent',
      axisMax: 100,
      notes: [null, 'n < 10'],
      endLabels: ['n = 38', null],
    });
    expect(svg).toContain('47,4%');
    expect(svg).toContain('52,6%');
    expect(svg).toContain('n &lt; 10');
    expect(svg).toContain('n = 38');
    expect(svg).not.toMatch(/\d\.\d%/);
    expect(svg.match(/<rect x="[^"]+" y="[^"]+" width="[^"]+" height="46"/g)).toHaveLength(2);
    // Percentages adding up to a hair over 100 keep the 0-100% axis.
    const ticks = (chart: string) => [...chart.matchAll(/>(\d+%)<\/text>/g)].map((match) => match[1]);
    expect(ticks(svg)).toEqual(['0%', '20%', '40%', '60%', '80%', '100%']);
    const over = barChartSvg({ kind: 'bar', categories: ['Alle'], series: [10, 60, 25, 5].map((value, index) => ({ name: String(index), values: [value + 1e-12] })), stacked: true, valueLabel: '', format: 'percent', axisMax: 100 });
    expect(ticks(over.svg).at(-1)).toBe('100%');
  });

  it('shows a group of 9 as "n < 10" with no percentages in its own draft', () => {
    const own = chapter(zuid, CHAPTER);
    expect(captions(own, 'Figuur')).toHaveLength(0);
    const text = own.map((item) => (item.kind === 'p' ? item.text : '')).join('\n');
    expect(text).toContain('Van GI Zuid deden 5 jeugdigen en 4 ouders mee (n = 9).');
    expect(text).toContain('minder dan 10 respondenten van GI Zuid (n < 10)');
    expect(text).toContain(`‘${H.explained}’`);
    expect(text).not.toMatch(/\d+,\d%/);
    // The question placed under participatie says the same in that chapter.
    const norm = chapter(zuid, PARTICIPATIE).map((item) => (item.kind === 'p' ? item.text : '')).join('\n');
    expect(norm).toContain(`De vraag ‘${H.opinion}’ beantwoordden minder dan 10 respondenten van GI Zuid (n < 10)`);
  });

  it('counts the respondents in "Toezicht in cijfers"', () => {
    expect(tableCalled(noord.items, 'Toezicht in cijfers: respondenten van de vragenlijst')).toEqual([
      ['Respondenten', 'Aantal'],
      ['Jeugdigen', '20'],
      ['Ouders', '0'],
      ['Totaal', '20'],
    ]);
    expect(tableCalled(zuid.items, 'Toezicht in cijfers: respondenten van de vragenlijst').slice(1)).toEqual([
      ['Jeugdigen', '5'],
      ['Ouders', '4'],
      ['Totaal', '9'],
    ]);
    expect(tableCalled(overall.items, 'Toezicht in cijfers: respondenten van de vragenlijst per instelling')).toEqual([
      ['Respondenten', 'GI Noord', 'GI Zuid', 'Jeugdbescherming West', 'Totaal'],
      ['Jeugdigen', '20', '5', '0', '25'],
      ['Ouders', '0', '4', '11', '15'],
      ['Totaal', '20', '9', '11', '40'],
    ]);
    expect(overall.text).toContain('Daarnaast vulden 25 jeugdigen en 15 ouders de digitale vragenlijst in (samen 40 respondenten).');
  });

  it('places a question under the norm the user chose, and the survey chapter refers to it', () => {
    const norm = chapter(overall, PARTICIPATIE);
    expect(norm.some((item) => item.kind === 'p' && item.style === 'Heading2' && item.text === 'Uit de vragenlijst')).toBe(true);
    const fig = figure(norm, H.opinion);
    // All: 8, 12, 10, 10 of 40; GI Noord (1-20): 8, 12, 0, 0; West (30-40): Ja, soms 1, Nee 10 of 11.
    expect(fig.table).toEqual([
      ['Antwoord', 'Alle respondenten', 'GI Noord', 'GI Zuid', 'Jeugdbescherming West'],
      ['Ja, altijd', '20,0%', '40,0%', 'n < 10', '0,0%'],
      ['Ja, vaak', '30,0%', '60,0%', 'n < 10', '0,0%'],
      ['Ja, soms', '25,0%', '0,0%', 'n < 10', '9,1%'],
      ['Nee', '25,0%', '0,0%', 'n < 10', '90,9%'],
      ['n', '40', '20', '< 10', '11'],
    ]);
    expect(fig.nLine).toMatch(/^n = 40 respondenten die de vraag beantwoordden;/);
    // Once in the draft: not repeated in the survey chapter, which names the norm and the figure.
    const survey = chapter(overall, CHAPTER);
    expect(captions(survey, 'Figuur').some((caption) => caption.text.endsWith(H.opinion))).toBe(false);
    const reference = survey.find((item) => item.kind === 'p' && item.text.startsWith(`‘${H.opinion}’`)) as Extract<Item, { kind: 'p' }>;
    expect(reference.text).toBe(`‘${H.opinion}’: ${PARTICIPATIE}, figuur ${fig.number}.`);
    // The same in the per-institution draft: GI Noord 40,0% / 60,0%.
    const own = figure(chapter(noord, PARTICIPATIE), H.opinion);
    expect(own.table.slice(1, 3)).toEqual([
      ['Ja, altijd', '8', '40,0%'],
      ['Ja, vaak', '12', '60,0%'],
    ]);
  });

  it('carries the mean report mark by number of workers with n per row, and the comparison with and without a period without a worker', () => {
    const survey = chapter(overall, CHAPTER);
    const byWorkers = figure(survey, 'Gemiddeld rapportcijfer naar aantal jeugdzorgwerkers');
    // 1 worker: twelve 8s; 2: six 7s and six 6s; 3: 9 marks (one blank); 4 and more than 5: 3 each.
    expect(byWorkers.table).toEqual([
      ['Aantal jeugdzorgwerkers', 'n', 'Gemiddeld rapportcijfer'],
      ['1', '12', '8,0'],
      ['2', '12', '6,5'],
      ['3', '< 10', 'n < 10'],
      ['4', '< 10', 'n < 10'],
      ['Meer dan 5', '< 10', 'n < 10'],
    ]);
    // n of the groups with a mean only (12 + 12): with the 39 of all marks it would give away the hidden groups' 15.
    expect(byWorkers.nLine).toMatch(/^n = 24 respondenten met een rapportcijfer in de groepen met een gemiddelde;/);
    const comparison = tableCalled(survey, 'Respondenten met en zonder een periode zonder jeugdzorgwerker');
    // With a period (1-10): ten 8s, all "Ja". Without (11-40): 153 / 29 = 5,3; "uitgelegd" 8, 9, 7, 4 of 28.
    expect(comparison.slice(0, 7)).toEqual([
      ['Vraag en antwoord', 'Wel een periode zonder', 'Geen periode zonder'],
      ['Gemiddeld rapportcijfer', '8,0 (n = 10)', '5,3 (n = 29)'],
      [H.explained, 'n = 10', 'n = 28'],
      ['– Ja', '100,0%', '28,6%'],
      ['– Een beetje', '0,0%', '32,1%'],
      ['– Nee', '0,0%', '25,0%'],
      ['– Weet ik niet', '0,0%', '14,3%'],
    ]);
    // GI Noord alone: 10 with and 10 without a period; the marks by workers 1 (12) and 2 (8: below 10).
    const own = figure(chapter(noord, CHAPTER), 'Gemiddeld rapportcijfer naar aantal jeugdzorgwerkers');
    expect(own.table.slice(1)).toEqual([
      ['1', '12', '8,0'],
      ['2', '< 10', 'n < 10'],
    ]);
  });

  it('writes numbers in Dutch notation, numbers the captions in order and states n under every figure', () => {
    for (const doc of [noord, zuid, overall]) {
      expect(doc.text).not.toMatch(/\d\.\d+%|\b\d+\.\d\b(?!\d)/);
      const figures = captions(doc.items, 'Figuur');
      figures.forEach((caption, index) => expect(caption.text).toMatch(new RegExp(`^Figuur ${index + 1}\\. `)));
      for (const caption of figures) {
        const at = doc.items.indexOf(caption);
        const nLine = doc.items.slice(at + 1).find((item) => item.kind === 'p' && item.style === 'Figuuronderschrift') as Extract<Item, { kind: 'p' }>;
        expect(nLine.text).toMatch(/^n = [\d.]+ /);
      }
    }
  });

  it('counts the survey figures in the outline, and leaves the chapter out on request', async () => {
    const outline = reportOutline(fixture.study, { overall: true });
    const entry = outline.chapters.find((one) => one.key === 'vragenlijst')!;
    expect(entry.title).toBe(CHAPTER);
    expect(entry.figures).toBe(captions(chapter(overall, CHAPTER), 'Figuur').length);
    expect(entry.figures).toBeGreaterThanOrEqual(6);
    expect(outline.chapters.find((one) => one.key === 'norm:participatie')!.figures).toBeGreaterThanOrEqual(1);
    expect(outline.totals.figures).toBe(captions(overall.items, 'Figuur').length);

    const without = await draft(fixture, { overall: true }, { chapters: ['inleiding', 'norm:participatie'] });
    expect(paras(without).filter((para) => para.style === 'Heading1').map((para) => para.text)).toEqual(['Inleiding', PARTICIPATIE]);
    expect(captions(without.items, 'Figuur').some((caption) => caption.text.endsWith(H.opinion))).toBe(true);
  });

  it('in an overarching draft over some institutions, counts only their respondents', async () => {
    const some = await draft(fixture, { overall: true }, { institutions: [fixture.noord, fixture.west], chapters: ['inleiding', 'vragenlijst'] });
    const fig = figure(chapter(some, CHAPTER), H.explained);
    // GI Noord: 18 Ja, 2 Een beetje; West: 5 Nee, 4 Weet ik niet (9 answered) → 29.
    expect(fig.table).toEqual([
      ['Antwoord', 'Alle respondenten', 'GI Noord', 'Jeugdbescherming West'],
      ['Ja', '62,1%', '90,0%', 'n < 10'],
      ['Een beetje', '6,9%', '10,0%', 'n < 10'],
      ['Nee', '17,2%', '0,0%', 'n < 10'],
      ['Weet ik niet', '13,8%', '0,0%', 'n < 10'],
      ['n', '29', '20', '< 10'],
    ]);
    expect(tableCalled(some.items, 'Toezicht in cijfers: respondenten van de vragenlijst per instelling').at(-1)).toEqual(['Totaal', '20', '11', '31']);
  });

  it('traces every survey figure in the internal appendix', () => {
    const traces = tableCalled(overall.appendix!.items, 'Herkomst van de figuren en tabellen');
    const row = traces.find((cells) => cells[1] === H.explained)!;
    expect(row[2]).toContain(`kolom ‘${H.explained}’`);
    expect(row[2]).toContain('groepen onder 10 respondenten niet getoond');
  });
});
