import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Native and driver packages load at run time from node_modules rather than being bundled.
  serverExternalPackages: ["better-sqlite3", "undici", "@prisma/adapter-better-sqlite3", "pg", "@prisma/adapter-pg", "gpt-tokenizer"],
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
