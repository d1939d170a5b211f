import { AsnProp, AsnPropTypes, AsnType, AsnTypeTypes } from '@peculiar/asn1-schema';
import { AlgorithmIdentifier, GeneralName, SubjectPublicKeyInfo } from '@peculiar/asn1-x509';

/**
 * Who vouches for the key when no certificate subject is known yet; only `sender` is used by us.
 * publicKeyMAC (PKMACValue) is kept raw.
 *
 * ```asn1
 *     authInfo CHOICE {
 *         sender              [0] GeneralName,
 *         publicKeyMAC        PKMACValue },
 * ```
 */
@AsnType({ type: AsnTypeTypes.Choice })
export class POPOSigningKeyInputAuthInfo {
  @AsnProp({ type: GeneralName, context: 0 })
  public sender?: GeneralName;

  @AsnProp({ type: AsnPropTypes.Any })
  public publicKeyMAC?: ArrayBuffer;

  constructor(params: Partial<POPOSigningKeyInputAuthInfo> = {}) {
    Object.assign(this, params);
  }
}

/**
 * ```asn1
 * POPOSigningKeyInput ::= SEQUENCE {
 *     authInfo            CHOICE {
 *         sender              [0] GeneralName,
 *         publicKeyMAC        PKMACValue },
 *     publicKey           SubjectPublicKeyInfo }  -- from CertTemplate
 * ```
 */
export class POPOSigningKeyInput {
  @AsnProp({ type: POPOSigningKeyInputAuthInfo })
  public authInfo = new POPOSigningKeyInputAuthInfo();

  @AsnProp({ type: SubjectPublicKeyInfo })
  public publicKey = new SubjectPublicKeyInfo();

  constructor(params: Partial<POPOSigningKeyInput> = {}) {
    Object.assign(this, params);
  }
}

/**
 * The signature that proves the requester holds the private key; signed over the DER of
 * CertRequest when the template carries subject and publicKey (RFC 4211 4.1).
 *
 * ```asn1
 * POPOSigningKey ::= SEQUENCE {
 *     poposkInput           [0] POPOSigningKeyInput OPTIONAL,
 *     algorithmIdentifier   AlgorithmIdentifier,
 *     signature             BIT STRING }
 * ```
 */
export class POPOSigningKey {
  @AsnProp({ type: POPOSigningKeyInput, context: 0, implicit: true, optional: true })
  public poposkInput?: POPOSigningKeyInput;

  @AsnProp({ type: AlgorithmIdentifier })
  public algorithmIdentifier = new AlgorithmIdentifier();

  @AsnProp({ type: AsnPropTypes.BitString })
  public signature: ArrayBuffer = new ArrayBuffer(0);

  constructor(params: Partial<POPOSigningKey> = {}) {
    Object.assign(this, params);
  }
}

/**
 * How the requester proves possession of the private key. keyEncipherment and keyAgreement
 * (POPOPrivKey, a CHOICE and therefore explicitly tagged) are kept raw.
 *
 * ```asn1
 * ProofOfPossession ::= CHOICE {
 *     raVerified        [0] NULL,
 *     signature         [1] POPOSigningKey,
 *     keyEncipherment   [2] POPOPrivKey,
 *     keyAgreement      [3] POPOPrivKey }
 * ```
 */
@AsnType({ type: AsnTypeTypes.Choice })
export class ProofOfPossession {
  @AsnProp({ type: AsnPropTypes.Null, context: 0, implicit: true })
  public raVerified?: null;

  @AsnProp({ type: POPOSigningKey, context: 1, implicit: true })
  public signature?: POPOSigningKey;

  @AsnProp({ type: AsnPropTypes.Any, context: 2 })
  public keyEncipherment?: ArrayBuffer;

  @AsnProp({ type: AsnPropTypes.Any, context: 3 })
  public keyAgreement?: ArrayBuffer;

  constructor(params: Partial<ProofOfPossession> = {}) {
    Object.assign(this, params);
  }
}
