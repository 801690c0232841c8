export * from "./ids";
export * from "./link";
export * from "./restore-job";
export * from "./paginated";
export * from "./api-error";
export * from "./requests";
export * from "./validate";
export * from "./restore-args";
