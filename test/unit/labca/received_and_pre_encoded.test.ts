import { describe, expect, it } from 'vitest';
import { AsnConvert } from '@peculiar/asn1-schema';
import { Certificate, GeneralName, Name } from '@peculiar/asn1-x509';
import { CertifiedKeyPair, CertOrEncCert, CertRepMessage, CertResponse, CMPCertificate, decodePkiMessage, encodeDer, encodePkiMessage, PKIBody, PKIStatus } from '../../../src-main/cmp/asn1';
import { buildCertificateRequest, randomOctets } from '../../../src-main/cmp/messages';
import { protect } from '../../../src-main/cmp/protection';
import { issueCertificate } from '../../../src-main/pki/certificate_builder';
import { generateKeyPair } from '../../../src-main/pki/keys';
import { parseOpensslName } from '../../../src-main/pki/names';
import { receivedCertReqDer } from '../../../src-main/labca/certificate_wishes';
import { CmpRequestRefused } from '../../../src-main/labca/cmp_refusal';
import { acceptedResponse, certRepBody, statusInfo } from '../../../src-main/labca/cmp_response_bodies';
import { preEncoded } from '../../../src-main/labca/pre_encoded';
import { receivedHeaderFields } from '../../../src-main/labca/received_header';

async function receivedIr(recipient = new Name()) {
  const key = await generateKeyPair({ kind: 'ec', curve: 'P-256' });
  const header = { sender: parseOpensslName('/CN=device 7/O=Example'), recipient, transactionID: randomOctets(), senderNonce: randomOctets() };
  const request = buildCertificateRequest('ir', { header, wish: { subject: parseOpensslName('/CN=device 7'), publicKey: key.publicKey }, privateKey: key.privateKey });
  const secret = new Uint8Array(Buffer.from('secret'));
  return decodePkiMessage(encodePkiMessage(protect(request, { kind: 'password-based-mac', reference: new Uint8Array(Buffer.from('ref')), secret })));
}

async function selfSignedCertificate() {
  const key = await generateKeyPair({ kind: 'ec', curve: 'P-256' });
  return issueCertificate({
    signer: { selfSigned: true, privateKey: key.privateKey },
    subject: parseOpensslName('/O=cmp-desk lab/CN=pre-encoded test'),
    subjectPublicKey: key.publicKey,
    notBefore: new Date('2030-01-01T00:00:00Z'),
    notAfter: new Date('2031-01-01T00:00:00Z'),
    keyUsage: ['keyCertSign'],
  });
}

describe('bytes taken from the request as received', () => {
  it('receivedHeaderFields finds sender and protectionAlg, the same bytes their decoded values encode to', async () => {
    const message = await receivedIr(parseOpensslName('/CN=some CA'));
    const fields = receivedHeaderFields(message.headerRaw);
    expect(fields).toBeDefined();
    expect(Buffer.from(fields!.sender)).toEqual(Buffer.from(encodeDer(message.header.sender)));
    expect(Buffer.from(fields!.protectionAlg!)).toEqual(Buffer.from(encodeDer(message.header.protectionAlg!)));
  });

  it('receivedHeaderFields has no protectionAlg for an unprotected header, and nothing for bytes of another shape', async () => {
    const message = await receivedIr();
    delete message.header.protectionAlg;
    delete message.header.senderKID;
    const unprotected = encodeDer(message.header);
    expect(receivedHeaderFields(unprotected)?.protectionAlg).toBeUndefined();
    expect(Buffer.from(receivedHeaderFields(unprotected)!.sender)).toEqual(Buffer.from(encodeDer(message.header.sender)));
    expect(receivedHeaderFields(undefined)).toBeUndefined();
    expect(receivedHeaderFields(Uint8Array.of(0x30, 0x03, 0x04, 0x01, 0x00))).toBeUndefined();
    expect(receivedHeaderFields(unprotected.subarray(0, unprotected.length - 1))).toBeUndefined();
  });

  it('receivedCertReqDer is the certReq the proof of possession signed; other shapes are refused as badDataFormat', async () => {
    const message = await receivedIr();
    const certReqDer = receivedCertReqDer(message.bodyRaw);
    expect(Buffer.from(certReqDer)).toEqual(Buffer.from(encodeDer(message.body.ir![0].certReq)));
    const refusal = (bytes: Uint8Array | undefined) => {
      try {
        receivedCertReqDer(bytes);
      } catch (error) {
        return error;
      }
      return undefined;
    };
    for (const bad of [undefined, Uint8Array.of(0x30, 0x00), Uint8Array.of(0xa0, 0x02, 0x30, 0x00), message.bodyRaw!.subarray(0, 40)]) {
      const error = refusal(bad);
      expect(error).toBeInstanceOf(CmpRequestRefused);
      expect((error as CmpRequestRefused).failInfo).toBe('badDataFormat');
    }
  });
});

describe('pre-encoded values in answers', () => {
  it('an ip with the certificate and caPubs as DER encodes byte for byte like one with the decoded certificates', async () => {
    const certificate = await selfSignedCertificate();
    const root = await selfSignedCertificate();
    const decoded = (der: Uint8Array) => new CMPCertificate({ x509v3PKCert: AsnConvert.parse(der, Certificate) });
    const expected = new PKIBody({
      ip: new CertRepMessage({
        caPubs: [decoded(root.der)],
        response: [new CertResponse({ certReqId: 0, status: statusInfo(PKIStatus.accepted), certifiedKeyPair: new CertifiedKeyPair({ certOrEncCert: new CertOrEncCert({ certificate: decoded(certificate.der) }) }) })],
      }),
    });
    const fast = certRepBody('ir', [acceptedResponse(0, certificate.der)], [root.der]);
    expect(Buffer.from(encodeDer(fast))).toEqual(Buffer.from(encodeDer(expected)));
  });

  it('preEncoded: AsnSerializer writes the given bytes, the decoded fields stay readable, and encodeDer gives the value\'s encoding', () => {
    const name = new GeneralName({ directoryName: parseOpensslName('/CN=lab/O=cmp-desk') });
    const der = encodeDer(name);
    const other = encodeDer(new GeneralName({ directoryName: parseOpensslName('/CN=other') }));
    const written = preEncoded(new GeneralName({ directoryName: parseOpensslName('/CN=lab/O=cmp-desk') }), other);
    expect(Buffer.from(AsnConvert.serialize(written))).toEqual(Buffer.from(other));
    expect(written.directoryName).toEqual(name.directoryName);
    expect(Buffer.from(encodeDer(preEncoded(name, der)))).toEqual(Buffer.from(der));
  });

});
