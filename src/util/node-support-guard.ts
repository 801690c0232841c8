// Imported for its effect, before anything that loads digest-fetch: fails fast with one clear line.
import { assertSupportedNode } from "./node-support";

assertSupportedNode();
