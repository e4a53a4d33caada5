/**
 * Team merge as a team meets it, through the browser host: the lead makes
 * copies for two inspectors (CLI), each codes differently and both rename the
 * same institution differently (a concurrent edit). In the browser, on
 * Marloes's copy: a wrong passphrase is refused in place; Ruben's bundle is
 * previewed (the numbers per kind), applied, its conflict resolved by keeping
 * this copy's name, and agreement on the double-coded sources shown; then
 * Marloes's bundle is made and downloaded in the UI and read into Ruben's
 * copy with the CLI. Both copies end with the same codings, the same
 * institution name and no open conflicts.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { Session } from '../../backend/api/session';
import { dispatch } from '../../backend/api/handlers';
import type { AgreementReport, MergeStatus, StudyStats } from '../../shared/api/types';
import { formatKappa, formatPercent } from '../../renderer/merge/format';
import { startServe, veldwerk } from '../helpers/cli';
import { tempDir } from '../helpers/temp-study';
import { expectCount, launchChromium } from './browser';

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

let server: ReturnType<typeof startServe>;
let browser: Browser;
let page: Page;
let leadCodings = 0;
let madeInA = 0;
let madeInB = 0;
let institutionId = '';
const shownInUi: { kappa: string; percent: string } = { kappa: '', percent: '' };

function run(args: string[]): string {
  const result = veldwerk(args, env);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return result.stdout;
}

const created = (output: string) => Number(/(\d+) coderingen gemaakt/.exec(output)?.[1] ?? NaN);
const stats = (file: string) => JSON.parse(run(['stats', file, '--json'])) as StudyStats;

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
  expect(run(['copy', lead, copyA, '--inspector', 'MD'])).toContain('Marloes Dijkhuis');
  expect(run(['copy', lead, copyB, '--inspector', 'RT'])).toContain('Ruben Terpstra');
  // Marloes and Ruben both code waiting lists (so those sources are double-coded); Ruben also home visits.
  madeInA = created(run(['autocode', copyA, 'wachtlijst', '--norm', 'hulp', '--coder', 'MD']));
  madeInB = created(run(['autocode', copyB, 'wachtlijst', '--norm', 'hulp', '--coder', 'RT']));
  madeInB += created(run(['autocode', copyB, 'huisbezoek', '--norm', 'contact', '--coder', 'RT']));
  expect(madeInA).toBeGreaterThan(0);
  expect(madeInB).toBeGreaterThan(0);
  // The same institution renamed differently on both laptops, neither knowing of the other.
  const state = await onStudy<{ institutions: Array<{ id: string; name: string }> }>(copyA, 'session.state', {});
  institutionId = state.institutions[0]!.id;
  await onStudy(copyA, 'institution.rename', { id: institutionId, name: NAME_A });
  await new Promise((resolve) => setTimeout(resolve, 5));
  await onStudy(copyB, 'institution.rename', { id: institutionId, name: NAME_B });

  writeFileSync(passphraseFile, `${PASSPHRASE}\n`);
  expect(run(['bundle', 'export', copyB, '--out', bundleB, '--passphrase-file', passphraseFile])).toContain('Bundel geschreven');

  server = startServe([copyA], env);
  const url = await server.url;
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1400, height: 900 }, acceptDownloads: true });
  page.on('pageerror', (error) => console.error('paginafout:', error));
  await page.goto(url);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

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
    await expect(page.getByTestId('view-team').getAttribute('aria-current')).resolves.toBe('page');
    await expect(page.getByTestId('team-status-inspector').innerText()).resolves.toContain('Marloes Dijkhuis (MD)');
    await page.getByTestId('team-status-peers').filter({ hasText: /^nog geen$/ }).waitFor();
    await page.getByTestId('team-status-backup').filter({ hasText: 'geen (nog niets samengevoegd)' }).waitFor();
  });

  it('refuses a wrong passphrase in place, and nothing changes', async () => {
    await page.getByTestId('team-import').click();
    const dialog = page.getByTestId('team-import-dialog');
    await dialog.getByTestId('team-import-file').setInputFiles(bundleB);
    await dialog.getByTestId('team-import-passphrase').fill('niet-het-goede-wachtwoord');
    await dialog.getByTestId('team-import-preview').click();
    const error = dialog.getByTestId('team-import-error');
    await error.waitFor();
    await expect(error.innerText()).resolves.toMatch(/^Het wachtwoord klopt niet .*Er is niets veranderd\.$/);
    // Still the first step, the file kept: the right passphrase can be tried at once.
    await expectCount(dialog.getByTestId('team-preview-table'), 0);
    await expect(dialog.getByTestId('team-import-file').evaluate((input: HTMLInputElement) => input.files?.[0]?.name)).resolves.toBe('ruben.vwbundle');
  });

  it('previews Ruben’s bundle per kind, with the conflict, and changes nothing yet', async () => {
    const dialog = page.getByTestId('team-import-dialog');
    await dialog.getByTestId('team-import-passphrase').fill(PASSPHRASE);
    await dialog.getByTestId('team-import-preview').click();
    await dialog.getByTestId('team-preview-table').waitFor();
    await expect(dialog.getByTestId('team-import-summary').innerText()).resolves.toContain('Bundel van Ruben Terpstra (RT)');
    // Soort, Nieuw, Gewijzigd, Verwijderd, Al aanwezig, Conflicten
    expect(await previewRow('codings')).toEqual(['Coderingen', String(madeInB), '0', '0', '0', '0']);
    expect(await previewRow('other')).toEqual(['Overig', '0', '1', '0', '0', '1']);
    expect(await previewRow('sources')).toEqual(['Bronnen', '0', '0', '0', '0', '0']);
    const conflict = dialog.getByTestId('team-preview-conflict');
    await expectCount(conflict, 1);
    await expect(conflict.getByTestId('team-conflict-local').innerText()).resolves.toContain(NAME_A);
    await expect(conflict.getByTestId('team-conflict-remote').innerText()).resolves.toContain(NAME_B);
    await expect(dialog.innerText()).resolves.toContain('Veldwerk maakt eerst een reservekopie');
  });

  it('applies it after a backup and lists the conflict', async () => {
    const dialog = page.getByTestId('team-import-dialog');
    await dialog.getByTestId('team-import-apply').click();
    await dialog.getByTestId('team-import-done').waitFor();
    await expect(dialog.getByTestId('team-import-backup').innerText()).resolves.toMatch(/ronde-MD\.voor-samenvoegen-.*\.veldwerk$/);
    await dialog.getByTestId('team-import-to-conflicts').click();
    await dialog.waitFor({ state: 'detached' });
    await expect(page.getByTestId('team-conflict-badge').innerText()).resolves.toBe('1');
    const card = page.getByTestId('team-conflict');
    await card.first().waitFor();
    await expectCount(card, 1);
    await expect(card.getByTestId('team-conflict-title').innerText()).resolves.toContain('Instelling');
    await expect(card.innerText()).resolves.toContain('Veld: naam');
    await expect(card.getByTestId('team-conflict-local').innerText()).resolves.toContain('Marloes Dijkhuis (MD)');
    await expect(card.getByTestId('team-conflict-remote').innerText()).resolves.toContain('Ruben Terpstra (RT)');
  });

  it('resolves the conflict by keeping this copy’s name; it folds into the resolved list', async () => {
    await page.getByTestId('team-conflict').getByTestId('team-keep-local').click();
    await page.getByTestId('team-no-conflicts').waitFor();
    await page.getByTestId('team-conflict-badge').waitFor({ state: 'detached' });
    const resolved = page.getByTestId('team-resolved-conflict');
    await expectCount(resolved, 1);
    await expect(resolved.textContent()).resolves.toContain(`nu: ${NAME_A}`);
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

  it('shows agreement figures for the double-coded sources', async () => {
    await page.getByTestId('team-tab-agreement').click();
    await page.getByTestId('team-agreement-table').waitFor();
    await expect(page.getByTestId('team-kappa-explained').innerText()).resolves.toContain('Kappa');
    // The demo has more coders, so a choice of pair; with one pair it is a plain label.
    if ((await page.getByTestId('team-agreement-pair').count()) > 0) {
      const pairs = await page.getByTestId('team-agreement-pair').evaluate((select: HTMLSelectElement) =>
        Array.from(select.options).map((option) => option.textContent ?? ''),
      );
      const label = pairs.find((option) => option.includes('(MD)') && option.includes('(RT)'));
      expect(label).toBeDefined();
      await page.getByTestId('team-agreement-pair').selectOption({ label: label! });
    } else {
      await expect(page.getByTestId('team-agreement-pair-label').innerText()).resolves.toMatch(/\(MD\).*\(RT\)/);
    }
    const sources = page.getByTestId('team-agreement-source');
    expect(await sources.count()).toBeGreaterThan(0);
    const row = page.locator('[data-testid="team-agreement-row"][data-code-key="hulp"]');
    shownInUi.kappa = (await row.getByTestId('team-agreement-kappa').innerText()).trim();
    shownInUi.percent = (await row.getByTestId('team-agreement-percent').innerText()).trim();
    expect(shownInUi.kappa).toMatch(/^-?\d,\d\d$/);
    expect(shownInUi.percent).toMatch(/^\d{1,3},\d%$/);
    expect(await page.getByTestId('team-disagreement').count()).toBeGreaterThan(0);
  });

  it('makes Marloes’s bundle in the UI and downloads it', async () => {
    await page.getByTestId('team-tab-exchange').click();
    await page.getByTestId('team-export').click();
    const dialog = page.getByTestId('team-export-dialog');
    await dialog.getByTestId('team-export-passphrase').fill(PASSPHRASE);
    await dialog.getByTestId('team-export-repeat').fill(`${PASSPHRASE}x`);
    await dialog.getByTestId('team-export-submit').click();
    await expect(dialog.getByTestId('team-export-error').innerText()).resolves.toBe('De twee wachtwoorden zijn niet gelijk.');
    await dialog.getByTestId('team-export-repeat').fill(PASSPHRASE);
    const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByTestId('team-export-submit').click()]);
    expect(download.suggestedFilename()).toMatch(/-MD-\d{8}-\d{4}\.vwbundle$/);
    await download.saveAs(bundleA);
    await dialog.getByTestId('team-export-result').waitFor();
    await expect(dialog.getByTestId('team-export-download').getAttribute('href')).resolves.toMatch(/^\/api\/download\/bundle\/[0-9a-f-]{36}\?token=/);
  });

  it('reads it into Ruben’s copy: both copies end the same, the choice travelled', async () => {
    await browser.close();
    await server.stop();
    const imported = run(['bundle', 'import', copyB, bundleA, '--passphrase-file', passphraseFile]);
    expect(imported).toContain('Bundel van Marloes Dijkhuis (MD)');

    const a = stats(copyA);
    const b = stats(copyB);
    expect(a.codings.total).toBe(leadCodings + madeInA + madeInB);
    expect(b.codings.total).toBe(a.codings.total);
    expect(b.codings.byNorm).toEqual(a.codings.byNorm);
    for (const copy of [a, b]) {
      expect(copy.institutions).toContain(NAME_A);
      expect(copy.institutions).not.toContain(NAME_B);
    }
    const statusB = await onStudy<MergeStatus>(copyB, 'merge.status', {});
    expect(statusB.openConflicts).toBe(0);

    // The figures the UI showed are the backend's, in Dutch notation.
    const report = await onStudy<AgreementReport>(copyA, 'agreement', { threshold: 0.9 });
    const md = report.coders.find((coder) => coder.initials === 'MD')!.id;
    const rt = report.coders.find((coder) => coder.initials === 'RT')!.id;
    const pair = report.pairs.find((candidate) => [candidate.coderA, candidate.coderB].sort().join() === [md, rt].sort().join())!;
    const hulp = pair.codes.find((code) => code.codeKey === 'hulp')!;
    expect(shownInUi.kappa).toBe(formatKappa(hulp.pooled.characters.kappa));
    expect(shownInUi.percent).toBe(formatPercent(hulp.pooled.characters.percentAgreement));
  });
});
