/**
 * The renderer's Content-Security-Policy, the same in Electron and in the browser: only our own
 * scripts and styles, no eval, no inline script, no frames, no plugins, no form posts. `connect`
 * lists where the renderer may open connections besides its own origin (the web host's WebSocket).
 */
export function rendererCsp(connect: readonly string[] = []): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    ["connect-src 'self'", ...connect].join(' '),
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}
