import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodePkiMessage, encodePkiMessage, pkiBodyType } from '../../../src-main/cmp/asn1';
import { VECTORS, vector } from './vectors';

const names = readdirSync(VECTORS).filter((name) => name.endsWith('.der'));

describe('OpenSSL-captured CMP vectors', () => {
  it('has the vectors the generator script writes', () => {
    expect(names.length).toBeGreaterThanOrEqual(30);
  });

  it.each(names)('%s decodes and re-encodes byte for byte', (name) => {
    const bytes = vector(name);
    const message = decodePkiMessage(bytes);
    expect(Buffer.from(encodePkiMessage(message)).toString('hex')).toBe(Buffer.from(bytes).toString('hex'));
  });

  it.each([
    ['ir_pbm_sha256.der', 'ir'], ['ip_pbm_sha256_capubs.der', 'ip'], ['cr_signed_ec.der', 'cr'], ['cp_signed_ec.der', 'cp'],
    ['p10cr_signed_ec.der', 'p10cr'], ['kur_signed_ec.der', 'kur'], ['kup_signed_ec.der', 'kup'], ['certconf_pbm.der', 'certConf'],
    ['pkiconf_pbm.der', 'pkiconf'], ['pollreq.der', 'pollReq'], ['pollrep.der', 'pollRep'], ['genm_signkeypairtypes.der', 'genm'],
    ['genp_signkeypairtypes.der', 'genp'], ['rr_signed_ec.der', 'rr'], ['rp_signed_ec.der', 'rp'], ['error.der', 'error'],
  ])('%s is a %s', (name, type) => {
    expect(pkiBodyType(decodePkiMessage(vector(name)).body)).toBe(type);
  });
});
