/**
 * Linking evidence from within the judgment editor, in a real browser on the
 * demo study: search the norm's segments at the institution, link one, see it
 * among the evidence, unlink it again; all stored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Code, EvidenceSegment, Institution, Judgment } from '../../shared/api/types';
import type { CallName } from '../../shared/api/contract';
import { tempDir } from '../helpers/temp-study';
import { expectCount, waitFor } from './browser';
import { callHost } from './host-api';
import { openDemoApp, type OpenApp } from './open-app';

const dir = tempDir('veldwerk-e2e-judgment-link-');
let app: OpenApp;
const api = <T>(name: CallName, input: object = {}) => callHost<T>(app.url, name, input);

beforeAll(async () => {
  app = await openDemoApp(dir);
});

afterAll(async () => {
  await app?.close();
});

describe('bewijs koppelen in het oordeel', () => {
  it('zoekt een fragment, koppelt het en ontkoppelt het weer', async () => {
    const { page } = app;
    const hulp = (await api<Code[]>('framework.list')).find((code) => code.key === 'hulp')!;
    const institutions = (await api<{ institutions: Institution[] }>('session.state')).institutions;
    let institutionId = '';
    let candidate: EvidenceSegment | undefined;
    for (const institution of institutions) {
      const segments = await api<EvidenceSegment[]>('evidence.segments', { codeId: hulp.id, institutionId: institution.id, filter: {} });
      const linked = new Set((await api<{ judgments: Judgment[] }>('judgments.list')).judgments.find((j) => j.institutionId === institution.id && j.codeId === hulp.id)?.evidenceCodingIds ?? []);
      candidate = segments.find((segment) => !linked.has(segment.codingId) && segment.text.split(/\s+/).some((word) => word.length > 6));
      if (candidate) {
        institutionId = institution.id;
        break;
      }
    }
    expect(candidate).toBeDefined();
    const word = candidate!.text.split(/\s+/).find((part) => part.length > 6)!.replace(/[^\p{L}]/gu, '');

    await page.keyboard.press('Control+3');
    await page.locator(`[data-testid="judgment-cell"][data-code-key="hulp"][data-institution-id="${institutionId}"]`).click();
    const editor = page.getByTestId('judgment-editor');
    await editor.getByTestId('judgment-link-section').locator('summary').click();
    await editor.getByTestId('judgment-evidence-search').fill(word);
    const card = editor.locator(`[data-testid="judgment-candidate"][data-coding-id="${candidate!.codingId}"]`);
    await expectCount(card, 1);
    await card.getByTestId('judgment-evidence-link').click();

    const stored = () => api<{ judgments: Judgment[] }>('judgments.list').then(({ judgments }) => judgments.find((j) => j.institutionId === institutionId && j.codeId === hulp.id));
    await waitFor(async () => (await stored())?.evidenceCodingIds.includes(candidate!.codingId), 'gekoppeld');
    const linkedCard = editor.locator(`[data-testid="judgment-evidence-segment"][data-coding-id="${candidate!.codingId}"]`);
    await expectCount(linkedCard, 1);
    await expectCount(card, 0);

    await linkedCard.getByTestId('judgment-evidence-unlink').click();
    await waitFor(async () => !(await stored())?.evidenceCodingIds.includes(candidate!.codingId), 'ontkoppeld');
    await expectCount(linkedCard, 0);
  });
});
