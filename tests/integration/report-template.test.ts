/**
 * The house style of a study's report drafts, through the API as the report
 * dialog uses it: choosing a user's template (its fonts and colours reach the
 * drafts' styles), refusing what is no usable template without changing
 * anything, going back to the standard, saving the standard template, and
 * the choice travelling to the team with a bundle.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch, type DispatchResult } from '../../backend/api/handlers';
import { Session, type HostServices } from '../../backend/api/session';
import { ensureDemoStudy } from '../../backend/demo/demo-study';
import { producedFile } from '../../backend/api/produced-files';
import { chooseStudyTemplate, reportTemplateInfo } from '../../backend/reports/study-template';
import { createStudy } from '../../backend/study/setup';
import type { ReportGenerated, ReportTemplateInfo, TemplateSaved } from '../../shared/api/types';
import { organisationTemplate, wordPackage, WORDML_NAMESPACE } from '../fixtures/make-template';
import { docxParts, styleElement } from '../helpers/docx-parts';
import { tempDir } from '../helpers/temp-study';
import { ensureWorkerBundles } from '../helpers/worker-bundles';
import { copyFor, makeBundle, mergeInto, TEAM_SETUP } from '../property/merge-kit';

const dir = tempDir('veldwerk-report-template-');
const demoPath = join(dir, 'demo.veldwerk');
let session: Session;
const OPTIONS = { date: '2026-11-23', chapters: ['samenvatting', 'norm:contact'] };

function valueOf<T>(result: DispatchResult): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

async function call<T>(name: string, input: unknown, on: Session = session): Promise<T> {
  return valueOf<T>(await dispatch(on, name, input));
}

/** Stage `bytes` as `fileName` and make it the house style; the dispatch result as is. */
function chooseTemplate(fileName: string, bytes: Uint8Array): Promise<DispatchResult> {
  const staged = session.stage(fileName, bytes);
  return dispatch(session, 'report.setTemplate', { stagedId: staged.stagedId });
}

const changeCount = () => (session.requireStudy().db.prepare('SELECT COUNT(*) AS n FROM change_log').get() as { n: number }).n;

async function draftStyles(): Promise<string> {
  const generated = await call<ReportGenerated>('report.generate', { scope: { overall: true }, options: OPTIONS });
  return (await docxParts(producedFile(session, generated.reportId).data)).get('word/styles.xml')!;
}

beforeAll(async () => {
  ensureWorkerBundles();
  await ensureDemoStudy(demoPath);
  session = new Session({ kind: 'browser', fixedStudyPath: demoPath, demoStudyPath: () => demoPath });
  session.openPath(demoPath);
}, 120_000);

afterAll(() => session?.close());

describe('the house style of report drafts', () => {
  it('is the standard one until a template is chosen', async () => {
    expect(await call<ReportTemplateInfo>('report.template', {})).toEqual({ fileName: null });
    const styles = await draftStyles();
    expect(styles).not.toContain('Georgia');
  }, 60_000);

  it('takes the fonts and colours of a chosen template, for the whole study', async () => {
    const chosen = valueOf<ReportTemplateInfo>(await chooseTemplate('Huisstijl Inspectie.docx', organisationTemplate()));
    expect(chosen).toEqual({ fileName: 'Huisstijl Inspectie.docx' });
    expect(await call<ReportTemplateInfo>('report.template', {})).toEqual(chosen);

    const styles = await draftStyles();
    const heading1 = styleElement(styles, 'Heading1')!;
    expect(heading1).toContain('w:ascii="Georgia"');
    expect(heading1).toContain('w:val="8B1A1A"');
    expect(styleElement(styles, 'Heading2')).toContain('w:val="1A5E8B"');
    expect(styles).not.toContain('w:styleId="Kop1"');
    // What the template lacks comes from the standard house style; the language is Dutch.
    expect(styleElement(styles, 'Citaat')).not.toBeNull();
    expect(styles).toContain('w:val="nl-NL"');
  }, 60_000);

  it('is one undoable change in the change log', () => {
    const study = session.requireStudy();
    const last = study.db.prepare("SELECT entity, fields FROM change_log WHERE entity = 'study' ORDER BY seq DESC LIMIT 1").get() as { entity: string; fields: string };
    expect(Object.keys(JSON.parse(last.fields) as object)).toEqual(['reportTemplate']);
    const label = study.db.prepare('SELECT label FROM undo_history ORDER BY seq DESC LIMIT 1').get() as { label: string };
    expect(label.label).toBe('Huisstijl kiezen');
  });

  it('refuses what is no usable template, in Dutch, and changes nothing', async () => {
    const before = changeCount();
    const refusals: Array<[string, Uint8Array, RegExp]> = [
      ['kapot.docx', Buffer.from('Dit is geen Word-document.'), /^Het rapportsjabloon is geen geldig Word-document\.$/],
      ['notulen.pdf', organisationTemplate(), /^Kies een Word-document \(\.docx\) of een Word-sjabloon \(\.dotx\) als huisstijl\.$/],
      ['zonder-profielen.docx', wordPackage(null), /^Het rapportsjabloon bevat geen opmaakprofielen/],
      ['onleesbaar.dotx', wordPackage('<html>geen opmaakprofielen</html>'), /^De opmaakprofielen van het rapportsjabloon zijn onleesbaar\.$/],
      ['half.docx', wordPackage(`<w:styles ${WORDML_NAMESPACE}><w:style w:styleId="Kop1"><w:name w:val="heading 1"/><w:rPr><w:b>`), /onleesbaar/],
      ['enorm.docx', Buffer.alloc(31 * 1024 * 1024, 1), /^Het rapportsjabloon is groter dan 30 MB\.$/],
    ];
    for (const [fileName, bytes, message] of refusals) {
      const result = await chooseTemplate(fileName, bytes);
      expect(result.ok, fileName).toBe(false);
      if (!result.ok) {
        expect(result.error.code, fileName).toBe('rejected');
        expect(result.error.message, fileName).toMatch(message);
      }
    }
    expect(await call<ReportTemplateInfo>('report.template', {})).toEqual({ fileName: 'Huisstijl Inspectie.docx' });
    expect(changeCount()).toBe(before);
  }, 60_000);

  it('goes back to the standard house style', async () => {
    expect(await call<ReportTemplateInfo>('report.setTemplate', { stagedId: null })).toEqual({ fileName: null });
    expect(await draftStyles()).not.toContain('Georgia');
  }, 60_000);

  it('offers the standard template: a download in the browser, a save (and open) on the desktop, and it can be chosen again', async () => {
    const download = await call<TemplateSaved>('report.saveTemplate', {});
    expect(download).toMatchObject({ fileName: 'Rapportsjabloon Veldwerk.docx', path: null, opened: false });
    expect(download.downloadUrl).toMatch(/^\/api\/download\/report\/[0-9a-f-]{36}$/);

    const target = join(dir, 'sjabloon.docx');
    const asked: string[] = [];
    const opened: string[] = [];
    const host: HostServices = {
      kind: 'electron',
      demoStudyPath: () => demoPath,
      chooseSavePath: async (suggested, kind) => {
        asked.push(`${suggested} (${kind})`);
        return target;
      },
      openPath: async (path) => {
        opened.push(path);
        return true;
      },
    };
    const desktop = new Session(host);
    try {
      const saved = await call<TemplateSaved>('report.saveTemplate', { open: true }, desktop);
      expect(saved).toEqual({ fileName: 'Rapportsjabloon Veldwerk.docx', path: target, opened: true, downloadUrl: null });
      expect(asked).toEqual(['Rapportsjabloon Veldwerk.docx (template)']);
      expect(opened).toEqual([target]);
    } finally {
      desktop.close();
    }
    const chosen = valueOf<ReportTemplateInfo>(await chooseTemplate('sjabloon.docx', readFileSync(target)));
    expect(chosen).toEqual({ fileName: 'sjabloon.docx' });
  }, 60_000);

  it('travels to the team with a bundle', async () => {
    const lead = createStudy(join(dir, 'ronde.veldwerk'), TEAM_SETUP);
    const anna = copyFor(lead, dir, 'AA');
    try {
      const templatePath = join(dir, 'huisstijl.docx');
      writeFileSync(templatePath, organisationTemplate());
      await chooseStudyTemplate(anna, templatePath, 'Huisstijl Inspectie.docx');
      await mergeInto(lead, await makeBundle(anna));
      expect(reportTemplateInfo(lead)).toEqual({ fileName: 'Huisstijl Inspectie.docx' });
    } finally {
      anna.close();
      lead.close();
    }
  }, 60_000);
});
