/**
 * Every generated sentence of a draft must be true of its data. This study is
 * built to hold the traps a fixed sentence falls into: an institution without
 * policy documents, a norm nobody has judged, a norm resting on one fragment,
 * one reviewed dossier, a number typed in a rationale, a report date set in the
 * study. The drafts may say only what is true of it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createCodings } from '../../backend/coding/codings';
import { saveJudgment } from '../../backend/judgments/judgments';
import { answerReviewQuestion, listReviewQuestions } from '../../backend/review/file-review';
import { reportModel } from '../../backend/reports/generate';
import { chartWorthDrawing, negativeDominanceSentence, normConclusionAcross, toneSentence, TONE_MINIMUM_FRAGMENTS, whatWasReadAndHeard } from '../../backend/reports/build-model';
import { inFiles } from '../../backend/reports/phrasing';
import { getSource } from '../../backend/sources/queries';
import { updateStudy } from '../../backend/study/setup';
import type { Study } from '../../backend/study/study';
import { outlineOf, walkBlocks, type BoxBlock, type QuoteBlock, type ReportModel } from '../../shared/report-model';
import { saveFinding } from '../../backend/findings/findings';
import { addPerson } from '../../backend/privacy/persons';
import { Session } from '../../backend/api/session';
import { dispatch } from '../../backend/api/handlers';
import { addTextSource, codeId } from '../helpers/sources';
import { newTestStudy, tempDir } from '../helpers/temp-study';

const dir = tempDir();

/** Every paragraph, bullet and box line of a model as plain text (a run list joined). */
function sentencesOf(model: ReportModel): string[] {
  const found: string[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) {
      if (value.length > 0 && value.every((item) => typeof item === 'object' && item !== null && typeof (item as { text?: unknown }).text === 'string' && !('kind' in item))) {
        found.push(value.map((item) => (item as { text: string }).text).join(''));
        return;
      }
      value.forEach(walk);
    } else if (typeof value === 'object' && value !== null) {
      Object.values(value).forEach(walk);
    }
  };
  walk(model.chapters);
  return found;
}

let study: Study;
let noord: string;
let zuid: string;

beforeAll(async () => {
  study = newTestStudy(dir);
  [noord, zuid] = study.institutions().map((institution) => institution.id) as [string, string];
  const code = async (institutionId: string, sourceType: 'clientdossier' | 'interview', role: 'ouder' | null, quote: string, key: string) => {
    const id = await addTextSource(study, dir, quote, { institutionId, sourceType, role, title: `Bron ${key}` });
    const text = getSource(study, id).text;
    createCodings(study, [{ sourceId: id, codeId: codeId(study, key), start: 0, end: text.length, valence: 'negatief', note: '', quotable: true }], 'Coderen');
    return id;
  };
  // GI Noord: one client file and one interview with a parent, no policy documents.
  const dossier = await code(noord, 'clientdossier', null, 'Het eerste gesprek vond na zeven weken plaats.', 'contact.start');
  await code(noord, 'interview', 'ouder', 'We hoorden maandenlang niets van de jeugdzorgwerker.', 'contact');
  // GI Zuid: only an interview.
  await code(zuid, 'interview', 'ouder', 'Er was niemand die ons terugbelde.', 'contact');

  const hulp = listReviewQuestions(study).find((question) => question.key === 'hulp-tijdig')!.id;
  answerReviewQuestion(study, dossier, hulp, 'nee');

  // Contact judged at one institution only, with a number the inspector typed; Veiligheid judged nowhere.
  saveJudgment(study, { institutionId: noord, codeId: codeId(study, 'contact'), rating: 'voldoet niet', rationale: 'In 12 van de 20 dossiers was het contact te laat.' });
  const { name, periodStart, periodEnd } = study.info();
  updateStudy(study, { name, periodStart, periodEnd, reportDate: '2026-09-15' });
});

describe('the drafts say only what is true of the study', () => {
  it('names only the material that was read: no policy documents where there are none', () => {
    const sentences = sentencesOf(reportModel(study, { institutionId: noord }));
    const approach = sentences.find((sentence) => sentence.startsWith('De inspecties bezochten'));
    expect(approach).toContain('Zij lazen 1 cliëntdossier en spraken met ouders.');
    expect(approach).not.toContain('beleidsdocument');

    const zuidApproach = sentencesOf(reportModel(study, { institutionId: zuid })).find((sentence) => sentence.startsWith('De inspecties bezochten'));
    expect(zuidApproach).toContain('Zij spraken met ouders. Wat zij hoorden, hebben zij gecodeerd');
    expect(zuidApproach).not.toMatch(/lazen|dossier/);
  });

  it('says "nog niet beoordeeld" for a norm nobody judged, and counts only judged institutions', () => {
    const sentences = sentencesOf(reportModel(study, { overall: true }));
    expect(sentences).toContain('Zicht op veiligheid en ontwikkeling: nog niet beoordeeld.');
    expect(sentences).toContain('Het oordeel over deze norm is ‘voldoet niet’ bij 1 van de 2 instellingen. Bij 1 instelling is nog geen oordeel vastgelegd.');
    expect(sentences.some((sentence) => /Zicht op veiligheid: .*bij geen van de instellingen/.test(sentence))).toBe(false);
    const contact = sentences.find((sentence) => sentence.startsWith('Betekenisvol contact: het oordeel'));
    expect(contact).toBe(
      'Betekenisvol contact: het oordeel is ‘voldoet niet’ bij de enige instelling die is beoordeeld. Bij 1 instelling is nog geen oordeel vastgelegd.',
    );
  });

  it('never calls one fragment a picture: no "overwegend" below the threshold', () => {
    // The counts of coded material live in the internal appendix: look there too.
    const withAppendix = { includeAppendix: true };
    const all = [...sentencesOf(reportModel(study, { institutionId: noord }, withAppendix)), ...sentencesOf(reportModel(study, { overall: true }, withAppendix))];
    expect(all.some((sentence) => sentence.startsWith('Over betekenisvol contact zijn 2 fragmenten gecodeerd'))).toBe(true);
    expect(all.some((sentence) => sentence.includes('overwegend'))).toBe(false);
    expect(all.some((sentence) => sentence.includes('overheersen'))).toBe(false);
  });

  it('labels a rationale as the inspectors\' own statement, typed numbers included', () => {
    const sentences = sentencesOf(reportModel(study, { institutionId: noord }));
    expect(sentences).toContain('Onderbouwing van de inspecties: In 12 van de 20 dossiers was het contact te laat.');
  });

  it('writes one dossier in the singular, also with a clause after the noun', () => {
    expect(inFiles(0, 1, 'dossiers waarin hulp nodig was')).toBe('niet in het ene dossier waarin hulp nodig was');
    const sentences = sentencesOf(reportModel(study, { institutionId: noord }));
    expect(sentences.some((sentence) => /het ene dossiers/.test(sentence))).toBe(false);
  });

  it('draws no chart for one dossier or a single bar', () => {
    const figureTitles = (model: ReportModel): string[] => {
      const titles: string[] = [];
      const walk = (value: unknown): void => {
        if (Array.isArray(value)) value.forEach(walk);
        else if (typeof value === 'object' && value !== null) {
          if ((value as { kind?: string }).kind === 'figure') titles.push((value as { title: string }).title);
          Object.values(value).forEach(walk);
        }
      };
      walk(model.chapters);
      return titles;
    };
    const withAppendix = { includeAppendix: true };
    // GI Noord: one reviewed dossier, two fragments from two kinds of source: nothing worth a chart.
    expect(figureTitles(reportModel(study, { institutionId: noord }, withAppendix))).toEqual([]);
    // Overall: three contact fragments over two institutions are two bars (in the appendix's counts); the one dossier still is not.
    expect(figureTitles(reportModel(study, { overall: true }, withAppendix))).toEqual(['Gecodeerde fragmenten over betekenisvol contact, per instelling en waardering']);
    expect(chartWorthDrawing(1, 3)).toBe(false);
    expect(chartWorthDrawing(3, 1)).toBe(false);
    expect(chartWorthDrawing(3, 2)).toBe(true);
  });

  it('names each institution\'s judgment in the overarching body only when the writer chooses it; always in the appendix', () => {
    const captions = (model: ReportModel, within: (title: string) => boolean) =>
      model.chapters.filter((chapter) => within(chapter.title)).flatMap((chapter) => JSON.stringify(chapter).match(/"caption":"[^"]*"/g) ?? []);
    const body = (title: string) => title !== 'Bijlage: verantwoording (intern)';
    const byDefault = reportModel(study, { overall: true }, { includeAppendix: true });
    expect(captions(byDefault, body).filter((caption) => caption.includes('per instelling'))).toEqual([]);
    expect(captions(byDefault, (title) => !body(title))).toContain('"caption":"Oordelen per instelling en norm"');
    const chosen = reportModel(study, { overall: true }, { institutionRatings: true });
    expect(captions(chosen, body)).toContain('"caption":"Oordelen per instelling en norm"');
  });

  it('never drops a citeerbaar quote below the minimum silently: it is listed, and kept when the writer chooses', () => {
    const quoteTexts = (model: ReportModel) => [...walkBlocks(model.chapters)].filter((block) => block.kind === 'quote').map((block) => (block as { text: string }).text);
    // GI Noord has two quotable contact fragments: below the default minimum of three codings.
    const applied = reportModel(study, { institutionId: noord });
    expect(quoteTexts(applied).some((text) => text.includes('maandenlang'))).toBe(false);
    expect(applied.quotesBelowMinimum).toEqual([
      { codeKey: 'contact', codeName: 'Betekenisvol contact', institution: 'GI Noord', codings: 2, minimum: 3, quotable: 2, kept: false },
    ]);
    expect(applied.warnings).toContain('Betekenisvol contact: 2 citeerbare fragmenten niet gebruikt, omdat er minder dan 3 coderingen zijn. Kies ‘toch citeren’ om ze op te nemen.');
    expect(outlineOf(applied).quotesBelowMinimum).toHaveLength(1);

    const kept = reportModel(study, { institutionId: noord }, { keepQuotesBelowMinimum: true });
    expect(quoteTexts(kept).some((text) => text.includes('maandenlang'))).toBe(true);
    expect(kept.quotesBelowMinimum.map((entry) => entry.kept)).toEqual([true]);
    expect(kept.warnings.some((warning) => warning.includes('niet gebruikt'))).toBe(false);

    // Overarching: each institution below the minimum is listed on its own.
    const overall = reportModel(study, { overall: true });
    expect(overall.quotesBelowMinimum.map((entry) => [entry.institution, entry.quotable])).toEqual([
      ['GI Noord', 2],
      ['GI Zuid', 1],
    ]);
    // A minimum the material meets hides nothing.
    expect(reportModel(study, { institutionId: noord }, { minCodingsForQuotes: 2 }).quotesBelowMinimum).toEqual([]);
  });

  it('ends with a colophon that counts only what the study holds', () => {
    const lines = Object.fromEntries(reportModel(study, { institutionId: noord }).colophon.map(({ label, value }) => [label, value]));
    expect(lines).toMatchObject({ Status: 'Concept, niet verspreiden', Datum: '15 september 2026', Instelling: 'GI Noord', Materiaal: '2 bronnen, waarvan 2 gecodeerd door 1 inspecteur' });
    expect(reportModel(study, { overall: true }).colophon.find(({ label }) => label === 'Instellingen')?.value).toBe('GI Noord en GI Zuid');
  });

  it('carries the report date set in the study, not the machine\'s date', () => {
    expect(reportModel(study, { institutionId: noord }).titlePage.date).toBe('2026-09-15');
    expect(reportModel(study, { institutionId: noord }, { date: '2026-10-01' }).titlePage.date).toBe('2026-10-01');
  });
});

describe('rulings and case stories say only what is true', () => {
  const ECLI = 'ECLI:NL:RBNNE:2026:1234';
  let traps: Study;
  let institution: string;
  const finding = (kind: 'casus' | 'bevinding', text: string, evidenceCodingIds: string[] = []) =>
    saveFinding(traps, { institutionId: institution, codeId: codeId(traps, 'contact'), kind, text, evidenceCodingIds, figures: [] });

  beforeAll(async () => {
    const trapDir = tempDir();
    traps = newTestStudy(trapDir);
    institution = traps.institutions()[0]!.id;
    const ruling = await addTextSource(
      traps,
      trapDir,
      `Rechtbank Noord-Nederland\n${ECLI}\nDatum uitspraak: 3 februari 2026\n\nDe kinderrechter stelt vast dat de jeugdige maandenlang geen vaste jeugdzorgwerker had.`,
      { institutionId: institution, sourceType: 'uitspraak', title: 'Beschikking verlenging OTS' },
    );
    const text = getSource(traps, ruling).text;
    const start = text.indexOf('De kinderrechter');
    const [coding] = createCodings(traps, [{ sourceId: ruling, codeId: codeId(traps, 'contact'), start, end: text.length, valence: 'negatief', note: '', quotable: true }], 'Coderen');
    finding('bevinding', 'De kinderrechter stelde vast dat de jeugdige lang zonder vaste jeugdzorgwerker was.', [coding!.id]);
    // A ruling without an ECLI in its text: cited without one, and the writer is told.
    const unnumbered = await addTextSource(traps, trapDir, 'De kinderrechter acht het contact met de moeder onvoldoende geweest.', {
      institutionId: institution,
      sourceType: 'uitspraak',
      title: 'Beschikking zonder nummer',
    });
    const [other] = createCodings(traps, [{ sourceId: unnumbered, codeId: codeId(traps, 'contact'), start: 0, end: getSource(traps, unnumbered).text.length, valence: 'negatief', note: '', quotable: true }], 'Coderen');
    finding('bevinding', 'Ook een tweede uitspraak noemt het contact onvoldoende.', [other!.id]);
    addPerson(traps, { name: 'Sandra de Vries', role: 'jeugdige', pseudonym: 'Noor' });
    addPerson(traps, { name: 'Kees Bakker', role: 'ouder' });
    finding('casus', 'Sandra (14) wachtte vijf maanden op haar eerste gesprek. Haar moeder belde elke week.');
    finding('casus', 'De jeugdige wachtte vijf maanden op een eerste gesprek; Kees Bakker, de vader, hoorde niets.');
  });

  it('reads a ruling\'s ECLI and date as its metadata at import', () => {
    const rows = traps.db.prepare(`SELECT title, ecli, date FROM source WHERE source_type = 'uitspraak' ORDER BY title`).all();
    expect(rows).toEqual([
      { title: 'Beschikking verlenging OTS', ecli: ECLI, date: '2026-02-03' },
      { title: 'Beschikking zonder nummer', ecli: null, date: null },
    ]);
  });

  it('takes a corrected ECLI through the API and refuses one that is not an ECLI, changing nothing', async () => {
    const session = new Session({ kind: 'cli', demoStudyPath: () => '' });
    session.setStudy(traps);
    const source = traps.db.prepare(`SELECT id, title, institution_id AS institutionId FROM source WHERE title = 'Beschikking zonder nummer'`).get() as { id: string; title: string; institutionId: string };
    const meta = (ecli: string) => ({ id: source.id, meta: { title: source.title, institutionId: source.institutionId, sourceType: 'uitspraak', ecli } });
    const refused = await dispatch(session, 'source.updateMeta', meta('ECLI:NL:<script>:2026:1'));
    expect(refused.ok).toBe(false);
    expect(JSON.stringify(refused)).toContain('ECLI als ECLI:NL:RBNNE:2025:1234');
    expect(traps.db.prepare('SELECT ecli FROM source WHERE id = ?').pluck().get(source.id)).toBeNull();
    const taken = await dispatch(session, 'source.updateMeta', meta('ECLI:NL:RBNNE:2026:77'));
    expect(taken.ok).toBe(true);
    expect(traps.db.prepare('SELECT ecli FROM source WHERE id = ?').pluck().get(source.id)).toBe('ECLI:NL:RBNNE:2026:77');
    // Back to none, so the next case still has a ruling without an ECLI.
    expect((await dispatch(session, 'source.updateMeta', { ...meta(''), meta: { ...meta('').meta, ecli: null } })).ok).toBe(true);
  });

  it('cites a ruling\'s excerpt as "(Bron: ECLI:…)", through the privacy pass, and never invents one', () => {
    const model = reportModel(traps, { institutionId: institution }, { includeAppendix: true });
    const quotes = [...walkBlocks(model.chapters)].filter((block): block is QuoteBlock => block.kind === 'quote');
    const cited = quotes.find((quote) => quote.text.includes('maandenlang'))!;
    expect(cited.citation).toBe(`(Bron: ${ECLI})`);
    expect(cited.trace.location).toMatch(/^uitspraak van 3 februari 2026, /);
    const uncited = quotes.find((quote) => quote.text.includes('contact met de moeder'))!;
    expect(uncited.citation).toBeUndefined();
    expect(model.warnings.filter((warning) => warning.includes('uitspraak zonder ECLI'))).toHaveLength(1);
    expect(JSON.stringify(model.chapters).match(/ECLI:[A-Z0-9:.]+/g)?.every((found) => found === ECLI)).toBe(true);
  });

  it('says the names in a casus are invented only when it carries names, taken from the register\'s pseudonyms', () => {
    const boxes = [...walkBlocks(reportModel(traps, { institutionId: institution }).chapters)].filter(
      (block): block is BoxBlock => block.kind === 'box' && block.title === 'Casus',
    );
    const texts = boxes.map((box) => box.paragraphs.map((parts) => parts.map((part) => part.text).join('')));
    expect(texts).toHaveLength(2);
    const named = texts.find((paragraphs) => paragraphs[0]!.includes('(14)'))!;
    expect(named[0]).toBe('Noor (14) wachtte vijf maanden op haar eerste gesprek. Haar moeder belde elke week.');
    expect(named[1]).toBe('De namen in deze casus zijn gefingeerd.');
    // Kees Bakker's pseudonym is his role: the casus names nobody, so it says nothing about invented names.
    const unnamed = texts.find((paragraphs) => paragraphs[0]!.startsWith('De jeugdige'))!;
    expect(unnamed).toEqual(['De jeugdige wachtte vijf maanden op een eerste gesprek; de ouder, de vader, hoorde niets.']);
  });
});

describe('the phrasing rules behind those sentences', () => {
  it('names each kind of document read with its number, and says so when there is no material', () => {
    const row = (sourceType: 'clientdossier' | 'beleidsdocument' | 'uitspraak', n: number) => ({ institutionId: 'x', sourceType, role: 'geen', n });
    expect(whatWasReadAndHeard([row('clientdossier', 3), row('beleidsdocument', 1)], [])).toBe(
      'Zij lazen 3 cliëntdossiers en 1 beleidsdocument. Wat zij lazen, hebben zij gecodeerd aan de hand van het toetsingskader.',
    );
    expect(whatWasReadAndHeard([row('uitspraak', 2)], ['jeugdige'])).toMatch(/^Zij lazen 2 uitspraken van de kinderrechter en spraken met jeugdigen\./);
    expect(whatWasReadAndHeard([], [])).toBe('Er is nog geen materiaal in het onderzoek opgenomen.');
  });

  it('uses "overwegend" only from the stated minimum of valued fragments', () => {
    expect(toneSentence({ positief: 0, negatief: TONE_MINIMUM_FRAGMENTS - 1 })).toBeNull();
    expect(toneSentence({ positief: 0, negatief: TONE_MINIMUM_FRAGMENTS })).toBe('Het beeld uit het materiaal is overwegend negatief.');
    expect(negativeDominanceSentence([{ positief: 0, negatief: 1 }, { positief: 1, negatief: 0 }])).toBeNull();
    expect(negativeDominanceSentence([{ positief: 1, negatief: 6 }, { positief: 0, negatief: 1 }])).toBe(
      `Negatieve bevindingen overheersen bij de instelling met ten minste ${TONE_MINIMUM_FRAGMENTS} positief of negatief gewaardeerde fragmenten.`,
    );
  });

  it('counts judgments over the institutions judged', () => {
    const good = '‘voldoet’';
    expect(normConclusionAcross([{ rating: null, sufficient: false }, { rating: null, sufficient: false }], good)).toBe('nog niet beoordeeld.');
    expect(normConclusionAcross([{ rating: 'voldoet', sufficient: true }, { rating: 'voldoet niet', sufficient: false }], good)).toBe(
      'het oordeel is ‘voldoet’ bij 1 van de 2 instellingen.',
    );
    expect(normConclusionAcross([{ rating: 'voldoet niet', sufficient: false }, { rating: null, sufficient: false }], good)).toBe(
      'het oordeel is ‘voldoet niet’ bij de enige instelling die is beoordeeld. Bij 1 instelling is nog geen oordeel vastgelegd.',
    );
    expect(normConclusionAcross([{ rating: 'voldoet', sufficient: true }, { rating: 'voldoet', sufficient: true }, { rating: null, sufficient: false }], good)).toBe(
      'het oordeel is ‘voldoet’ bij beide instellingen die zijn beoordeeld. Bij 1 instelling is nog geen oordeel vastgelegd.',
    );
  });
});
