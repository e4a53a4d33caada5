/**
 * Report drafts from a study with known data, read back independently of the
 * docx library: unzip (tests/helpers/docx-parts), parse the XML parts with plain expressions,
 * open with python-docx and render with LibreOffice where those are installed.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCodings } from '../../backend/coding/codings';
import { saveJudgment } from '../../backend/judgments/judgments';
import { saveMemo } from '../../backend/memos/memos';
import { answerReviewQuestion, listReviewQuestions } from '../../backend/review/file-review';
import { generateReport, reportOutline, type GenerateOptions, type ReportScope } from '../../backend/reports/generate';
import { prepareTemplateStyles } from '../../backend/reports/template';
import { studyStats } from '../../backend/stats/stats';
import { getSource } from '../../backend/sources/queries';
import type { Study } from '../../backend/study/study';
import { ROLE_LABELS, SOURCE_TYPE_LABELS, type Role, type SourceType, type Valence } from '../../shared/vocabulary';
import { docxParts } from '../helpers/docx-parts';
import { addTextSource, codeId } from '../helpers/sources';
import { newTestStudy, tempDir } from '../helpers/temp-study';

const dir = tempDir('veldwerk-report-');
/** Debian's python3 carries python3-docx; a pyenv python3 earlier on PATH usually lacks it. */
const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

/* ---------- the study with known data ---------- */

/** The quote that carries identifying details; none of them may reach a draft (the date of a visit is none: it stays). */
const IDENTIFYING_QUOTE =
  'Ik mailde naar hulp@gi-noord.nl en op 12-03-2026 kwam Marloes langs met Sanne. Daarna belde mevrouw Verhoeven nooit meer terug.';
const SECRET_WORDS = ['hulp@gi-noord.nl', 'Marloes', 'Sanne', 'Verhoeven'];

interface Fixture {
  study: Study;
  noord: string;
  zuid: string;
}

async function buildStudy(): Promise<Fixture> {
  const study = newTestStudy(dir, {
    name: 'Testronde rapport',
    periodStart: '2026-03-02',
    periodEnd: '2026-06-26',
    institutions: ['GI Noord', 'GI Zuid', 'GI West'],
    inspectors: [
      { name: 'Marloes Dijkstra', initials: 'MD' },
      { name: 'Pieter Bakker', initials: 'PB' },
    ],
  });
  const [md] = study.inspectors().filter((inspector) => inspector.initials === 'MD');
  study.setCurrentInspector(md!.id);
  const institution = (name: string) => study.institutions().find((candidate) => candidate.name === name)!.id;
  const noord = institution('GI Noord');
  const zuid = institution('GI Zuid');
  const west = institution('GI West');

  type Item = { code: string; valence: Valence; quote: string; quotable?: boolean };
  const source = async (institutionId: string, sourceType: SourceType, role: Role | null, title: string, items: Item[]) => {
    const text = items.map((item) => item.quote).join('\n\nEn verder. ');
    const id = await addTextSource(study, dir, text, { institutionId, sourceType, role, title });
    const full = getSource(study, id).text;
    createCodings(
      study,
      items.map((item) => {
        const start = full.indexOf(item.quote);
        return { sourceId: id, codeId: codeId(study, item.code), start, end: start + item.quote.length, valence: item.valence, note: '', quotable: item.quotable ?? false };
      }),
      'Coderen',
    );
    return id;
  };

  await source(noord, 'interview', 'ouder', 'Interview ouders', [
    { code: 'contact.start', valence: 'negatief', quote: IDENTIFYING_QUOTE, quotable: true },
    { code: 'contact.frequentie', valence: 'negatief', quote: 'We zagen haar drie maanden niet.', quotable: true },
    { code: 'hulp.wachttijd', valence: 'negatief', quote: 'We wachten al een half jaar op therapie.', quotable: true },
  ]);
  await source(noord, 'interview', 'jeugdige', 'Interview jeugdige', [
    { code: 'contact', valence: 'positief', quote: 'Nu komt ze elke week langs.', quotable: true },
    { code: 'gevolgen', valence: 'negatief', quote: 'Ik vertel mijn verhaal niet meer opnieuw.', quotable: true },
  ]);
  await source(noord, 'groepsgesprek', 'jeugdzorgwerker', 'Groepsgesprek jeugdzorgwerkers', [
    { code: 'contact.alleen', valence: 'negatief', quote: 'Een kind alleen spreken lukt vaak niet.', quotable: true },
    { code: 'oorzaken.personeel', valence: 'negatief', quote: 'Het verloop in het team is hoog.' },
    { code: 'goed-voorbeeld', valence: 'positief', quote: 'Elke vrijdag bespreken we samen de moeilijkste gezinnen.', quotable: true },
  ]);
  const dossiers: string[] = [];
  for (const [index, name] of ['Sanne', 'Bram', 'Fenna'].entries()) {
    dossiers.push(
      await source(noord, 'clientdossier', null, `Cliëntdossier OTS – ${name} (${10 + index})`, [
        { code: 'participatie.plan', valence: index === 0 ? 'positief' : 'negatief', quote: `Plan van aanpak ${index === 0 ? 'binnen' : 'na'} zes weken vastgesteld voor dossier ${index}.` },
        { code: 'veiligheid.taxatie', valence: 'negatief', quote: `Taxatie zonder eigen gesprek in dossier ${index}.` },
      ]),
    );
  }
  await source(noord, 'beleidsdocument', null, 'Werkinstructie', [{ code: 'bestuur.transparantie', valence: 'positief', quote: 'Wachtende kinderen heten bij ons een wachtlijst.' }]);
  await source(zuid, 'interview', 'bestuurder', 'Gesprek bestuurder', [
    { code: 'bestuur.sturing', valence: 'positief', quote: 'Ik stuur elke maand op de cijfers.', quotable: true },
    { code: 'contact', valence: 'positief', quote: 'Iedere jeugdige heeft een vaste jeugdzorgwerker.', quotable: true },
    { code: 'contact.frequentie', valence: 'positief', quote: 'Wij zien de kinderen elke maand.', quotable: true },
  ]);
  await source(zuid, 'interview', 'ouder', 'Interview moeder', [
    { code: 'contact.start', valence: 'positief', quote: 'Binnen een week stond ze op de stoep.', quotable: true },
  ]);
  await source(zuid, 'clientdossier', null, 'Cliëntdossier voogdij – Lotte (8)', [{ code: 'hulp', valence: 'positief', quote: 'Hulp direct gestart na de zitting.' }]);
  await source(west, 'interview', 'jeugdige', 'Interview jeugdige West', [
    { code: 'participatie.inspraak', valence: 'negatief', quote: 'Niemand vroeg wat ik wilde.', quotable: true },
  ]);

  const questions = listReviewQuestions(study);
  const question = (key: string) => questions.find((candidate) => candidate.key === key)!.id;
  const answers: Array<[string, string, string]> = [
    ['contact-5-dagen', 'ja', 'nee'],
    ['plan-6-weken', 'ja', 'nee'],
    ['veiligheid-direct', 'nee', 'nee'],
  ];
  dossiers.forEach((dossier, index) => {
    for (const [key, first, rest] of answers) answerReviewQuestion(study, dossier, question(key), index === 0 ? first : rest);
  });

  const norm = (key: string) => codeId(study, key);
  saveJudgment(study, { institutionId: noord, codeId: norm('contact'), rating: 'voldoet grotendeels niet', rationale: 'Jeugdigen zien hun jeugdzorgwerker te weinig. Het eerste contact is vaak te laat.' });
  saveJudgment(study, { institutionId: noord, codeId: norm('veiligheid'), rating: 'voldoet niet', rationale: 'Taxaties steunen op informatie van anderen.' });
  saveJudgment(study, { institutionId: noord, codeId: norm('participatie'), rating: 'voldoet grotendeels', rationale: 'Plannen worden meestal samen gemaakt.' });
  saveJudgment(study, { institutionId: noord, codeId: norm('hulp'), rating: 'voldoet grotendeels niet', rationale: 'Lange wachttijden voor therapie.' });
  saveJudgment(study, { institutionId: noord, codeId: norm('bestuur'), rating: 'voldoet', rationale: 'Het bestuur is open over wachtlijsten.' });
  saveJudgment(study, { institutionId: zuid, codeId: norm('contact'), rating: 'voldoet', rationale: 'Vaste jeugdzorgwerkers die de kinderen zien.' });
  saveJudgment(study, { institutionId: zuid, codeId: norm('bestuur'), rating: 'voldoet grotendeels', rationale: 'Stuurt op cijfers.' });
  saveJudgment(study, { institutionId: west, codeId: norm('contact'), rating: 'voldoet grotendeels', rationale: 'Meestal op tijd.' });

  saveMemo(study, 'institution', noord, 'MEMO-NOORD: terugkomen op de wachttijden, en Sanne niet noemen.');
  saveMemo(study, 'code', norm('contact'), 'MEMO-CONTACT: telefonisch contact telt niet als eerste contact.');
  return { study, noord, zuid };
}

/* ---------- reading a .docx back, without the docx library ---------- */

const decode = (text: string) =>
  text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

interface Para {
  style: string | null;
  text: string;
  instr: string[];
}

/** Body paragraphs (outside tables too) with style, text and field instructions, in order. */
function paragraphs(xml: string): Para[] {
  return [...xml.matchAll(/<w:p\b[^>]*>([\s\S]*?)<\/w:p>/g)].map((match) => {
    const body = match[1]!;
    return {
      style: /<w:pStyle w:val="([^"]+)"/.exec(body)?.[1] ?? null,
      text: decode([...body.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('')),
      instr: [
        ...[...body.matchAll(/<w:instrText[^>]*>([^<]*)<\/w:instrText>/g)].map((t) => decode(t[1]!).trim()),
        ...[...body.matchAll(/<w:fldSimple [^>]*w:instr="([^"]*)"/g)].map((t) => decode(t[1]!).trim()),
      ],
    };
  });
}

/** Tables as rows of cell texts. */
function tables(xml: string): string[][][] {
  return [...xml.matchAll(/<w:tbl>([\s\S]*?)<\/w:tbl>/g)].map((table) =>
    [...table[1]!.matchAll(/<w:tr\b[^>]*>([\s\S]*?)<\/w:tr>/g)].map((row) =>
      [...row[1]!.matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].map((cell) => decode([...cell[1]!.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''))),
    ),
  );
}

/** The table right after the caption "Tabel N. <title>". */
function tableAfterCaption(xml: string, title: string): string[][] {
  const at = xml.indexOf(`. ${title}</w:t>`);
  expect(at, `bijschrift "${title}"`).toBeGreaterThan(0);
  return tables(xml.slice(at))[0]!;
}

interface Draft {
  buffer: Buffer;
  parts: Map<string, string>;
  document: string;
  paras: Para[];
  /** The internal appendix, a file of its own (issue 10). */
  appendix: Draft | null;
}

async function draft(fixture: Fixture, scope: ReportScope, options: GenerateOptions = {}): Promise<Draft> {
  const { data, appendix } = await generateReport(fixture.study, scope, { tocPageNumbers: false, date: '2026-11-23', ...options });
  return { ...(await readDraft(data)), appendix: appendix ? { ...(await readDraft(appendix.data)), appendix: null } : null };
}

async function readDraft(data: Buffer): Promise<Omit<Draft, 'appendix'>> {
  const parts = await docxParts(data);
  const document = parts.get('word/document.xml')!;
  return { buffer: data, parts, document, paras: paragraphs(document) };
}

/* ---------- the tests ---------- */

let fixture: Fixture;
let institution: Draft;
let overall: Draft;

beforeAll(async () => {
  fixture = await buildStudy();
  institution = await draft(fixture, { institutionId: fixture.noord }, { privacyNames: ['Verhoeven'] });
  // The writer chooses each institution's judgments in the body (by default they are only in the appendix).
  overall = await draft(fixture, { overall: true }, { privacyNames: ['Verhoeven'], includeAppendix: true, institutionRatings: true });
});

const NORM_CHAPTERS = ['Betekenisvol contact', 'Zicht op veiligheid en ontwikkeling', 'Participatie jeugdige en ouders', 'Tijdige inzet passende hulp', 'Wijze van bestuur'];

describe('report drafts as Word documents', () => {
  it('have a Heading 1 per chapter, the norms in framework order', () => {
    const chapters = institution.paras.filter((para) => para.style === 'Heading1').map((para) => para.text);
    expect(chapters).toEqual(['Samenvatting', 'Inleiding', ...NORM_CHAPTERS, 'Gevolgen voor jeugdigen en gezinnen', 'Oorzaken', 'Wat nodig is', 'Notities voor de schrijver']);
    expect(institution.paras.some((para) => para.style === 'Heading2')).toBe(true);
    expect(institution.paras.some((para) => para.style === 'Heading3')).toBe(true);
    const overallChapters = overall.paras.filter((para) => para.style === 'Heading1').map((para) => para.text);
    // Issue 10: the internal appendix is a file of its own, never inside the draft.
    expect(overallChapters).not.toContain('Bijlage: verantwoording (intern)');
    expect(overall.appendix!.paras.filter((para) => para.style === 'Heading1').map((para) => para.text)).toEqual(['Bijlage: verantwoording (intern)']);
    expect(overall.appendix!.paras.some((para) => para.style === 'Conceptlabel' && para.text === 'Intern')).toBe(true);
    expect(overallChapters.slice(2, 7)).toEqual(NORM_CHAPTERS);
  });

  it('open with a title page saying "Concept", then a table of contents field', () => {
    const [label, title] = institution.paras;
    expect(label).toMatchObject({ style: 'Conceptlabel', text: 'Concept' });
    expect(title).toMatchObject({ style: 'Title', text: 'GI Noord' });
    expect(institution.paras.some((para) => para.text === 'Datum: 23 november 2026')).toBe(true);
    const tocIndex = institution.paras.findIndex((para) => para.instr.some((instr) => /^TOC \\h \\o "1-2"/.test(instr)));
    const firstChapter = institution.paras.findIndex((para) => para.style === 'Heading1');
    expect(tocIndex).toBeGreaterThan(0);
    expect(tocIndex).toBeLessThan(firstChapter);
    expect(institution.paras.filter((para) => para.style === 'TOC1').map((para) => para.text)).toContain('Betekenisvol contact');
  });

  it('count every source type and role in "toezicht in cijfers", as studyStats does', () => {
    const stats = studyStats(fixture.study);
    const byType = tableAfterCaption(overall.document, 'Toezicht in cijfers: bronnen naar soort en instelling');
    expect(byType[0]).toEqual(['Soort bron', 'GI Noord', 'GI West', 'GI Zuid', 'Totaal']);
    for (const [type, n] of Object.entries(stats.sources.byType)) {
      const row = byType.find((cells) => cells[0] === SOURCE_TYPE_LABELS[type as SourceType]);
      expect(row?.at(-1), type).toBe(String(n));
    }
    expect(byType.at(-1)).toEqual(['Totaal', '7', '1', '3', String(stats.sources.total)]);
    const byRole = tableAfterCaption(overall.document, 'Toezicht in cijfers: bronnen naar rol en instelling');
    for (const [role, n] of Object.entries(stats.sources.byRole)) {
      const label = role === 'geen' ? 'Geen rol (dossiers, documenten, uitspraken)' : ROLE_LABELS[role as Role];
      expect(byRole.find((cells) => cells[0] === label)?.at(-1), role).toBe(String(n));
    }
    const own = tableAfterCaption(institution.document, 'Toezicht in cijfers: bronnen naar soort');
    expect(own.slice(1)).toEqual([
      ['Cliëntdossier', '3'],
      ['Beleidsdocument', '1'],
      ['Interview', '2'],
      ['Groepsgesprek', '1'],
      ['Totaal', String(stats.sources.byInstitution['GI Noord'])],
    ]);
  });

  it('carry the judgments: per norm, and institutions × norms in the overarching draft', () => {
    const own = tableAfterCaption(institution.document, 'Oordelen over GI Noord per norm');
    expect(own.slice(1)).toEqual([
      ['Betekenisvol contact', 'voldoet grotendeels niet'],
      ['Zicht op veiligheid en ontwikkeling', 'voldoet niet'],
      ['Participatie jeugdige en ouders', 'voldoet grotendeels'],
      ['Tijdige inzet passende hulp', 'voldoet grotendeels niet'],
      ['Wijze van bestuur', 'voldoet'],
    ]);
    const compared = tableAfterCaption(overall.document, 'Oordelen per instelling en norm');
    expect(compared[0]).toEqual(['Instelling', ...NORM_CHAPTERS]);
    expect(compared[1]).toEqual(['GI Noord', 'voldoet grotendeels niet', 'voldoet niet', 'voldoet grotendeels', 'voldoet grotendeels niet', 'voldoet']);
    expect(compared[2]).toEqual(['GI West', 'voldoet grotendeels', '–', '–', '–', '–']);
    const text = overall.paras.map((para) => para.text).join('\n');
    expect(text).toContain('Betekenisvol contact: het oordeel is ‘voldoet’ of ‘voldoet grotendeels’ bij 2 van de 3 instellingen.');
    // Judged at one institution of three: the sentence names that judgment, not "bij geen van de instellingen".
    expect(text).toContain('Tijdige inzet passende hulp: het oordeel is ‘voldoet grotendeels niet’ bij de enige instelling die is beoordeeld. Bij 2 instellingen is nog geen oordeel vastgelegd.');
    expect(institution.paras.some((para) => para.style === 'KaderTitel' && para.text === 'Oordeel: voldoet niet')).toBe(true);
  });

  it('state file-review figures as "in x van de n dossiers"', () => {
    const text = institution.paras.map((para) => para.text).join('\n');
    expect(text).toContain('In 1 van de 3 onderzochte dossiers was er binnen 5 dagen na de start van de maatregel contact met de jeugdige.');
    expect(text).toContain('In geen van de 3 onderzochte dossiers is de veiligheid beoordeeld op basis van direct contact met de jeugdige.');
  });

  it('label quotes by role only, pseudonymised: no name or e-mail survives, the date of a visit does', () => {
    const quotes = institution.paras.filter((para) => para.style === 'Citaat');
    expect(quotes.length).toBeGreaterThanOrEqual(4);
    for (const quote of quotes) expect(quote.text).toMatch(/^(Ouder|Jeugdige|Jeugdzorgwerker|Bestuurder|Cliëntdossier): “.+”$/);
    const identifying = quotes.find((quote) => quote.text.includes('Ik mailde naar'))!;
    // Marloes is also the first name of inspector Marloes Dijkstra: the pass writes inspectors by their initials.
    expect(identifying.text).toBe('Ouder: “Ik mailde naar [e-mail] en op 12-03-2026 kwam MD langs met [naam]. Daarna belde mevrouw [naam] nooit meer terug.”');
    for (const [name, doc] of [['instelling', institution], ['overkoepelend', overall]] as const) {
      const body = doc.paras.filter((para) => !para.style?.startsWith('TOC')).map((para) => para.text).join('\n');
      // The appendix (internal) names source titles and coders; the body of the draft never names anyone.
      const beforeAppendix = body.split('Bijlage: verantwoording (intern)')[0]!;
      for (const secret of SECRET_WORDS) expect(beforeAppendix, `${name}: ${secret}`).not.toContain(secret);
    }
  });

  it('use quotes only where the norm has enough codings at the institution', async () => {
    const strict = await draft(fixture, { institutionId: fixture.noord }, { minCodingsForQuotes: 100 });
    expect(strict.paras.filter((para) => para.style === 'Citaat')).toHaveLength(0);
    const perNorm = await draft(fixture, { institutionId: fixture.noord }, { minCodingsForQuotes: { contact: 100, hulp: 1 } });
    const quotes = perNorm.paras.filter((para) => para.style === 'Citaat').map((para) => para.text);
    expect(quotes.some((text) => text.includes('elke week'))).toBe(false);
    expect(quotes.some((text) => text.includes('half jaar op therapie'))).toBe(true);
  });

  it('number captions 1..n in order with SEQ fields, and state n under every figure', () => {
    for (const doc of [institution, overall]) {
      for (const label of ['Figuur', 'Tabel']) {
        const captions = doc.paras.filter((para) => para.style === 'Caption' && para.text.startsWith(`${label} `));
        expect(captions.length).toBeGreaterThan(0);
        captions.forEach((caption, index) => {
          expect(caption.text).toMatch(new RegExp(`^${label} ${index + 1}\\. `));
          expect(caption.instr).toEqual([`SEQ ${label} \\* ARABIC`]);
        });
      }
      const figureAt = doc.paras.flatMap((para, index) => (para.style === 'Caption' && para.text.startsWith('Figuur ') ? [index] : []));
      for (const at of figureAt) {
        const note = doc.paras.slice(at + 1).find((para) => para.style === 'Figuuronderschrift');
        expect(note?.text).toMatch(/^n = \d+ /);
      }
      // Identical charts share one image file; every figure has its own drawing.
      const images = [...doc.parts.keys()].filter((name) => /^word\/media\/.+\.png$/.test(name));
      expect(images.length).toBeGreaterThan(0);
      expect(images.length).toBeLessThanOrEqual(figureAt.length);
      const altTexts = [...doc.document.matchAll(/<wp:docPr [^>]*descr="([^"]+)"/g)].map((match) => match[1]);
      expect(altTexts).toHaveLength(figureAt.length);
      for (const alt of altTexts) expect(alt).toMatch(/^Staafdiagram\. /);
    }
  });

  it('are Dutch (nl-NL) and carry page numbers in the footer', () => {
    const styles = institution.parts.get('word/styles.xml')!;
    expect(styles).toMatch(/<w:docDefaults>[\s\S]*<w:lang w:val="nl-NL"[\s\S]*<\/w:docDefaults>/);
    const languages = new Set([...styles.matchAll(/<w:lang w:val="([^"]+)"/g)].map((match) => match[1]));
    expect([...languages]).toEqual(['nl-NL']);
    const footers = [...institution.parts.entries()].filter(([name]) => /^word\/footer\d+\.xml$/.test(name)).map(([, xml]) => xml);
    expect(footers.some((xml) => /<w:instrText[^>]*>\s*PAGE\s*<\/w:instrText>/.test(xml) || /w:instr="\s*PAGE\s*"/.test(xml))).toBe(true);
    expect(institution.document).toMatch(/<w:titlePg\/>/);
  });

  it('mark writer\'s notes clearly, and leave them out on request', async () => {
    const notes = institution.paras.filter((para) => para.style === 'Notitie').map((para) => para.text).join('\n');
    expect(notes).toContain('MEMO-NOORD');
    expect(notes).toContain('MEMO-CONTACT');
    expect(notes).not.toContain('Sanne');
    expect(institution.paras.some((para) => para.style === 'NotitieTitel' && para.text === 'Notities voor de schrijver (niet publiceren)')).toBe(true);
    const without = await draft(fixture, { institutionId: fixture.noord }, { includeMemos: false });
    expect(without.paras.some((para) => para.style === 'Notitie' || para.style === 'NotitieTitel')).toBe(false);
    expect(without.document).not.toContain('MEMO-');
  });

  it('trace every quote and figure in the internal appendix', () => {
    const quoteTable = tableAfterCaption(overall.appendix!.document, 'Herkomst van de citaten');
    // What the pass replaced is accounted for by kind under Privacycontrole, not per quote.
    expect(quoteTable[0]).toEqual(['Nr.', 'Citaat (begin)', 'Hoofdstuk', 'Bron', 'Vindplaats', 'Codeur']);
    const quoteCount = overall.paras.filter((para) => para.style === 'Citaat' || (para.style === 'Kader' && /^\w+: “/.test(para.text))).length;
    expect(quoteTable.length - 1).toBe(quoteCount);
    const identifying = quoteTable.find((row) => row[1]!.startsWith('Ouder: Ik mailde naar'))!;
    expect(identifying[3]).toBe('Interview ouders (GI Noord)');
    expect(identifying[4]).toMatch(/^tekens \d+–\d+$/);
    // Issue 10: inspectors by initials only, no full names in any file.
    expect(identifying[5]).toBe('MD');
    const traces = tableAfterCaption(overall.appendix!.document, 'Herkomst van de figuren en tabellen');
    const figures = overall.paras.filter((para) => para.style === 'Caption' && para.text.startsWith('Figuur ')).length;
    expect(traces.filter((row) => row[0]!.startsWith('Figuur ')).length).toBe(figures);
  });

  it('give an outline with counts per chapter, matching the document', () => {
    const outline = reportOutline(fixture.study, { institutionId: fixture.noord }, { privacyNames: ['Verhoeven'] });
    expect(outline.chapters.map((chapter) => chapter.title)).toEqual(institution.paras.filter((para) => para.style === 'Heading1').map((para) => para.text));
    expect(outline.totals.quotes).toBe(institution.paras.filter((para) => para.style === 'Citaat' || (para.style === 'Kader' && /^\w+: “/.test(para.text))).length);
    expect(outline.totals.figures).toBe(institution.paras.filter((para) => para.style === 'Caption' && para.text.startsWith('Figuur ')).length);
    const chosen = reportOutline(fixture.study, { institutionId: fixture.noord }, { chapters: ['samenvatting', 'norm:hulp'] });
    expect(chosen.chapters.map((chapter) => chapter.key)).toEqual(['samenvatting', 'norm:hulp']);
  });

  it('take the styles of a user\'s template, whatever Word called them', () => {
    const dutchWord = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Calibri"/><w:lang w:val="en-US"/></w:rPr></w:rPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Standaard"><w:name w:val="Normal"/></w:style><w:style w:type="paragraph" w:styleId="Kop1"><w:name w:val="heading 1"/><w:basedOn w:val="Standaard"/><w:next w:val="Standaard"/><w:rPr><w:color w:val="FF0000"/></w:rPr></w:style></w:styles>`;
    const prepared = prepareTemplateStyles(dutchWord);
    expect(prepared).toContain('<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:rPr><w:color w:val="FF0000"/>');
    expect(prepared).not.toContain('Kop1');
    expect(prepared).toContain('w:styleId="Citaat"');
    expect(prepared).toContain('w:styleId="Heading2"');
    expect(prepared).not.toContain('en-US');
    expect(prepared).toMatch(/<w:rPrDefault><w:rPr><w:rFonts w:ascii="Calibri"\/><w:lang w:val="nl-NL"/);
  });

  it('open in python-docx when it is installed', (context) => {
    const probe = spawnSync(PYTHON, ['-c', 'import docx'], { encoding: 'utf8' });
    if (probe.status !== 0) return context.skip('python3 met python-docx is niet geïnstalleerd');
    const path = join(dir, 'python.docx');
    writeFileSync(path, overall.buffer);
    const script = `import docx,sys\nd=docx.Document(sys.argv[1])\nprint(sum(1 for p in d.paragraphs if p.style.name=='Heading 1'), len(d.tables), len(d.inline_shapes))`;
    const [headings, tableCount, shapes] = execFileSync(PYTHON, ['-c', script, path], { encoding: 'utf8' }).trim().split(' ').map(Number);
    expect(headings).toBe(overall.paras.filter((para) => para.style === 'Heading1').length);
    expect(tableCount).toBeGreaterThan(5);
    expect(shapes).toBe(overall.paras.filter((para) => para.style === 'Caption' && para.text.startsWith('Figuur ')).length);
  });

  it('render in LibreOffice as a PDF of several pages, table of contents numbered', async (context) => {
    const soffice = ['soffice', 'libreoffice'].find((command) => spawnSync(command, ['--version'], { encoding: 'utf8' }).status === 0);
    if (!soffice) return context.skip('LibreOffice (soffice) is niet geïnstalleerd');
    const withPages = await generateReport(fixture.study, { institutionId: fixture.noord }, { date: '2026-11-23' });
    const docxToc = paragraphs((await docxParts(withPages.data)).get('word/document.xml')!).filter((para) => para.style === 'TOC1');
    expect(docxToc.every((para) => /\d+$/.test(para.text))).toBe(true);
    const out = join(dir, 'pdf');
    mkdirSync(out, { recursive: true });
    const input = join(out, 'instelling.docx');
    writeFileSync(input, withPages.data);
    const profile = `file://${join(dir, 'lo-profiel')}`;
    const result = spawnSync(soffice, [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', out, input], { encoding: 'utf8', timeout: 120_000 });
    expect(result.status, result.stderr).toBe(0);
    const pdf = await PDFDocument.load(readFileSync(join(out, 'instelling.pdf')));
    expect(pdf.getPageCount()).toBeGreaterThan(5);
  }, 180_000);
});
