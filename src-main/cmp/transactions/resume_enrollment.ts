import type { CmpSession } from './cmp_session';
import { EnrollmentTransaction, type EnrollmentRequest, type EnrollmentResult } from './enrollment_transaction';
import { CmpTransactionError } from './transaction_error';

/**
 * Continues a journaled enrollment after a restart. When the snapshot was taken in `sent` and the
 * one retransmission of the request gets no usable answer ('retransmission-failed'), the same
 * request is made again as a new transaction (new transactionID, new nonces, the same key): the
 * only way forward RFC 9810 leaves, and a safe one, because the lost attempt's certificate, if the
 * CA issued one, is never confirmed. The journal then receives snapshots with the new
 * transactionId, and the result names the one it replaces.
 *
 * @throws CmpSnapshotError for a corrupt snapshot, CmpTransactionError for everything else.
 */
export async function resumeEnrollment(session: CmpSession, request: EnrollmentRequest, snapshot: unknown): Promise<EnrollmentResult> {
  const resumed = new EnrollmentTransaction(session, request, snapshot);
  try {
    return await resumed.run();
  } catch (error) {
    if (!(error instanceof CmpTransactionError) || error.code !== 'retransmission-failed') throw error;
    const result = await new EnrollmentTransaction(session, request).run();
    return { ...result, replacedTransactionId: error.snapshot.transactionId };
  }
}
