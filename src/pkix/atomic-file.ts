/**
 * Atomic file writes: the content goes to a temporary file in the same directory
 * (created with its final mode, flushed to disk), which then takes the final name in
 * one step. A reader never sees half a key, and a crash leaves no partial file.
 */
import { randomBytes } from "node:crypto";
import { constants } from "node:fs";
import { access, link, open, rename, unlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

export interface AtomicWriteOptions {
  /** File mode, e.g. 0o600 for private keys. */
  readonly mode: number;
  /** Replace an existing file; when false, an existing file makes the write fail with EEXIST. */
  readonly overwrite: boolean;
}

export async function writeFileAtomic(
  path: string,
  data: string | Uint8Array,
  options: AtomicWriteOptions,
): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString("hex")}.tmp`);
  const handle = await open(temp, "wx", options.mode);
  try {
    await handle.writeFile(data);
    await handle.chmod(options.mode);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    if (options.overwrite) {
      await rename(temp, path);
    } else {
      // link() refuses to replace an existing file, unlike rename().
      await link(temp, path);
      await unlink(temp);
    }
  } catch (err) {
    await unlink(temp).catch(() => undefined);
    throw err;
  }
}

/** Whether something exists at `path` (any file type). */
export async function pathExists(path: string): Promise<boolean> {
  try {
    await access(path, constants.F_OK);
    return true;
  } catch {
    return false;
  }
}
