/**
 * Findings as part of the study: written, ordered, undone like every change;
 * suggested from the data with computed numbers; and the material the drafts
 * are built from (conclusions first, figures and quotes woven in, a plain note
 * where a norm has none, expectations in the closing chapter).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createCodings } from '../../backend/coding/codings';
import { deleteFinding, listFindings, moveFinding, saveFinding, type FindingInput } from '../../backend/findings/findings';
import { suggestFindings } from '../../backend/findings/suggest';
import { deleteTheme, listThemes, moveTheme, saveTheme } from '../../backend/findings/themes';
import { saveJudgment } from '../../backend/judgments/judgments';
import { addPerson } from '../../backend/privacy/persons';
import { reportModel } from '../../backend/reports/generate';
import { answerReviewQuestion, listReviewQuestions } from '../../backend/review/file-review';
import { getSource } from '../../backend/sources/queries';
import type { Study } from '../../backend/study/study';
import { undo } from '../../backend/undo/undo';
import type { ReportModel, ReportSection } from '../../shared/report-model';
import type { Role, SourceType, Valence } from '../../shared/vocabulary';
import { addTextSource, codeId } from '../helpers/sources';
import { newTestStudy, tempDir } from '../helpers/temp-study';

const dir = tempDir();
let study: Study;
let noord: string;
let zuid: string;
let contact: string;
const quotableIds: string[] = [];

async function coded(institutionId: string, sourceType: SourceType, role: Role | null, text: string, valence: Valence): Promise<string> {
  const id = await addTextSource(study, dir, text, { institutionId, sourceType, role });
  const full = getSource(study, id).text;
  const [coding] = createCodings(study, [{ sourceId: id, codeId: contact, start: 0, end: full.length, valence, note: '', quotable: true }], 'Coderen');
  quotableIds.push(coding!.id);
  return id;
}

beforeAll(async () => {
  study = newTestStudy(dir);
  [noord, zuid] = study.institutions().map((institution) => institution.id) as [string, string];
  contact = codeId(study, 'contact');
  const dossiers: string[] = [];
  for (let index = 0; index < 3; index++) dossiers.push(await coded(noord, 'clientdossier', null, `Dossier ${index}: het eerste contact kwam na acht weken.`, 'negatief'));
  for (let index = 0; index < 3; index++) await coded(noord, 'interview', 'ouder', `Gesprek ${index}: we hebben de jeugdzorgwerker maanden niet gezien.`, 'negatief');
  const question = listReviewQuestions(study).find((candidate) => candidate.key === 'contact-5-dagen')!.id;
  dossiers.forEach((dossier, index) => answerReviewQuestion(study, dossier, question, index === 0 ? 'ja' : 'nee'));
  saveJudgment(study, { institutionId: noord, codeId: contact, rating: 'voldoet niet', rationale: 'Contact komt te laat op gang.' });
});

const finding = (fields: Partial<FindingInput>): FindingInput => ({
  institutionId: noord,
  codeId: contact,
  kind: 'bevinding',
  text: 'Tekst',
  evidenceCodingIds: [],
  figures: [],
  ...fields,
});

describe('findings in the study', () => {
  it('are written with their author, ordered, moved, and undone through the change log', () => {
    const inspector = study.inspectors()[0]!;
    study.setCurrentInspector(inspector.id);
    const first = saveFinding(study, finding({ text: 'Eerste' }));
    const second = saveFinding(study, finding({ text: 'Tweede' }));
    expect(first.authorId).toBe(inspector.id);
    expect(second.position).toBeGreaterThan(first.position);
    moveFinding(study, second.id, first.id);
    expect(listFindings(study).filter((one) => one.id === first.id || one.id === second.id).map((one) => one.text)).toEqual(['Tweede', 'Eerste']);
    undo(study);
    expect(listFindings(study).filter((one) => one.id === first.id || one.id === second.id).map((one) => one.text)).toEqual(['Eerste', 'Tweede']);
    deleteFinding(study, first.id);
    deleteFinding(study, second.id);
    expect(listFindings(study).some((one) => one.id === first.id)).toBe(false);
  });

  it('refuse empty text, a sub-code, a coding that does not exist, with nothing stored', () => {
    const before = listFindings(study).length;
    expect(() => saveFinding(study, finding({ text: '   ' }))).toThrow(/tekst/);
    expect(() => saveFinding(study, finding({ codeId: codeId(study, 'contact.start') }))).toThrow(/hoofdcode/);
    expect(() => saveFinding(study, finding({ evidenceCodingIds: ['00000000-0000-4000-8000-000000000000'] }))).toThrow(/codering/);
    expect(listFindings(study)).toHaveLength(before);
  });
});

describe('suggested findings', () => {
  it('compute their numbers from the file review, the codings and the judgments', () => {
    const texts = suggestFindings(study, { institutionId: noord, codeId: contact }).map((suggestion) => suggestion.text);
    expect(texts).toContain('In 1 van de 3 onderzochte dossiers was er binnen 5 dagen na de start van de maatregel contact met de jeugdige.');
    expect(texts).toContain(
      'Over betekenisvol contact geven de dossiers en de gesprekken hetzelfde beeld: in beide is het merendeel van de gewaardeerde fragmenten negatief (3 van de 3 en 3 van de 3 negatief).',
    );
    const across = suggestFindings(study, { institutionId: null, codeId: contact });
    expect(across.find((suggestion) => suggestion.kind === 'conclusie')?.text).toBe(
      'Betekenisvol contact: het oordeel is ‘voldoet niet’ bij de enige instelling die is beoordeeld. Bij 1 instelling is nog geen oordeel vastgelegd.',
    );
  });

  it('suggest nothing where the material is too thin to compare', () => {
    expect(suggestFindings(study, { institutionId: zuid, codeId: contact })).toEqual([]);
  });
});

function chapter(model: ReportModel, title: string): ReportSection {
  const found = model.chapters.find((one) => one.title === title);
  if (!found) throw new Error(`geen hoofdstuk ${title}`);
  return found;
}

const textOf = (value: unknown): string => JSON.stringify(value);

describe('drafts built from findings', () => {
  it('put conclusions first, then findings with their figures and quotes; a norm without findings says so, without counts', () => {
    const [suggested] = suggestFindings(study, { institutionId: noord, codeId: contact });
    saveFinding(study, finding({ kind: 'conclusie', text: 'Het eerste contact komt te laat.' }));
    saveFinding(study, finding({ text: 'Jeugdigen wachten weken op een eerste gesprek.', figures: suggested!.figures, evidenceCodingIds: [quotableIds[0]!] }));
    // A casus names people by the register's pseudonyms (issue 13): Daan leaves as Sem, and the box says the names are invented.
    addPerson(study, { name: 'Daan Jansen', role: 'jeugdige', pseudonym: 'Sem' });
    saveFinding(study, finding({ kind: 'casus', text: 'Daan, een jongen van elf, wachtte acht weken.' }));
    saveFinding(study, finding({ kind: 'verwachting', text: 'De instelling spreekt elke jeugdige binnen vijf werkdagen.' }));

    const model = reportModel(study, { institutionId: noord });
    const contactChapter = chapter(model, 'Betekenisvol contact');
    const lead = textOf(contactChapter.blocks);
    expect(lead.indexOf('Oordeel: voldoet niet')).toBeLessThan(lead.indexOf('Het eerste contact komt te laat.'));
    const findingsSection = textOf(contactChapter.sections.find((section) => section.title === 'Bevindingen'));
    expect(findingsSection).toContain('Jeugdigen wachten weken op een eerste gesprek.');
    expect(findingsSection).toContain('In 1 van de 3 onderzochte dossiers was er binnen 5 dagen');
    expect(findingsSection).toContain('het eerste contact kwam na acht weken');
    expect(findingsSection).toContain('De namen in deze casus zijn gefingeerd.');
    expect(findingsSection).toContain('Sem, een jongen van elf, wachtte acht weken.');
    expect(findingsSection).not.toMatch(/fragmenten gecodeerd/);

    // A suggestion taken over as it is prints once, not again as its own figure.
    const [fromReview] = suggestFindings(study, { institutionId: noord, codeId: contact });
    const taken = saveFinding(study, finding({ text: fromReview!.text, figures: fromReview!.figures }));
    const again = textOf(chapter(reportModel(study, { institutionId: noord }), 'Betekenisvol contact').sections.find((section) => section.title === 'Bevindingen'));
    expect(again.split('binnen 5 dagen na de start').length - 1).toBe(2);
    deleteFinding(study, taken.id);

    const safety = textOf(chapter(model, 'Zicht op veiligheid en ontwikkeling').sections.find((section) => section.title === 'Bevindingen'));
    expect(safety).toContain('Voor zicht op veiligheid en ontwikkeling is nog geen bevinding vastgelegd.');
    expect(safety).not.toMatch(/fragment/);

    expect(textOf(chapter(model, 'Wat nodig is'))).toContain('De instelling spreekt elke jeugdige binnen vijf werkdagen.');
    // The findings of one institution do not appear in another's draft, nor in the overarching one.
    expect(textOf(reportModel(study, { institutionId: zuid }))).not.toContain('Jeugdigen wachten weken');
    expect(textOf(reportModel(study, { overall: true }))).not.toContain('Jeugdigen wachten weken');
  });
});

describe('the storyline of the overarching report', () => {
  it('makes a chapter per theme over the norms it names, in the writers\' order, and says which norms it leaves out', () => {
    const gevolgen = codeId(study, 'gevolgen');
    const protection = saveTheme(study, { title: 'Onvoldoende bescherming en begeleiding', codeIds: [contact, codeId(study, 'veiligheid')] });
    const consequences = saveTheme(study, { title: 'Gevolgen voor jeugdigen en ouders', codeIds: [gevolgen] });
    moveTheme(study, consequences.id, protection.id);
    const model = reportModel(study, { overall: true });
    const titles = model.chapters.map((chapter) => chapter.title);
    expect(titles.indexOf('Gevolgen voor jeugdigen en ouders')).toBeLessThan(titles.indexOf('Onvoldoende bescherming en begeleiding'));
    expect(titles).not.toContain('Betekenisvol contact');
    // The context chapter it draws on is not repeated on its own.
    expect(titles).not.toContain('Gevolgen voor jeugdigen en gezinnen');
    const protectionChapter = chapter(model, 'Onvoldoende bescherming en begeleiding');
    expect(protectionChapter.sections.map((section) => [section.title, section.level])).toEqual([
      ['Betekenisvol contact', 2],
      ['Zicht op veiligheid en ontwikkeling', 2],
    ]);
    expect(textOf(protectionChapter.blocks)).toContain('Dit hoofdstuk gaat over betekenisvol contact en zicht op veiligheid en ontwikkeling.');
    expect(model.warnings.some((warning) => warning.startsWith('Niet in de verhaallijn: participatie jeugdige en ouders, tijdige inzet passende hulp en wijze van bestuur.'))).toBe(true);
    // Institution drafts keep one chapter per norm.
    expect(reportModel(study, { institutionId: noord }).chapters.map((one) => one.title)).toContain('Betekenisvol contact');

    deleteTheme(study, protection.id);
    deleteTheme(study, consequences.id);
    expect(listThemes(study)).toEqual([]);
    expect(reportModel(study, { overall: true }).chapters.map((one) => one.title)).toContain('Betekenisvol contact');
  });

  it('refuses a theme without title or over a sub-code, with nothing stored', () => {
    expect(() => saveTheme(study, { title: ' ', codeIds: [contact] })).toThrow(/titel/);
    expect(() => saveTheme(study, { title: 'Thema', codeIds: [codeId(study, 'contact.start')] })).toThrow(/hoofdcodes/);
    expect(listThemes(study)).toEqual([]);
  });
});
