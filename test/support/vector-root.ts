import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** The development layout: the shared folder beside the checkout (../shared/kmip/vectors). */
const besideCheckout = fileURLToPath(new URL("../../../shared/kmip/vectors", import.meta.url));
/** The shared folder of this workplace, for a clone made anywhere else (CI clones into a temporary folder). */
const workplace = "/work/shared/kmip/vectors";

/**
 * Where the official OASIS KMIP XML test vectors are: `CUSTOS_KMIP_VECTORS` if set (and not empty), else
 * ../shared/kmip/vectors beside the checkout, else /work/shared/kmip/vectors. The tests that
 * read them fail (they do not skip) when none of these holds the vectors.
 */
export const vectorRoot: string =
  (process.env.CUSTOS_KMIP_VECTORS || [besideCheckout, workplace].find((dir) => existsSync(dir))) ?? workplace;
