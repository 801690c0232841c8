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
export interface Page<T> {
  results: T[];
  totalCount?: number;
  links?: Link[];
}
