/** The package version, sent in the User-Agent. A test keeps it equal to package.json. */
export const PACKAGE_NAME = "pulumi-atlas-restore";
export const PACKAGE_VERSION = "0.1.0";
