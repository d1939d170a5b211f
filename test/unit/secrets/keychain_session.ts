import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { keychainService } from '../../../src-main/secrets';

/** A namespace no other test (or data folder) uses. */
export function freshNamespace(): string {
  return `test-${randomBytes(8).toString('hex')}`;
}

/** What `secret-tool` (libsecret, not our code) finds for a cmp-desk account: the raw secret bytes, or null. */
export function secretToolLookup(namespace: string, account: string): Buffer | null {
  try {
    return execFileSync('secret-tool', ['lookup', 'service', keychainService, 'username', `${namespace}/${account}`], { encoding: 'buffer' });
  } catch {
    return null;
  }
}

/** Every username secret-tool lists under the cmp-desk service for a namespace. */
export function secretToolAccounts(namespace: string): string[] {
  // secret-tool prints the secrets on stdout and the attributes on stderr.
  const search = spawnSync('secret-tool', ['search', '--all', 'service', keychainService], { encoding: 'utf8' });
  if (search.status !== 0 && search.status !== 1) throw new Error(`secret-tool search failed: ${search.stderr}`);
  const out = search.stderr;
  const names = [...out.matchAll(/^attribute\.username = (.*)$/gm)].map((m) => m[1] ?? '');
  return names.filter((n) => n.startsWith(`${namespace}/`)).map((n) => n.slice(namespace.length + 1)).sort();
}
