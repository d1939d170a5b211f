import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const fixtures = join(repo, 'test/unit/layering/fixtures');

/** Type-checks one probe file with a layer's real tsconfig (the one `npm run typecheck` uses). */
function typeErrors(layer: 'src-shared' | 'src-renderer' | 'src-main', probe: string): string[] {
  const config = ts.getParsedCommandLineOfConfigFile(join(repo, layer, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => { throw new Error(String(d.messageText)); } });
  if (!config) throw new Error(`cannot read ${layer}/tsconfig.json`);
  const file = join(fixtures, probe);
  const program = ts.createProgram({ rootNames: [file], options: config.options });
  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file?.fileName === file || d.file === undefined)
    .map((d) => `TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
}

const eslint = new ESLint({ cwd: repo });

/** Lints an import statement as if it were written in a file at `path` (the real eslint.config.js). */
async function lintErrors(path: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${source}\nexport const probe = x;\n`, { filePath: join(repo, path) });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

// Each probe builds a TypeScript program or lints with the full config: slower than a unit test.
const slow = { timeout: 60_000 };

describe('layering: the typecheck refuses the wrong environment', slow, () => {
  it('src-shared cannot import node:*', () => {
    expect(typeErrors('src-shared', 'shared_imports_node.ts').join('\n')).toMatch(/TS2307: Cannot find module 'node:fs'/);
  });

  it('src-shared cannot use DOM types', () => {
    expect(typeErrors('src-shared', 'shared_uses_dom.ts').join('\n')).toMatch(/Cannot find name 'document'/);
  });

  it('src-renderer cannot import node:* or use Node globals', () => {
    expect(typeErrors('src-renderer', 'renderer_imports_node.ts').join('\n')).toMatch(/TS2307: Cannot find module 'node:fs'/);
    expect(typeErrors('src-renderer', 'renderer_uses_process.ts').join('\n')).toMatch(/Cannot find name 'process'/);
  });

  it('src-main has no DOM', () => {
    expect(typeErrors('src-main', 'main_uses_dom.ts').join('\n')).toMatch(/Cannot find name 'document'/);
  });

  it('the same settings accept code that belongs in each layer (so the probes fail for the right reason)', () => {
    expect(typeErrors('src-shared', 'shared_pure.ts')).toEqual([]);
    expect(typeErrors('src-renderer', 'renderer_dom.ts')).toEqual([]);
    expect(typeErrors('src-main', 'main_node.ts')).toEqual([]);
  });
});

describe('layering: the lint rules refuse wrong imports', slow, () => {
  const refused: [string, string, RegExp][] = [
    ['src-shared/ipc/probe.ts', "import x from 'node:fs';", /no Node built-ins/],
    ['src-shared/ipc/probe.ts', "import x from 'fs';", /no Node built-ins/],
    ['src-shared/ipc/probe.ts', "import x from 'electron';", /must not import electron/],
    ['src-shared/ipc/probe.ts', "import x from 'react';", /layers above it/],
    ['src-shared/ipc/probe.ts', "import x from '../../src-main/app/compose';", /layers above it/],
    ['src-renderer/shell/probe.tsx', "import x from 'node:path';", /no Node built-ins/],
    ['src-renderer/shell/probe.tsx', "import x from 'electron';", /typed IPC client/],
    ['src-renderer/shell/probe.tsx', "import x from '../../src-main/app/compose';", /must not import main-process code/],
    ['src-main/app/probe.ts', "import x from 'electron';", /Only src-main\/app\/electron\//],
    ['src-main/cmp/probe.ts', "import x from 'electron';", /Only src-main\/app\/electron\//],
    ['src-main/app/probe.ts', "import x from '../../src-renderer/shell/App';", /must not import the renderer/],
    ['src-main/app/electron/probe.ts', "import x from '../../../src-renderer/shell/App';", /must not import the renderer/],
  ];
  for (const [path, source, message] of refused) {
    it(`${path}: ${source}`, async () => {
      const errors = await lintErrors(path, source);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatch(message);
    });
  }

  const allowed: [string, string][] = [
    ['src-main/app/electron/probe.ts', "import x from 'electron';"],
    ['src-main/app/probe.ts', "import x from 'node:fs';"],
    ['src-main/app/probe.ts', "import x from '../../src-shared/ipc/index';"],
    ['src-renderer/shell/probe.tsx', "import x from '../../src-shared/ipc/index';"],
    ['src-shared/ipc/probe.ts', "import x from 'zod';"],
  ];
  for (const [path, source] of allowed) {
    it(`allows ${path}: ${source}`, async () => {
      expect(await lintErrors(path, source)).toEqual([]);
    });
  }
});
