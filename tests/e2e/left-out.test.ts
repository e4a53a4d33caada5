/**
 * After a merge that deleted a code coded in another copy, the evidence view
 * and the retrieval list say how many codings they leave out and lead to
 * Team › Conflicten, where the coding waits for a decision.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCodings } from '../../backend/coding/codings';
import { createCode, deleteCode } from '../../backend/framework/framework';
import { createStudy } from '../../backend/study/setup';
import { addTextSource, codeId } from '../helpers/sources';
import { tempDir } from '../helpers/temp-study';
import { copyFor, makeBundle, mergeInto, TEAM_SETUP } from '../property/merge-kit';
import { expectContains, expectValue } from './browser';
import { openApp, type OpenApp } from './open-app';

const dir = tempDir('veldwerk-e2e-left-out-');
let app: OpenApp;

beforeAll(async () => {
  const base = createStudy(join(dir, 'basis.veldwerk'), TEAM_SETUP);
  const sourceId = await addTextSource(base, dir, 'Ouder: we staan al maanden op de wachtlijst en niemand belt ons terug.');
  const [a, b, lead] = ['AA', 'BB', 'LL'].map((who) => copyFor(base, dir, who, `${who}-kopie`, { fast: true }));
  const wachtlijst = createCode(a!, { parentId: codeId(a!, 'hulp'), kind: 'norm', name: 'Wachtlijst', definition: '', color: '#999999' });
  await mergeInto(b!, await makeBundle(a!));
  createCodings(b!, [{ sourceId, codeId: wachtlijst.id, start: 7, end: 30, valence: 'negatief', note: '', quotable: false }], 'Coderen');
  deleteCode(a!, wachtlijst.id);
  await mergeInto(lead!, await makeBundle(a!));
  await mergeInto(lead!, await makeBundle(b!));
  const leadPath = lead!.path;
  for (const study of [base, a, b, lead]) study!.close();
  app = await openApp([leadPath], { VELDWERK_HOME: dir });
});

afterAll(async () => {
  await app?.close();
});

describe('niets gecodeerds verdwijnt zonder melding', () => {
  it('de bewijsweergave en de fragmentenlijst noemen de weggevallen codering en wijzen naar Team › Conflicten', async () => {
    const { page } = app;
    await page.getByTestId('view-evidence').click();
    const notice = page.getByTestId('left-out-notice');
    await expectValue(() => notice.getAttribute('data-total'), '1');
    await expectContains(() => notice.innerText(), 'bij 1 is de code bij het samenvoegen verwijderd');
    // The only coding is left out: the view does not say there are no codings yet.
    expect(await page.getByText('Nog geen coderingen').count()).toBe(0);
    await page.screenshot({ path: join(process.env.VELDWERK_SCREENSHOT_DIR ?? dir, 'bewijs-weggevallen.png') });

    await page.getByTestId('view-coding').click();
    await page.getByTestId('retrieval-tab').click();
    await page.locator('[data-testid="retrieval-code"][data-code-key="hulp"]').click();
    const listNotice = page.getByTestId('retrieval').getByTestId('left-out-notice');
    await expectValue(() => listNotice.getAttribute('data-for-code'), '1');
    await expectContains(() => listNotice.innerText(), 'Bij deze code: 1.');

    await listNotice.getByTestId('left-out-conflicts').click();
    await expectValue(() => page.getByTestId('team-tab-conflicts').getAttribute('aria-selected'), 'true');
    await expectContains(() => page.getByTestId('team-open-conflicts').innerText(), 'de code is verwijderd');
    expect(await page.getByTestId('view-team').getAttribute('aria-current')).toBe('page');
  });
});
