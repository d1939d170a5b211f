import { LabCaConfigError } from './errors';
import { adminPrefix, chainPath, crlPath, rootCaPath } from './http_server';
import { testKnobsSchema, type TestKnobs } from './test_knobs';
import { defaultValiditySeconds } from './validity';

/** RFC 9811 3.2: the well-known CMP path; aliases are `/.well-known/cmp/p/<label>` or any other path. */
export const wellKnownCmpPath = '/.well-known/cmp';

/** What one CMP path (alias) of the lab CA is configured with. */
export interface CmpPathOptions {
  path: string;
  /** Shared-secret references (senderKID) and their secrets, for PBM and PBMAC1 protection. */
  sharedSecrets?: Record<string, string>;
  /** Accept signature-protected requests with certificates this CA issued (default true). */
  acceptSignatures?: boolean;
  /** Validity of issued certificates (default 90 days). */
  validitySeconds?: number;
  knobs?: TestKnobs;
}

export interface CmpPathSettings {
  path: string;
  sharedSecrets: Map<string, Uint8Array>;
  acceptSignatures: boolean;
  validitySeconds: number;
  knobs: TestKnobs;
}

const reservedPrefixes = [crlPath, rootCaPath, chainPath, adminPrefix];

/** The CMP paths of one lab CA and their settings, changeable at run time by the admin API. */
export class CmpPaths {
  private readonly byPath = new Map<string, CmpPathSettings>();

  constructor(options: readonly CmpPathOptions[]) {
    if (options.length === 0) throw new LabCaConfigError('paths', 'at least one CMP path', 'none');
    for (const option of options) this.add(option);
  }

  add(option: CmpPathOptions): void {
    const path = option.path;
    if (!/^\/[A-Za-z0-9._~\-/]*$/.test(path) || path.includes('//') || (path.length > 1 && path.endsWith('/'))) {
      throw new LabCaConfigError('path', 'an absolute URL path such as /.well-known/cmp/p/lab', JSON.stringify(path));
    }
    if (reservedPrefixes.some((reserved) => path === reserved || path.startsWith(adminPrefix))) {
      throw new LabCaConfigError('path', 'a path the lab CA does not use for something else', path);
    }
    if (this.byPath.has(path)) throw new LabCaConfigError('path', 'each CMP path once', `${path} twice`);
    const validitySeconds = option.validitySeconds ?? defaultValiditySeconds;
    if (!Number.isInteger(validitySeconds) || validitySeconds < 1) {
      throw new LabCaConfigError(`${path} validity`, 'a whole number of seconds >= 1', String(validitySeconds));
    }
    this.byPath.set(path, {
      path,
      sharedSecrets: new Map(Object.entries(option.sharedSecrets ?? {}).map(([ref, secret]) => [ref, new Uint8Array(Buffer.from(secret, 'utf8'))])),
      acceptSignatures: option.acceptSignatures ?? true,
      validitySeconds,
      knobs: parseKnobs(path, option.knobs ?? {}),
    });
  }

  list(): string[] {
    return [...this.byPath.keys()];
  }

  get(path: string): CmpPathSettings | undefined {
    return this.byPath.get(path);
  }

  /** The settings of `path`; a typed error naming the known paths otherwise. */
  require(path: string): CmpPathSettings {
    const settings = this.byPath.get(path);
    if (!settings) throw new LabCaConfigError('path', `one of ${this.list().join(', ')}`, JSON.stringify(path));
    return settings;
  }
}

/** Validates knobs from a test (in-process or over the admin endpoint). */
export function parseKnobs(path: string, knobs: unknown): TestKnobs {
  const parsed = testKnobsSchema.safeParse(knobs);
  if (!parsed.success) throw new LabCaConfigError(`${path} knobs`, 'valid test knobs', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  return parsed.data;
}
