// Security headers. The static ones are sent on every response from
// next.config.ts; a page's Content-Security-Policy carries a fresh nonce per
// request and is set by proxy.ts (Next.js reads the nonce from the request's
// CSP header and puts it on its own inline and chunk scripts).

/** Headers for every response (next.config.ts). */
export const STATIC_SECURITY_HEADERS = [
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()" },
];

/** API responses are JSON: nothing in them may load or run anything. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** Only sent when the request arrived over HTTPS (behind a TLS proxy: X-Forwarded-Proto: https). */
export const HSTS = { key: "Strict-Transport-Security", value: "max-age=31536000; includeSubDomains" };

/**
 * A page's policy: scripts only with this request's nonce (and what they load,
 * 'strict-dynamic'); no inline script without it. Styles allow inline
 * attributes, which the chart library sets on its SVG elements.
 */
export function pageCsp(nonce: string, dev = process.env.NODE_ENV === "development"): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${dev ? " ws:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}
