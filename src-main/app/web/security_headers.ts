import { rendererCsp } from '../renderer_csp';

/** Headers on every response of the web host. */
export function securityHeaders(origin: string): Record<string, string> {
  return {
    'Content-Security-Policy': rendererCsp([origin.replace(/^http/, 'ws')]),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'X-Frame-Options': 'DENY',
    'Cache-Control': 'no-store',
  };
}
