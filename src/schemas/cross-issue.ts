/**
 * An issue about a rule between several inputs. `involves` names them: check() leaves the issue
 * for `create` (which applies the same schema again, before any request) while one of them is not
 * known yet at preview.
 */
export const crossIssue = (path: string, message: string, involves: readonly string[], input?: unknown) => ({
  code: "custom" as const,
  path: [path],
  message,
  input,
  params: { involves: [...involves] },
});
