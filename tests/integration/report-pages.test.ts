/**
 * The demo's drafts as another word processor lays them out: converted by
 * LibreOffice, read back per page with pdftotext. Checked: no page in the body
 * is less than MIN_PAGE_FILL full unless a chapter ends on it (chapters start
 * on a new page), no heading, caption or box title is the last line of a page,
 * the colophon is the last page, and every table has the one table style;
 * and the page numbers the table of contents was written with (our estimate,
 * backend/reports/page-estimate.ts) against the pages LibreOffice puts the
 * headings on.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDemoStudy } from '../../backend/demo/demo-study';
import { generateReport, reportModel, type ReportScope } from '../../backend/reports/generate';
import { studyStats } from '../../backend/stats/stats';
import { Study } from '../../backend/study/study';
import { walkBlocks, walkSections, type ReportModel } from '../../shared/report-model';
import { ANSWER_COLORS, CATEGORICAL_COLORS, greyLevel, MIN_GREY_STEP, VALENCE_COLORS } from '../../backend/reports/palette';
import { answerColors } from '../../backend/reports/survey-chapter';
import { docxParts } from '../helpers/docx-parts';
import { pdfPages, type PdfPage } from '../helpers/pdf-pages';
import { tempDir } from '../helpers/temp-study';
import { tocAgreement } from '../helpers/toc-agreement';

/** The least a page in the body is filled, unless a chapter ends on it. */
const MIN_PAGE_FILL = 0.5;
/** A4 margins of the drafts: 1417 twips. */
const MARGIN_PT = 1417 / 20;
/** The least share of the table of contents' numbers that must be LibreOffice's page exactly (the rest within one page). */
const MIN_TOC_EXACT = 0.8;

const dir = tempDir('veldwerk-report-pages-');
const soffice = ['soffice', 'libreoffice'].find((command) => spawnSync(command, ['--version'], { encoding: 'utf8' }).status === 0);
let study: Study;
const drafts: Array<{ name: string; model: ReportModel; pages: PdfPage[]; documentXml: string }> = [];

const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

beforeAll(async () => {
  if (!soffice) return;
  const path = join(dir, 'demo.veldwerk');
  await ensureDemoStudy(path);
  study = Study.open(path);
  const stats = studyStats(study);
  const richest = [...study.institutions()].sort((a, b) => (stats.codings.byInstitution[b.name] ?? 0) - (stats.codings.byInstitution[a.name] ?? 0))[0]!;
  const scopes: Array<[string, ReportScope]> = [
    ['instelling', { institutionId: richest.id }],
    ['overkoepelend', { overall: true }],
  ];
  const out = join(dir, 'pdf');
  mkdirSync(out, { recursive: true });
  const inputs: string[] = [];
  const parts: string[] = [];
  for (const [name, scope] of scopes) {
    const report = await generateReport(study, scope);
    const input = join(out, `${name}.docx`);
    writeFileSync(input, report.data);
    inputs.push(input);
    parts.push((await docxParts(report.data)).get('word/document.xml')!);
  }
  const profile = `file://${join(dir, 'lo-profiel')}`;
  const result = spawnSync(soffice, [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', out, ...inputs], { encoding: 'utf8', timeout: 240_000 });
  if (result.status !== 0) throw new Error(`LibreOffice: ${result.stderr}`);
  scopes.forEach(([name, scope], index) => {
    drafts.push({ name, model: reportModel(study, scope), pages: pdfPages(join(out, `${name}.pdf`), MARGIN_PT), documentXml: parts[index]! });
  });
}, 400_000);

afterAll(() => study?.close());

/** The pages of the body: after the title page and the table of contents, up to the colophon. */
function bodyPages({ model, pages }: (typeof drafts)[number]): PdfPage[] {
  const first = squash(model.chapters[0]!.title);
  const start = pages.findIndex((page, index) => index > 0 && squash(page.lines[0] ?? '').startsWith(first) && !page.lines.some((line) => /\.{5,}/.test(line)));
  return pages.slice(start, -1);
}

const startsChapter = (page: PdfPage | undefined, model: ReportModel) =>
  page === undefined || page.lines[0] === 'Colofon' || model.chapters.some((chapter) => squash(chapter.title).startsWith(squash(page.lines[0] ?? '')) || squash(page.lines[0] ?? '').startsWith(squash(chapter.title)));

describe.skipIf(!soffice)('the demo drafts laid out by LibreOffice', () => {
  it(`number the table of contents with LibreOffice's page of every heading, ${MIN_TOC_EXACT * 100}% exactly and all within one page`, () => {
    for (const draft of drafts) {
      const agreement = tocAgreement(draft.documentXml, draft.pages);
      const entries = agreement.entries.map((entry) => `${entry.title}: ${entry.page} / ${entry.laidOut}`);
      expect(agreement.entries.length, draft.name).toBeGreaterThan(20);
      expect(agreement.found, entries.join('\n')).toBe(agreement.entries.length);
      expect(agreement.worst, entries.join('\n')).toBeLessThanOrEqual(1);
      expect(agreement.exact / agreement.found, entries.join('\n')).toBeGreaterThanOrEqual(MIN_TOC_EXACT);
    }
  });

  it(`fill every page of the body at least ${MIN_PAGE_FILL * 100}% unless a chapter ends on it`, () => {
    for (const draft of drafts) {
      const body = bodyPages(draft);
      expect(body.length, draft.name).toBeGreaterThan(5);
      const thin = body.filter((page, index) => !startsChapter(draft.pages[page.number], draft.model) && page.fill < MIN_PAGE_FILL);
      expect(
        thin.map((page) => `${draft.name} p. ${page.number}: ${Math.round(page.fill * 100)}%, daarna "${draft.pages[page.number]?.lines[0]}"`),
      ).toEqual([]);
    }
  });

  it('never end a page with a heading, a caption or a box title', () => {
    for (const draft of drafts) {
      const titles = new Set<string>();
      for (const section of walkSections(draft.model.chapters)) titles.add(squash(section.title));
      for (const block of walkBlocks(draft.model.chapters)) if (block.kind === 'box') titles.add(squash(block.title));
      const stranded = draft.pages.slice(2).flatMap((page) => {
        const last = squash(page.lines.at(-1) ?? '');
        const isTitle = [...titles].some((title) => title === last || (last.length >= 12 && title.endsWith(last)));
        return isTitle || /^(Figuur|Tabel) \d+\./.test(last) ? [`${draft.name} p. ${page.number}: "${last}"`] : [];
      });
      expect(stranded).toEqual([]);
    }
  });

  it('end with the colophon and give every table the one table style', () => {
    for (const draft of drafts) {
      const colophon = draft.pages.at(-1)!;
      expect(colophon.lines[0]).toBe('Colofon');
      expect(colophon.lines).toContain(`Status: Concept, niet verspreiden`);
      const tables = draft.documentXml.match(/<w:tbl>/g)?.length ?? 0;
      expect(tables).toBeGreaterThan(3);
      expect(draft.documentXml.match(/<w:tblStyle w:val="VeldwerkTabel"\/>/g)?.length).toBe(tables);
    }
  });
});

describe('print-safe chart colours', () => {
  it(`give every colour of a palette its own grey level, at least ${MIN_GREY_STEP} apart`, () => {
    for (const palette of [Object.values(VALENCE_COLORS), Object.values(ANSWER_COLORS), CATEGORICAL_COLORS]) {
      const levels = palette.map(greyLevel).sort((a, b) => a - b);
      for (let index = 1; index < levels.length; index++) expect(levels[index]! - levels[index - 1]!).toBeGreaterThanOrEqual(MIN_GREY_STEP);
      // Dark enough to see on white paper (bars also get an outline).
      expect(Math.max(...levels)).toBeLessThan(235);
    }
  });

  it('keep up to five graded survey answers, a negative last answer and "weet ik niet" apart in grey', () => {
    for (const graded of [['Ja', 'Een beetje'], ['Ja, altijd', 'Ja, vaak', 'Ja, soms'], ['1', '2', '3', '4', '5']]) {
      const levels = answerColors([...graded, 'Nee', 'Weet ik niet'], 'question').map(greyLevel).sort((a, b) => a - b);
      for (let index = 1; index < levels.length; index++) expect(levels[index]! - levels[index - 1]!, graded.join('/')).toBeGreaterThanOrEqual(MIN_GREY_STEP);
    }
  });
});
