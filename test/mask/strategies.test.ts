import * as assert from "node:assert/strict";
import { maskDocument, orderFieldRules } from "../../src/mask/mask-document";
import { MaskRules, MaskStrategy } from "../../src/mask/mask-rules";
import { maskValue, UNSET } from "../../src/mask/strategies";
import { fieldProblems } from "../../src/schemas/validate";
import type { MaskRule } from "../../src";

const KEY = "unit-test-key-0123456789";
const s = (v: unknown) => MaskStrategy.parse(v);

describe("mask strategies (pure)", () => {
  it("hash is a keyed HMAC: deterministic, key-dependent, type-aware", () => {
    const a = maskValue("ada@example.org", s("hash"), KEY);
    assert.equal(a, maskValue("ada@example.org", s("hash"), KEY));
    assert.match(String(a), /^[0-9a-f]{32}$/);
    assert.notEqual(a, maskValue("ada@example.org", s("hash"), `${KEY}x`));
    assert.notEqual(maskValue("42", s("hash"), KEY), maskValue(42, s("hash"), KEY));
  });

  it("fake values are deterministic, shaped, and differ per kind", () => {
    const email = maskValue("ada@example.org", s("fake:email"), KEY) as string;
    assert.match(email, /^[a-z]+\.[a-z]+\.[0-9a-f]{8}@example\.com$/);
    assert.equal(email, maskValue("ada@example.org", s({ strategy: "fake", kind: "email" }), KEY));
    assert.match(maskValue("Ada Lovelace", s("fake:name"), KEY) as string, /^\p{L}+ \p{L}+$/u);
    assert.match(maskValue("+44 20 7946 0958", s("fake:phone"), KEY) as string, /^\+1-555-\d{3}-\d{4}$/);
    assert.match(maskValue("12 Baker St", s("fake:address"), KEY) as string, /^\d+ \w+ \w+, \w+$/);
    assert.match(maskValue("123-45-6789", s("fake:digits"), KEY) as string, /^\d{3}-\d{2}-\d{4}$/);
    assert.notEqual(maskValue("123-45-6789", s("fake:digits"), KEY), "123-45-6789");
    const n = maskValue(4111111111111111, s("fake:digits"), KEY) as number;
    assert.equal(String(n).length, 16);
    const d = maskValue(new Date("1990-05-17T00:00:00Z"), s("fake:date"), KEY);
    assert.ok(d instanceof Date && d.getUTCFullYear() >= 1940 && d.getUTCFullYear() <= 2005);
    assert.match(maskValue("1990-05-17", s("fake:date"), KEY) as string, /^\d{4}-\d{2}-\d{2}$/);
  });

  it("redact writes a constant, optionally keeping the last N characters", () => {
    assert.equal(maskValue("secret", s("redact"), KEY), "REDACTED");
    assert.equal(maskValue("4111111111111111", s({ strategy: "redact", keepLast: 4 }), KEY), "****1111");
    assert.equal(maskValue("12", s({ strategy: "redact", keepLast: 4, with: "#" }), KEY), "#");
  });

  it("null and unset; a null value stays null", () => {
    assert.equal(maskValue("x", s("null"), KEY), null);
    assert.equal(maskValue("x", s("unset"), KEY), UNSET);
    assert.equal(maskValue(null, s("hash"), KEY), null);
  });

  it("masks nested paths and paths through arrays; arrays of values element by element", () => {
    const doc = {
      _id: 1,
      profile: { email: "a@x.org", ssn: "123-45-6789" },
      addresses: [{ street: "1 Main St", zip: "12345" }, { street: "2 Side St" }, "not a doc"],
      tags: ["a@x.org", "b@x.org"],
      notes: "free text",
      cards: [{ number: "4111111111111111" }],
    };
    const rules = orderFieldRules({
      "profile.email": s("hash"),
      "profile.ssn": s("unset"),
      "addresses.street": s("fake:address"),
      tags: s("hash"),
      notes: s("null"),
      "cards.0.number": s({ strategy: "redact", keepLast: 4 }),
    });
    const out = maskDocument(structuredClone(doc), rules, KEY) as Record<string, any>;
    assert.equal(out.profile.email, maskValue("a@x.org", s("hash"), KEY));
    assert.equal(out.tags[0], out.profile.email, "the same value masks the same way in every place (joins)");
    assert.ok(!("ssn" in out.profile));
    assert.notEqual(out.addresses[0].street, "1 Main St");
    assert.notEqual(out.addresses[1].street, "2 Side St");
    assert.equal(out.addresses[0].zip, "12345");
    assert.equal(out.addresses[2], "not a doc");
    assert.equal(out.notes, null);
    assert.equal(out.cards[0].number, "****1111");
    assert.equal(out._id, 1);
    // deterministic: the same original masks to the same document
    assert.deepEqual(maskDocument(structuredClone(doc), rules, KEY), out);
  });

  it("a path that is absent leaves the document unchanged", () => {
    const out = maskDocument({ _id: 2, a: 1 }, orderFieldRules({ "b.c": s("hash"), "a.x": s("hash") }), KEY);
    assert.deepEqual(out, { _id: 2, a: 1 });
  });
});

describe("mask rules (zod, strict)", () => {
  const problems = (v: unknown) => {
    const r = MaskRules.safeParse(v, { reportInput: true });
    return r.success ? [] : fieldProblems(r.error).map((p) => `${p.field} ${p.reason}`);
  };

  it("the public MaskRule type takes the short and object forms a program writes (checked by the compiler)", () => {
    const rules: MaskRule[] = [
      { namespace: "app.users", fields: { email: "hash", name: "fake:name", card: { strategy: "redact", keepLast: 4 }, ssn: "unset", notes: "null" } },
      { namespace: "logs.*", action: "drop" },
    ];
    assert.equal(MaskRules.safeParse(rules).success, true);
  });

  it("accepts both rule forms and the short strategy forms", () => {
    assert.deepEqual(problems([{ namespace: "app.users", fields: { email: "fake:email", "a.b.0": "hash", c: { strategy: "redact", keepLast: 2 } } }, { namespace: "logs.*", action: "drop" }]), []);
  });

  it("names the field and the rule of each bad input", () => {
    const p = problems([{ namespace: "app.users", fields: { x: "bogus", y: "fake:zzz", z: { strategy: "hash", extra: 1 } } }, { namespace: "app" , action: "drop"}, { namespace: "a.b" }, { namespace: "admin.x", action: "drop" }]);
    assert.ok(p.some((l) => l.startsWith("0.fields.x.strategy must be a strategy")), p.join("\n"));
    assert.ok(p.some((l) => l.startsWith("0.fields.y.kind must be one of")), p.join("\n"));
    assert.ok(p.some((l) => l.startsWith("0.fields.z extra is not a known option") || l.includes("extra")), p.join("\n"));
    assert.ok(p.some((l) => l.startsWith("1.namespace must be")), p.join("\n"));
    assert.ok(p.some((l) => l.startsWith("2 must have either fields")), p.join("\n"));
    assert.ok(p.some((l) => l.startsWith("3.namespace must be")), p.join("\n"));
  });

  it("refuses bad paths: empty parts, operators, _id", () => {
    const p = problems([{ namespace: "app.users", fields: { "a..b": "hash", $set: "hash", _id: "hash", "_id.x": "hash", "": "hash" } }]);
    for (const f of ["a..b", "$set", "_id", "_id.x"]) assert.ok(p.some((l) => l.startsWith(`0.fields.${f} (a path)`)), `${f}: ${p.join("\n")}`);
    assert.equal(problems([]).length, 1);
  });
});
