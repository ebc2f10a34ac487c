import type { MiddlewareHandler } from 'hono';

export interface SecurityOptions {
  /** Extra connect-src origins (a PWA served here that syncs with another server). */
  connectSrc?: readonly string[];
}

/**
 * The app is one origin's static files: scripts, styles, workers and the manifest come from
 * 'self'; data: and blob: images cover QR codes and previews; nothing inline (the production
 * build has no inline script or style element; React's style props go through the CSSOM, which
 * CSP does not restrict). Frames, plugins and foreign forms are refused outright.
 */
export function contentSecurityPolicy(options: SecurityOptions = {}): string {
  const connect = ["'self'", ...(options.connectSrc ?? [])].join(' ');
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src ${connect}`,
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export function securityHeaders(options: SecurityOptions = {}): MiddlewareHandler {
  const csp = contentSecurityPolicy(options);
  return async (c, next) => {
    await next();
    const h = c.res.headers;
    h.set('Content-Security-Policy', csp);
    h.set('X-Content-Type-Options', 'nosniff');
    h.set('Referrer-Policy', 'no-referrer');
    h.set('X-Frame-Options', 'DENY');
    h.set('Cross-Origin-Opener-Policy', 'same-origin');
    h.set('Cross-Origin-Resource-Policy', 'same-origin');
    // The camera scans enrolment QR codes; nothing else is needed.
    h.set('Permissions-Policy', 'camera=(self), microphone=(), geolocation=(), payment=(), usb=()');
    // Served over TLS (TLS_CERT/TLS_KEY): the browser keeps to HTTPS for this host from now on, so a
    // later plain-HTTP link cannot be used to strip it. Not for subdomains: a hall's LAN names are
    // not ours to bind. Behind a proxy that terminates TLS, the proxy sets it.
    if (new URL(c.req.url).protocol === 'https:') h.set('Strict-Transport-Security', 'max-age=31536000');
  };
}
