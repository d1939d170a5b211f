import { readFile } from 'node:fs/promises';
import { CliUsageError } from '../command';
import { CmpInputError } from './cmp_input_error';

/**
 * Reads a shared secret the way `openssl cmp -secret` names it: `pass:VALUE`, `env:VARIABLE` or
 * `file:PATH` (first line, without the line break). Error messages name the source, never the value.
 */
export async function readSecret(source: string, env: Record<string, string | undefined>): Promise<Uint8Array> {
  const separator = source.indexOf(':');
  const kind = separator === -1 ? '' : source.slice(0, separator);
  const rest = separator === -1 ? '' : source.slice(separator + 1);
  let value: string;
  switch (kind) {
    case 'pass':
      value = rest;
      break;
    case 'env': {
      const fromEnv = env[rest];
      if (fromEnv === undefined) throw new CmpInputError(`--secret env:${rest}: the environment variable ${rest} is not set`);
      value = fromEnv;
      break;
    }
    case 'file': {
      const text = await readFile(rest, 'utf8').catch((error: NodeJS.ErrnoException) => {
        throw new CmpInputError(`--secret file:${rest}: cannot read the file (${error.code ?? error.message})`);
      });
      value = text.split(/\r?\n/, 1)[0];
      break;
    }
    default:
      throw new CliUsageError('--secret must be pass:VALUE, env:VARIABLE or file:PATH');
  }
  if (value.length === 0) throw new CmpInputError(`--secret ${kind}:…: the secret is empty`);
  return new Uint8Array(Buffer.from(value, 'utf8'));
}
