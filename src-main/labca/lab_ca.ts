import { randomBytes } from 'node:crypto';
import { LabCaAdmin, handleAdminRequest } from './admin_api';
import type { CaKeyPassphraseSource } from './ca_key_passphrase';
import { CaStore } from './ca_store';
import { type CmpPathOptions, CmpPaths, wellKnownCmpPath } from './cmp_paths';
import { CmpService } from './cmp_service';
import { crlPath, LabCaListener, type LabCaHttpHandlers } from './http_server';
import { LabCaProtectionPolicy } from './request_protection';
import { toPem } from '../pki/pem';
import { exportPrivateKeyPem } from '../pki/private_key_format';

export interface LabCaOptions {
  /** The CA's folder; created with a new root and issuing CA when empty. */
  dir: string;
  /** Key algorithm of a new CA: "ec:P-256" (default) or e.g. "rsa:2048". */
  keyAlgorithm?: string;
  /** Where the passphrase of the CA keys comes from; default `folder-file` (see ca_key_passphrase.ts). */
  passphrase?: CaKeyPassphraseSource;
  /** Plain HTTP listener on 127.0.0.1; default on, free port. */
  http?: boolean | { port?: number };
  /** HTTPS listener on 127.0.0.1 with a TLS certificate from the lab CA; default off. */
  https?: boolean | { port?: number };
  /** CMP paths and their settings; default just /.well-known/cmp. */
  paths?: CmpPathOptions[];
  /** Serve the admin API at /labca-admin/ behind a random bearer token (for child-process tests). */
  adminHttp?: boolean;
  /** How long an open transaction waits for its certConf or pollReq, from its opening request; default 10 min. */
  transactionLifetimeSeconds?: number;
}

/**
 * A running lab CA: the store, the CMP service and its listeners. The same object serves the CLI
 * (`cmp-desk labca`), the app's lab mode and the tests.
 */
export class LabCa {
  private constructor(
    readonly store: CaStore,
    readonly admin: LabCaAdmin,
    private readonly paths: CmpPaths,
    private readonly listeners: { http?: LabCaListener; https?: LabCaListener },
    /** Bearer token of the HTTP admin API, when enabled. */
    readonly adminToken: string | undefined,
  ) {}

  static async start(options: LabCaOptions): Promise<LabCa> {
    const store = await CaStore.open({ dir: options.dir, keyAlgorithm: options.keyAlgorithm, passphrase: options.passphrase ?? { kind: 'folder-file' } });
    try {
      const paths = new CmpPaths(options.paths ?? [{ path: wellKnownCmpPath }]);
      const admin = new LabCaAdmin(paths, store);
      const service = new CmpService(store, paths, new LabCaProtectionPolicy(store), { transactionLifetimeMs: options.transactionLifetimeSeconds === undefined ? undefined : options.transactionLifetimeSeconds * 1000 });
      const adminToken = options.adminHttp ? randomBytes(24).toString('base64url') : undefined;
      const handlers: LabCaHttpHandlers = {
        cmpPaths: () => paths.list(),
        handleCmp: (path, body) => service.handle(path, body),
        crl: () => store.crl(),
        rootCaPem: () => toPem(store.root.der, 'CERTIFICATE'),
        chainPem: () => store.chainPem(),
        handleAdmin: (method, route, query, body) => handleAdminRequest(admin, method, route, query, body),
      };
      const listeners: { http?: LabCaListener; https?: LabCaListener } = {};
      const httpOption = options.http ?? true;
      if (httpOption) listeners.http = await LabCaListener.listen(handlers, adminToken, { port: portOf(httpOption) });
      if (options.https) {
        const tls = await store.issueTlsServerCertificate();
        listeners.https = await LabCaListener.listen(handlers, adminToken, {
          port: portOf(options.https),
          tls: { certificatePem: toPem(tls.certificate.der, 'CERTIFICATE') + toPem(store.issuing.der, 'CERTIFICATE'), keyPem: exportPrivateKeyPem(tls.key.privateKey) },
        });
      }
      const crlBase = listeners.http?.url ?? listeners.https?.url;
      if (crlBase) store.crlUrl = `${crlBase}${crlPath}`;
      return new LabCa(store, admin, paths, listeners, adminToken);
    } catch (error) {
      store.close();
      throw error;
    }
  }

  /** e.g. http://127.0.0.1:41234 */
  get httpUrl(): string | undefined {
    return this.listeners.http?.url;
  }

  get httpsUrl(): string | undefined {
    return this.listeners.https?.url;
  }

  /** Every CMP URL the lab CA answers on. */
  cmpUrls(): string[] {
    const bases = [this.httpUrl, this.httpsUrl].filter((u): u is string => Boolean(u));
    return this.paths.list().flatMap((path) => bases.map((base) => `${base}${path}`));
  }

  get crlUrl(): string | undefined {
    return this.store.crlUrl;
  }

  get rootCaPath(): string {
    return this.store.rootCertificatePath;
  }

  get rootCaPem(): string {
    return toPem(this.store.root.der, 'CERTIFICATE');
  }

  /** SHA-256 of the root certificate, colon-separated hex, for out-of-band verification. */
  get rootFingerprintSha256(): string {
    return this.store.root.sha256Fingerprint;
  }

  async stop(): Promise<void> {
    await Promise.all([this.listeners.http?.close(), this.listeners.https?.close()]);
    this.store.close();
  }
}

function portOf(option: boolean | { port?: number }): number {
  return typeof option === 'object' ? (option.port ?? 0) : 0;
}
