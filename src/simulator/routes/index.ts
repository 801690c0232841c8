import type { Route } from "../router";
import { cloudBackupRoutes } from "./cloud-backup";
import { collectionRestoreRoutes } from "./collection-restore";
import { downloadRoutes } from "./download";
import { flexRoutes } from "./flex";
import { legacyRoutes } from "./legacy";
import { tenantRoutes } from "./tenant";

/** The simulator's route table. */
export const routes: readonly Route[] = [...tenantRoutes, ...cloudBackupRoutes, ...flexRoutes, ...legacyRoutes, ...downloadRoutes, ...collectionRestoreRoutes];
