import type { ParsedCertificate } from '../../pki';
import { buildRr, type RevocationReason } from '../messages/other_requests';
import { readRevocationResponse } from '../validation/other_responses';
import type { CmpSession } from './cmp_session';
import type { TransactionSnapshot } from './transaction_snapshot';
import { Transaction } from './transaction';

/** rr/rp: asks the CA to revoke one certificate. */
export class RevocationTransaction extends Transaction {
  constructor(session: CmpSession) {
    super('rr', session);
  }

  async run(certificate: ParsedCertificate, reason?: RevocationReason): Promise<{ status: string; text: string[]; snapshot: TransactionSnapshot }> {
    try {
      this.moveTo('sent');
      const response = await this.exchange('rr', (header) => buildRr(header, certificate, reason));
      const result = readRevocationResponse(response.message);
      this.moveTo('completed');
      return { ...result, snapshot: this.snapshot };
    } catch (error) {
      throw await this.abandon(error);
    }
  }
}
