import { CRLReasons, Name } from '@peculiar/asn1-x509';
import { decodePkiMessage } from '../../../cmp/asn1/decode';
import { pkiBodyType } from '../../../cmp/asn1/pki_body';
import type { InfoTypeAndValue } from '../../../cmp/asn1/info_type_and_value';
import { certificateOf } from '../../../cmp/messages/general_messages';
import type { RevocationReason } from '../../../cmp/messages/other_requests';
import {
  EnrollmentTransaction,
  GeneralMessageTransaction,
  RevocationTransaction,
  type CmpSession,
  type EnrollmentResult,
  type TransactionListener,
} from '../../../cmp/transactions';
import { HttpTransport } from '../../../cmp/transport';
import type { ParsedCertificate } from '../../../pki';
import { CliUsageError } from '../command';
import type { CmpCommandLine } from './cmp_options';
import type { CmpInputs } from './cmp_inputs';
import { ExchangeRecorder } from './exchange_recorder';
import { genmQuestions } from './info_types';

/** What one successful run of `cmp-desk cmp` obtained. */
export type CmpOutcome =
  | { kind: 'enrolled'; result: EnrollmentResult }
  | { kind: 'revoked'; certificate: ParsedCertificate; status: string; text: string[] }
  | { kind: 'answered'; answers: InfoTypeAndValue[] };

export interface CmpRunHooks {
  /** `--verbose` lines: each message with type, status and transactionID. */
  onExchangeLine?: (line: string) => void;
  onProgress?: TransactionListener;
}

const ANSWER_TYPES = new Set(['ip', 'cp', 'kup', 'rp', 'genp']);

/** The extraCerts of the CA's answer to our request (ip/cp/kup, rp or genp), not of a later pkiConf. */
export function answerExtraCerts(responses: readonly Uint8Array[]): ParsedCertificate[] {
  for (const bytes of [...responses].reverse()) {
    try {
      const message = decodePkiMessage(bytes);
      if (ANSWER_TYPES.has(pkiBodyType(message.body))) return (message.extraCerts ?? []).map((cert) => certificateOf(cert, 'extraCerts certificate'));
    } catch {
      // A response the transaction refused as undecodable has no extraCerts to save.
    }
  }
  return [];
}

/**
 * Our name in headers: the protection certificate's subject for signed requests, else the requested
 * subject, else NULL-DN (RFC 9483 3.1). The CA's name: --recipient, else what the certificates tell.
 */
function headerNames(inputs: CmpInputs): { sender: Name; recipient: Name } {
  const sender = inputs.ownCertificate?.subjectName ?? inputs.subject ?? new Name();
  const recipient =
    inputs.recipient ??
    inputs.serverTrust.pinnedServerCertificate?.subjectName ??
    inputs.oldCertificate?.issuerName ??
    inputs.ownCertificate?.issuerName ??
    new Name();
  return { sender, recipient };
}

function revocationReason(code: number | undefined): RevocationReason | undefined {
  return code === undefined ? undefined : (CRLReasons[code] as RevocationReason);
}

/** A CLI run polls until --total-timeout ends it rather than pausing after a fixed number of polls. */
const CLI_POLLING_RETRY_COUNT = 10_000;

/** Runs the one transaction the command line asks for over HTTP(S); the recorder sees every message. */
export async function runCmpTransaction(line: CmpCommandLine, inputs: CmpInputs, hooks: CmpRunHooks = {}): Promise<{ outcome: CmpOutcome; recorder: ExchangeRecorder }> {
  const transport = new HttpTransport({ url: line.server, tls: inputs.tls, messageTimeoutMs: line.messageTimeoutMs, localAddress: line.sourceAddress });
  const recorder = new ExchangeRecorder(transport, {
    onLine: hooks.onExchangeLine,
    requestFiles: line.outputs.requests,
    responseFiles: line.outputs.responses,
  });
  const session: CmpSession = {
    transport: recorder,
    protector: inputs.protector,
    trust: inputs.serverTrust,
    ...headerNames(inputs),
    messageTimeoutMs: line.messageTimeoutMs,
    totalTimeoutMs: line.totalTimeoutMs,
    onProgress: hooks.onProgress,
  };
  try {
    const outcome = await run(line, inputs, session);
    return { outcome, recorder };
  } finally {
    recorder.close();
    await recorder.flush();
  }
}

async function run(line: CmpCommandLine, inputs: CmpInputs, session: CmpSession): Promise<CmpOutcome> {
  switch (line.command) {
    case 'genm': {
      const { answers } = await new GeneralMessageTransaction(session).run(genmQuestions(line.infoType));
      return { kind: 'answered', answers };
    }
    case 'rr': {
      const certificate = inputs.oldCertificate;
      if (!certificate) throw new CliUsageError('--cmd rr needs --oldcert naming the certificate to revoke');
      const result = await new RevocationTransaction(session).run(certificate, revocationReason(line.revocationReason));
      return { kind: 'revoked', certificate, status: result.status, text: result.text };
    }
    default: {
      const key = inputs.newKey;
      const wish = key && line.command !== 'p10cr' ? { subject: inputs.subject ?? inputs.oldCertificate?.subjectName ?? new Name(), publicKey: key.publicKey, sans: inputs.sans } : undefined;
      const result = await new EnrollmentTransaction(session, {
        type: line.command,
        wish,
        privateKey: key?.privateKey,
        csrDer: inputs.csrDer,
        oldCertificate: inputs.oldCertificate,
        trustAnchors: inputs.enrolledCertificateAnchors,
        implicitConfirm: line.implicitConfirm,
        pollingRetryCount: CLI_POLLING_RETRY_COUNT,
        expectedSubject: inputs.subject,
        expectedSans: inputs.sans,
      }).run();
      return { kind: 'enrolled', result };
    }
  }
}
