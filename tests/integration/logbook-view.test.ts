/**
 * The logbook as the app reads it (issue 12): filtered by inspector, kind,
 * institution, period and search, paged; exported to Excel (real dates, a
 * frozen and filtered header) and CSV, with source titles through the privacy
 * pass. The workbook is read back with exceljs and the CSV with csv-parse.
 */
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch, type DispatchResult } from '../../backend/api/handlers';
import { Session } from '../../backend/api/session';
import { producedFile } from '../../backend/api/produced-files';
import { createStudy } from '../../backend/study/setup';
import type { Study } from '../../backend/study/study';
import type { ExchangeExported, LogbookPage } from '../../shared/api/types';
import type { StudyChangedEvent } from '../../shared/api/study-entities';
import { addTextSource } from '../helpers/sources';
import { tempDir } from '../helpers/temp-study';
import { TEAM_SETUP } from '../property/merge-kit';

const dir = tempDir('veldwerk-logboekview-');
let study: Study;
let session: Session;

function valueOf<T>(result: DispatchResult): T {
  if (!result.ok) throw new Error(result.error.message);
  return result.value as T;
}

const list = async (filter: Record<string, string>, offset = 0, limit = 100) => valueOf<LogbookPage>(await dispatch(session, 'logbook.list', { filter, offset, limit }));

beforeAll(async () => {
  study = createStudy(join(dir, 'ronde.veldwerk'), TEAM_SETUP);
  session = new Session({ kind: 'cli', demoStudyPath: () => '' });
  session.setStudy(study);
  const [noord, zuid] = study.institutions();
  const sourceId = await addTextSource(study, dir, 'Ouder: ik hoorde niets van de jeugdbeschermer.', { institutionId: noord!.id });
  const [lotte, anna] = ['LL', 'AA'].map((initials) => study.inspectors().find((inspector) => inspector.initials === initials));
  valueOf(await dispatch(session, 'session.setInspector', { inspectorId: lotte!.id }));
  valueOf(await dispatch(session, 'privacy.addPerson', { name: 'Sandra de Vries', role: 'ouder', pseudonym: 'moeder' }));
  valueOf(
    await dispatch(session, 'source.updateMeta', { id: sourceId, meta: { title: 'Gesprek met Sandra de Vries', institutionId: noord!.id, sourceType: 'interview' } }),
  );
  valueOf(await dispatch(session, 'session.setInspector', { inspectorId: anna!.id }));
  valueOf(await dispatch(session, 'institution.rename', { id: zuid!.id, name: 'GI Zuid-Oost' }));
  expect((await dispatch(session, 'institution.create', { name: 'GI Noord' })).ok).toBe(false);
});

afterAll(() => session.close());

describe('the logbook view', () => {
  it('filters by inspector, kind, institution, period and search, and pages', async () => {
    const all = await list({});
    expect(all.total).toBe(6);
    expect(all.lines.map((line) => line.at)).toEqual([...all.lines.map((line) => line.at)].sort().reverse());
    expect(all.kinds.map((kind) => kind.call)).toContain('source.updateMeta');

    const [lotte, anna] = ['LL', 'AA'].map((initials) => study.inspectors().find((inspector) => inspector.initials === initials));
    expect((await list({ inspectorId: anna!.id })).lines.map((line) => line.call).sort()).toEqual(['institution.create', 'institution.rename', 'session.setInspector']);
    expect((await list({ inspectorId: lotte!.id })).total).toBe(3);

    const renamed = await list({ call: 'source.updateMeta' });
    expect(renamed.lines).toHaveLength(1);
    expect(renamed.lines[0]).toMatchObject({ inspector: 'LL', result: 'done', own: true, objects: 'Bron "Gesprek met Sandra de Vries"' });

    // A line counts for an institution when it names the institution, or one of its sources or codings.
    const [noord, zuid] = study.institutions();
    expect((await list({ institutionId: noord!.id })).lines.map((line) => line.call)).toEqual(['source.updateMeta']);
    expect((await list({ institutionId: zuid!.id })).lines.map((line) => line.call)).toEqual(['institution.rename']);

    const today = new Date();
    const day = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
    expect((await list({ from: day, to: day })).total).toBe(6);
    expect((await list({ to: '2020-01-01' })).total).toBe(0);

    const refused = await list({ query: 'bestaat al' });
    expect(refused.lines).toEqual([expect.objectContaining({ call: 'institution.create', result: 'refused' })]);
    expect((await list({ query: '100%_' })).total).toBe(0);

    const second = await list({}, 2, 2);
    expect(second).toMatchObject({ total: 6, offset: 2 });
    expect(second.lines.map((line) => line.id)).toEqual(all.lines.slice(2, 4).map((line) => line.id));
  });

  it('refuses a filter that is not one, in Dutch', async () => {
    const result = await dispatch(session, 'logbook.list', { filter: { from: 'gisteren' } });
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.error.message).toContain('JJJJ-MM-DD');
  });

  it('exports the filtered lines to Excel with real dates, a frozen and filtered header, and titles through the privacy pass; the export is logged', async () => {
    const pushed: StudyChangedEvent[] = [];
    const stopListening = session.onStudyChanged((event) => pushed.push(event));
    const exported = valueOf<ExchangeExported>(await dispatch(session, 'logbook.export', { filter: {}, format: 'xlsx' }));
    stopListening();
    // The new line is pushed, so an open Logboek view shows it.
    expect(pushed).toEqual([expect.objectContaining({ entities: ['logbook'], actionId: expect.any(String) })]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(producedFile(session, exported.exportId).data as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Logboek')!;
    expect(sheet.getRow(1).values).toEqual([undefined, 'Tijdstip', 'Inspecteur', 'Naam inspecteur', 'Soort', 'Handeling', 'Resultaat', 'Reden', 'Objecten', 'Kopie']);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.autoFilter).toBeTruthy();
    expect(sheet.rowCount).toBe(7);
    expect(sheet.getCell('A2').value).toBeInstanceOf(Date);
    const objects = sheet.getColumn(8).values.filter((value): value is string => typeof value === 'string');
    expect(objects).toContain('Bron "Gesprek met moeder"');
    expect(objects.join(' ')).not.toContain('Sandra');

    const logged = await list({ call: 'logbook.export' });
    expect(logged.lines[0]).toMatchObject({ label: 'Logboek geëxporteerd (Excel)', result: 'done' });
  });

  it('exports CSV that other software reads: a header, one row per line, the filter applied', async () => {
    const exported = valueOf<ExchangeExported>(await dispatch(session, 'logbook.export', { filter: { query: 'bestaat al' }, format: 'csv' }));
    const data = producedFile(session, exported.exportId).data;
    expect(exported.fileName).toMatch(/^logboek-.*\.csv$/);
    const rows = parse(data, { delimiter: ';', bom: true }) as string[][];
    expect(rows[0]![0]).toBe('Tijdstip');
    expect(rows).toHaveLength(2);
    expect(rows[1]![5]).toBe('geweigerd');
    expect(rows[1]![0]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
  });
});
