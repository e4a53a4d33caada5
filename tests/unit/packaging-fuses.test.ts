/**
 * The packaged app flips Electron's fuses (issue 11): read electron-builder.yml
 * as electron-builder does, turn its `electronFuses` into the fuse wire with
 * electron-builder's own mapping onto @electron/fuses, and check each fuse.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const root = resolve(__dirname, '../..');

async function fuseWire(): Promise<Record<number, boolean | undefined>> {
  const { load } = require('js-yaml') as { load: (text: string) => unknown };
  const config = load(readFileSync(resolve(root, 'electron-builder.yml'), 'utf8')) as { electronFuses?: Record<string, boolean> };
  expect(config.electronFuses, 'electron-builder.yml zet geen electronFuses').toBeTypeOf('object');
  const { PlatformPackager } = require('app-builder-lib') as {
    PlatformPackager: { prototype: { generateFuseConfig(fuses: unknown): Promise<Record<number, boolean | undefined>> } };
  };
  return PlatformPackager.prototype.generateFuseConfig.call({}, config.electronFuses);
}

describe('packaging: Electron fuses', () => {
  it('sets every fuse the issue asks for', async () => {
    const { FuseV1Options } = require('@electron/fuses') as { FuseV1Options: Record<string, number> };
    const wire = await fuseWire();
    expect(wire[FuseV1Options.RunAsNode!]).toBe(false);
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable!]).toBe(false);
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments!]).toBe(false);
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation!]).toBe(true);
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar!]).toBe(true);
    expect(wire[FuseV1Options.EnableCookieEncryption!]).toBe(true);
  });

  it('names only fuses electron-builder knows (a typo would be ignored silently at packaging)', () => {
    const { load } = require('js-yaml') as { load: (text: string) => unknown };
    const config = load(readFileSync(resolve(root, 'electron-builder.yml'), 'utf8')) as { electronFuses: Record<string, boolean> };
    const schema = JSON.parse(readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8')) as {
      definitions: { FuseOptionsV1: { properties: Record<string, unknown> } };
    };
    for (const name of Object.keys(config.electronFuses)) expect(Object.keys(schema.definitions.FuseOptionsV1.properties)).toContain(name);
  });
});
