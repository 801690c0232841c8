// Seed a staging cluster from production without copying personal data into it: restore the
// newest completed snapshot of an M2/M5 source cluster into the staging cluster, then mask the
// personal fields in the same `pulumi up` (DataMask runs only after the restore has finished, and
// again after every new restore).
//
// Credentials as in examples/seed-environment. The mask key is a secret config value
// (`pulumi config set --secret maskKey <at least 16 characters>`); without it DataMask generates
// one and keeps it as a secret in state.
import * as pulumi from "@pulumi/pulumi";
import { DataMask, TenantRestore, getTenantSnapshotsOutput } from "pulumi-atlas-restore";

const config = new pulumi.Config();
const projectId = config.require("sourceProjectId");
const sourceClusterName = config.require("sourceClusterName");
const targetClusterName = config.require("targetClusterName");

const snapshotId: pulumi.Input<string> =
  config.get("snapshotId") ??
  getTenantSnapshotsOutput({ projectId, clusterName: sourceClusterName }).apply((page) => {
    const done = page.results.filter((s) => s.status === "COMPLETED").sort((a, b) => (b.finishTime ?? "").localeCompare(a.finishTime ?? ""));
    if (done.length === 0) throw new Error(`cluster ${sourceClusterName} has no COMPLETED snapshot to restore`);
    return done[0].id;
  });

const restore = new TenantRestore("staging-restore", {
  projectId,
  clusterName: sourceClusterName,
  snapshotId,
  targetDeploymentItemName: targetClusterName,
  pollIntervalSeconds: config.getNumber("pollIntervalSeconds"),
  timeoutSeconds: config.getNumber("timeoutSeconds") ?? 1800,
});

const mask = new DataMask("staging-mask", {
  projectId,
  clusterName: targetClusterName,
  afterRestore: restore,
  key: config.getSecret("maskKey"),
  batchSize: config.getNumber("maskBatchSize"),
  rules: [
    {
      namespace: "app.users",
      fields: {
        email: "hash",
        name: "fake:name",
        phone: "fake:phone",
        birthDate: "fake:date",
        "addresses.street": "fake:address",
        ssn: "unset",
        "cards.number": { strategy: "redact", keepLast: 4 },
      },
    },
    { namespace: "app.orders", fields: { customerEmail: "hash", notes: "null" } },
    { namespace: "logs.access", action: "drop" },
  ],
});

export const restoreJobId = restore.restoreJobId;
export const maskedDocuments = mask.maskedDocuments;
export const maskedNamespaces = mask.namespaces;
export const verified = mask.verified;
export const temporaryUser = mask.temporaryUser;
