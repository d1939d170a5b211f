/** The PKI toolkit shared by the CMP engine, the lab CA and the lifecycle. */
export * from './errors';
export * from './limits';
export * from './keys';
export * from './private_key_format';
export * from './signature_algorithms';
export * from './names';
export * from './subject_alt_names';
export * from './certificate';
export { toPem } from './pem';
export * from './object_identifiers';
export * from './extension_values';
export * from './extensions';
export * from './csr';
export * from './certificate_builder';
export * from './chain_validation';
export * from './pkcs7';
export * from './trust_anchor_import';
