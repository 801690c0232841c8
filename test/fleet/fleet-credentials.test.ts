import * as assert from "node:assert/strict";
import { EventEmitter, getEventListeners } from "node:events";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { splitBackendPassword, redactBackendUrl } from "../../src/fleet/backend-url";
import { interruptHandlers, INTERRUPT_NOTICE, main } from "../../src/fleet/bin";
import { conciseError } from "../../src/fleet/command-output";
import { workspaceEnv } from "../../src/fleet/fleet-settings";
import { parseFleetFile } from "../../src/fleet/load-fleet-file";
import { ignoreEpipe } from "../../src/fleet/out-stream";
import { knownSecrets, redactKnown, redactSecrets } from "../../src/fleet/redact";
import { withScopedSignal } from "../../src/fleet/scoped-signal";

const PASSWORD = "hunter2-Secret";
const FLEET = `project: creds
source: { kind: dedicated, projectId: "65a1f0c0e4b0a1b200000001", clusterName: prod }
environments:
  - { stack: staging, targetClusterName: staging }
`;

describe("fleet: credentials are never printed or written (defect 1)", () => {
  it("redacts a password in a URL's userinfo and in ?password=, and every known secret value", () => {
    assert.equal(redactSecrets(`dial postgres://pulumi:${PASSWORD}@db:5432/x failed`), "dial postgres://pulumi:****@db:5432/x failed");
    assert.equal(redactSecrets(`postgres://pulumi@db/x?sslmode=disable&password=${PASSWORD}&a=b`), "postgres://pulumi@db/x?sslmode=disable&password=****&a=b");
    assert.equal(redactBackendUrl(`postgresql://u:${PASSWORD}@h/d`), "postgresql://u:****@h/d");
    assert.equal(redactKnown(`pq: password ${PASSWORD} rejected (${encodeURIComponent("p@ss word!")})`, [PASSWORD, "p@ss word!"]), "pq: password **** rejected (****)");
    assert.deepEqual(knownSecrets({ MONGODB_ATLAS_PRIVATE_KEY: "private-key-1", PULUMI_CONFIG_PASSPHRASE: "pass-phrase" }, [PASSWORD, undefined, "abc"]).sort(), [PASSWORD, "private-key-1"].sort());
  });

  it("hands the Pulumi CLI a backend URL without the password (PGPASSWORD carries it), for both forms", () => {
    assert.deepEqual(splitBackendPassword(`postgres://pulumi:${PASSWORD}@127.0.0.1:5432/postgres?sslmode=disable`), { url: "postgres://pulumi@127.0.0.1:5432/postgres?sslmode=disable", password: PASSWORD });
    assert.deepEqual(splitBackendPassword(`postgres://pulumi@127.0.0.1:5432/postgres?password=${PASSWORD}&sslmode=disable`), { url: "postgres://pulumi@127.0.0.1:5432/postgres?sslmode=disable", password: PASSWORD });
    assert.deepEqual(splitBackendPassword("postgres://pulumi:p%40ss@h/d"), { url: "postgres://pulumi@h/d", password: "p@ss" });
    assert.deepEqual(splitBackendPassword("file:///tmp/state"), { url: "file:///tmp/state" });
    const fleet = parseFleetFile(FLEET);
    const env = workspaceEnv(fleet, { PULUMI_BACKEND_URL: `postgres://pulumi:${PASSWORD}@127.0.0.1:1/postgres` });
    assert.equal(env.PULUMI_BACKEND_URL, "postgres://pulumi@127.0.0.1:1/postgres");
    assert.equal(env.PGPASSWORD, PASSWORD);
  });

  it("turns a Pulumi command error into one line saying what failed and what to do, without secrets", () => {
    const raw = `code: 255\n stdout: \n stderr: error: failed to ping PostgreSQL: dial tcp 127.0.0.1:1: connect: connection refused (postgres://pulumi:${PASSWORD}@127.0.0.1:1/postgres)\n\n err?: \n`;
    const line = conciseError(new Error(raw), [PASSWORD]);
    assert.doesNotMatch(line, /\n/);
    assert.doesNotMatch(line, new RegExp(PASSWORD));
    assert.match(line, /^the state backend cannot be used: failed to ping PostgreSQL: .* check the backend URL, that the database is up, and its password/);
    const advice = `TenantRestore job abc: interrupted ${"x".repeat(2000)} Run \`pulumi up\` again to resume waiting for this same job`;
    const kept = conciseError(new Error(`error: ${advice}`));
    assert.match(kept, /Run `atlas-restore-fleet up` again to resume waiting for this same job$/, "a long message keeps its advice (the end), and names the fleet's command");
    assert.ok(kept.length < 1300);
  });

  it("a setup failure exits 2, says so in one line, and still writes --json=<file>, with no password anywhere", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "fleet-creds-"));
    const saved = { ...process.env };
    try {
      const file = path.join(dir, "fleet.yaml");
      const json = path.join(dir, "summary.json");
      writeFileSync(file, `backend: postgres://pulumi:${PASSWORD}@127.0.0.1:1/postgres?sslmode=disable\n${FLEET}`);
      delete process.env.PULUMI_BACKEND_URL;
      delete process.env.PULUMI_CONFIG_PASSPHRASE;
      delete process.env.PULUMI_CONFIG_PASSPHRASE_FILE;
      let out = "";
      const io = { stdout: { write: (t: string) => ((out += t), true) }, stderr: { write: (t: string) => ((out += t), true) } };
      assert.equal(await main(["status", "-f", file, `--json=${json}`], io), 2);
      const summary = JSON.parse(readFileSync(json, "utf8")) as { ok: boolean; setupError?: string };
      assert.equal(summary.ok, false);
      assert.match(summary.setupError ?? "", /postgres:\/\/pulumi:\*\*\*\*@127\.0\.0\.1:1.*PULUMI_CONFIG_PASSPHRASE/);
      assert.match(out, /No stack was touched/);
      assert.doesNotMatch(out + readFileSync(json, "utf8"), new RegExp(PASSWORD));
    } finally {
      process.env = saved;
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("fleet: small things (defects 6 and 7)", () => {
  it("gives each command a signal of its own: no abort listener piles up on the run's signal, and an abort still reaches it", async () => {
    const parent = new AbortController();
    for (let i = 0; i < 30; i++) {
      await withScopedSignal(parent.signal, async (signal) => {
        signal!.addEventListener("abort", () => undefined); // what the Automation API does, never removed
      });
    }
    assert.equal(getEventListeners(parent.signal, "abort").length, 0);
    let seen: AbortSignal | undefined;
    const pending = withScopedSignal(parent.signal, (signal) => ((seen = signal), new Promise((r) => setTimeout(r, 5))));
    parent.abort();
    await pending;
    assert.equal(seen!.aborted, true);
  });

  it("acknowledges Ctrl-C once and stops starting; SIGTERM also interrupts the running ones", () => {
    let err = "";
    const h = interruptHandlers({ write: (t: string) => (err += t) });
    h.onInt();
    h.onInt();
    assert.equal(err, INTERRUPT_NOTICE);
    assert.match(err, /atlas-restore-fleet up/);
    assert.equal(h.stopStarting.signal.aborted, true);
    assert.equal(h.interrupt.signal.aborted, false);
    h.onTerm();
    assert.equal(h.interrupt.signal.aborted, true);
  });

  it("a reader that goes away (status | head -1) is not a crash: EPIPE is ignored, other errors are not", () => {
    const stream = Object.assign(new EventEmitter(), { write: () => true });
    ignoreEpipe(stream);
    stream.emit("error", Object.assign(new Error("write EPIPE"), { code: "EPIPE" }));
    assert.throws(() => stream.emit("error", Object.assign(new Error("boom"), { code: "EIO" })), /boom/);
  });
});

