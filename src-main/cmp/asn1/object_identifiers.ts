/**
 * Every object identifier the CMP engine speaks, in one place (RFC 9810, RFC 4211, RFC 9481, RFC 8018).
 * Names follow the RFCs so a trace and the code read alike.
 */

// Shared-secret protection (RFC 9810 5.1.3.1, RFC 9481 6.1)
export const id_PasswordBasedMac = '1.2.840.113533.7.66.13';
export const id_DHBasedMac = '1.2.840.113533.7.66.30';
export const id_PBMAC1 = '1.2.840.113549.1.5.14';
export const id_PBKDF2 = '1.2.840.113549.1.5.12';

// One-way functions (RFC 9481 2)
export const id_sha1 = '1.3.14.3.2.26';
export const id_sha224 = '2.16.840.1.101.3.4.2.4';
export const id_sha256 = '2.16.840.1.101.3.4.2.1';
export const id_sha384 = '2.16.840.1.101.3.4.2.2';
export const id_sha512 = '2.16.840.1.101.3.4.2.3';
export const id_sha3_256 = '2.16.840.1.101.3.4.2.8';
export const id_sha3_384 = '2.16.840.1.101.3.4.2.9';
export const id_sha3_512 = '2.16.840.1.101.3.4.2.10';

// MAC algorithms (RFC 9481 6.2; hmac-sha1 of RFC 3370/OpenSSL's default, accepted for verification only)
export const id_hmac_sha1 = '1.3.6.1.5.5.8.1.2';
export const id_hmacWithSHA1 = '1.2.840.113549.2.7';
export const id_hmacWithSHA224 = '1.2.840.113549.2.8';
export const id_hmacWithSHA256 = '1.2.840.113549.2.9';
export const id_hmacWithSHA384 = '1.2.840.113549.2.10';
export const id_hmacWithSHA512 = '1.2.840.113549.2.11';

// InfoTypeAndValue types: id-it (RFC 9810 5.3.19, Appendix F)
export const id_it = '1.3.6.1.5.5.7.4';
export const id_it_caProtEncCert = `${id_it}.1`;
export const id_it_signKeyPairTypes = `${id_it}.2`;
export const id_it_encKeyPairTypes = `${id_it}.3`;
export const id_it_preferredSymmAlg = `${id_it}.4`;
export const id_it_caKeyUpdateInfo = `${id_it}.5`;
export const id_it_currentCRL = `${id_it}.6`;
export const id_it_unsupportedOIDs = `${id_it}.7`;
export const id_it_keyPairParamReq = `${id_it}.10`;
export const id_it_keyPairParamRep = `${id_it}.11`;
export const id_it_revPassphrase = `${id_it}.12`;
export const id_it_implicitConfirm = `${id_it}.13`;
export const id_it_confirmWaitTime = `${id_it}.14`;
export const id_it_origPKIMessage = `${id_it}.15`;
export const id_it_suppLangTags = `${id_it}.16`;
export const id_it_caCerts = `${id_it}.17`;
export const id_it_rootCaKeyUpdate = `${id_it}.18`;
export const id_it_certReqTemplate = `${id_it}.19`;
export const id_it_rootCaCert = `${id_it}.20`;
export const id_it_certProfile = `${id_it}.21`;
export const id_it_crlStatusList = `${id_it}.22`;
export const id_it_crls = `${id_it}.23`;

// CRMF registration controls and info (RFC 4211 6, 7)
export const id_pkip = '1.3.6.1.5.5.7.5';
export const id_regCtrl = `${id_pkip}.1`;
export const id_regCtrl_regToken = `${id_regCtrl}.1`;
export const id_regCtrl_authenticator = `${id_regCtrl}.2`;
export const id_regCtrl_pkiPublicationInfo = `${id_regCtrl}.3`;
export const id_regCtrl_pkiArchiveOptions = `${id_regCtrl}.4`;
export const id_regCtrl_oldCertID = `${id_regCtrl}.5`;
export const id_regCtrl_protocolEncrKey = `${id_regCtrl}.6`;
export const id_regCtrl_algId = `${id_regCtrl}.11`;
export const id_regCtrl_rsaKeyLen = `${id_regCtrl}.12`;
export const id_regInfo = `${id_pkip}.2`;
export const id_regInfo_utf8Pairs = `${id_regInfo}.1`;
export const id_regInfo_certReq = `${id_regInfo}.2`;
