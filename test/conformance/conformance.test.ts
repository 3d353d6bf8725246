import { vectorFiles } from "./run-vectors.js";
import { describeVectorSuite } from "./vector-suite.js";

/** The sets issue 2 requires: Baseline (2.1 only), Symmetric Key Lifecycle and Symmetric Key Foundry. */
describeVectorSuite("baseline and symmetric keys", [
  ...vectorFiles("1.4", ["BL-M", "SKLC-M", "SKFF-M"]),
  ...vectorFiles("2.1", ["BL-M", "SKLC-M", "SKFF-M"]),
]);
