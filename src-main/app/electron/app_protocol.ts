import { rendererCsp } from '../renderer_csp';
import { readStaticFile } from '../web/static_files';

/** The renderer is served from `cmp-desk://app/`, never from file:// (checklist item 18). */
export const appScheme = 'cmp-desk';
export const appHost = 'app';
export const appEntryUrl = `${appScheme}://${appHost}/index.html`;

/** Registered before `ready`: a standard, secure scheme behaves like https for the page. */
export const appSchemePrivileges = {
  scheme: appScheme,
  privileges: { standard: true, secure: true, supportFetchAPI: true },
};

/** True for a URL of our own renderer: the scheme and host we serve, nothing else. */
export function isAppUrl(url: string | undefined): boolean {
  if (!url) return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${appScheme}:` && parsed.host === appHost;
  } catch {
    return false;
  }
}

/** Answers `cmp-desk://app/...` from the built renderer with the CSP on every response. */
export function createAppProtocolHandler(rendererDir: string): (request: Request) => Promise<Response> {
  const headers = { 'Content-Security-Policy': rendererCsp(), 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-store' };
  return async (request) => {
    const url = new URL(request.url);
    const file = request.method === 'GET' && url.host === appHost ? await readStaticFile(rendererDir, url.pathname) : undefined;
    if (!file) return new Response('Not found', { status: 404, headers });
    return new Response(new Uint8Array(file.body), { status: 200, headers: { ...headers, 'Content-Type': file.contentType } });
  };
}
