import { vectorFiles } from "./run-vectors.js";
import { describeVectorSuite } from "./vector-suite.js";

describeVectorSuite("asymmetric key lifecycle", [...vectorFiles("1.4", ["AKLC-M"]), ...vectorFiles("2.1", ["AKLC-M"])]);
