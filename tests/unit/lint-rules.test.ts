/**
 * The linter's folder rules (eslint.config.js) catch what DESIGN.md forbids:
 * planted files, linted through ESLint's Node API at paths inside the real
 * tree (nothing is written to disk), must fail with the rule that names the
 * breach, and the same imports from a place that may make them must pass.
 */
import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../..');
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: root });
});

/** The rule ids ESLint reports for `code` planted at `file` (relative to the repository). */
async function rulesBroken(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(root, file) });
  const messages = result?.messages ?? [];
  const fatal = messages.filter((message) => message.fatal);
  expect(fatal).toEqual([]);
  return messages.map((message) => message.ruleId ?? '');
}

describe('ESLint folder rules', () => {
  it('renderer/ may not import the backend or electron/', async () => {
    expect(await rulesBroken('renderer/coding/planted.ts', "import { dispatch } from '../../backend/api/handlers';\nexport { dispatch };\n")).toEqual(['import-x/no-restricted-paths']);
    expect(await rulesBroken('renderer/coding/planted.ts', "import { callChannel } from '../../electron/channels';\nexport { callChannel };\n")).toEqual(['import-x/no-restricted-paths']);
    expect(await rulesBroken('renderer/planted.ts', "import { ipcRenderer } from 'electron';\nexport { ipcRenderer };\n")).toEqual(['no-restricted-imports']);
    expect(await rulesBroken('renderer/coding/planted.ts', "import { readFileSync } from 'node:fs';\nexport { readFileSync };\n")).toEqual(['import-x/no-nodejs-modules']);
    expect(await rulesBroken('renderer/coding/planted.ts', "import { CALL_NAMES } from '../../shared/api/contract';\nexport { CALL_NAMES };\n")).toEqual([]);
  });

  it('shared/ imports nothing outside shared/, no Node and no DOM', async () => {
    expect(await rulesBroken('shared/planted.ts', "import { toApiError } from '../backend/api/handlers';\nexport { toApiError };\n")).toEqual(['import-x/no-restricted-paths']);
    expect(await rulesBroken('shared/planted.ts', "import { join } from 'node:path';\nexport { join };\n")).toEqual(['import-x/no-nodejs-modules']);
    expect(await rulesBroken('shared/planted.ts', 'export const width = () => window.innerWidth;\n')).toEqual(['no-restricted-globals']);
    expect(await rulesBroken('shared/planted.ts', "import { z } from 'zod';\nimport { encodeHlc } from './hlc';\nexport { z, encodeHlc };\n")).toEqual([]);
  });

  it('capability folders in backend/ do not import their hosts', async () => {
    for (const host of ['../host/cli', '../service/protocol', '../../electron/channels']) {
      expect(await rulesBroken('backend/coding/planted.ts', `import * as host from '${host}';\nexport { host };\n`)).toEqual(['import-x/no-restricted-paths']);
    }
    expect(await rulesBroken('backend/planted.ts', "import * as host from './host/cli';\nexport { host };\n")).toEqual(['import-x/no-restricted-paths']);
    // Hosts call capabilities, and host files use each other.
    expect(await rulesBroken('backend/host/planted.ts', "import * as codings from '../coding/codings';\nimport * as cli from './cli';\nexport { codings, cli };\n")).toEqual([]);
  });

  it('renderer capability folders do not reach into renderer/app/', async () => {
    expect(await rulesBroken('renderer/coding/planted.ts', "import { App } from '../app/App';\nexport { App };\n")).toEqual(['import-x/no-restricted-paths']);
    expect(await rulesBroken('renderer/ui/planted.ts', "import { App } from '../app/App';\nexport { App };\n")).toEqual(['import-x/no-restricted-paths']);
    expect(await rulesBroken('renderer/app/planted.ts', "import { useToasts } from '../ui/toast-store';\nimport { App } from './App';\nexport { useToasts, App };\n")).toEqual([]);
  });

  it('hooks follow the rules of hooks and name their dependencies', async () => {
    const conditional = "import { useState } from 'react';\nexport function View({ on }: { on: boolean }) {\n  if (on) useState(0);\n  return null;\n}\n";
    expect(await rulesBroken('renderer/coding/planted.tsx', conditional)).toEqual(['react-hooks/rules-of-hooks']);
    const missing = "import { useEffect } from 'react';\nexport function View({ id }: { id: string }) {\n  useEffect(() => console.log(id), []);\n  return null;\n}\n";
    expect(await rulesBroken('renderer/coding/planted.tsx', missing)).toEqual(['react-hooks/exhaustive-deps']);
  });
});
