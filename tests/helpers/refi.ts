/** Independent checks of REFI-QDA files: Info-ZIP's unzip opens the archive, xmllint validates against the schemas. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const SCHEMAS = resolve(__dirname, '../fixtures/refi-qda');

/** Unpack an archive with unzip into a new folder under `dir`; returns the folder. */
export function unzipWithInfoZip(dir: string, archive: Buffer): string {
  const target = mkdtempSync(join(dir, 'unzip-'));
  const file = join(target, 'archief.qdpx');
  writeFileSync(file, archive);
  const result = spawnSync('unzip', ['-qq', file, '-d', join(target, 'uit')], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`unzip faalde: ${result.stderr}`);
  return join(target, 'uit');
}

/** xmllint's verdict on an XML file against Project.xsd or Codebook.xsd: '' when valid, else its complaints. */
export function schemaErrors(xmlPath: string, schema: 'Project.xsd' | 'Codebook.xsd'): string {
  const result = spawnSync('xmllint', ['--noout', '--schema', join(SCHEMAS, schema), xmlPath], { encoding: 'utf8' });
  return result.status === 0 ? '' : result.stderr || `xmllint stopte met ${result.status}`;
}

export const readText = (path: string) => readFileSync(path, 'utf8');
