/**
 * Content-Security-Policy of the renderer, the same in the Electron window and the web host.
 * Inline styles only because Radix and the virtual list set a few; no inline script anywhere.
 */
export const RENDERER_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
