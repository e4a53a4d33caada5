/** The retrieval report (Word), read back with python-docx: per code and institution, pseudonymised unless full. */
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportFile } from '../../backend/exchange/exchange';
import { codedExchangeStudy } from '../helpers/coded-study';
import { codeId } from '../helpers/sources';
import { tempDir } from '../helpers/temp-study';

const dir = tempDir('veldwerk-retrieval-');
const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

/** Every paragraph as [style, text], as python-docx reads it. */
function paragraphs(data: Buffer): Array<[string, string]> {
  const path = join(dir, `fragmenten-${Math.random().toString(36).slice(2)}.docx`);
  writeFileSync(path, data);
  const script = 'import docx, json, sys\nd = docx.Document(sys.argv[1])\nprint(json.dumps([[p.style.name, p.text] for p in d.paragraphs]))';
  const result = spawnSync(PYTHON, ['-c', script, path], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(result.stderr);
  return JSON.parse(result.stdout) as Array<[string, string]>;
}

describe('retrieval report (Word)', () => {
  it('lists the segments of the chosen codes per code and institution, with source, role, page and coder', async () => {
    const { study } = await codedExchangeStudy(dir);
    const file = await exportFile(study, 'retrieval', 'pseudonymised', [codeId(study, 'contact'), codeId(study, 'bestuur')]);
    expect(file.fileName).toMatch(/fragmenten per code\.docx$/);
    const read = paragraphs(file.data);
    const headings = read.filter(([style]) => style.startsWith('Heading')).map(([style, text]) => `${style}: ${text}`);
    expect(headings).toEqual(['Heading 1: Betekenisvol contact (2)', 'Heading 2: GI Noord (2)', 'Heading 1: Wijze van bestuur (1)', 'Heading 2: GI Zuid (1)']);
    const texts = read.map(([, text]) => text);
    expect(texts).toContain('“[naam] vertelde”');
    expect(texts).toContain('“monitorlijst”');
    expect(texts.some((text) => /beleid · Beleidsdocument · p\. 2 · Wijze van bestuur · positief · IE/.test(text))).toBe(true);
    expect(JSON.stringify(read)).not.toMatch(/\bNoor\b|Inspecteur Een/);

    const full = paragraphs((await exportFile(study, 'retrieval', 'full', [codeId(study, 'contact')])).data);
    expect(full.map(([, text]) => text)).toContain('“Noor vertelde”');
    study.close();
  });
});
