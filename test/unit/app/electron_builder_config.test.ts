import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const yaml = require('js-yaml') as { load(text: string): unknown };
const Ajv = require('ajv') as new (options: object) => { compile(schema: object): ((data: unknown) => boolean) & { errors?: unknown[] } };
interface BuilderConfig {
  asar: boolean;
  asarUnpack: string[];
  npmRebuild: boolean;
  files: string[];
  electronFuses: Record<string, boolean>;
  linux: { target: string[]; icon: string };
  win: { target: string[]; icon: string };
  mac: { target: string[] };
}
const config = yaml.load(readFileSync(join(repo, 'electron-builder.yml'), 'utf8')) as BuilderConfig;

describe('electron-builder.yml', () => {
  it('matches electron-builder\'s own configuration schema', () => {
    const schema = require('app-builder-lib/scheme.json');
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    const valid = validate(config);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('builds AppImage + deb, NSIS and dmg', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.mac.target).toEqual(['dmg']);
  });

  it('packs into asar with the fuses that close Node entry points and check asar integrity', () => {
    expect(config.asar).toBe(true);
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('unpacks the native add-ons (better-sqlite3, @napi-rs/keyring), which cannot load from inside the asar', () => {
    expect(config.asarUnpack).toContain('**/*.node');
  });

  it('packages only the build output, never sources or tests', () => {
    const included = config.files.filter((f) => !f.startsWith('!'));
    expect(included.every((f) => f === 'package.json' || f.startsWith('dist/'))).toBe(true);
    expect(config.npmRebuild).toBe(true);
  });

  it('points at icons that exist', () => {
    for (const size of [16, 32, 48, 64, 128, 256, 512]) {
      expect(readFileSync(join(repo, config.linux.icon, `${size}x${size}.png`)).subarray(1, 4).toString()).toBe('PNG');
    }
    expect(readFileSync(join(repo, config.win.icon)).subarray(1, 4).toString()).toBe('PNG');
  });
});
