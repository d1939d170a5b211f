import { z } from 'zod';
import type { CaStore } from './ca_store';
import { type CmpPaths, parseKnobs } from './cmp_paths';
import { LabCaConfigError } from './errors';
import type { IssuedCertificate } from './issued_certificates';
import type { TestKnobs } from './test_knobs';

/**
 * What tests change while the lab CA runs: the knobs and settings of each CMP path, and a look at
 * what was issued and revoked. In-process tests call it directly; child-process tests reach it over
 * HTTP at /labca-admin/ with the bearer token (see handleAdminRequest).
 */
export class LabCaAdmin {
  constructor(private readonly paths: CmpPaths, private readonly store: CaStore) {}

  /** Replaces the knobs of `path` (an empty object turns them all off). */
  setKnobs(path: string, knobs: TestKnobs): void {
    this.paths.require(path).knobs = parseKnobs(path, knobs);
  }

  knobs(path: string): TestKnobs {
    return { ...this.paths.require(path).knobs };
  }

  setValiditySeconds(path: string, seconds: number): void {
    if (!Number.isInteger(seconds) || seconds < 1) throw new LabCaConfigError(`${path} validity`, 'a whole number of seconds >= 1', String(seconds));
    this.paths.require(path).validitySeconds = seconds;
  }

  setSharedSecret(path: string, reference: string, secret: string): void {
    this.paths.require(path).sharedSecrets.set(reference, new Uint8Array(Buffer.from(secret, 'utf8')));
  }

  certificates(): IssuedCertificate[] {
    return this.store.database.all();
  }

  revoke(serialHex: string, reason = 0): void {
    const entry = this.store.database.get(serialHex);
    if (!entry || entry.state === 'revoked') throw new LabCaConfigError('serial', 'an unrevoked certificate of this CA', serialHex);
    this.store.revoke(serialHex, reason);
  }

  /** Resolves once every revocation made so far is on disk. */
  whenDurable(): Promise<void> {
    return this.store.database.whenDurable();
  }
}

const adminBodies = {
  validity: z.object({ seconds: z.number().int().min(1) }).strict(),
  secret: z.object({ reference: z.string().min(1), secret: z.string().min(1) }).strict(),
  revoke: z.object({ serialHex: z.string().regex(/^[0-9A-F]+$/), reason: z.number().int().min(0).max(10).optional() }).strict(),
};

/**
 * The HTTP form of the admin API (JSON):
 *   GET  certificates                      -> IssuedCertificate[]
 *   GET  knobs?path=/p                     -> TestKnobs
 *   PUT  knobs?path=/p        TestKnobs    -> 204
 *   PUT  validity?path=/p     {seconds}
 *   PUT  secret?path=/p       {reference, secret}
 *   POST revoke               {serialHex, reason?}
 */
export async function handleAdminRequest(admin: LabCaAdmin, method: string, route: string, query: URLSearchParams, body: unknown): Promise<[number, unknown]> {
  const path = query.get('path') ?? '';
  try {
    switch (`${method} ${route}`) {
      case 'GET certificates':
        return [200, admin.certificates()];
      case 'GET knobs':
        return [200, admin.knobs(path)];
      case 'PUT knobs':
        admin.setKnobs(path, (body ?? {}) as TestKnobs);
        return [204, null];
      case 'PUT validity':
        admin.setValiditySeconds(path, parse(adminBodies.validity, body).seconds);
        return [204, null];
      case 'PUT secret': {
        const { reference, secret } = parse(adminBodies.secret, body);
        admin.setSharedSecret(path, reference, secret);
        return [204, null];
      }
      case 'POST revoke': {
        const { serialHex, reason } = parse(adminBodies.revoke, body);
        admin.revoke(serialHex, reason);
        await admin.whenDurable();
        return [204, null];
      }
      default:
        return [404, { error: `no admin route ${method} ${route}` }];
    }
  } catch (error) {
    if (error instanceof LabCaConfigError) return [400, { error: error.message }];
    throw error;
  }
}

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new LabCaConfigError('admin request body', 'the documented JSON shape', parsed.error.issues.map((i) => i.message).join('; '));
  return parsed.data;
}
