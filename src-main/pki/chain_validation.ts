import {
  id_ce_authorityKeyIdentifier,
  id_ce_basicConstraints,
  id_ce_certificatePolicies,
  id_ce_cRLDistributionPoints,
  id_ce_extKeyUsage,
  id_ce_keyUsage,
  id_ce_subjectAltName,
  id_ce_subjectKeyIdentifier,
} from '@peculiar/asn1-x509';
import { isSelfIssued, verifyCertificateSignature, type ParsedCertificate } from './certificate';
import { namesEqual } from './names';

/**
 * RFC 5280 section 6 basic path validation: signatures, validity at a given time, name chaining,
 * basicConstraints cA and pathLenConstraint, keyUsage keyCertSign, unknown critical extensions.
 * Policies, name constraints and revocation are not processed (a critical one fails the path).
 */

export interface ChainValidationOptions {
  trustAnchors: readonly ParsedCertificate[];
  /** Untrusted certificates that may complete the path (CMP extraCerts, caPubs, a PEM chain). */
  intermediates?: readonly ParsedCertificate[];
  /** Validation time; default now. */
  at?: Date;
  /** Most certificates in a path including leaf and anchor; default 10. */
  maxPathCertificates?: number;
}

export type ChainFailure =
  | { reason: 'untrusted_root'; subject: string; issuer: string }
  | { reason: 'expired'; subject: string; notAfter: Date }
  | { reason: 'not_yet_valid'; subject: string; notBefore: Date }
  | { reason: 'signature_invalid'; subject: string; issuer: string }
  | { reason: 'not_a_ca'; subject: string }
  | { reason: 'ca_key_usage'; subject: string }
  | { reason: 'path_too_long'; subject: string; pathLength: number }
  | { reason: 'unsupported_critical_extension'; subject: string; oid: string };

export type ChainValidationResult =
  | { ok: true; /** Leaf first, trust anchor last. */ path: ParsedCertificate[] }
  | { ok: false; failure: ChainFailure; /** What the administrator reads. */ message: string };

const UNDERSTOOD_EXTENSIONS = new Set([
  id_ce_basicConstraints,
  id_ce_keyUsage,
  id_ce_extKeyUsage,
  id_ce_subjectAltName,
  id_ce_subjectKeyIdentifier,
  id_ce_authorityKeyIdentifier,
  id_ce_cRLDistributionPoints,
  id_ce_certificatePolicies,
]);

const MAX_PATHS_EXPLORED = 1000;

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a).equals(Buffer.from(b));
}

/** Could `issuer` have issued `certificate`? Names must chain; key identifiers must agree when both exist. */
function mayHaveIssued(issuer: ParsedCertificate, certificate: ParsedCertificate): boolean {
  if (!namesEqual(issuer.subjectName, certificate.issuerName)) return false;
  const akid = certificate.authorityKeyIdentifier;
  const skid = issuer.subjectKeyIdentifier;
  return !akid || !skid || sameBytes(akid, skid);
}

/** Every candidate path from the leaf to a trust anchor (by names and key identifiers, not yet validated). */
function candidatePaths(leaf: ParsedCertificate, options: ChainValidationOptions, limit: number): { complete: ParsedCertificate[][]; longest: ParsedCertificate[] } {
  const complete: ParsedCertificate[][] = [];
  let longest = [leaf];
  // Hostile extraCerts could offer many same-named issuers: bound the search, not just its depth.
  let budget = MAX_PATHS_EXPLORED;
  const extend = (path: ParsedCertificate[]) => {
    if (--budget < 0) return;
    if (path.length > longest.length) longest = path;
    const top = path[path.length - 1];
    for (const anchor of options.trustAnchors) {
      if (mayHaveIssued(anchor, top) && !path.some((c) => sameBytes(c.der, anchor.der))) complete.push([...path, anchor]);
    }
    if (path.length + 1 >= limit) return;
    for (const candidate of options.intermediates ?? []) {
      if (path.some((c) => sameBytes(c.der, candidate.der))) continue;
      if (mayHaveIssued(candidate, top)) extend([...path, candidate]);
    }
  };
  extend([leaf]);
  return { complete, longest };
}

function checkValidity(certificate: ParsedCertificate, at: Date): ChainFailure | undefined {
  if (at.getTime() > certificate.notAfter.getTime()) return { reason: 'expired', subject: certificate.subject, notAfter: certificate.notAfter };
  if (at.getTime() < certificate.notBefore.getTime()) {
    return { reason: 'not_yet_valid', subject: certificate.subject, notBefore: certificate.notBefore };
  }
  return undefined;
}

function checkCriticalExtensions(certificate: ParsedCertificate): ChainFailure | undefined {
  const unknown = (certificate.asn.tbsCertificate.extensions ?? []).find((e) => e.critical && !UNDERSTOOD_EXTENSIONS.has(e.extnID));
  return unknown ? { reason: 'unsupported_critical_extension', subject: certificate.subject, oid: unknown.extnID } : undefined;
}

/** An issuing certificate must be a CA allowed to sign certificates; a v1 trust anchor is accepted as it is. */
function checkIssuer(issuer: ParsedCertificate, isAnchor: boolean): ChainFailure | undefined {
  const legacyAnchor = isAnchor && issuer.asn.tbsCertificate.version === 0;
  if (!legacyAnchor && !issuer.basicConstraints?.ca) return { reason: 'not_a_ca', subject: issuer.subject };
  if (issuer.keyUsage && !issuer.keyUsage.includes('keyCertSign')) return { reason: 'ca_key_usage', subject: issuer.subject };
  return undefined;
}

/** Validates one candidate path (leaf first, anchor last); the first problem from the anchor down. */
function validatePath(path: ParsedCertificate[], at: Date): ChainFailure | undefined {
  const anchorIndex = path.length - 1;
  const anchorProblem = checkValidity(path[anchorIndex], at);
  if (anchorProblem) return anchorProblem;
  for (let i = anchorIndex - 1; i >= 0; i--) {
    const certificate = path[i];
    const issuer = path[i + 1];
    const issuerProblem = checkIssuer(issuer, i + 1 === anchorIndex);
    if (issuerProblem) return issuerProblem;
    const pathLength = issuer.basicConstraints?.pathLength;
    // pathLenConstraint counts the non-self-issued intermediates below the issuer (RFC 5280 4.2.1.9).
    const intermediatesBelow = path.slice(1, i + 1).filter((c) => !isSelfIssued(c)).length;
    if (pathLength !== undefined && intermediatesBelow > pathLength) {
      return { reason: 'path_too_long', subject: issuer.subject, pathLength };
    }
    if (!verifyCertificateSignature(certificate, issuer.publicKey)) {
      return { reason: 'signature_invalid', subject: certificate.subject, issuer: issuer.subject };
    }
    const problem = checkValidity(certificate, at) ?? checkCriticalExtensions(certificate);
    if (problem) return problem;
  }
  return undefined;
}

/** The sentence the administrator reads for a failure. */
export function describeChainFailure(failure: ChainFailure): string {
  switch (failure.reason) {
    case 'untrusted_root':
      return `"${failure.subject}" does not chain to a trust anchor: no trusted certificate named "${failure.issuer}" issued it`;
    case 'expired':
      return `"${failure.subject}" expired at ${failure.notAfter.toISOString()}`;
    case 'not_yet_valid':
      return `"${failure.subject}" is not valid before ${failure.notBefore.toISOString()}`;
    case 'signature_invalid':
      return `The signature of "${failure.subject}" does not verify with the key of its issuer "${failure.issuer}"`;
    case 'not_a_ca':
      return `"${failure.subject}" issued a certificate but is not a CA (basicConstraints cA is not set)`;
    case 'ca_key_usage':
      return `"${failure.subject}" issued a certificate but its keyUsage lacks keyCertSign`;
    case 'path_too_long':
      return `The path is longer than "${failure.subject}" allows (pathLenConstraint ${failure.pathLength})`;
    case 'unsupported_critical_extension':
      return `"${failure.subject}" carries critical extension ${failure.oid}, which cmp-desk does not process`;
  }
}

function failed(failure: ChainFailure): ChainValidationResult {
  return { ok: false, failure, message: describeChainFailure(failure) };
}

/** Validates `leaf` to one of the trust anchors; the first valid path wins, else the first path's problem. */
export function validateChain(leaf: ParsedCertificate, options: ChainValidationOptions): ChainValidationResult {
  const at = options.at ?? new Date();
  const pinned = options.trustAnchors.find((anchor) => sameBytes(anchor.der, leaf.der));
  if (pinned) {
    const problem = checkValidity(pinned, at);
    return problem ? failed(problem) : { ok: true, path: [pinned] };
  }
  const limit = options.maxPathCertificates ?? 10;
  const { complete, longest } = candidatePaths(leaf, options, limit);
  let firstProblem: ChainFailure | undefined;
  for (const path of complete) {
    const problem = validatePath(path, at);
    if (!problem) return { ok: true, path };
    firstProblem ??= problem;
  }
  if (firstProblem) return failed(firstProblem);
  const top = longest[longest.length - 1];
  return failed({ reason: 'untrusted_root', subject: top.subject, issuer: top.issuer });
}
