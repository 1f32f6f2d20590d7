import { makePgliteTemplate, makePostgresTemplate, PGLITE_DUMP_ENV, TEMPLATE_DATABASE_ENV } from './template-database';

/**
 * Runs once before the test workers start: migrates the template that every test database
 * is copied from (PostgreSQL with TEST_DATABASE_URL, PGlite otherwise) and tells the workers
 * where it is through the environment they inherit. Removes it when the run ends.
 */
export default async function setup(): Promise<() => Promise<void>> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (adminUrl) {
    const template = await makePostgresTemplate(adminUrl);
    process.env[TEMPLATE_DATABASE_ENV] = template.name;
    return () => template.drop();
  }
  const template = await makePgliteTemplate();
  process.env[PGLITE_DUMP_ENV] = template.file;
  return async () => template.remove();
}
