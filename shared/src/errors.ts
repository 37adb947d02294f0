import { z } from 'zod';

/** Every non-2xx answer of the API has this body. `issues` names the fields at fault (validation). */
export const apiErrorSchema = z.object({
  code: z.string().describe('machine-readable error code, e.g. VALIDATION_FAILED, FORBIDDEN'),
  message: z.string().describe('中文说明'),
  requestId: z.string().optional(),
  issues: z
    .array(z.object({ path: z.string(), code: z.string(), message: z.string() }))
    .optional(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type ApiError = z.infer<typeof apiErrorSchema>;
