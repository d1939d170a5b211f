import { describe, expect, it } from 'vitest';
import {
  CertReqMessages, CertReqMsg, CertRequest, CertTemplate, CmpDecodeError, decodeDer, decodePkiMessage, encodeDer,
  OptionalValidity, PKIFailureInfo, ProofOfPossession, PKIStatus,
} from '../../../src-main/cmp/asn1';
import { Time } from '@peculiar/asn1-x509';
import { vector } from './vectors';

describe('decoded OpenSSL vectors carry what OpenSSL put in', () => {
  it('reads a rejection with status string and failInfo names', () => {
    const status = decodePkiMessage(vector('ip_rejection_badpop.der')).body.ip!.response[0].status;
    expect(status.status).toBe(PKIStatus.rejection);
    expect([...status.statusString!]).toEqual(['proof of possession rejected']);
    expect(status.failInfo!.names()).toEqual(['badPOP']);
  });

  it('reads checkAfter from a pollRep', () => {
    expect(decodePkiMessage(vector('pollrep.der')).body.pollRep![0].checkAfter).toBe(1);
  });

  it('reads the signature POPO and the template of an ir', () => {
    const request = decodePkiMessage(vector('ir_pbm_sha256.der')).body.ir![0];
    expect(request.popo?.signature?.algorithmIdentifier.algorithm).toBe('1.2.840.10045.4.3.2');
    expect(request.certReq.certTemplate.subject).toBeDefined();
    expect(request.certReq.certTemplate.publicKey?.algorithm.algorithm).toBe('1.2.840.10045.2.1');
  });

  it('reads the implicitConfirm request in generalInfo', () => {
    const info = decodePkiMessage(vector('ir_implicit_confirm.der')).header.generalInfo!;
    expect(info.map((itav) => itav.infoType)).toContain('1.3.6.1.5.5.7.4.13');
  });

  it('reads the oldCertID control of a kur', () => {
    const controls = decodePkiMessage(vector('kur_signed_ec.der')).body.kur![0].certReq.controls!;
    expect(controls[0].type).toBe('1.3.6.1.5.5.7.5.1.5');
  });
});

describe('PKIFailureInfo', () => {
  it('encodes named bits in DER form and reads them back', () => {
    const info = PKIFailureInfo.fromNames(['badRequest', 'badCertTemplate']);
    expect(Buffer.from(encodeDer(info)).toString('hex')).toBe('0304042000' + '10');
    expect(info.names()).toEqual(['badRequest', 'badCertTemplate']);
  });
});

describe('CRMF tagging', () => {
  it('encodes validity [4] implicitly with explicit Time tags, raVerified as [0] NULL', () => {
    const template = new CertTemplate({
      validity: new OptionalValidity({ notAfter: new Time({ utcTime: new Date('2030-01-01T00:00:00Z') }) }),
    });
    const message = new CertReqMessages([
      new CertReqMsg({ certReq: new CertRequest({ certReqId: 0, certTemplate: template }), popo: new ProofOfPossession({ raVerified: null }) }),
    ]);
    const der = Buffer.from(encodeDer(message)).toString('hex');
    // A4 (validity, implicit SEQUENCE) containing A1 (notAfter, explicit) containing UTCTime
    expect(der).toContain('a411a10f170d3330303130313030303030305a');
    expect(der.endsWith('8000')).toBe(true);
    const back = decodeDer(encodeDer(message), CertReqMessages, 'CertReqMessages');
    expect(back[0].popo?.raVerified).toBeNull();
    expect(back[0].certReq.certTemplate.validity?.notAfter?.getTime().toISOString()).toBe('2030-01-01T00:00:00.000Z');
  });
});

describe('decodePkiMessage on hostile input', () => {
  const failureOf = (bytes: Uint8Array, limits = {}) => {
    try {
      decodePkiMessage(bytes, limits);
    } catch (error) {
      expect(error).toBeInstanceOf(CmpDecodeError);
      return (error as CmpDecodeError).failure;
    }
    throw new Error('decoded hostile input');
  };

  it('refuses empty input, garbage and truncation', () => {
    expect(failureOf(new Uint8Array())).toBe('empty');
    expect(failureOf(new Uint8Array([0x30, 0x05, 0x02, 0x01]))).toBe('malformed-der');
    expect(failureOf(vector('ir_pbm_sha256.der').subarray(0, 100))).toBe('malformed-der');
    expect(failureOf(new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x02]))).toBe('schema-mismatch');
  });

  it('refuses a huge claimed length before allocating', () => {
    expect(failureOf(new Uint8Array([0x30, 0x84, 0x7f, 0xff, 0xff, 0xff, 0x00]))).toBe('malformed-der');
    expect(failureOf(new Uint8Array([0x30, 0x88, 1, 2, 3, 4, 5, 6, 7, 8]))).toBe('too-large');
  });

  it('refuses messages above the size limit', () => {
    expect(failureOf(vector('cp_signed_ec.der'), { maxBytes: 1000 })).toBe('too-large');
  });

  it('refuses deep nesting', () => {
    const depth = 200;
    const bytes: number[] = [];
    for (let i = 0; i < depth; i++) bytes.push(0x30, 0x81, 0);
    let length = 0;
    for (let i = depth - 1; i >= 0; i--) {
      bytes[i * 3 + 2] = Math.min(length, 255);
      length += 3;
    }
    expect(failureOf(new Uint8Array(bytes.slice(0, 3 * 60)), { maxDepth: 50 })).toMatch(/too-deep|malformed-der/);
  });

  it('refuses indefinite lengths and trailing bytes', () => {
    expect(failureOf(new Uint8Array([0x30, 0x80, 0x00, 0x00]))).toBe('malformed-der');
    const withTrailer = new Uint8Array([...vector('pkiconf_pbm.der'), 0x00]);
    expect(failureOf(withTrailer)).toBe('trailing-data');
  });

  it('never throws anything but CmpDecodeError on mutated vectors', () => {
    const original = vector('cp_signed_ec.der');
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff);
    for (let round = 0; round < 150; round++) {
      const mutated = original.slice();
      for (let flips = 0; flips < 3; flips++) mutated[random() % mutated.length] = random() & 0xff;
      try {
        decodePkiMessage(mutated);
      } catch (error) {
        expect(error).toBeInstanceOf(CmpDecodeError);
      }
    }
  });
});
