import type { ParsedCertificate } from '../../pki';
import type { CertReqTemplateContent } from '../asn1/cert_req_template_content';
import type { InfoTypeAndValue } from '../asn1/info_type_and_value';
import { id_it_caCerts, id_it_certReqTemplate, id_it_rootCaKeyUpdate } from '../asn1/object_identifiers';
import {
  caCertsQuestion, certReqTemplateQuestion, findAnswer, readCaCerts, readCertReqTemplate, readRootCaKeyUpdate, rootCaCertQuestion,
} from '../messages/general_messages';
import { buildGenm } from '../messages/other_requests';
import { readGenp } from '../validation/other_responses';
import { validateRootCaKeyUpdate } from '../validation/root_ca_key_update';
import type { CmpSession } from './cmp_session';
import type { TransactionSnapshot } from './transaction_snapshot';
import { Transaction } from './transaction';

/** genm/genp: asks the CA general questions; the answers come back as raw ITAVs. */
export class GeneralMessageTransaction extends Transaction {
  constructor(session: CmpSession) {
    super('genm', session);
  }

  async run(questions: InfoTypeAndValue[]): Promise<{ answers: InfoTypeAndValue[]; snapshot: TransactionSnapshot }> {
    try {
      this.moveTo('sent');
      const response = await this.exchange('genm', (header) => buildGenm(header, questions));
      const answers = readGenp(response.message);
      this.moveTo('completed');
      return { answers, snapshot: this.snapshot };
    } catch (error) {
      throw await this.abandon(error);
    }
  }
}

async function ask(session: CmpSession, question: InfoTypeAndValue, answerType: string): Promise<InfoTypeAndValue | undefined> {
  const { answers } = await new GeneralMessageTransaction(session).run([question]);
  return findAnswer(answers, answerType);
}

/** The CA certificates the CA wants us to know (caCerts). */
export async function fetchCaCerts(session: CmpSession): Promise<ParsedCertificate[]> {
  const answer = await ask(session, caCertsQuestion(), id_it_caCerts);
  return answer ? readCaCerts(answer) : [];
}

/** The new root if the CA rolled its root key over, validated against the one we trust; else undefined. */
export async function fetchRootCaUpdate(session: CmpSession, currentRoot: ParsedCertificate): Promise<ParsedCertificate | undefined> {
  const answer = await ask(session, rootCaCertQuestion(currentRoot), id_it_rootCaKeyUpdate);
  const update = answer ? readRootCaKeyUpdate(answer) : undefined;
  return update ? validateRootCaKeyUpdate(update, currentRoot) : undefined;
}

/** The template the CA wants requests to follow, if it has one. */
export async function fetchCertReqTemplate(session: CmpSession): Promise<CertReqTemplateContent | undefined> {
  const answer = await ask(session, certReqTemplateQuestion(), id_it_certReqTemplate);
  return answer ? readCertReqTemplate(answer) : undefined;
}
