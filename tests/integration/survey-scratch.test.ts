/**
 * A spreadsheet whose worksheet comes before the workbook's relations in the
 * zip (as openpyxl writes it) made exceljs park the worksheet, respondent
 * rows in plaintext, in a temporary file (issue 11: a refused large
 * spreadsheet left all respondent rows behind). The survey reader now reads
 * in memory; no temporary file holds a row, also when the file is refused
 * half-way.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SURVEY_LIMITS } from '../../backend/survey/limits';
import { readSurveyInWorker } from '../../backend/survey/survey-thread';
import { tempDir } from '../helpers/temp-study';

const dir = tempDir('veldwerk-werkblad-');
const WORD = 'Kroosvijverlaan';
/** Debian's python3 carries python3-openpyxl; a pyenv python3 earlier on PATH usually lacks it. */
const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

function tempFilesHolding(word: string, since: number): string[] {
  const found: string[] = [];
  const walk = (path: string) => {
    for (const entry of readdirSync(path, { withFileTypes: true })) {
      const full = join(path, entry.name);
      if (entry.isDirectory()) {
        if (entry.name.startsWith('veldwerk-tijdelijk-') || entry.name.startsWith('tmp-')) walk(full);
      } else if (statSync(full).mtimeMs >= since && readFileSync(full).includes(word)) found.push(full);
    }
  };
  walk(tmpdir());
  return found;
}

describe('survey reading leaves no scratch file', () => {
  it('removes exceljs\'s parked worksheet when the file is refused for its size', async () => {
    const path = join(dir, 'openpyxl.xlsx');
    execFileSync(PYTHON, [
      '-c',
      `import openpyxl,sys
wb=openpyxl.Workbook(); ws=wb.active
ws.append(['Organisatie','Wordt er naar je geluisterd?','Straat'])
for i in range(400): ws.append(['GI Noord','Ja' if i%2 else 'Nee','${WORD} %d' % i])
wb.save(sys.argv[1])`,
      path,
    ]);
    // openpyxl writes the worksheet (inline strings: the rows in plaintext) before the workbook's relations.
    const names = execFileSync(PYTHON, ['-c', 'import zipfile,sys; print("\\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))', path], { encoding: 'utf8' }).split('\n');
    expect(names.indexOf('xl/worksheets/sheet1.xml')).toBeLessThan(names.indexOf('xl/_rels/workbook.xml.rels'));
    const since = Date.now() - 1000;
    await expect(readSurveyInWorker(path, 'openpyxl.xlsx', [], { limits: { ...SURVEY_LIMITS, maxRows: 100 } })).rejects.toThrow();
    expect(tempFilesHolding(WORD, since)).toEqual([]);
    expect(readdirSync(tmpdir()).filter((name) => name.startsWith(`veldwerk-tijdelijk-${process.pid}-`))).toEqual([]);
  });
});
