// Turns errors from the engine and the drivers into one readable line for a
// person at a terminal, and sets the exit code scripts agree on.

/** @param {unknown} error */
export function describeError(error) {
  if (!(error instanceof Error)) return String(error);
  const code = /** @type {{ code?: unknown }} */ (error).code;
  // Engine messages carry a Rust span trace after the first blank line;
  // it helps nobody running a script, and DEBUG=schema-engine shows the logs.
  const message = error.message.split(/\n\s*\d+: /)[0]?.trim() ?? error.message;
  if (typeof code === "string" && /^P\d{4}$/.test(code)) return `${code}: ${message}`;
  if (code === "ECONNREFUSED") return `cannot reach the database server (${message})`;
  return message;
}

/**
 * @param {string} scriptName
 * @param {() => Promise<number | void>} main
 */
export function runMain(scriptName, main) {
  main().then(
    (exitCode) => {
      process.exitCode = exitCode ?? 0;
    },
    (error) => {
      console.error(`${scriptName}: ${describeError(error)}`);
      if (process.env.DEBUG) console.error(error);
      process.exitCode = 1;
    },
  );
}
