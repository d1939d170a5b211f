import { createPrivateKey, createPublicKey } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CmpDecodeError, decodePkiMessage, encodePkiMessage, type PKIBodyType, type PKIMessage } from '../../../src-main/cmp/asn1';
import { CmpProtectionError, protect, type Protector } from '../../../src-main/cmp/protection';
import {
  CmpProtocolError, readCertResponse, readGenp, readPollRep, readRevocationResponse, validateResponse, type SentRequest, type ServerTrust,
} from '../../../src-main/cmp/validation';
import { parseCertificate, PkiError } from '../../../src-main/pki';
import { VECTOR_REFERENCE, VECTOR_SECRET, VECTORS, vector, vectorPki } from '../cmp/vectors';
import { randomMutation } from './der_mutator';
import { fuzz, keptCrashers, type FuzzTarget } from './fuzz_harness';
import { writeFuzzReport } from './fuzz_report';
import { FUZZ_SEED, seededRandom, SOAK } from './prng';

/** 100,000 cases in the full variant, 5,000 in npm test, split evenly between the two targets. */
const CASES_PER_TARGET = SOAK ? 50_000 : 2_500;

const isTyped = (error: unknown) =>
  error instanceof CmpDecodeError || error instanceof CmpProtocolError || error instanceof CmpProtectionError || error instanceof PkiError;

const root = parseCertificate(vectorPki('root.crt'));
const server = parseCertificate(vectorPki('server.crt'));
const serverKey = createPrivateKey(vectorPki('server.key'));
const enrolledPublicKey = createPublicKey(createPrivateKey(vectorPki('enrolled.key')));

/** Every response vector OpenSSL produced, with the request it answers and how it is protected. */
const exchanges: { response: string; request: string; protection: 'mac' | 'signature'; expectedTypes?: PKIBodyType[] }[] = [
  { response: 'ip_pbm_sha256_capubs.der', request: 'ir_pbm_sha256.der', protection: 'mac' },
  { response: 'ip_pbm_sha512.der', request: 'ir_pbm_sha512.der', protection: 'mac' },
  { response: 'ip_pbm_hmac_sha1.der', request: 'ir_pbm_hmac_sha1.der', protection: 'mac' },
  { response: 'ip_rejection_badpop.der', request: 'ir_rejected.der', protection: 'mac' },
  { response: 'ip_waiting.der', request: 'ir_polled.der', protection: 'mac' },
  { response: 'pollrep.der', request: 'pollreq.der', protection: 'mac', expectedTypes: ['pollRep', 'ip'] },
  { response: 'ip_after_polling.der', request: 'pollreq_final.der', protection: 'mac', expectedTypes: ['pollRep', 'ip'] },
  { response: 'ip_implicit_confirm_granted.der', request: 'ir_implicit_confirm.der', protection: 'mac' },
  { response: 'pkiconf_pbm.der', request: 'certconf_pbm.der', protection: 'mac' },
  { response: 'cp_signed_ec.der', request: 'cr_signed_ec.der', protection: 'signature' },
  { response: 'cp_p10cr_signed_ec.der', request: 'p10cr_signed_ec.der', protection: 'signature' },
  { response: 'kup_signed_ec.der', request: 'kur_signed_ec.der', protection: 'signature' },
  { response: 'rp_signed_ec.der', request: 'rr_signed_ec.der', protection: 'signature' },
  { response: 'genp_signkeypairtypes.der', request: 'genm_signkeypairtypes.der', protection: 'signature' },
  { response: 'pkiconf_signed_ec.der', request: 'certconf_signed_ec.der', protection: 'signature' },
];

function sentFrom(request: PKIMessage): SentRequest {
  const type = Object.keys(request.body).find((key) => request.body[key as PKIBodyType] !== undefined) as PKIBodyType;
  return { type, transactionID: new Uint8Array(request.header.transactionID!), senderNonce: new Uint8Array(request.header.senderNonce!) };
}

const macProtector: Protector = { kind: 'password-based-mac', reference: new TextEncoder().encode(VECTOR_REFERENCE), secret: VECTOR_SECRET, settings: { iterationCount: 100 } };
const signatureProtector: Protector = { kind: 'signature', privateKey: serverKey, certificate: server };

interface ValidatorInput {
  exchange: number;
  /** Re-protect the mutated message, so the checks behind the protection see the mutation. */
  reprotect: boolean;
  bytes: Uint8Array;
}

/**
 * The message re-protected by the test, or undefined when the ASN.1 library cannot re-encode what it
 * decoded (a received message is checked over its bytes as received, so this is the fuzzer's limit,
 * not the engine's); the case then runs on the message as received.
 */
function reprotected(message: PKIMessage, protection: 'mac' | 'signature'): PKIMessage | undefined {
  try {
    return decodePkiMessage(encodePkiMessage(protect(message, protection === 'mac' ? macProtector : signatureProtector)));
  } catch (error) {
    if (isTyped(error)) throw error;
    return undefined;
  }
}

/** The whole receive path of the engine: decode, check the header and protection, read the body. */
function receive({ exchange, reprotect, bytes }: ValidatorInput): unknown {
  const { request, protection, expectedTypes } = exchanges[exchange];
  let message = decodePkiMessage(bytes);
  if (reprotect) message = reprotected(message, protection) ?? decodePkiMessage(bytes);
  const trust: ServerTrust = protection === 'mac' ? { secret: VECTOR_SECRET } : { trustAnchors: [root] };
  const checked = validateResponse(message, sentFrom(decodePkiMessage(vector(request))), trust, { expectedTypes });
  switch (checked.type) {
    case 'ip': case 'cp': case 'kup': {
      const requestType = checked.type === 'kup' ? 'kur' : request.startsWith('p10cr') ? 'p10cr' : 'ir';
      return readCertResponse(checked.message, { requestType, certReqId: 0, requestedPublicKey: enrolledPublicKey, trustAnchors: [root] });
    }
    case 'pollRep': return readPollRep(checked.message, 0);
    case 'genp': return readGenp(checked.message);
    case 'rp': return readRevocationResponse(checked.message);
    default: return checked;
  }
}

const decoderTarget: FuzzTarget<Uint8Array> = {
  name: 'pkimessage-decoder',
  run: (bytes) => decodePkiMessage(bytes),
  isTyped: (error) => error instanceof CmpDecodeError,
  serialize: (bytes) => bytes,
  deserialize: (bytes) => bytes,
};

const validatorTarget: FuzzTarget<ValidatorInput> = {
  name: 'response-validator',
  run: receive,
  isTyped,
  serialize: ({ exchange, reprotect, bytes }) => Uint8Array.from([exchange, reprotect ? 1 : 0, ...bytes]),
  deserialize: (bytes) => ({ exchange: bytes[0], reprotect: bytes[1] === 1, bytes: bytes.subarray(2) }),
};

function* decoderCases() {
  const random = seededRandom(FUZZ_SEED);
  const seeds = readdirSync(VECTORS).filter((file) => file.endsWith('.der')).map((file) => vector(file));
  for (let i = 0; i < CASES_PER_TARGET; i++) {
    const { kind, bytes } = randomMutation(random.pick(seeds), random);
    yield { input: bytes, label: `case ${i} ${kind}` };
  }
}

function* validatorCases() {
  const random = seededRandom(FUZZ_SEED + 1);
  const seeds = exchanges.map((exchange) => vector(exchange.response));
  for (let i = 0; i < CASES_PER_TARGET; i++) {
    const exchange = random.below(exchanges.length);
    const { kind, bytes } = randomMutation(seeds[exchange], random);
    yield { input: { exchange, reprotect: random.chance(0.7), bytes }, label: `case ${i} ${kind} of ${exchanges[exchange].response}` };
  }
}

describe(`fuzz: PKIMessage decoder and response validator (${CASES_PER_TARGET * 2} mutated OpenSSL messages, seed ${FUZZ_SEED})`, () => {
  it('every unmutated exchange passes the receive path, also re-protected (the fuzzer reaches the body checks)', () => {
    for (const [index, exchange] of exchanges.entries()) {
      const bytes = vector(exchange.response);
      for (const reprotect of [false, true]) {
        try {
          receive({ exchange: index, reprotect, bytes });
        } catch (error) {
          // the rejection and error vectors end in the typed error that describes them
          expect(error, exchange.response).toBeInstanceOf(CmpProtocolError);
          expect(['rejected'], exchange.response).toContain((error as CmpProtocolError).code);
        }
      }
    }
  });

  it('kept crashers still end in a typed error or a parse', () => {
    const stats = [fuzz(decoderTarget, keptCrashers(decoderTarget)), fuzz(validatorTarget, keptCrashers(validatorTarget))];
    expect(stats.flatMap((s) => s.crashers)).toEqual([]);
  });

  it('mutations end in a typed error or a valid parse, within the time bound', { timeout: SOAK ? 3_600_000 : 120_000 }, () => {
    const stats = [fuzz(decoderTarget, decoderCases()), fuzz(validatorTarget, validatorCases())];
    process.stdout.write(writeFuzzReport('cmp', stats));
    expect(stats.flatMap((s) => s.crashers)).toEqual([]);
    expect(stats.map((s) => s.cases)).toEqual([CASES_PER_TARGET, CASES_PER_TARGET]);
    // Some mutations must survive every check, or the fuzzer never reached the deepest code.
    expect(stats[1].parsed).toBeGreaterThan(0);
  });
});
