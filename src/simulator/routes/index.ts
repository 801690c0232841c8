import type { Route } from "../router";
import { cloudBackupRoutes } from "./cloud-backup";
import { collectionRestoreRoutes } from "./collection-restore";
import { databaseUserRoutes } from "./database-users";
import { downloadRoutes } from "./download";
import { flexRoutes } from "./flex";
import { legacyRoutes } from "./legacy";
import { tenantRoutes } from "./tenant";

/** The simulator's route table. */
// databaseUserRoutes first: its cluster GET (with connectionStrings) wraps cloud-backup.ts's.
export const routes: readonly Route[] = [...databaseUserRoutes, ...tenantRoutes, ...cloudBackupRoutes, ...flexRoutes, ...legacyRoutes, ...downloadRoutes, ...collectionRestoreRoutes];
