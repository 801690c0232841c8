import assert from "node:assert/strict";
import { endpoints } from "../../src/atlas/endpoints";
import {
  seed000TenantRestore, seed001LegacyRestoreJob, seed002LegacyRestoreJob, seed003CloudBackupRestoreJobs, seed004CreatedTenantRestore,
} from "../fixtures/seed-examples";

describe("documented example responses (seeds 000–004)", () => {
  it("000: a tenant restore job parses and keeps finishedDate, submittedAt, timestamp", () => {
    const job = endpoints.getTenantRestore.schema.parse(seed000TenantRestore);
    assert.deepEqual(job, seed000TenantRestore);
    assert.equal(job.finishedDate, "2019-05-01T15:02:25Z");
    assert.equal(job.submittedAt, "2019-05-01T15:02:25Z");
    assert.equal(job.timestamp, "2019-05-01T14:33:19Z");
  });
  it("001 and 002: a legacy restore job parses and keeps hashes and the timestamp object", () => {
    for (const seed of [seed001LegacyRestoreJob, seed002LegacyRestoreJob]) {
      const job = endpoints.getLegacyRestoreJob.schema.parse(seed);
      assert.deepEqual(job, seed);
      assert.deepEqual(job.timestamp, { date: "2018-01-22T22:44:54Z", increment: 1 });
      assert.equal((job.hashes as unknown[]).length, 1);
    }
  });
  it("003: a page of cloud backup restore jobs parses (string deliveryUrl, date expiresAt)", () => {
    const page = endpoints.listCloudBackupRestoreJobs.schema.parse(seed003CloudBackupRestoreJobs);
    assert.deepEqual(page, seed003CloudBackupRestoreJobs);
    assert.equal(page.totalCount, 2);
    assert.equal(page.results[1].deliveryUrl, "https://restore.example.com:27017/restore-{RESTORE-JOB-ID-2}.tar.gz");
  });
  it("004: the created tenant restore job parses", () => {
    assert.deepEqual(endpoints.createTenantRestore.schema.parse(seed004CreatedTenantRestore), seed004CreatedTenantRestore);
  });
});
