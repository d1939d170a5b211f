import { readFile } from 'node:fs/promises';
import { exportCertificate, openConfigContext, type CertificateExportFormat } from '../../../config';
import { CliUsageError, type CliCommand } from '../command';
import { writeOutputFile } from './output_file';

const formats: readonly CertificateExportFormat[] = ['pem', 'der', 'p12'];

/**
 * `export NAME --format pem|der|p12 [--chain] [--legacy] --out FILE [--passphrase SOURCE]`: a
 * record's current certificate; PKCS#12 adds the private key under the passphrase (file mode 0600).
 */
export const exportCommand: CliCommand = {
  name: 'export',
  summary: 'Export a record\'s certificate as PEM or DER, or with its key as PKCS#12',
  usage: 'NAME --format pem|der|p12 [--chain] [--legacy] --out FILE [--passphrase pass:X|env:VAR|file:PATH]',
  options: { format: { type: 'string' }, chain: { type: 'boolean' }, legacy: { type: 'boolean' }, out: { type: 'string' }, passphrase: { type: 'string' } },
  async run({ positionals, values, context }) {
    const [name, ...rest] = positionals;
    if (name === undefined || rest.length > 0) throw new CliUsageError('export needs exactly one certificate record NAME', 'export');
    const format = values.format as CertificateExportFormat | undefined;
    if (format === undefined || !formats.includes(format)) throw new CliUsageError('--format must be pem, der or p12', 'export');
    const out = values.out as string | undefined;
    if (out === undefined) throw new CliUsageError('--out FILE is required', 'export');
    if (values.legacy && format !== 'p12') throw new CliUsageError('--legacy applies to --format p12 only', 'export');
    const spec = values.passphrase as string | undefined;
    if (format === 'p12' && spec === undefined) throw new CliUsageError('--format p12 needs --passphrase pass:X, env:VAR or file:PATH', 'export');
    const passphrase = spec === undefined ? undefined : await readPassphrase(spec, process.env);
    const config = openConfigContext(context.dataPaths.dataDir);
    try {
      const result = await exportCertificate(config.store, config.dataKey, { record: name, format, chain: values.chain === true, legacy: values.legacy === true, passphrase });
      await writeOutputFile(out, result.bytes, result.fileMode);
      context.output.out(`${format.toUpperCase()} of "${name}" (serial ${result.certificate.serialNumber}) written to ${out}`);
      return 0;
    } finally {
      config.close();
    }
  },
};

/** `pass:VALUE`, `env:VARIABLE` or `file:PATH` (first line); messages name the source, never the value. */
async function readPassphrase(spec: string, env: Record<string, string | undefined>): Promise<string> {
  const separator = spec.indexOf(':');
  const kind = spec.slice(0, Math.max(separator, 0));
  const rest = spec.slice(separator + 1);
  let value: string | undefined;
  if (kind === 'pass') value = rest;
  else if (kind === 'env') value = env[rest];
  else if (kind === 'file') {
    value = (await readFile(rest, 'utf8').catch(() => {
      throw new CliUsageError(`--passphrase file:${rest}: cannot read the file`, 'export');
    })).split(/\r?\n/, 1)[0];
  } else throw new CliUsageError('--passphrase must be pass:X, env:VAR or file:PATH', 'export');
  if (!value) throw new CliUsageError(`--passphrase ${kind}:…: the passphrase is empty or not set`, 'export');
  return value;
}
