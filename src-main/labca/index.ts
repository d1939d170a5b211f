export { LabCa, type LabCaOptions } from './lab_ca';
export { LabCaAdmin } from './admin_api';
export { type CaKeyPassphraseSource, type LabCaKeychain, keychainAccount } from './ca_key_passphrase';
export { type CmpPathOptions, wellKnownCmpPath } from './cmp_paths';
export { LabCaConfigError, LabCaStoreError } from './errors';
export type { IssuedCertificate, IssuedCertificateState } from './issued_certificates';
export { type TestKnobs, testKnobsSchema } from './test_knobs';
export { defaultValiditySeconds, parseValidity } from './validity';
