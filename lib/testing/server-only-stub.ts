// Stands in for the `server-only` package under Vitest and scripts, where
// there is no client bundle to protect.
export {};
