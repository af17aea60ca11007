import { defineConfig } from 'drizzle-kit';

// `npm run db:generate -w @zhangyi/server` writes a new SQL migration from the module schemas.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema.ts',
  out: './drizzle',
});
