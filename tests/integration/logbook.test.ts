/**
 * The logbook as far as it is built: every recorded action, who, what, result
 * and which copy, newest first, filtered by period and inspector, from the CLI
 * (`veldwerk log`) and in-process. A refused call is in it with its reason.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../backend/api/handlers';
import { Session } from '../../backend/api/session';
import { readLogbook, type LogEntry } from '../../backend/logbook/logbook';
import { veldwerk } from '../helpers/cli';
import { newTestStudy, tempDir } from '../helpers/temp-study';

const dir = tempDir('veldwerk-logboek-');

describe('the logbook', () => {
  it('lists the actions of the CLI newest first, as JSON and as lines, filtered by day and inspector', () => {
    const study = join(dir, 'ronde.veldwerk');
    expect(veldwerk(['init', study, '--name', 'Ronde 2026']).code).toBe(0);
    const file = join(dir, 'gesprek.txt');
    writeFileSync(file, 'Ouder: het plan van aanpak is samen gemaakt.\n');
    expect(veldwerk(['import', study, file, '--institution', 'GI Oost', '--type', 'interview']).code).toBe(0);

    const entries = JSON.parse(veldwerk(['log', study, '--json']).stdout) as LogEntry[];
    expect(entries[0]).toMatchObject({ call: 'sources.import', label: 'Bronnen geïmporteerd', result: 'done' });
    expect(entries.map((entry) => entry.at)).toEqual([...entries.map((entry) => entry.at)].sort().reverse());
    expect(entries.every((entry) => typeof entry.replicaId === 'string' && entry.replicaId.length > 0)).toBe(true);

    const lines = veldwerk(['log', study]).stdout;
    expect(lines).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} .*Bronnen geïmporteerd \(gedaan; kopie [0-9a-f]{8}\)$/m);
    expect(JSON.parse(veldwerk(['log', study, '--since', '2999-01-01', '--json']).stdout)).toEqual([]);
    expect(JSON.parse(veldwerk(['log', study, '--inspector', 'ZZ', '--json']).stdout)).toEqual([]);
    expect(veldwerk(['log', study, '--since', 'gisteren']).code).toBe(2);
  });

  it('holds a refused call with its reason, by the inspector who tried it', async () => {
    const study = newTestStudy(dir);
    const session = new Session({ kind: 'cli', demoStudyPath: () => join(dir, 'demo.veldwerk') });
    session.setStudy(study);
    const inspector = study.inspectors()[1]!;
    study.setCurrentInspector(inspector.id);
    const refused = await dispatch(session, 'institution.create', { name: study.institutions()[0]!.name });
    expect(refused.ok).toBe(false);
    const [latest] = readLogbook(study, { inspector: inspector.initials.toLowerCase() });
    expect(latest).toMatchObject({ call: 'institution.create', result: 'refused', inspector: inspector.initials });
    expect(latest!.reason).toContain('bestaat al');
    session.close();
  });
});
