import { z } from "zod";

/** Atlas error body (`ApiError`). `detail` and `reason` may be null in the current spec. */
export const ApiErrorBody = z.looseObject({
  error: z.number().int(),
  errorCode: z.string(),
  detail: z.string().nullable().optional(),
  reason: z.string().nullable().optional(),
  parameters: z.array(z.unknown()).optional(),
  badRequestDetail: z
    .looseObject({
      fields: z.array(z.looseObject({ field: z.string(), description: z.string() })).optional(),
    })
    .nullable()
    .optional(),
});
export type ApiErrorBody = z.infer<typeof ApiErrorBody>;
