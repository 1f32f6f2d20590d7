import { defineConfig } from 'drizzle-kit';

// Generates the committed SQL migrations in db/migrations from db/schema.ts (npm run db:generate).
export default defineConfig({
  dialect: 'postgresql',
  schema: './db/schema.ts',
  out: './db/migrations',
});
