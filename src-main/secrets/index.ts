export * from './keychain';
export * from './initial_authentication_keys';
export * from './data_key';
