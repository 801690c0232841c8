export { FleetFile, FleetEnvironment, SnapshotChoice, FleetWait, FLEET_KINDS, type FleetKind } from "./fleet-file";
export { FleetFileError, type FleetFileProblem } from "./fleet-file-error";
export { loadFleetFile, parseFleetFile } from "./load-fleet-file";
export { runFleet, DEFAULT_PARALLEL, DEFAULT_LOCK_WAIT_SECONDS, type FleetRunOptions } from "./run-fleet";
export { FleetSetupError } from "./fleet-settings";
export { StackLockedError } from "./with-stack-lock";
export { exitCodeOf, FLEET_COMMANDS, type FleetCommand, type FleetEvent, type FleetSummary, type EnvironmentResult, type EnvironmentPhase } from "./fleet-summary";
export { spreadPollIntervalSeconds } from "./poll-spread";
