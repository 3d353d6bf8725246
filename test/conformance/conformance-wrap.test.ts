import { describe, expect, it } from "vitest";
import { vectorFiles } from "./run-vectors.js";
import { describeVectorSuite } from "./vector-suite.js";

/**
 * The official vectors that use Key Wrapping Specification / Key Wrapping Data: AX-M-2 (Get of AES
 * keys wrapped with an AES key-encryption key, Block Cipher Mode NISTKeyWrap). The vector sets hold
 * no Export or Import cases.
 */
const paths = [...vectorFiles("1.4", ["AX-M-2"]), ...vectorFiles("2.1", ["AX-M-2"])];

describe("key wrapping vector selection", () => {
  it("finds both key wrapping vector files", () => {
    expect(paths).toHaveLength(2);
  });
});

describeVectorSuite("key wrapping", paths);
