/**
 * Good examples in a draft are selected, not dumped: a section boxes at most
 * a few, spread over the institutions, those marked quotable first; the rest
 * is counted in one sentence that must agree with the codings.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createCodings } from '../../backend/coding/codings';
import { reportModel } from '../../backend/reports/generate';
import { getSource } from '../../backend/sources/queries';
import type { Study } from '../../backend/study/study';
import { walkSections, type BoxBlock, type ReportModel } from '../../shared/report-model';
import { addTextSource, codeId } from '../helpers/sources';
import { newTestStudy, tempDir } from '../helpers/temp-study';

const dir = tempDir('veldwerk-report-examples-');
let study: Study;
const examples: Array<{ text: string; institution: string; quotable: boolean }> = [];

/** One source per institution with its examples, far apart from any norm coding (so they go to the summary). */
async function addExamples(institution: { id: string; name: string }, plain: number, quotable: number) {
  const own = [
    ...Array.from({ length: plain }, (_, index) => ({ text: `Gewoon voorbeeld ${institution.name} nummer ${index + 1}.`, quotable: false })),
    // The quotable ones come last in the text: the selection must put them first.
    ...Array.from({ length: quotable }, (_, index) => ({ text: `Citeerbaar voorbeeld ${institution.name} nummer ${index + 1}.`, quotable: true })),
  ];
  const sourceId = await addTextSource(study, dir, own.map((example) => example.text).join(' '), { institutionId: institution.id, sourceType: 'interview', role: 'jeugdzorgwerker', title: `Interview ${institution.name}` });
  const full = getSource(study, sourceId).text;
  createCodings(
    study,
    own.map((example) => ({ sourceId, codeId: codeId(study, 'goed-voorbeeld'), start: full.indexOf(example.text), end: full.indexOf(example.text) + example.text.length, valence: 'positief' as const, note: '', quotable: example.quotable })),
    'Coderen',
  );
  examples.push(...own.map((example) => ({ ...example, institution: institution.name })));
}

function whatGoesWell(model: ReportModel) {
  const section = [...walkSections(model.chapters)].find((candidate) => candidate.title === 'Wat goed gaat');
  expect(section).toBeDefined();
  const boxes = section!.blocks.filter((block): block is BoxBlock => block.kind === 'box' && block.title === 'Mooi voorbeeld');
  const shown = examples.filter((example) => boxes.some((box) => JSON.stringify(box).includes(example.text)));
  const sentence = JSON.stringify(section!.blocks).match(/Daarnaast (?:is|zijn) (\d+) andere passages? als goed voorbeeld gecodeerd(?:, bij (\d+) instellingen?)?(?: \(waarvan (\d+) als citeerbaar gemarkeerd\))?/u);
  return { boxes, shown, sentence };
}

beforeAll(async () => {
  study = newTestStudy(dir);
  study.setCurrentInspector(study.inspectors()[0]!.id);
  const [noord, zuid] = study.institutions();
  await addExamples(noord!, 12, 3);
  await addExamples(zuid!, 8, 2);
}, 60_000);

describe('good examples in a draft', () => {
  it('overarching: boxes a few from every institution, quotable first, and counts the rest truly', () => {
    const { boxes, shown, sentence } = whatGoesWell(reportModel(study, { overall: true }));
    expect(boxes.length).toBe(shown.length);
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.length).toBeLessThan(examples.length);
    for (const name of ['GI Noord', 'GI Zuid']) {
      const own = examples.filter((example) => example.institution === name);
      const ownShown = shown.filter((example) => example.institution === name);
      expect(ownShown.length, name).toBeGreaterThan(0);
      // A plain example is shown only once every quotable one of that institution is.
      if (ownShown.some((example) => !example.quotable)) expect(ownShown.filter((example) => example.quotable)).toHaveLength(own.filter((example) => example.quotable).length);
    }
    const left = examples.filter((example) => !shown.includes(example));
    expect(sentence, 'the count sentence').not.toBeNull();
    expect(Number(sentence![1])).toBe(left.length);
    expect(Number(sentence![2])).toBe(new Set(left.map((example) => example.institution)).size);
    const quotableLeft = left.filter((example) => example.quotable).length;
    expect(sentence![3] === undefined ? 0 : Number(sentence![3])).toBe(quotableLeft);
  });

  it('one institution: the same bound, its own examples only, no institutions in the sentence', () => {
    const noord = study.institutions()[0]!;
    const { shown, sentence } = whatGoesWell(reportModel(study, { institutionId: noord.id }));
    const own = examples.filter((example) => example.institution === noord.name);
    expect(shown.every((example) => example.institution === noord.name)).toBe(true);
    expect(shown.length).toBeLessThan(own.length);
    expect(shown.filter((example) => example.quotable)).toHaveLength(Math.min(shown.length, own.filter((example) => example.quotable).length));
    expect(Number(sentence![1])).toBe(own.length - shown.length);
    expect(sentence![2]).toBeUndefined();
  });
});
