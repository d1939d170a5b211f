import type { KeyObject } from 'node:crypto';
import type { CmpProfile } from '../../src-shared/domain';
import type { TransactionSnapshot } from '../cmp/transactions';
import type { ParsedCertificate } from '../pki';
import type { RequestParameters } from './request_parameters';

/**
 * Where an enrollment writes what must survive a crash: the CMP engine's snapshot, before every
 * message goes out and after every answer that changes what a restart must do. Synchronous and
 * committed when it returns; throwing stops the send.
 */
export interface EnrollmentJournal {
  checkpoint(snapshot: TransactionSnapshot, serverName: string | null): void;
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
  /** Continue a journaled transaction (sent, waiting, received, confirming) with its transactionID and nonces. */
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
  /** The certConf got no answer: the transaction stays open in confirming and is resumed at the next tick. */
  | { status: 'paused'; snapshot: TransactionSnapshot; reason: string; serverName: string | null }
  | {
      status: 'rejected' | 'failed';
      reason: string;
      snapshot: TransactionSnapshot | null;
      /** We rejected a certificate valid shorter than renew-before-expiry (retry per reference/000). */
      shortValidity: boolean;
      serverName: string | null;
      /** Statistics outcome of the failed request. */
      outcome: 'rejected' | 'error' | 'timeout';
    };

/** The lifecycle's port to CMP: the real one runs cmp/transactions over the server group; tests may fake it. */
export interface Enroller {
  enroll(job: EnrollmentJob): Promise<EnrollmentOutcome>;
}
