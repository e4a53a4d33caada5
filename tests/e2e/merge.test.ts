/**
 * Team merge as a team meets it, through the browser host: the lead makes
 * copies for two inspectors (CLI), each codes differently, both rename the
 * same institution differently (a concurrent edit) and both add a sub-code
 * "Wachtlijst" under the same norm (the same code created twice); Ruben also
 * imports the questionnaire and lowers its threshold. In the browser, on
 * Marloes's copy: a wrong passphrase is refused in place; Ruben's bundle is
 * previewed (the numbers per kind), applied, its conflict resolved by keeping
 * this copy's name, the two codes merged into one, agreement on the
 * double-coded sources shown and a disagreement settled by adopting one
 * coder's solution; the questionnaire view shows Ruben's survey; then
 * Marloes's bundle is made and downloaded in the UI and read into Ruben's
 * copy with the CLI: both copies end with the same codings, the same
 * institution name, one code "Wachtlijst" and no open conflicts. Last, the
 * merge is undone from the UI and the study is as before it. Every step is
 * checked through the API as well as on screen.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { Session } from '../../backend/api/session';
import { dispatch } from '../../backend/api/handlers';
import type { CallName } from '../../shared/api/contract';
import type {
  AgreementReport,
  Code,
  Coding,
  Disagreement,
  DuplicateCodePair,
  MergeStatus,
  SessionState,
  SourceSummary,
  StudyStats,
  SurveyList,
} from '../../shared/api/types';
import { formatKappa, formatPercent } from '../../renderer/merge/format';
import { writeKnownSurvey } from '../fixtures/make-survey';
import { veldwerk } from '../helpers/cli';
import { tempDir } from '../helpers/temp-study';
import { expectContains, expectCount, expectMatch, expectValue, waitFor } from './browser';
import { callHost } from './host-api';
import { openApp, type OpenApp } from './open-app';

const dir = tempDir('veldwerk-e2e-merge-');
const env = { VELDWERK_HOME: dir };
const lead = join(dir, 'ronde.veldwerk');
const copyA = join(dir, 'ronde-MD.veldwerk');
const copyB = join(dir, 'ronde-RT.veldwerk');
const bundleB = join(dir, 'ruben.vwbundle');
const bundleA = join(dir, 'marloes.vwbundle');
const passphraseFile = join(dir, 'wachtwoord.txt');
const PASSPHRASE = 'slootjes-springen-2026';
const NAME_A = 'Jeugdbescherming Maasheuvel (regio Zuid)';
const NAME_B = 'JB&R Maasheuvel';
const SUB_CODE = 'Wachtlijst';
const SURVEY = 'Vragenlijst ronde 2026';

let app: OpenApp;
let page: Page;
let leadCodings = 0;
let leadMinGroup = 0;
let madeInA = 0;
let madeInB = 0;
/** Codings added (+1) or removed (-1) by adopting a solution. */
let adoptDelta = 0;
let institutionId = '';
/** The sub-code "Wachtlijst" each inspector created, and Ruben's coding with his. */
let subCodeA = '';
let subCodeB = '';
let codingOnSubCodeB: Coding;

function run(args: string[]): string {
  const result = veldwerk(args, env);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return result.stdout;
}

const created = (output: string) => Number(/(\d+) coderingen? gemaakt/.exec(output)?.[1] ?? NaN);
const stats = (file: string) => JSON.parse(run(['stats', file, '--json'])) as StudyStats;
/** Marloes's copy as the browser host holds it now. */
const onHost = <T>(name: CallName, input: object = {}) => callHost<T>(app.url, name, input);
const subCodesNamed = (codes: Code[], parentId: string) => codes.filter((code) => code.parentId === parentId && code.name === SUB_CODE);

/** Call the API on a study file in this process, as the copy's own inspector (the file must not be open elsewhere). */
async function onStudy<T>(file: string, name: string, input: unknown): Promise<T> {
  const session = new Session({ kind: 'cli', demoStudyPath: () => join(dir, 'demo.veldwerk') });
  session.openPath(file);
  try {
    const result = await dispatch(session, name, input);
    if (!result.ok) throw new Error(result.error.message);
    return result.value as T;
  } finally {
    session.close();
  }
}

beforeAll(async () => {
  run(['init', lead, '--demo']);
  leadCodings = stats(lead).codings.total;
  leadMinGroup = (await onStudy<SurveyList>(lead, 'survey.list', {})).minGroup;
  expect(run(['copy', lead, copyA, '--inspector', 'MD'])).toContain('Marloes Dijkhuis');
  expect(run(['copy', lead, copyB, '--inspector', 'RT'])).toContain('Ruben Terpstra');
  // Marloes and Ruben both code waiting lists (so those sources are double-coded); Ruben also home visits.
  madeInA = created(run(['autocode', copyA, 'wachtlijst', '--norm', 'hulp', '--coder', 'MD']));
  madeInB = created(run(['autocode', copyB, 'wachtlijst', '--norm', 'hulp', '--coder', 'RT']));
  madeInB += created(run(['autocode', copyB, 'huisbezoek', '--norm', 'contact', '--coder', 'RT']));
  expect(madeInA).toBeGreaterThan(0);
  expect(madeInB).toBeGreaterThan(0);
  // The same institution renamed differently on both laptops, neither knowing of the other.
  const state = await onStudy<SessionState>(copyA, 'session.state', {});
  institutionId = state.institutions[0]!.id;
  await onStudy(copyA, 'institution.rename', { id: institutionId, name: NAME_A });
  await new Promise((resolve) => setTimeout(resolve, 5));
  await onStudy(copyB, 'institution.rename', { id: institutionId, name: NAME_B });
  // Both add a sub-code "Wachtlijst" under the help norm; Ruben codes a fragment with his.
  const hulp = (await onStudy<Code[]>(copyA, 'framework.list', {})).find((code) => code.key === 'hulp')!;
  const subCode = { parentId: hulp.id, kind: 'subcode', name: SUB_CODE, color: '#b5542c' };
  subCodeA = (await onStudy<Code>(copyA, 'code.create', subCode)).id;
  subCodeB = (await onStudy<Code>(copyB, 'code.create', { ...subCode, color: '#7a3f9d' })).id;
  const source = (await onStudy<SourceSummary[]>(copyB, 'sources.list', {}))[0]!;
  codingOnSubCodeB = await onStudy<Coding>(copyB, 'coding.create', { sourceId: source.id, codeId: subCodeB, start: 0, end: 40, valence: 'negatief' });
  madeInB += 1;
  // Ruben imports the questionnaire and lowers its threshold.
  const surveyFiles = await writeKnownSurvey(dir);
  expect(run(['survey', 'import', copyB, surveyFiles.csvComma, '--name', SURVEY])).toContain(SURVEY);
  run(['survey', 'min-group', copyB, '5']);

  writeFileSync(passphraseFile, `${PASSPHRASE}\n`);
  expect(run(['bundle', 'export', copyB, '--out', bundleB, '--passphrase-file', passphraseFile])).toContain('Bundel geschreven');

  app = await openApp([copyA], env);
  page = app.page;
});

afterAll(() => app?.close());

/** The cells of a preview row, trimmed. */
async function previewRow(kind: string): Promise<string[]> {
  return page
    .locator(`[data-testid="team-preview-row"][data-kind="${kind}"]`)
    .first()
    .evaluate((tr) => Array.from(tr.children).map((cell) => (cell.textContent ?? '').trim()));
}

describe('team merge end to end', () => {
  it('opens the Team view with this copy’s inspector (Ctrl+5)', async () => {
    await page.getByTestId('view-coding').waitFor();
    await page.keyboard.press('Control+5');
    await page.getByTestId('team-view').waitFor();
    await expectValue(() => page.getByTestId('view-team').getAttribute('aria-current'), 'page');
    await expectContains(() => page.getByTestId('team-status-inspector').innerText(), 'Marloes Dijkhuis (MD)');
    await page.getByTestId('team-status-peers').filter({ hasText: /^nog geen$/ }).waitFor();
    await page.getByTestId('team-status-backup').filter({ hasText: 'geen (nog niets samengevoegd)' }).waitFor();
    await expectCount(page.getByTestId('team-undo'), 0);
  });

  it('refuses a wrong passphrase in place, and nothing changes', async () => {
    await page.getByTestId('team-import').click();
    const dialog = page.getByTestId('team-import-dialog');
    await dialog.getByTestId('team-import-file').setInputFiles(bundleB);
    await dialog.getByTestId('team-import-passphrase').fill('niet-het-goede-wachtwoord');
    await dialog.getByTestId('team-import-preview').click();
    const error = dialog.getByTestId('team-import-error');
    await error.waitFor();
    await expectMatch(() => error.innerText(), /^Het wachtwoord klopt niet .*Er is niets veranderd\.$/);
    // Still the first step, the file kept: the right passphrase can be tried at once.
    await expectCount(dialog.getByTestId('team-preview-table'), 0);
    await expectValue(() => dialog.getByTestId('team-import-file').evaluate((input: HTMLInputElement) => input.files?.[0]?.name), 'ruben.vwbundle');
    expect((await onHost<MergeStatus>('merge.status')).peers).toEqual([]);
  });

  it('previews Ruben’s bundle per kind, with the conflict, and changes nothing yet', async () => {
    const dialog = page.getByTestId('team-import-dialog');
    await dialog.getByTestId('team-import-passphrase').fill(PASSPHRASE);
    await dialog.getByTestId('team-import-preview').click();
    await dialog.getByTestId('team-preview-table').waitFor();
    await expectContains(() => dialog.getByTestId('team-import-summary').innerText(), 'Bundel van Ruben Terpstra (RT)');
    // Soort, Nieuw, Gewijzigd, Verwijderd, Al aanwezig, Conflicten
    expect(await previewRow('codings')).toEqual(['Coderingen', String(madeInB), '0', '0', '0', '0']);
    expect(await previewRow('framework')).toEqual(['Toetsingskader', '1', '0', '0', '0', '0']);
    expect(await previewRow('sources')).toEqual(['Bronnen', '0', '0', '0', '0', '0']);
    // New: the questionnaire and the three institutions its import created; changed: the renamed
    // institution (in conflict) and the threshold.
    expect(await previewRow('other')).toEqual(['Overig', '4', '2', '0', '0', '1']);
    const conflict = dialog.getByTestId('team-preview-conflict');
    await expectCount(conflict, 1);
    await expectContains(() => conflict.getByTestId('team-conflict-local').innerText(), NAME_A);
    await expectContains(() => conflict.getByTestId('team-conflict-remote').innerText(), NAME_B);
    await expectContains(() => dialog.innerText(), 'Veldwerk maakt eerst een reservekopie');
    expect((await onHost<StudyStats>('stats')).codings.total).toBe(leadCodings + madeInA);
  });

  it('applies it after a backup and lists the conflict and the code created twice', async () => {
    const dialog = page.getByTestId('team-import-dialog');
    await dialog.getByTestId('team-import-apply').click();
    await dialog.getByTestId('team-import-done').waitFor();
    await expectMatch(() => dialog.getByTestId('team-import-backup').innerText(), /ronde-MD\.voor-samenvoegen-.*\.veldwerk$/);
    await dialog.getByTestId('team-import-to-conflicts').click();
    await dialog.waitFor({ state: 'detached' });
    await expectValue(() => page.getByTestId('team-conflict-badge').innerText(), '1');
    const card = page.getByTestId('team-conflict');
    await card.first().waitFor();
    await expectCount(card, 1);
    await expectContains(() => card.getByTestId('team-conflict-title').innerText(), 'Instelling');
    await expectContains(() => card.innerText(), 'Veld: naam');
    await expectContains(() => card.getByTestId('team-conflict-local').innerText(), 'Marloes Dijkhuis (MD)');
    await expectContains(() => card.getByTestId('team-conflict-remote').innerText(), 'Ruben Terpstra (RT)');
    // The sub-code both created is offered for merging.
    const duplicate = page.getByTestId('team-duplicate');
    await expectCount(duplicate, 1);
    await expectContains(() => duplicate.innerText(), `"${SUB_CODE}" onder`);
    expect((await onHost<StudyStats>('stats')).codings.total).toBe(leadCodings + madeInA + madeInB);
  });

  it('resolves the conflict by keeping this copy’s name; it folds into the resolved list', async () => {
    await page.getByTestId('team-conflict').getByTestId('team-keep-local').click();
    await page.getByTestId('team-no-conflicts').waitFor();
    await page.getByTestId('team-conflict-badge').waitFor({ state: 'detached' });
    const resolved = page.getByTestId('team-resolved-conflict');
    await expectCount(resolved, 1);
    await expectContains(() => resolved.textContent(), `nu: ${NAME_A}`);
    const state = await onHost<SessionState>('session.state');
    expect(state.institutions.find((institution) => institution.id === institutionId)?.name).toBe(NAME_A);
    expect((await onHost<MergeStatus>('merge.status')).openConflicts).toBe(0);
  });

  it('merges the code created twice: one "Wachtlijst" is left, with Ruben’s coding on it', async () => {
    const duplicate = page.getByTestId('team-duplicate');
    // The older code stays; the side shown as staying is the one kept.
    await duplicate.getByTestId('team-merge-codes').click();
    await page.getByTestId('team-no-duplicates').waitFor();
    await expectCount(duplicate, 0);

    const codes = await onHost<Code[]>('framework.list');
    const left = subCodesNamed(codes, codes.find((code) => code.key === 'hulp')!.id);
    expect(left).toHaveLength(1);
    const kept = left[0]!.id;
    expect([subCodeA, subCodeB]).toContain(kept);
    const codings = await onHost<Coding[]>('codings.forSource', { sourceId: codingOnSubCodeB.sourceId });
    const moved = codings.find((coding) => coding.id === codingOnSubCodeB.id)!;
    expect(moved.codeId).toBe(kept);
    expect(moved).toMatchObject({ start: codingOnSubCodeB.start, end: codingOnSubCodeB.end, coderId: codingOnSubCodeB.coderId });
    expect(await onHost<DuplicateCodePair[]>('merge.duplicateCodes')).toEqual([]);
  });

  it('shows a re-read bundle as already read, with nothing to merge', async () => {
    await page.getByTestId('team-tab-exchange').click();
    await page.getByTestId('team-status-peers').filter({ hasText: 'Ruben Terpstra (RT)' }).waitFor();
    await page.getByTestId('team-status-backup').filter({ hasText: 'voor-samenvoegen' }).waitFor();
    await page.getByTestId('team-import').click();
    const dialog = page.getByTestId('team-import-dialog');
    await dialog.getByTestId('team-import-file').setInputFiles(bundleB);
    await dialog.getByTestId('team-import-passphrase').fill(PASSPHRASE);
    await dialog.getByTestId('team-import-preview').click();
    await dialog.getByTestId('team-import-nothing-new').waitFor();
    await expectCount(dialog.getByTestId('team-import-apply'), 0);
    await dialog.getByTestId('team-import-cancel').click();
    await dialog.waitFor({ state: 'detached' });
  });

  it('shows agreement figures for the double-coded sources, the backend’s in Dutch notation', async () => {
    await page.getByTestId('team-tab-agreement').click();
    await page.getByTestId('team-agreement-table').waitFor();
    await expectContains(() => page.getByTestId('team-kappa-explained').innerText(), 'Kappa');
    // The demo has more coders, so a choice of pair; with one pair it is a plain label.
    if ((await page.getByTestId('team-agreement-pair').count()) > 0) {
      const pairs = await page.getByTestId('team-agreement-pair').evaluate((select: HTMLSelectElement) =>
        Array.from(select.options).map((option) => option.textContent ?? ''),
      );
      const label = pairs.find((option) => option.includes('(MD)') && option.includes('(RT)'));
      expect(label).toBeDefined();
      await page.getByTestId('team-agreement-pair').selectOption({ label: label! });
    } else {
      await expectMatch(() => page.getByTestId('team-agreement-pair-label').innerText(), /\(MD\).*\(RT\)/);
    }
    const sources = page.getByTestId('team-agreement-source');
    expect(await sources.count()).toBeGreaterThan(0);
    const row = page.locator('[data-testid="team-agreement-row"][data-code-key="hulp"]');
    const kappa = (await row.getByTestId('team-agreement-kappa').innerText()).trim();
    const percent = (await row.getByTestId('team-agreement-percent').innerText()).trim();
    expect(await page.getByTestId('team-disagreement').count()).toBeGreaterThan(0);

    const report = await onHost<AgreementReport>('agreement', { threshold: 0.9 });
    const hulp = mdRtPair(report).codes.find((code) => code.codeKey === 'hulp')!;
    expect(kappa).toBe(formatKappa(hulp.pooled.characters.kappa));
    expect(percent).toBe(formatPercent(hulp.pooled.characters.percentAgreement));
  });

  it('settles a disagreement by adopting one coder’s solution', async () => {
    const card = page.getByTestId('team-disagreement').first();
    const disagreementId = (await card.getAttribute('data-disagreement-id'))!;
    const before = await onHost<AgreementReport>('agreement', { threshold: 0.9 });
    const item: Disagreement = before.disagreements.find((candidate) => candidate.id === disagreementId)!;
    expect(item).toBeDefined();
    // Adopt the solution of a coder who coded here: the other's coding is aligned, or added.
    const chosenIsA = item.a !== null;
    const chosen = (chosenIsA ? item.a : item.b)!;
    const chosenCoder = chosenIsA ? item.coderA : item.coderB;
    const otherCoder = chosenIsA ? item.coderB : item.coderA;
    adoptDelta = item.a && item.b ? 0 : 1;
    const totalBefore = (await onHost<StudyStats>('stats')).codings.total;

    await card.locator(`[data-testid="team-adopt"][data-coder-id="${chosenCoder}"]`).click();
    await expectCount(page.locator(`[data-testid="team-disagreement"][data-disagreement-id="${disagreementId}"]`), 0);

    const after = await onHost<AgreementReport>('agreement', { threshold: 0.9 });
    expect(after.disagreements.map((candidate) => candidate.id)).not.toContain(disagreementId);
    const codings = await onHost<Coding[]>('codings.forSource', { sourceId: item.sourceId });
    const matching = codings.filter((coding) => coding.codeId === item.codeId && coding.start === chosen.start && coding.end === chosen.end);
    expect(matching.map((coding) => coding.coderId).sort()).toEqual([chosenCoder, otherCoder].sort());
    expect((await onHost<StudyStats>('stats')).codings.total).toBe(totalBefore + adoptDelta);
  });

  it('shows Ruben’s questionnaire and threshold in the questionnaire view', async () => {
    await page.getByTestId('view-survey').click();
    await page.getByTestId('survey-view').waitFor();
    await page.getByTestId('survey-select').locator('option', { hasText: SURVEY }).waitFor({ state: 'attached' });
    await waitFor(async () => (await page.getByTestId('survey-min-group').inputValue()) === '5', 'de drempel uit de bundel');
    const list = await onHost<SurveyList>('survey.list');
    expect(list.minGroup).toBe(5);
    expect(list.surveys.map((survey) => survey.name)).toContain(SURVEY);
    await page.getByTestId('view-team').click();
    await page.getByTestId('team-view').waitFor();
  });

  it('makes Marloes’s bundle in the UI and downloads it', async () => {
    await page.getByTestId('team-tab-exchange').click();
    await page.getByTestId('team-export').click();
    const dialog = page.getByTestId('team-export-dialog');
    await dialog.getByTestId('team-export-passphrase').fill(PASSPHRASE);
    await dialog.getByTestId('team-export-repeat').fill(`${PASSPHRASE}x`);
    await dialog.getByTestId('team-export-submit').click();
    await expectValue(() => dialog.getByTestId('team-export-error').innerText(), 'De twee wachtwoorden zijn niet gelijk.');
    await dialog.getByTestId('team-export-repeat').fill(PASSPHRASE);
    const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByTestId('team-export-submit').click()]);
    expect(download.suggestedFilename()).toMatch(/-MD-\d{8}-\d{4}\.vwbundle$/);
    await download.saveAs(bundleA);
    await dialog.getByTestId('team-export-result').waitFor();
    // "Opnieuw downloaden" fetches a fresh one-time link: the access token is never in a download address.
    const [again] = await Promise.all([page.waitForEvent('download'), dialog.getByTestId('team-export-download').click()]);
    expect(again.url()).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/download\/bundle\/[0-9a-f-]{36}\?once=[\w-]+$/);
    await dialog.getByRole('button', { name: 'Sluiten' }).last().click();
    await dialog.waitFor({ state: 'detached' });
  });

  it('reads it into Ruben’s copy: both copies end the same, the choices travelled', async () => {
    const imported = run(['bundle', 'import', copyB, bundleA, '--passphrase-file', passphraseFile]);
    expect(imported).toContain('Bundel van Marloes Dijkhuis (MD)');

    const a = await onHost<StudyStats>('stats');
    const b = stats(copyB);
    expect(a.codings.total).toBe(leadCodings + madeInA + madeInB + adoptDelta);
    expect(b.codings.total).toBe(a.codings.total);
    expect(b.codings.byNorm).toEqual(a.codings.byNorm);
    for (const copy of [a, b]) {
      expect(copy.institutions).toContain(NAME_A);
      expect(copy.institutions).not.toContain(NAME_B);
    }
    const statusB = await onStudy<MergeStatus>(copyB, 'merge.status', {});
    expect(statusB.openConflicts).toBe(0);
    // The merge of the two codes travelled: one "Wachtlijst" in Ruben's copy too.
    expect(await onStudy<DuplicateCodePair[]>(copyB, 'merge.duplicateCodes', {})).toEqual([]);
    const codesB = await onStudy<Code[]>(copyB, 'framework.list', {});
    expect(subCodesNamed(codesB, codesB.find((code) => code.key === 'hulp')!.id)).toHaveLength(1);
  });

  it('undoes the merge from the UI: the study is as before it, the merged state kept aside', async () => {
    await page.getByTestId('team-tab-exchange').click();
    await page.getByTestId('team-undo').click();
    const dialog = page.getByTestId('team-undo-dialog');
    await expectContains(() => dialog.getByTestId('team-undo-confirm').innerText(), 'vóór de laatste samenvoeging');
    await dialog.getByTestId('team-undo-submit').click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByTestId('team-status-backup').filter({ hasText: 'geen (nog niets samengevoegd)' }).waitFor();
    await page.getByTestId('team-status-peers').filter({ hasText: /^nog geen$/ }).waitFor();
    await expectCount(page.getByTestId('team-undo'), 0);
    const toast = page.getByText(/Het samenvoegen is ongedaan gemaakt/);
    await toast.waitFor();
    const keptAs = /staat in (.*na-samenvoegen.*\.veldwerk)\.$/.exec(await toast.innerText())?.[1];
    expect(keptAs && existsSync(keptAs)).toBe(true);

    // Through the API: Marloes's own work, nothing of Ruben's bundle and nothing done after it.
    const status = await onHost<MergeStatus>('merge.status');
    expect(status).toMatchObject({ backupPath: null, openConflicts: 0, peers: [] });
    const now = await onHost<StudyStats>('stats');
    expect(now.codings.total).toBe(leadCodings + madeInA);
    expect(now.institutions).toContain(NAME_A);
    expect(now.institutions).not.toContain(NAME_B);
    const codes = await onHost<Code[]>('framework.list');
    expect(subCodesNamed(codes, codes.find((code) => code.key === 'hulp')!.id).map((code) => code.id)).toEqual([subCodeA]);
    const list = await onHost<SurveyList>('survey.list');
    expect(list.minGroup).toBe(leadMinGroup);
    expect(list.surveys.map((survey) => survey.name)).not.toContain(SURVEY);

    // And the views show it: the questionnaire without Ruben's survey, at the old threshold.
    await page.getByTestId('view-survey').click();
    await waitFor(async () => (await page.getByTestId('survey-min-group').inputValue()) === String(leadMinGroup), 'de oude drempel');
    await expectCount(page.getByTestId('survey-select').locator('option', { hasText: SURVEY }), 0);
  });
});

/** The agreement of Marloes and Ruben in a report. */
function mdRtPair(report: AgreementReport) {
  const md = report.coders.find((coder) => coder.initials === 'MD')!.id;
  const rt = report.coders.find((coder) => coder.initials === 'RT')!.id;
  return report.pairs.find((candidate) => [candidate.coderA, candidate.coderB].sort().join() === [md, rt].sort().join())!;
}
