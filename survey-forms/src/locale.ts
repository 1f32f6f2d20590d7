import { z } from 'zod';

/**
 * Zod's own messages (wrong type, too short, unknown field…) in Vietnamese, for server and
 * phone alike: they reach users in problem+json `errors` and in form hints. Imported first
 * by the index, so any import of survey-forms/src sets it.
 */
z.config(z.locales.vi());
