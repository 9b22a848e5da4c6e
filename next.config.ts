import type { NextConfig } from "next";

/**
 * Headers for every page and route Next serves. Scripts and styles come only
 * from this origin: Next's own inline bootstrap scripts and style attributes
 * need 'unsafe-inline' (no nonces without rendering every page per request),
 * while no other origin, plugin or framing is allowed.
 */
const SECURITY_HEADERS = [
  {
    key: "Content-Security-Policy",
    value: [
      "default-src 'self'",
      "script-src 'self' 'unsafe-inline'",
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data: blob:",
      "font-src 'self' data:",
      "connect-src 'self'",
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      "frame-ancestors 'none'",
    ].join("; "),
  },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
];

const nextConfig: NextConfig = {
  // .next/standalone: the server with only the node_modules it uses, which
  // the Docker image is made of (scripts/assemble-standalone.mjs).
  output: "standalone",
  async headers() {
    return [{ source: "/:path*", headers: SECURITY_HEADERS }];
  },
  // Native and driver packages load at run time from node_modules rather than being bundled.
  serverExternalPackages: ["better-sqlite3", "undici", "@prisma/adapter-better-sqlite3", "pg", "@prisma/adapter-pg", "gpt-tokenizer"],
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
