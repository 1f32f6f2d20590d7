import { z } from 'zod';
import { ProblemBody } from '../../survey-forms/src/api';

/** Response schemas shared by many routes. */
export const ProblemSchema = ProblemBody.meta({ id: 'Problem', description: 'RFC 9457 problem details with a stable `code`' });

/** The usual error responses of a staff route, for the OpenAPI document. */
export const staffErrors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema } as const;

/** Passwords are hashed after NFC normalisation (services/passwords.ts); length is the only rule. */
export const Password = z.string().min(8).max(200);

export const IdParams = z.object({ id: z.uuid() });
