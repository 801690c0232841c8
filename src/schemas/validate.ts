import { z } from "zod";

/** One rule broken by one field; `field` is a dotted path such as `targetProjectId`. */
export interface FieldProblem {
  field: string;
  reason: string;
}

/** Raised before any request when an input breaks a documented rule. Names every bad field. */
export class InputValidationError extends Error {
  override name = "InputValidationError" as const;
  readonly code = "INVALID_INPUT" as const;
  constructor(
    readonly context: string,
    readonly problems: FieldProblem[],
  ) {
    super(`invalid ${context}: ${problems.map((p) => `${p.field} ${p.reason}`).join("; ")}`);
  }
}

/** Option names of earlier versions and their names now (one name per concept). */
const RENAMED_OPTIONS: Readonly<Record<string, string>> = Object.freeze({ restoreId: "restoreJobId", jobId: "restoreJobId" });

/** Turns zod issues into `field reason` pairs a person can act on. */
export function fieldProblems(error: z.ZodError): FieldProblem[] {
  return error.issues.flatMap((issue): FieldProblem | FieldProblem[] => {
    if (issue.code === "unrecognized_keys") {
      const renamed = issue.keys.filter((k) => Object.hasOwn(RENAMED_OPTIONS, k));
      const unknown = issue.keys.filter((k) => !renamed.includes(k));
      return [
        ...renamed.map((k) => ({ field: k, reason: `is now called ${RENAMED_OPTIONS[k]}` })),
        ...(unknown.length > 0 ? [{ field: unknown.join(", "), reason: "is not a known option (check the spelling)" }] : []),
      ];
    }
    const field = issue.path.length > 0 ? issue.path.join(".") : "(input)";
    const missing = issue.code === "invalid_type" && issue.input === undefined;
    return { field, reason: missing ? "is required" : issue.message };
  });
}

/** Parses `value` with `schema` or throws an InputValidationError naming each field and rule. */
export function parseInput<T extends z.ZodType>(schema: T, value: unknown, context: string): z.infer<T> {
  // reportInput: zod 4 only fills `issue.input` when asked, and "is required" depends on it.
  const result = schema.safeParse(value, { reportInput: true });
  if (!result.success) throw new InputValidationError(context, fieldProblems(result.error));
  return result.data;
}
