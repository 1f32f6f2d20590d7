import { z } from 'zod';

/** Response schemas shared by many routes. */
export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.string(),
    detail: z.string(),
    errors: z
      .array(
        z.union([
          z.object({ path: z.string(), message: z.string() }),
          z.object({ sheet: z.string(), row: z.number().int(), column: z.string().optional(), code: z.string(), message: z.string() }),
        ]),
      )
      .optional(),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details with a stable `code`' });

/** The usual error responses of a staff route, for the OpenAPI document. */
export const staffErrors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema } as const;

export const IdParams = z.object({ id: z.uuid() });
