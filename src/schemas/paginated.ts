import { z } from "zod";
import { Link } from "./link";

/** The `{ results, totalCount, links }` wrapper of every Atlas list. `totalCount` is an estimate. */
export function paginated<T extends z.ZodType>(item: T) {
  return z.looseObject({
    results: z.array(item),
    totalCount: z.number().int().nonnegative().optional(),
    links: z.array(Link).optional(),
  });
}
/** One page of `T`s, as `paginated(schemaOfT)` parses it. */
export type Page<T> = z.infer<ReturnType<typeof paginated<z.ZodType<T>>>>;
