// The public API of pulumi-atlas-restore. Exports only what README.md documents.
export * from "./schemas";
export { Clock, systemClock, ManualClock } from "./util/clock";
export { PACKAGE_NAME, PACKAGE_VERSION } from "./version";
// --- Atlas client (src/atlas) ---
// --- simulator (src/simulator) ---
// --- restore logic and Pulumi resources (src/restore, src/pulumi) ---
