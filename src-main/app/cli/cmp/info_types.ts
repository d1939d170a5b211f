import { InfoTypeAndValue } from '../../../cmp/asn1/info_type_and_value';
import * as oid from '../../../cmp/asn1/object_identifiers';
import { CliUsageError } from '../command';

/** genm questions by the names `openssl cmp -infotype` and RFC 9810 5.3.19 use. */
const INFO_TYPES: Record<string, string> = {
  caProtEncCert: oid.id_it_caProtEncCert,
  signKeyPairTypes: oid.id_it_signKeyPairTypes,
  encKeyPairTypes: oid.id_it_encKeyPairTypes,
  preferredSymmAlg: oid.id_it_preferredSymmAlg,
  caKeyUpdateInfo: oid.id_it_caKeyUpdateInfo,
  currentCRL: oid.id_it_currentCRL,
  unsupportedOIDs: oid.id_it_unsupportedOIDs,
  keyPairParamReq: oid.id_it_keyPairParamReq,
  suppLangTags: oid.id_it_suppLangTags,
  caCerts: oid.id_it_caCerts,
  rootCaCert: oid.id_it_rootCaCert,
  certReqTemplate: oid.id_it_certReqTemplate,
  crlStatusList: oid.id_it_crlStatusList,
};

/** The answer types named like the questions, plus the RFC 9483 answers that have their own OIDs. */
const NAME_BY_OID: Record<string, string> = {
  ...Object.fromEntries(Object.entries(INFO_TYPES).map(([name, id]) => [id, name])),
  [oid.id_it_rootCaKeyUpdate]: 'rootCaKeyUpdate',
  [oid.id_it_keyPairParamRep]: 'keyPairParamRep',
  [oid.id_it_crls]: 'crls',
};

/** The genm question for --infotype: a known name (case-insensitive) or a dotted OID. Without --infotype, openssl sends no question. */
export function genmQuestions(infoType: string | undefined): InfoTypeAndValue[] {
  if (infoType === undefined) return [];
  if (/^\d+(\.\d+)+$/.test(infoType)) return [new InfoTypeAndValue({ infoType })];
  const entry = Object.entries(INFO_TYPES).find(([name]) => name.toLowerCase() === infoType.toLowerCase());
  if (!entry) throw new CliUsageError(`--infotype "${infoType}" is not known; use one of ${Object.keys(INFO_TYPES).join(', ')} or a dotted OID`);
  return [new InfoTypeAndValue({ infoType: entry[1] })];
}

/** "caCerts (1.3.6.1.5.5.7.4.17): 1234 bytes" — what a genp answer is, for the command's output. */
export function describeAnswer(answer: InfoTypeAndValue): string {
  const name = NAME_BY_OID[answer.infoType];
  const size = answer.infoValue ? `${answer.infoValue.byteLength} bytes` : 'no value';
  return `${name ? `${name} (${answer.infoType})` : answer.infoType}: ${size}`;
}
