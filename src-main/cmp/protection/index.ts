export * from './protection_error';
export * from './algorithms';
export * from './protected_part';
export * from './password_based_mac';
export * from './pbmac1';
export * from './protectors';
export * from './protect';
export * from './verify_protection';
