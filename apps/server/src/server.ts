import type { FastifyInstance } from 'fastify';
import { pino, type Logger } from 'pino';
import { Redis } from 'ioredis';
import { buildApp } from './app';
import type { Config } from './config';
import { systemMeta, type Deps } from './context';
import { openDatabase, type Database } from './db/client';
import { migrate } from './db/migrate';
import { seedDemo } from './demo/seed';
import { generateSchedules } from './modules/booking/schedules';
import { systemClock, type Clock } from './lib/clock';
import { PiiCipher } from './lib/pii';
import { Dispatcher } from './modules/notifications/dispatcher';
import { createWechatServices } from './modules/wechat/client';
import { publishMenuOnce } from './modules/wechat/menu';
import { Scheduler } from './modules/scheduler/scheduler';
import { jobs } from './jobs';
import { BuiltInHis } from './his/builtin';

export interface Server {
  app: FastifyInstance;
  deps: Deps;
  database: Database;
  dispatcher: Dispatcher;
  scheduler: Scheduler;
  close(): Promise<void>;
}

/** The process's JSON logger; secrets and personal data are redacted wherever they appear. */
export function createLogger(config: Config, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level: config.logLevel,
      redact: {
        paths: [
          'req.headers.cookie',
          'req.headers.authorization',
          'req.headers["x-csrf-token"]',
          'res.headers["set-cookie"]',
          '*.password',
          '*.phone',
          '*.idNumber',
        ],
        censor: '[redacted]',
      },
      serializers: {
        // Query strings can carry anything a client put there; paths are enough to trace a request.
        req: (request: { method?: string; url?: string; ip?: string }) => ({
          method: request.method,
          url: request.url?.split('?')[0],
          remoteAddress: request.ip,
        }),
      },
    },
    destination,
  );
}

export interface ServerOptions {
  clock?: Clock;
  /** Start the outbox dispatcher and the scheduler (per configuration); tests drive them by hand. */
  background?: boolean;
  /** Where log lines go (default stdout); tests read them. */
  logDestination?: pino.DestinationStream;
}

/** Opens the database, applies migrations, seeds the demo when asked, and builds the app. */
export async function createServer(config: Config, options: ServerOptions = {}): Promise<Server> {
  const log = createLogger(config, options.logDestination);
  const database = await openDatabase({
    url: config.databaseUrl,
    dataDir: config.dataDir,
    poolSize: config.databasePoolSize,
    onIdleError: (error) => log.warn({ err: error }, 'idle database connection failed'),
  });
  const redis = config.redisUrl
    ? new Redis(config.redisUrl, { maxRetriesPerRequest: 1 })
    : undefined;
  try {
    await migrate(database);
    const deps: Deps = {
      db: database.db,
      clock: options.clock ?? systemClock,
      pii: new PiiCipher(config.pii),
      config,
      log,
      wechat: config.wechat ? createWechatServices(config.wechat, database.db, redis) : undefined,
      his: new BuiltInHis(database.db),
    };
    if (config.demoSeed) {
      await seedDemo(deps);
      await publishMenuOnce(deps, systemMeta);
    }
    const dispatcher = new Dispatcher(
      deps,
      deps.wechat && ((message) => deps.wechat!.client.template.send(message)),
    );
    const scheduler = new Scheduler(deps, jobs(deps));
    const app = await buildApp({ deps, database, redis, scheduler });
    if (options.background !== false) {
      if (config.notifications.dispatcherEnabled) dispatcher.start();
      if (config.scheduler.enabled) {
        scheduler.start();
        // The bookable days exist from the first minute, not only after the next 06:05 run.
        generateSchedules(deps).catch((error: unknown) =>
          log.error({ err: error }, 'making schedules at start failed'),
        );
      }
    }
    return {
      app,
      deps,
      database,
      dispatcher,
      scheduler,
      close: async () => {
        await scheduler.stop();
        await dispatcher.stop();
        await app.close();
        redis?.disconnect();
        await database.close();
      },
    };
  } catch (error) {
    redis?.disconnect();
    await database.close();
    throw error;
  }
}
