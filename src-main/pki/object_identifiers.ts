/** Object identifiers used by the PKI toolkit that the @peculiar packages do not export under a usable name. */

/** id-Ed25519 (RFC 8410). */
export const id_Ed25519 = '1.3.101.112';
/** id-mgf1 (RFC 8017). */
export const id_mgf1 = '1.2.840.113549.1.1.8';

/** X.520 / PKCS#9 / RFC 4519 attribute types used in subject names. */
export const id_at_countryName = '2.5.4.6';
export const id_at_stateOrProvinceName = '2.5.4.8';
export const id_at_localityName = '2.5.4.7';
export const id_at_organizationName = '2.5.4.10';
export const id_at_organizationalUnitName = '2.5.4.11';
export const id_at_commonName = '2.5.4.3';
export const id_at_serialNumber = '2.5.4.5';
export const id_at_streetAddress = '2.5.4.9';
export const id_emailAddress = '1.2.840.113549.1.9.1';
export const id_domainComponent = '0.9.2342.19200300.100.1.25';
export const id_userId = '0.9.2342.19200300.100.1.1';
