/**
 * A project from another QDA program imported through "Uitwisselen…", with its
 * coders mapped onto inspectors in the dialog (as the CLI's --map does): one
 * user onto an existing inspector, one the preview matched by name made a new
 * inspector instead. The codings land with the chosen coders.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import yazl from 'yazl';
import type { Coding, SessionState, SourceSummary } from '../../shared/api/types';
import type { CallName } from '../../shared/api/contract';
import { tempDir } from '../helpers/temp-study';
import { expectValue, waitFor } from './browser';
import { callHost } from './host-api';
import { openDemoApp, type OpenApp } from './open-app';

const dir = tempDir('veldwerk-e2e-exchange-users-');
let app: OpenApp;
const api = <T>(name: CallName, input: object = {}) => callHost<T>(app.url, name, input);

const G = {
  anna: 'A1000000-0000-4000-8000-000000000001',
  namesake: 'A1000000-0000-4000-8000-000000000002',
  code: 'B1000000-0000-4000-8000-000000000001',
  source: 'C1000000-0000-4000-8000-000000000001',
};
const TEXT = 'Jeugdige: Ik zie mijn jeugdbeschermer bijna nooit.\r\nOuder: Niemand belt ons terug.\r\n';

function projectXml(namesake: string): string {
  const span = (part: string) => ({ start: TEXT.indexOf(part), end: TEXT.indexOf(part) + part.length });
  const a = span('Ik zie mijn jeugdbeschermer bijna nooit.');
  const b = span('Niemand belt ons terug.');
  return `<?xml version="1.0" encoding="UTF-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Ronde Oost" origin="Een ander QDA-programma">
  <Users><User guid="${G.anna}" name="Anna Analist"/><User guid="${G.namesake}" name="${namesake}"/></Users>
  <CodeBook><Codes><Code guid="${G.code}" name="Betekenisvol contact" isCodable="true"/></Codes></CodeBook>
  <Sources>
    <TextSource guid="${G.source}" name="Gesprek Oost" plainTextPath="internal://${G.source}.txt">
      <PlainTextSelection guid="D1000000-0000-4000-8000-000000000001" startPosition="${a.start}" endPosition="${a.end}" creatingUser="${G.anna}">
        <Coding guid="E1000000-0000-4000-8000-000000000001" creatingUser="${G.anna}"><CodeRef targetGUID="${G.code}"/></Coding>
      </PlainTextSelection>
      <PlainTextSelection guid="D1000000-0000-4000-8000-000000000002" startPosition="${b.start}" endPosition="${b.end}" creatingUser="${G.namesake}">
        <Coding guid="E1000000-0000-4000-8000-000000000002" creatingUser="${G.namesake}"><CodeRef targetGUID="${G.code}"/></Coding>
      </PlainTextSelection>
    </TextSource>
  </Sources>
</Project>`;
}

async function projectFile(xml: string): Promise<string> {
  const archive = new yazl.ZipFile();
  archive.addBuffer(Buffer.from(xml, 'utf8'), 'project.qde');
  archive.addBuffer(Buffer.from(TEXT, 'utf8'), `sources/${G.source}.txt`);
  archive.end();
  const chunks: Buffer[] = [];
  for await (const chunk of archive.outputStream) chunks.push(chunk as Buffer);
  const path = join(dir, 'ronde-oost.qdpx');
  writeFileSync(path, Buffer.concat(chunks));
  return path;
}

beforeAll(async () => {
  app = await openDemoApp(dir);
});

afterAll(async () => {
  await app?.close();
});

describe('codeurs koppelen bij het importeren van een project', () => {
  it('koppelt de ene codeur aan een bestaande inspecteur en maakt van de andere een nieuwe', async () => {
    const { page } = app;
    const before = await api<SessionState>('session.state');
    const [existing, namesakeOf] = before.inspectors;
    expect(namesakeOf).toBeDefined();
    const path = await projectFile(projectXml(namesakeOf!.name));

    await page.getByTestId('exchange-button').click();
    await page.getByTestId('exchange-dialog').waitFor();
    await page.getByTestId('exchange-import-input').setInputFiles(path);
    const users = page.getByTestId('exchange-user-mapping');
    await users.waitFor({ timeout: 60_000 });
    const anna = page.getByRole('combobox', { name: 'Welke inspecteur is "Anna Analist"' });
    const namesake = page.getByRole('combobox', { name: `Welke inspecteur is "${namesakeOf!.name}"` });
    // The preview's own matches: nobody for Anna, the inspector of the same name for the other.
    await expectValue(() => anna.inputValue(), 'nieuw');
    await expectValue(() => namesake.inputValue(), namesakeOf!.initials);
    await anna.selectOption(existing!.initials);
    await namesake.selectOption('nieuw');
    await page.getByTestId('exchange-import').click();
    await waitFor(async () => (await page.getByTestId('exchange-imported').textContent()) ?? '', 'de import', 60_000);

    const after = await api<SessionState>('session.state');
    const added = after.inspectors.filter((inspector) => !before.inspectors.some((old) => old.id === inspector.id));
    expect(added.map((inspector) => inspector.name)).toEqual([namesakeOf!.name]);
    expect(added[0]!.initials).not.toBe(namesakeOf!.initials);
    const source = (await api<SourceSummary[]>('sources.list')).find((candidate) => candidate.title === 'Gesprek Oost')!;
    const codings = await api<Coding[]>('codings.forSource', { sourceId: source.id });
    expect(codings.map((coding) => coding.coderId).sort()).toEqual([existing!.id, added[0]!.id].sort());
  });
});
