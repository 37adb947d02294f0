// Which S3 server the tests use: a production-grade one when TEST_S3_ENDPOINT is set (Ceph RGW in CI, started by
// scripts/ci/ceph-rgw.sh), else the embedded s3rver under the test's DATA_DIR. Each caller gets its own bucket on
// a shared server, so test files running side by side never see each other's objects.
import { randomBytes } from 'node:crypto';

export function testStorageEnv(): Record<string, string> {
  const endpoint = process.env.TEST_S3_ENDPOINT;
  if (!endpoint) return {};
  return {
    S3_ENDPOINT: endpoint,
    S3_ACCESS_KEY: process.env.TEST_S3_ACCESS_KEY ?? '',
    S3_SECRET_KEY: process.env.TEST_S3_SECRET_KEY ?? '',
    S3_BUCKET: `msjd-t-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`,
  };
}
