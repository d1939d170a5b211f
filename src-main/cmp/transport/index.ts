export type { CmpSendOptions, CmpTransport } from './cmp_transport';
export { TransportError, ServerGroupError, type TransportErrorCode, type TransportErrorDetails, type ServerFailure } from './transport_error';
export { HttpTransport, PKIXCMP_MEDIA_TYPE, DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_MESSAGE_TIMEOUT_MS, type HttpTransportOptions } from './http_transport';
export { InMemoryTransport, type CmpRequestHandler } from './in_memory_transport';
export { ServerGroupTransport, type GroupServer, type GroupResponse } from './server_group_transport';
export type { TlsSettings } from './tls_settings';
export { parseNoProxy, bypassesProxy, type ProxyConfig } from './proxy';
export { wellKnownCmpPath, wellKnownCmpUrl } from './well_known_path';
