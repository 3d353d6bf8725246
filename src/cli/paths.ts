/** Paths as the user typed them and as `custos` prints them. */
import { isAbsolute, relative, resolve } from "node:path";
import type { CliIo } from "./io.js";

export function cwdOf(io: CliIo): string {
  return io.cwd ?? process.cwd();
}

/** `path` resolved against the command's working directory. */
export function resolveFrom(io: CliIo, path: string): string {
  return resolve(cwdOf(io), path);
}

/**
 * `path` for display and for copy-pasting into a shell in the working directory:
 * "./data/pki/ca.crt" inside it, absolute outside it; quoted when it holds shell
 * metacharacters.
 */
export function displayPath(io: CliIo, path: string): string {
  const rel = relative(cwdOf(io), path);
  const shown = rel === "" ? "." : rel.startsWith("..") || isAbsolute(rel) ? path : `./${rel}`;
  return /^[\w./@%+=:,-]+$/.test(shown) ? shown : `'${shown.replace(/'/g, `'\\''`)}'`;
}
