import type { KeyObject } from 'node:crypto';
import type { CmpProfile } from '../../src-shared/domain';
import type { TransactionSnapshot } from '../cmp/transactions';
import type { ParsedCertificate } from '../pki';
import type { RequestParameters } from './request_parameters';

/** A step the engine must journal before the message goes out (synchronously: the send waits for it). */
export interface SendStep {
  /** The CMP body type about to be sent (ir, kur, pollReq, certConf). */
  messageType: string;
  snapshot: TransactionSnapshot;
  /** The server of the group the message goes to first. */
  serverName: string;
}

/** Where an enrollment reports what must survive a crash. Both calls are synchronous and may throw to stop the send. */
export interface EnrollmentJournal {
  beforeSend(step: SendStep): void;
  /** An accepted certificate, before the certConf that accepts it goes out. */
  certificateReceived(certificate: ParsedCertificate, chain: readonly ParsedCertificate[]): void;
}

/** One IR or KUR (new or resumed) as the lifecycle asks for it. */
export interface EnrollmentJob {
  type: 'ir' | 'kur';
  recordId: string;
  profile: CmpProfile;
  parameters: RequestParameters;
  keyPair: { privateKey: KeyObject; publicKey: KeyObject };
  /** kur: the certificate being renewed and its key, which sign the request (RFC 9483 4.1.3). */
  renewing?: { certificate: ParsedCertificate; chain: ParsedCertificate[]; privateKey: KeyObject };
  /** Continue a transaction the CA answered with "waiting" (same transactionID and nonces). */
  resumeFrom?: TransactionSnapshot;
  /** A certificate valid shorter than this (renew-before-expiry) is rejected in certConf. */
  minimumValidityMs: number;
  journal: EnrollmentJournal;
  signal?: AbortSignal;
}

export type EnrollmentOutcome =
  | { status: 'issued'; certificate: ParsedCertificate; chain: ParsedCertificate[]; snapshot: TransactionSnapshot; serverName: string | null }
  /** Polling ran out of retries this tick; resume from the snapshot at the next tick. */
  | { status: 'waiting'; snapshot: TransactionSnapshot; nextPollAt: number; serverName: string | null }
  | {
      status: 'rejected' | 'failed';
      reason: string;
      snapshot: TransactionSnapshot | null;
      /** We rejected a certificate valid shorter than renew-before-expiry (retry per reference/000). */
      shortValidity: boolean;
      /** The failure happened while a certConf accepting a certificate was on the wire. */
      certificateMayBeConfirmed: boolean;
      serverName: string | null;
      /** Statistics outcome of the failed request. */
      outcome: 'rejected' | 'error' | 'timeout';
    };

/** The lifecycle's port to CMP: the real one runs cmp/transactions over the server group; tests may fake it. */
export interface Enroller {
  enroll(job: EnrollmentJob): Promise<EnrollmentOutcome>;
}
