import { InvalidArgumentError } from "commander";
import { describe, expect, it } from "vitest";
import { enumArg, intArg, maskArg, versionArg } from "../../src/cli/parse-args.js";
import { CryptographicAlgorithm, ObjectType, RevocationReasonCode, State } from "../../src/ttlv/enums.js";
import { CryptographicUsageMask } from "../../src/ttlv/masks.js";
import { Tag } from "../../src/ttlv/tags.js";

describe("option value parsers", () => {
  it("match enumeration names case-insensitively, ignoring punctuation", () => {
    const alg = enumArg(Tag.CryptographicAlgorithm, "algorithm");
    expect(alg("aes")).toBe(CryptographicAlgorithm.AES);
    expect(alg("AES")).toBe(CryptographicAlgorithm.AES);
    expect(alg("hmac-sha256")).toBe(CryptographicAlgorithm.HMAC_SHA256);
    const state = enumArg(Tag.State, "state");
    expect(state("pre-active")).toBe(State.PreActive);
    expect(state("Active")).toBe(State.Active);
  });

  it("accept aliases and unique prefixes, and reject ambiguous or unknown names", () => {
    const reason = enumArg(Tag.RevocationReasonCode, "reason", { compromise: RevocationReasonCode.KeyCompromise });
    expect(reason("compromise")).toBe(RevocationReasonCode.KeyCompromise);
    expect(reason("cessation")).toBe(RevocationReasonCode.CessationOfOperation);
    expect(reason("ca-compromise")).toBe(RevocationReasonCode.CACompromise);
    const type = enumArg(Tag.ObjectType, "object type");
    expect(type("symmetric")).toBe(ObjectType.SymmetricKey);
    // "p" starts PublicKey, PrivateKey and PGPKey.
    expect(() => type("p")).toThrow(InvalidArgumentError);
    expect(() => type("")).toThrow(/unknown object type ""/);
    expect(() => type("nonsense")).toThrow(/expected one of .*SymmetricKey/);
  });

  it("combine usage mask names separated by commas, bars or spaces", () => {
    const usage = maskArg(Tag.CryptographicUsageMask, "usage");
    const ed = CryptographicUsageMask.Encrypt | CryptographicUsageMask.Decrypt;
    expect(usage("encrypt,decrypt")).toBe(ed);
    expect(usage("Decrypt|ENCRYPT")).toBe(ed);
    expect(usage("wrap-key unwrap-key")).toBe(CryptographicUsageMask.WrapKey | CryptographicUsageMask.UnwrapKey);
    expect(() => usage("encrypt,fly")).toThrow(/unknown usage "fly"/);
    expect(() => usage(",")).toThrow(/empty usage/);
  });

  it("parse integers within bounds and the supported KMIP versions", () => {
    const port = intArg(1, 65535);
    expect(port("5696")).toBe(5696);
    for (const bad of ["0", "65536", "-1", "12a", "", "1e3"]) expect(() => port(bad)).toThrow(InvalidArgumentError);
    expect(versionArg("1.4")).toEqual({ major: 1, minor: 4 });
    expect(versionArg("2.1")).toEqual({ major: 2, minor: 1 });
    for (const bad of ["3.0", "1.5", "2", "v2.1"]) expect(() => versionArg(bad)).toThrow(/unsupported KMIP version/);
  });
});
