import { AsnConvert } from '@peculiar/asn1-schema';
import { Certificate, GeneralName, Name } from '@peculiar/asn1-x509';
import {
  CaCertsValue, CertConfirmContent, ErrorMsgContent, CertifiedKeyPair, CertOrEncCert, CertRepMessage, CertResponse, CMPCertificate, decodePkiMessage, encodeDer, encodePkiMessage,
  GenRepContent, id_it_implicitConfirm, id_it_rootCaCert, id_it_rootCaKeyUpdate, InfoTypeAndValue, PKIBody, pkiBodyType,
  PKIFailureInfo, PKIFreeText, PKIHeader, PKIMessage, PKIStatus, PKIStatusInfo, PollRep, PollRepContent, RevRepContent, RootCaKeyUpdateContent,
  type PKIBodyType, type PKIFailureInfoName,
} from '../../../src-main/cmp/asn1';
import { protect, verifyProtection } from '../../../src-main/cmp/protection';
import { generateKeyPair, issueCertificate, parseCertificateDer, parseOpensslName, type KeyPair, type ParsedCertificate } from '../../../src-main/pki';
import { createPublicKey } from 'node:crypto';

export const CA_SECRET = new TextEncoder().encode('fake-ca-secret');
export const CA_NAME = parseOpensslName('/O=cmp-desk tests/CN=Fake CA');

export interface FakeCaBehaviour {
  pollsBeforeIssue?: number;
  checkAfterSeconds?: number;
  grantImplicitConfirm?: boolean;
  reject?: { failInfo: PKIFailureInfoName[]; text: string };
  /** Issue the certificate for this key instead of the requested one. */
  issueForKey?: KeyPair;
  /** Change a response before it is protected (e.g. break the recipNonce under a valid MAC). */
  tamper?: (response: PKIMessage, requestType: PKIBodyType) => void;
  /** Answers for genm questions by infoType. */
  genp?: Record<string, ArrayBuffer | undefined>;
  /**
   * A request that opens a transaction whose transactionID the CA already knows: answer with the
   * very response it sent then (a CA that keeps its last answer), or refuse (transactionIdInUse, the default).
   */
  repeatedRequest?: 'answer-again' | 'transaction-id-in-use';
  /** Refuse a message whose senderNonce was seen before (replay detection), with badSenderNonce. */
  refuseRepeatedSenderNonce?: boolean;
  /** Refuse a certConf for a transaction already confirmed (no open transaction), like the lab CA. */
  refuseCertConfAfterConfirmation?: boolean;
}

export interface CaRoot {
  keys: KeyPair;
  certificate: ParsedCertificate;
}

export async function makeRoot(commonName = 'Fake Root'): Promise<CaRoot> {
  const keys = await generateKeyPair({ kind: 'ec', curve: 'P-256' });
  const certificate = issueCertificate({
    signer: { selfSigned: true, privateKey: keys.privateKey },
    subject: parseOpensslName(`/O=cmp-desk tests/CN=${commonName}`),
    subjectPublicKey: keys.publicKey,
    notBefore: new Date(Date.now() - 60_000),
    notAfter: new Date(Date.now() + 3600_000 * 24 * 365),
    basicConstraints: { ca: true },
    keyUsage: ['keyCertSign', 'crlSign'],
  });
  return { keys, certificate };
}

const cmpCertificate = (certificate: ParsedCertificate) => new CMPCertificate({ x509v3PKCert: AsnConvert.parse(certificate.der, Certificate) });

/**
 * A scripted CMP CA for transaction tests: checks the protection and nonce chaining of every
 * request, answers as RFC 9810 says, and records what it saw.
 */
export class FakeCa {
  readonly received: PKIBodyType[] = [];
  /** Every request exactly as it arrived. */
  readonly receivedBytes: Uint8Array[] = [];
  readonly problems: string[] = [];
  lastCertConf?: CertConfirmContent;
  /** Error messages the client sent us, with the recipNonce they carried (hex). */
  readonly errorsReceived: { failInfo: string[]; text: string[]; recipNonce: string }[] = [];
  /** Our senderNonce of every response, in order (hex). */
  readonly sentNonces: string[] = [];
  /** Our last senderNonce per transactionID (hex), to check the client's recipNonce chaining. */
  private readonly lastSenderNonces = new Map<string, ArrayBuffer>();
  private pending?: { certificate: ParsedCertificate; certReqId: number; pollsLeft: number; type: 'ip' | 'cp' | 'kup' };
  /** The response sent to each transaction's opening request (hex transactionID). */
  private readonly openingAnswers = new Map<string, Uint8Array>();
  private readonly seenSenderNonces = new Set<string>();
  private readonly confirmedTransactions = new Set<string>();
  /** The answer to each pollReq (by its senderNonce, hex), so a byte-identical retransmission gets it again. */
  private readonly pollAnswers = new Map<string, { bytes: Buffer; answer: Uint8Array }>();

  constructor(
    private readonly root: CaRoot,
    private readonly behaviour: FakeCaBehaviour = {},
  ) {}

  readonly handle = async (bytes: Uint8Array): Promise<Uint8Array> => {
    const request = decodePkiMessage(bytes);
    const type = pkiBodyType(request.body);
    this.received.push(type);
    this.receivedBytes.push(bytes);
    const transactionId = Buffer.from(request.header.transactionID!).toString('hex');
    const senderNonce = Buffer.from(request.header.senderNonce!).toString('hex');
    const refusal = this.refusal(type, transactionId, senderNonce);
    this.seenSenderNonces.add(senderNonce);
    if (refusal) return encodePkiMessage(this.respond(request, refusal));
    if (['ir', 'cr', 'kur', 'p10cr'].includes(type) && this.openingAnswers.has(transactionId)) return this.openingAnswers.get(transactionId)!;
    const earlierPoll = type === 'pollReq' ? this.pollAnswers.get(senderNonce) : undefined;
    if (earlierPoll?.bytes.equals(bytes)) return earlierPoll.answer;
    try {
      const signer = request.extraCerts?.[0]?.x509v3PKCert;
      verifyProtection(request, { secret: CA_SECRET, signerCertificate: signer ? parseCertificateDer(encodeDer(signer)) : undefined });
    } catch (error) {
      this.problems.push(`${type}: ${(error as Error).message}`);
    }
    const expectedRecipNonce = this.lastSenderNonces.get(Buffer.from(request.header.transactionID!).toString('hex'));
    if (expectedRecipNonce && Buffer.compare(Buffer.from(request.header.recipNonce ?? new ArrayBuffer(0)), Buffer.from(expectedRecipNonce)) !== 0) {
      this.problems.push(`${type}: recipNonce does not echo the CA's last senderNonce`);
    }
    const answer = encodePkiMessage(this.respond(request, await this.answer(request, type)));
    if (['ir', 'cr', 'kur', 'p10cr'].includes(type)) this.openingAnswers.set(transactionId, answer);
    if (type === 'certConf') this.confirmedTransactions.add(transactionId);
    if (type === 'pollReq') this.pollAnswers.set(senderNonce, { bytes: Buffer.from(bytes), answer });
    return answer;
  };

  /** An error message for a request the scripted behaviour refuses. */
  private refusal(type: PKIBodyType, transactionId: string, senderNonce: string): PKIBody | undefined {
    const error = (failInfo: PKIFailureInfoName, text: string) =>
      new PKIBody({ error: new ErrorMsgContent({ pKIStatusInfo: new PKIStatusInfo({ status: PKIStatus.rejection, failInfo: PKIFailureInfo.fromNames([failInfo]), statusString: new PKIFreeText([text]) }) }) });
    if (this.behaviour.refuseRepeatedSenderNonce && this.seenSenderNonces.has(senderNonce)) return error('badSenderNonce', 'senderNonce seen before');
    if (['ir', 'cr', 'kur', 'p10cr'].includes(type) && this.openingAnswers.has(transactionId) && this.behaviour.repeatedRequest !== 'answer-again') {
      return error('transactionIdInUse', `transactionID ${transactionId} was already used`);
    }
    if (type === 'certConf' && this.behaviour.refuseCertConfAfterConfirmation && this.confirmedTransactions.has(transactionId)) return error('badRequest', 'no open transaction');
    return undefined;
  }

  private async answer(request: PKIMessage, type: PKIBodyType): Promise<PKIBody> {
    switch (type) {
      case 'ir':
      case 'cr':
      case 'kur':
        return this.enrol(request, type);
      case 'pollReq': {
        const pending = this.pending!;
        if (pending.pollsLeft > 0) {
          pending.pollsLeft--;
          return new PKIBody({ pollRep: new PollRepContent([new PollRep({ certReqId: pending.certReqId, checkAfter: this.behaviour.checkAfterSeconds ?? 0 })]) });
        }
        return this.issued(pending.type, pending.certificate, pending.certReqId);
      }
      case 'certConf':
        this.lastCertConf = request.body.certConf;
        return new PKIBody({ pkiconf: null });
      case 'error': {
        const content = request.body.error!;
        const recipNonce = Buffer.from(request.header.recipNonce ?? new ArrayBuffer(0)).toString('hex');
        this.errorsReceived.push({ failInfo: content.pKIStatusInfo.failInfo?.names() ?? [], text: [...(content.errorDetails ?? [])], recipNonce });
        return new PKIBody({ pkiconf: null });
      }
      case 'genm':
        return new PKIBody({
          genp: new GenRepContent(
            [...request.body.genm!].map((question) => {
              const answerType = question.infoType === id_it_rootCaCert ? id_it_rootCaKeyUpdate : question.infoType;
              return new InfoTypeAndValue({ infoType: answerType, infoValue: this.behaviour.genp?.[answerType] });
            }),
          ),
        });
      case 'rr':
        return new PKIBody({ rp: new RevRepContent({ status: [new PKIStatusInfo({ status: PKIStatus.accepted })] }) });
      default:
        throw new Error(`fake CA cannot answer ${type}`);
    }
  }

  private async enrol(request: PKIMessage, type: 'ir' | 'cr' | 'kur'): Promise<PKIBody> {
    const responseType = type === 'ir' ? 'ip' : type === 'cr' ? 'cp' : 'kup';
    const certReq = request.body[type]![0].certReq;
    if (this.behaviour.reject) {
      const { failInfo, text } = this.behaviour.reject;
      const status = new PKIStatusInfo({ status: PKIStatus.rejection, statusString: new PKIFreeText([text]), failInfo: PKIFailureInfo.fromNames(failInfo) });
      return new PKIBody({ [responseType]: new CertRepMessage({ response: [new CertResponse({ certReqId: certReq.certReqId, status })] }) });
    }
    const requestedKey = createPublicKey({ key: Buffer.from(AsnConvert.serialize(certReq.certTemplate.publicKey!)), format: 'der', type: 'spki' });
    const certificate = issueCertificate({
      signer: { certificate: this.root.certificate, privateKey: this.root.keys.privateKey },
      subject: certReq.certTemplate.subject ?? new Name(),
      subjectPublicKey: this.behaviour.issueForKey?.publicKey ?? requestedKey,
      notBefore: new Date(Date.now() - 60_000),
      notAfter: new Date(Date.now() + 3600_000 * 24 * 30),
      keyUsage: ['digitalSignature'],
    });
    const pollsLeft = this.behaviour.pollsBeforeIssue ?? 0;
    this.pending = { certificate, certReqId: certReq.certReqId, pollsLeft, type: responseType };
    if (pollsLeft > 0) {
      const waiting = new CertResponse({ certReqId: certReq.certReqId, status: new PKIStatusInfo({ status: PKIStatus.waiting }) });
      return new PKIBody({ [responseType]: new CertRepMessage({ response: [waiting] }) });
    }
    return this.issued(responseType, certificate, certReq.certReqId);
  }

  private issued(type: 'ip' | 'cp' | 'kup', certificate: ParsedCertificate, certReqId: number): PKIBody {
    const response = new CertResponse({
      certReqId,
      status: new PKIStatusInfo({ status: PKIStatus.accepted }),
      certifiedKeyPair: new CertifiedKeyPair({ certOrEncCert: new CertOrEncCert({ certificate: cmpCertificate(certificate) }) }),
    });
    return new PKIBody({ [type]: new CertRepMessage({ caPubs: [cmpCertificate(this.root.certificate)], response: [response] }) });
  }

  private respond(request: PKIMessage, body: PKIBody): PKIMessage {
    const senderNonce = new Uint8Array(16).map(() => Math.floor(Math.random() * 256)).buffer;
    this.lastSenderNonces.set(Buffer.from(request.header.transactionID!).toString('hex'), senderNonce);
    const grant = this.behaviour.grantImplicitConfirm && request.header.generalInfo?.some((itav) => itav.infoType === id_it_implicitConfirm);
    const header = new PKIHeader({
      sender: new GeneralName({ directoryName: CA_NAME }),
      recipient: request.header.sender,
      messageTime: new Date(Math.floor(Date.now() / 1000) * 1000),
      transactionID: request.header.transactionID,
      senderNonce,
      recipNonce: request.header.senderNonce,
      generalInfo: grant ? [new InfoTypeAndValue({ infoType: id_it_implicitConfirm, infoValue: null })] : undefined,
    });
    const response = new PKIMessage({ header, body });
    this.sentNonces.push(Buffer.from(senderNonce).toString('hex'));
    this.behaviour.tamper?.(response, pkiBodyType(request.body));
    return protect(response, { kind: 'password-based-mac', reference: new Uint8Array([1]), secret: CA_SECRET });
  }
}

export function caCertsAnswer(certificates: ParsedCertificate[]): ArrayBuffer {
  return AsnConvert.serialize(new CaCertsValue(certificates.map(cmpCertificate)));
}

export function rootCaKeyUpdateAnswer(newWithNew: ParsedCertificate, newWithOld?: ParsedCertificate): ArrayBuffer {
  return AsnConvert.serialize(new RootCaKeyUpdateContent({ newWithNew: cmpCertificate(newWithNew), newWithOld: newWithOld ? cmpCertificate(newWithOld) : undefined }));
}
