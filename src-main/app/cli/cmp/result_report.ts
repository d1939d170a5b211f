import type { TransactionEvent } from '../../../cmp/transactions';
import type { CmpOutcome } from './cmp_transaction_runner';
import { describeAnswer } from './info_types';

/** What a successful run prints on stdout, one fact per line. */
export function resultLines(outcome: CmpOutcome, written: readonly string[]): string[] {
  const lines: string[] = [];
  switch (outcome.kind) {
    case 'enrolled': {
      const { certificate, implicitConfirmGranted, warnings } = outcome.result;
      lines.push(`enrolled "${certificate.subject}" serial ${certificate.serialHex}, valid until ${certificate.notAfter.toISOString()}, issued by "${certificate.issuer}"`);
      lines.push(implicitConfirmGranted ? 'confirmation: implicit (granted by the CA)' : 'confirmation: certConf accepted by the CA (pkiConf)');
      for (const warning of warnings) lines.push(`warning: ${warning}`);
      break;
    }
    case 'revoked':
      lines.push(`revocation of "${outcome.certificate.subject}" serial ${outcome.certificate.serialHex}: ${outcome.status}${outcome.text.length ? ` ("${outcome.text.join(' / ')}")` : ''}`);
      break;
    case 'answered':
      lines.push(outcome.answers.length ? `genp with ${outcome.answers.length} answer(s):` : 'genp with no answers');
      for (const answer of outcome.answers) lines.push(`  ${describeAnswer(answer)}`);
      break;
  }
  for (const file of written) lines.push(`written: ${file}`);
  return lines;
}

/** `--verbose` lines for transaction progress that the message lines do not show. */
export function progressLine(event: TransactionEvent): string | undefined {
  if (event.type === 'poll-scheduled') return `   waiting: poll ${event.attempt} in ${event.checkAfterSeconds} s`;
  if (event.type === 'warning') return `   warning: ${event.text}`;
  return undefined;
}
