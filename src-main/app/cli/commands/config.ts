import { readFile, stat } from 'node:fs/promises';
import { exportConfigDocument, importConfigDocument, openConfigContext, readConfigSnapshot } from '../../../config';
import { CliUsageError, type CliCommand } from '../command';
import { writeOutputFile } from './output_file';

/** A configuration export is a few hundred kilobytes; anything far larger is not one. */
const maxConfigFileBytes = 32 * 1024 * 1024;

/**
 * `config export [FILE]` writes the configuration as JSON (stdout without FILE), secrets left out;
 * `config import FILE` validates the whole file, then writes it in one transaction.
 */
export const configCommand: CliCommand = {
  name: 'config',
  summary: 'Export the configuration as JSON (no secrets) or import such a file',
  usage: 'export [FILE] | import FILE',
  options: {},
  async run({ positionals, context }) {
    const [action, file, ...rest] = positionals;
    if (rest.length > 0) throw new CliUsageError(`unexpected argument "${rest[0]}"`, 'config');
    const config = openConfigContext(context.dataPaths.dataDir);
    try {
      if (action === 'export') {
        const text = `${JSON.stringify(exportConfigDocument(readConfigSnapshot(config.store), new Date()), null, 2)}\n`;
        if (file === undefined) context.output.out(text.trimEnd());
        else {
          await writeOutputFile(file, text, 0o600);
          context.output.err(`configuration written to ${file}`);
        }
        return 0;
      }
      if (action === 'import') {
        if (file === undefined) throw new CliUsageError('config import needs the FILE to read', 'config');
        const document = await readJsonFile(file);
        const keys = await config.initialAuthenticationKeys().catch(() => null);
        const report = await importConfigDocument(config.store, document, keys);
        for (const o of report.outcomes.filter((x) => x.action !== 'unchanged')) context.output.out(`${o.action.padEnd(8)} ${o.kind} "${o.name}"`);
        context.output.out(`${report.created} created, ${report.updated} updated, ${report.unchanged} unchanged`);
        for (const s of report.secretsNeeded) context.output.out(`needs secret: CMP profile "${s.cmpProfileName}" (reference ${s.reference}) has no initial authentication key yet`);
        return 0;
      }
      throw new CliUsageError('config needs "export [FILE]" or "import FILE"', 'config');
    } finally {
      config.close();
    }
  },
};

async function readJsonFile(file: string): Promise<unknown> {
  const size = (await stat(file)).size;
  if (size > maxConfigFileBytes) throw new Error(`${file} is ${size} bytes; a configuration export is at most ${maxConfigFileBytes}`);
  const text = await readFile(file, 'utf8');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`${file} is not JSON: ${(error as Error).message}`);
  }
}
