export { TenantRestore, FlexRestore, RestoreResource, type RestoreArgs } from "./restore-resource";
export { restoreProvider, tenantRestoreProvider, flexRestoreProvider } from "./restore-provider";
export { CONFIG_KEYS, settingsFromConfig, type ConfigSource } from "./settings";
export { PartialStateError } from "./restore-outputs";
export * from "./lookups";
export * from "./flex-lookups";
export { type LookupOptions, holdsDownloadUrl } from "./lookup-support";
export * from "./collection-restore-lookups";
export { CollectionRestore, type CollectionRestoreInputs } from "./collection-restore-resource";
