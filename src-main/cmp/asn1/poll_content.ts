import { AsnArray, AsnProp, AsnPropTypes, AsnType, AsnTypeTypes } from '@peculiar/asn1-schema';
import { PKIFreeText } from './pki_free_text';

/** One entry of PollReqContent. */
export class PollReq {
  @AsnProp({ type: AsnPropTypes.Integer })
  public certReqId = 0;

  constructor(params: Partial<PollReq> = {}) {
    Object.assign(this, params);
  }
}

/**
 * The body of pollReq: "is my certificate ready yet?"
 *
 * ```asn1
 * PollReqContent ::= SEQUENCE OF SEQUENCE {
 *     certReqId    INTEGER
 * }
 * ```
 */
@AsnType({ type: AsnTypeTypes.Sequence, itemType: PollReq })
export class PollReqContent extends AsnArray<PollReq> {
  constructor(items?: PollReq[]) {
    super(items ?? []);
    Object.setPrototypeOf(this, PollReqContent.prototype);
  }
}

/** One entry of PollRepContent: ask again after checkAfter seconds. */
export class PollRep {
  @AsnProp({ type: AsnPropTypes.Integer })
  public certReqId = 0;

  @AsnProp({ type: AsnPropTypes.Integer })
  public checkAfter = 0;

  @AsnProp({ type: PKIFreeText, optional: true })
  public reason?: PKIFreeText;

  constructor(params: Partial<PollRep> = {}) {
    Object.assign(this, params);
  }
}

/**
 * The body of pollRep: "not yet, ask again after checkAfter seconds".
 *
 * ```asn1
 * PollRepContent ::= SEQUENCE OF SEQUENCE {
 *     certReqId              INTEGER,
 *     checkAfter             INTEGER,  -- time in seconds
 *     reason                 PKIFreeText OPTIONAL
 * }
 * ```
 */
@AsnType({ type: AsnTypeTypes.Sequence, itemType: PollRep })
export class PollRepContent extends AsnArray<PollRep> {
  constructor(items?: PollRep[]) {
    super(items ?? []);
    Object.setPrototypeOf(this, PollRepContent.prototype);
  }
}
