/** A small coded study for exchange tests: a client file with a name and a date, a PDF, two coders, memos. */
import { createCodings } from '../../backend/coding/codings';
import { saveMemo } from '../../backend/memos/memos';
import { importFiles } from '../../backend/sources/import-sources';
import { getSource } from '../../backend/sources/queries';
import type { Study } from '../../backend/study/study';
import { makePdf, writeFile } from '../fixtures/make-files';
import { addTextSource, codeId } from './sources';
import { newTestStudy } from './temp-study';

export const CLIENT_TEXT = [
  'Noor vertelde op 12-03-2026 dat ze haar jeugdzorgwerker zelden ziet 😀 en dat vindt ze jammer.',
  'Moeder: het plan van aanpak is nooit met ons besproken.',
  'Jeugdzorgwerker: we hebben een wachtlijst voor passende hulp.',
].join('\n');

/** A study with a client file, a PDF, codings by two inspectors (valence, citeerbaar, note) and memos. */
export async function codedExchangeStudy(dir: string): Promise<{ study: Study; clientId: string; pdfId: string }> {
  const study = newTestStudy(dir);
  const [noord, zuid] = study.institutions();
  const clientId = await addTextSource(study, dir, CLIENT_TEXT, { title: 'Cliëntdossier OTS – Noor (14)', institutionId: noord!.id, measure: 'ots', date: '2026-03-14' });
  const pdfPath = writeFile(dir, `beleid-${Math.random().toString(36).slice(2)}.pdf`, await makePdf([['Beleid over wachttijden.'], ['De monitorlijst wordt elke week besproken.']]));
  const [pdf] = await importFiles(study, [{ path: pdfPath, fileName: 'beleid.pdf' }], {
    institutionId: zuid!.id, sourceType: 'beleidsdocument', role: null, measure: null, date: null, inspectorId: null,
  });
  const pdfId = pdf?.status === 'imported' ? pdf.sourceId : '';
  const at = (text: string, part: string) => ({ start: text.indexOf(part), end: text.indexOf(part) + part.length });
  const client = getSource(study, clientId).text;
  createCodings(study, [
    { sourceId: clientId, codeId: codeId(study, 'contact'), ...at(client, 'Noor vertelde'), valence: 'negatief', note: 'Noor ziet haar werker weinig.', quotable: true },
    { sourceId: clientId, codeId: codeId(study, 'contact'), ...at(client, 'zelden ziet 😀'), valence: 'negatief', note: '', quotable: false },
    { sourceId: clientId, codeId: codeId(study, 'participatie'), ...at(client, 'het plan van aanpak is nooit met ons besproken'), valence: 'negatief', note: '', quotable: true },
    { sourceId: clientId, codeId: codeId(study, 'hulp'), ...at(client, 'wachtlijst voor passende hulp'), valence: 'neutraal', note: '', quotable: false },
  ], 'Coderen');
  const pdfText = getSource(study, pdfId).text;
  createCodings(study, [{ sourceId: pdfId, codeId: codeId(study, 'bestuur'), ...at(pdfText, 'monitorlijst'), valence: 'positief', note: '', quotable: false }], 'Coderen');
  // The second inspector codes the same fragment (double coding for agreement).
  study.setCurrentInspector(study.inspectors().find((i) => i.initials === 'IT')!.id);
  createCodings(study, [{ sourceId: clientId, codeId: codeId(study, 'veiligheid'), ...at(client, 'zelden ziet 😀'), valence: 'neutraal', note: '', quotable: false }], 'Coderen');
  saveMemo(study, 'source', clientId, 'Dossier is rommelig; Noor is 14.');
  saveMemo(study, 'code', codeId(study, 'hulp'), 'Wachtlijsten overal.');
  saveMemo(study, 'institution', noord!.id, 'Goede sfeer bij het bezoek.');
  return { study, clientId, pdfId };
}

