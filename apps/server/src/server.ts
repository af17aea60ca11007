import type { FastifyInstance } from 'fastify';
import { buildApp } from './app';
import type { Config } from './config';
import type { Deps } from './context';
import { openDatabase, type Database } from './db/client';
import { migrate } from './db/migrate';
import { seedDemo } from './demo/seed';
import { systemClock, type Clock } from './lib/clock';
import { PiiCipher } from './lib/pii';

export interface Server {
  app: FastifyInstance;
  deps: Deps;
  database: Database;
  close(): Promise<void>;
}

/** Opens the database, applies migrations, seeds the demo when asked, and builds the app. */
export async function createServer(config: Config, clock: Clock = systemClock): Promise<Server> {
  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrate(database);
    const deps: Deps = { db: database.db, clock, pii: new PiiCipher(config.pii), config };
    if (config.demoSeed) await seedDemo(deps);
    const app = await buildApp({ deps, database });
    return {
      app,
      deps,
      database,
      close: async () => {
        await app.close();
        await database.close();
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}
