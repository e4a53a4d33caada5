/**
 * The retrieval list's Excel export: the segments table narrowed to what the
 * list shows (code with sub-codes, institution, part, filters, one source),
 * with a sheet saying what was chosen; pseudonymised unless full; a scope on
 * another kind of export, or on a code not in the framework, is refused.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { codingsInScope, evidenceSegmentPage, evidenceSegments } from '../../backend/evidence/evidence';
import { exportFile } from '../../backend/exchange/exchange';
import type { SegmentScope } from '../../shared/api/types';
import { codedExchangeStudy } from '../helpers/coded-study';
import { column, readWithOpenpyxl } from '../helpers/openpyxl';
import { codeId } from '../helpers/sources';
import { tempDir } from '../helpers/temp-study';

const dir = tempDir('veldwerk-retrieval-export-');

async function sheetsOf(study: Parameters<typeof exportFile>[0], scope: SegmentScope, mode: 'pseudonymised' | 'full') {
  const file = await exportFile(study, 'segments', mode, null, scope);
  const path = join(dir, `${Math.random().toString(36).slice(2)}.xlsx`);
  writeFileSync(path, file.data);
  return { file, sheets: readWithOpenpyxl(path) };
}

describe('fragmentenlijst naar Excel', () => {
  it('bevat precies de fragmenten van de lijst, zegt wat gekozen is en pseudonimiseert tenzij volledig', async () => {
    const { study } = await codedExchangeStudy(dir);
    const noord = study.institutions().find((institution) => institution.name === 'GI Noord')!;
    const scope: SegmentScope = { codeId: codeId(study, 'contact'), institutionId: noord.id, filter: { valence: 'negatief' } };
    const listed = codingsInScope(study, scope);
    expect(listed.length).toBeGreaterThan(0);
    const everyCoding = (study.db.prepare('SELECT count(*) FROM coding WHERE deleted = 0').pluck().get() as number);
    expect(listed.length).toBeLessThan(everyCoding);

    const { file, sheets } = await sheetsOf(study, scope, 'pseudonymised');
    expect(file.fileName).toMatch(/Betekenisvol contact - fragmenten\.xlsx$/);
    expect(file.warning).toBeNull();
    const [segments, chosen] = sheets;
    expect(segments!.title).toBe('Fragmenten');
    expect(segments!.freeze).toBe('A2');
    const offsets = segments!.rows.slice(1).map((row) => [row[column(segments!, 'Begin')]!.value, row[column(segments!, 'Einde')]!.value]);
    expect(offsets).toEqual(listed.map((coding) => [coding.start, coding.end]));
    for (const row of segments!.rows.slice(1)) {
      expect(row[column(segments!, 'Instelling')]!.value).toBe('GI Noord');
      expect(row[column(segments!, 'Valentie')]!.value).toBe('negatief');
    }
    expect(JSON.stringify(segments)).not.toMatch(/\bNoor\b|Inspecteur Een/);
    const said = Object.fromEntries(chosen!.rows.slice(1).map((row) => [row[0]!.value, row[1]!.value]));
    expect(said).toMatchObject({ Code: 'Betekenisvol contact', Instelling: 'GI Noord', Valentie: 'negatief', Fragmenten: String(listed.length) });

    const full = await sheetsOf(study, scope, 'full');
    expect(full.file.warning).toMatch(/volledige export/);
    expect(JSON.stringify(full.sheets[0])).toMatch(/Noor vertelde/);
    study.close();
  });

  it('neemt "alleen deze bron" mee', async () => {
    const { study, pdfId } = await codedExchangeStudy(dir);
    const { sheets } = await sheetsOf(study, { codeId: codeId(study, 'contact'), institutionId: null, sourceId: pdfId, filter: {} }, 'pseudonymised');
    expect(sheets[0]!.rows).toHaveLength(1);
    study.close();
  });

  it('weigert een selectie bij een andere export en een code die niet in het kader staat, met een Nederlandse melding', async () => {
    const { study } = await codedExchangeStudy(dir);
    const scope: SegmentScope = { codeId: codeId(study, 'contact'), institutionId: null, filter: {} };
    await expect(exportFile(study, 'matrix', 'pseudonymised', null, scope)).rejects.toThrow(/alleen als fragmententabel/);
    await expect(exportFile(study, 'qdpx', 'full', null, scope)).rejects.toThrow(/alleen als fragmententabel/);
    await expect(exportFile(study, 'segments', 'pseudonymised', null, { ...scope, codeId: '00000000-0000-4000-8000-000000000000' })).rejects.toThrow(
      /bestaat niet \(meer\)/,
    );
    study.close();
  });
});

describe('fragmentenlijst per pagina', () => {
  it('geeft een pagina met de lengte van de hele lijst, in de volgorde van de lijst', async () => {
    const { study } = await codedExchangeStudy(dir);
    const contact = codeId(study, 'contact');
    const all = evidenceSegments(study, contact, null, {});
    expect(all.length).toBeGreaterThan(1);
    const first = evidenceSegmentPage(study, { codeId: contact, institutionId: null, filter: {} }, 0, 1);
    expect(first.total).toBe(all.length);
    expect(first.segments).toEqual(all.slice(0, 1));
    const rest = evidenceSegmentPage(study, { codeId: contact, institutionId: null, filter: {} }, 1, 100);
    expect(rest.segments).toEqual(all.slice(1));
    study.close();
  });
});
