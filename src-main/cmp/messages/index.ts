export * from './header';
export * from './random_octets';
export * from './cert_template';
export * from './certificate_requests';
export * from './cert_conf';
export * from './other_requests';
export * from './general_messages';
