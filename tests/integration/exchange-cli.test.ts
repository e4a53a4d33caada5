import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { veldwerk } from '../helpers/cli';
import { schemaErrors, unzipWithInfoZip } from '../helpers/refi';
import { tempDir } from '../helpers/temp-study';

const dir = tempDir('veldwerk-exchange-cli-');

describe('veldwerk export / import-qdpx', () => {
  it('exports a pseudonymised project and a full one with a warning, and imports it into a new study once', () => {
    const study = join(dir, 'demo.veldwerk');
    expect(veldwerk(['init', study, '--demo']).code).toBe(0);
    const pseudo = join(dir, 'demo.qdpx');
    const exported = veldwerk(['export', 'qdpx', study, '--out', pseudo]);
    expect(exported.code).toBe(0);
    expect(exported.stdout).toContain('gepseudonimiseerd');
    expect(schemaErrors(join(unzipWithInfoZip(dir, readFileSync(pseudo)), 'project.qde'), 'Project.xsd')).toBe('');

    const full = join(dir, 'volledig.qdpx');
    const fullRun = veldwerk(['export', 'qdpx', study, '--out', full, '--full']);
    expect(fullRun.code).toBe(0);
    expect(fullRun.stderr).toContain('volledige export');

    const target = join(dir, 'nieuw.veldwerk');
    expect(veldwerk(['init', target, '--name', 'Nieuw']).code).toBe(0);
    const first = veldwerk(['import-qdpx', target, full, '--json']);
    expect(first.code).toBe(0);
    const result = JSON.parse(first.stdout) as { codings: { added: number }; sources: { added: number } };
    const stats = JSON.parse(veldwerk(['stats', study, '--json']).stdout) as { codings: { total: number }; sources: { total: number } };
    expect(result.codings.added).toBe(stats.codings.total);
    expect(result.sources.added).toBe(stats.sources.total);
    const second = JSON.parse(veldwerk(['import-qdpx', target, full, '--json']).stdout) as { codings: { added: number; existing: number } };
    expect(second.codings).toEqual({ added: 0, existing: stats.codings.total, empty: 0, unplaced: 0 });
  });

  it('refuses a wrong mapping file and wrong usage with the right exit codes', () => {
    // The mapping is checked before the study is opened: neither needs to exist for this refusal.
    const badMap = join(dir, 'koppeling.json');
    writeFileSync(badMap, JSON.stringify({ codes: { Wachtlijst: 42 } }));
    const refused = veldwerk(['import-qdpx', join(dir, 'leeg.veldwerk'), badMap, '--map', badMap]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('koppelbestand');
    expect(veldwerk(['export', 'plaatjes', 'leeg.veldwerk', '--out', 'x.xlsx']).code).toBe(2);
    expect(veldwerk(['export', 'segments', 'leeg.veldwerk', '--out', join(dir, 'x.qdpx')]).code).toBe(2);
  });
});
