import { z } from "zod";

export const Link = z.looseObject({ href: z.string().optional(), rel: z.string().optional() });
export type Link = z.infer<typeof Link>;
