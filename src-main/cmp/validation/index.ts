export * from './cmp_protocol_error';
export * from './server_trust';
export * from './peer_status';
export * from './response_validator';
export * from './cert_response';
export * from './other_responses';
export * from './root_ca_key_update';
export * from './failure_report';
