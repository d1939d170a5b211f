import { AsnProp, AsnPropTypes, AsnType, AsnTypeTypes } from '@peculiar/asn1-schema';
import { AlgorithmIdentifier } from '@peculiar/asn1-x509';

/**
 * ```asn1
 *     salt CHOICE {
 *       specified OCTET STRING,
 *       otherSource AlgorithmIdentifier {{PBKDF2-SaltSources}}
 *     },
 * ```
 */
@AsnType({ type: AsnTypeTypes.Choice })
export class Pbkdf2Salt {
  @AsnProp({ type: AsnPropTypes.OctetString })
  public specified?: ArrayBuffer;

  @AsnProp({ type: AlgorithmIdentifier })
  public otherSource?: AlgorithmIdentifier;

  constructor(params: Partial<Pbkdf2Salt> = {}) {
    Object.assign(this, params);
  }
}

/**
 * PBKDF2 parameters (RFC 8018 A.2). An absent prf means hmacWithSHA1, which we do not accept.
 *
 * ```asn1
 * PBKDF2-params ::= SEQUENCE {
 *     salt CHOICE {
 *       specified OCTET STRING,
 *       otherSource AlgorithmIdentifier {{PBKDF2-SaltSources}}
 *     },
 *     iterationCount INTEGER (1..MAX),
 *     keyLength INTEGER (1..MAX) OPTIONAL,
 *     prf AlgorithmIdentifier {{PBKDF2-PRFs}} DEFAULT
 *     algid-hmacWithSHA1
 * }
 * ```
 */
export class Pbkdf2Params {
  @AsnProp({ type: Pbkdf2Salt })
  public salt = new Pbkdf2Salt();

  @AsnProp({ type: AsnPropTypes.Integer })
  public iterationCount = 0;

  @AsnProp({ type: AsnPropTypes.Integer, optional: true })
  public keyLength?: number;

  @AsnProp({ type: AlgorithmIdentifier, optional: true })
  public prf?: AlgorithmIdentifier;

  constructor(params: Partial<Pbkdf2Params> = {}) {
    Object.assign(this, params);
  }
}

/**
 * PBMAC1 parameters (RFC 8018 A.5, used for CMP by RFC 9481 6.1.2).
 *
 * ```asn1
 * PBMAC1-params ::=  SEQUENCE {
 *     keyDerivationFunc AlgorithmIdentifier {{PBMAC1-KDFs}},
 *     messageAuthScheme AlgorithmIdentifier {{PBMAC1-MACs}}
 * }
 * ```
 */
export class Pbmac1Params {
  @AsnProp({ type: AlgorithmIdentifier })
  public keyDerivationFunc = new AlgorithmIdentifier();

  @AsnProp({ type: AlgorithmIdentifier })
  public messageAuthScheme = new AlgorithmIdentifier();

  constructor(params: Partial<Pbmac1Params> = {}) {
    Object.assign(this, params);
  }
}
