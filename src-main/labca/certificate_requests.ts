import { createHash } from 'node:crypto';
import { randomOctets } from '../cmp/messages/random_octets';
import { CRLReasons } from '@peculiar/asn1-x509';
import { id_it_implicitConfirm, id_regCtrl_oldCertID, CertId, PKIStatus, type CertReqMessages } from '../cmp/asn1';
import { hashNameByOid } from '../cmp/protection/algorithms';
import { parseDer, serializeDer } from '../pki/asn1_codec';
import { generateKeyPair, publicKeyDer } from '../pki/keys';
import { digestOfSignatureAlgorithm } from '../pki/signature_algorithms';
import type { ParsedCertificate } from '../pki/certificate';
import type { CertificateAuthority } from './certificate_authority';
import { type CertificateWish, receivedCertReqDer, wishFromCertReqMsg, wishFromCsr } from './certificate_wishes';
import { sameSender } from './cmp_protection_policy';
import { CmpRequestRefused } from './cmp_refusal';
import type { CertificateRequestKind } from './cmp_request_kinds';
import { acceptedResponse, certRepBody, pkiConfBody, pollRepBody, statusInfo, statusResponse } from './cmp_response_bodies';
import type { CmpReply, CmpRequest } from './cmp_service';
import type { OpenTransaction, OpenTransactions } from './cmp_transactions';

/**
 * ir/cr/kur/p10cr, pollReq and certConf (RFC 9810 5.3.1-5.3.4, 5.3.18, 5.3.22; RFC 9483 4.1, 4.4):
 * a certificate counts as issued only once its certConf arrived with the right certHash, or when
 * implicit confirmation was granted.
 */
export class CertificateRequests {
  constructor(private readonly ca: CertificateAuthority, private readonly transactions: OpenTransactions) {}

  async request(request: CmpRequest): Promise<CmpReply> {
    const kind = request.kind as CertificateRequestKind;
    if (this.transactions.isKnown(request.transactionIdHex)) {
      throw new CmpRequestRefused('transactionIdInUse', `transactionID ${request.transactionIdHex} was already used`);
    }
    const wishes = this.wishes(kind, request);
    const implicitConfirm = (request.message.header.generalInfo ?? []).some((itav) => itav.infoType === id_it_implicitConfirm);
    const senderNonce = randomOctets();
    const transaction: OpenTransaction = {
      transactionIdHex: request.transactionIdHex,
      path: request.settings.path,
      kind,
      requester: request.sender,
      lastSenderNonce: senderNonce,
      pollsLeft: Math.max(0, (request.knobs.waitingCount ?? 0) - 1),
      pending: wishes,
      delivered: [],
      implicitConfirm,
      expiresAt: Date.now() + this.transactions.lifetimeMs,
    };
    const { reject, waitingCount } = request.knobs;
    if (reject) {
      this.transactions.finish(request.transactionIdHex);
      const status = statusInfo(PKIStatus.rejection, reject.failInfo[0], reject.text ?? 'rejected by test knob');
      return { body: certRepBody(kind, wishes.map((w) => statusResponse(w.certReqId, status))), senderNonce };
    }
    this.transactions.open(transaction);
    if (waitingCount) {
      const status = statusInfo(PKIStatus.waiting, undefined, 'the lab CA asks the client to poll (test knob)');
      return { body: certRepBody(kind, wishes.map((w) => statusResponse(w.certReqId, status))), senderNonce };
    }
    return this.deliver(transaction, request);
  }

  async poll(request: CmpRequest): Promise<CmpReply> {
    const repeated = this.repeatedPoll(request);
    if (repeated) return repeated;
    const transaction = this.continued(request);
    const reply = await this.answerPoll(transaction, request);
    const { senderNonce, recipNonce } = request.message.header;
    transaction.lastPoll = { senderNonce: new Uint8Array(senderNonce!), recipNonce: new Uint8Array(recipNonce!), protection: protectionOf(request), reply };
    return reply;
  }

  /**
   * The reply to a byte-identical retransmission of the last pollReq (a client that lost our answer
   * and resumes, RFC 9810 5.3.22): same nonces, same protection bits, the same sender. A pollReq
   * only asks, so the same reply goes out again and the transaction does not move on; the client
   * continues with the senderNonce it gets again.
   */
  private repeatedPoll(request: CmpRequest): CmpReply | undefined {
    const transaction = this.transactions.get(request.transactionIdHex);
    const last = transaction?.lastPoll;
    const { senderNonce, recipNonce } = request.message.header;
    if (!transaction || !last || !senderNonce || !recipNonce) return undefined;
    const same = (a: Uint8Array, b: ArrayBuffer | Uint8Array) => Buffer.from(a).equals(Buffer.from(b instanceof Uint8Array ? b : new Uint8Array(b)));
    if (!same(last.senderNonce, senderNonce) || !same(last.recipNonce, recipNonce) || !same(last.protection, protectionOf(request))) return undefined;
    if (!sameSender(request.sender, transaction.requester)) return undefined;
    return last.reply;
  }

  private async answerPoll(transaction: OpenTransaction, request: CmpRequest): Promise<CmpReply> {
    const pollReq = request.message.body.pollReq ?? [];
    const certReqId = pollReq[0]?.certReqId;
    if (transaction.pending.length === 0) throw new CmpRequestRefused('badRequest', 'nothing is waiting in this transaction');
    if (pollReq.length !== 1 || !transaction.pending.some((w) => w.certReqId === certReqId)) {
      throw new CmpRequestRefused('badCertId', `pollReq for certReqId ${certReqId} does not match the request`);
    }
    if (transaction.pollsLeft > 0) {
      transaction.pollsLeft--;
      transaction.lastSenderNonce = randomOctets();
      const checkAfter = request.knobs.checkAfterSeconds ?? 1;
      return { body: pollRepBody(certReqId, checkAfter, 'still waiting (test knob)'), senderNonce: transaction.lastSenderNonce };
    }
    return this.deliver(transaction, request);
  }

  confirm(request: CmpRequest): CmpReply {
    const transaction = this.continued(request);
    if (transaction.delivered.length === 0) throw new CmpRequestRefused('badRequest', 'no certificate of this transaction awaits confirmation');
    if (request.knobs.reject) {
      throw new CmpRequestRefused(request.knobs.reject.failInfo[0], request.knobs.reject.text ?? 'rejected by test knob');
    }
    for (const status of request.message.body.certConf ?? []) {
      const delivered = transaction.delivered.find((d) => d.certReqId === status.certReqId);
      if (!delivered) throw new CmpRequestRefused('badCertId', `certConf for unknown certReqId ${status.certReqId}`);
      // Without hashAlg, the hash of the certificate's own signature algorithm (RFC 9810 5.3.18).
      const hashName = status.hashAlg ? hashNameByOid(status.hashAlg.algorithm) : delivered.signatureDigest;
      if (!hashName) throw new CmpRequestRefused('badAlg', `certConf hashAlg ${status.hashAlg?.algorithm} is not supported`);
      const expected = createHash(hashName).update(delivered.der).digest();
      if (!expected.equals(Buffer.from(status.certHash))) {
        throw new CmpRequestRefused('badCertId', `certHash of certReqId ${status.certReqId} does not match the certificate sent`);
      }
      if (status.statusInfo && status.statusInfo.status === PKIStatus.rejection) {
        this.ca.revoke(delivered.serialHex, CRLReasons.cessationOfOperation);
      } else {
        this.ca.database.confirm(delivered.serialHex);
      }
    }
    this.transactions.finish(transaction.transactionIdHex);
    return { body: pkiConfBody() };
  }

  /** The transaction a pollReq/certConf continues, after checking nonce and sender. */
  private continued(request: CmpRequest): OpenTransaction {
    const transaction = this.transactions.get(request.transactionIdHex);
    if (!transaction) throw new CmpRequestRefused('badRequest', `no open transaction ${request.transactionIdHex}`);
    const recipNonce = request.message.header.recipNonce;
    if (!recipNonce || !Buffer.from(recipNonce).equals(transaction.lastSenderNonce)) {
      throw new CmpRequestRefused('badRecipientNonce', 'recipNonce does not repeat the senderNonce of our last response');
    }
    if (!sameSender(request.sender, transaction.requester)) {
      throw new CmpRequestRefused('notAuthorized', 'this message is not protected by the sender who opened the transaction');
    }
    return transaction;
  }

  private async deliver(transaction: OpenTransaction, request: CmpRequest): Promise<CmpReply> {
    const validity = request.knobs.shortValiditySeconds ?? request.settings.validitySeconds;
    const responses = [];
    for (const wish of transaction.pending) {
      const publicKeyInfo = request.knobs.issueForOtherKey ? publicKeyDer((await generateKeyPair({ kind: 'ec', curve: 'P-256' })).publicKey) : wish.publicKeyInfo;
      const issued = await this.ca.issue({ ...wish, publicKeyInfo }, validity, transaction.transactionIdHex);
      transaction.delivered.push({
        certReqId: wish.certReqId,
        serialHex: issued.serialHex,
        der: issued.der,
        signatureDigest: digestOfSignatureAlgorithm(issued.signatureAlgorithm),
      });
      responses.push(acceptedResponse(wish.certReqId, issued.der));
    }
    transaction.pending = [];
    transaction.lastSenderNonce = randomOctets();
    const caPubs = transaction.kind === 'ir' && transaction.requester.kind === 'mac' ? [this.ca.root.der] : undefined;
    if (transaction.implicitConfirm) {
      for (const delivered of transaction.delivered) this.ca.database.confirm(delivered.serialHex);
      this.transactions.finish(transaction.transactionIdHex);
    }
    return {
      body: certRepBody(transaction.kind as CertificateRequestKind, responses, caPubs),
      implicitConfirm: transaction.implicitConfirm,
      senderNonce: transaction.lastSenderNonce,
      withChain: true,
    };
  }

  private wishes(kind: CertificateRequestKind, request: CmpRequest): CertificateWish[] {
    const body = request.message.body;
    if (kind === 'p10cr') {
      if (!body.p10cr) throw new CmpRequestRefused('badRequest', 'p10cr without a CSR');
      return [wishFromCsr(new Uint8Array(serializeDer(body.p10cr)))];
    }
    const messages = body[kind] as CertReqMessages | undefined;
    if (!messages || messages.length !== 1) {
      throw new CmpRequestRefused('badRequest', `the lab CA accepts exactly one certificate request per ${kind} (RFC 9483 4.1)`);
    }
    const oldCertificate = kind === 'kur' ? this.checkKeyUpdate(request, messages) : undefined;
    return [wishFromCertReqMsg(messages[0], receivedCertReqDer(request.message.bodyRaw), oldCertificate)];
  }

  /** kur: signed with the certificate being updated, which must be valid and not revoked (RFC 9483 4.1.3). */
  private checkKeyUpdate(request: CmpRequest, messages: CertReqMessages): ParsedCertificate {
    if (request.sender.kind !== 'signature') {
      throw new CmpRequestRefused('notAuthorized', 'kur must be signed with the certificate to be updated');
    }
    // The protection policy already refused a revoked, expired or unconfirmed signer (certRevoked, signerNotTrusted).
    const signer = request.sender.signer;
    const oldCertId = (messages[0].certReq.controls ?? []).find((c) => c.type === id_regCtrl_oldCertID);
    if (oldCertId) {
      let certId: CertId;
      try {
        certId = parseDer(oldCertId.value, CertId);
      } catch {
        throw new CmpRequestRefused('badDataFormat', 'the oldCertID control is malformed');
      }
      const serial = Buffer.from(certId.serialNumber).toString('hex').replace(/^(00)+(?=.)/, '').toUpperCase();
      if (serial !== signer.serialHex) {
        throw new CmpRequestRefused('badCertId', `oldCertID serial ${serial} is not the signer's certificate ${signer.serialHex}`);
      }
    }
    return signer;
  }
}

function protectionOf(request: CmpRequest): Uint8Array {
  return new Uint8Array(request.message.protection ?? new ArrayBuffer(0));
}


