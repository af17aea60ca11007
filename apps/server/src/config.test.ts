import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';
import { testEnv } from './test/server';

function errorOf(env: Record<string, string | undefined>): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a configuration error');
}

describe('configuration', () => {
  it('accepts a complete environment and fills the defaults', () => {
    const config = loadConfig(testEnv());
    expect(config.port).toBe(3000);
    expect(config.bodyLimitBytes).toBe(65_536);
    expect(config.session.idleMinutes).toBe(30);
    expect(config.databaseUrl).toBeUndefined();
  });

  it('names a missing secret in one line', () => {
    const message = errorOf({ ...testEnv(), SESSION_SECRET: undefined });
    expect(message).toBe(
      'Configuration error: SESSION_SECRET must be a random string of at least 32 characters (it is not set)',
    );
  });

  it('refuses a placeholder secret without echoing it', () => {
    const message = errorOf({
      ...testEnv(),
      SESSION_SECRET: 'change-me-change-me-change-me-change-me',
    });
    expect(message).toContain('SESSION_SECRET');
    expect(message).not.toContain('change-me');
  });

  it('names a wrong port and what it expects', () => {
    expect(errorOf({ ...testEnv(), PORT: 'eighty' })).toBe(
      'Configuration error: PORT must be an integer from 0 to 65535 (got "eighty")',
    );
  });

  it('refuses a database URL of another kind', () => {
    expect(errorOf({ ...testEnv(), DATABASE_URL: 'mysql://root@localhost/x' })).toMatch(
      /^Configuration error: DATABASE_URL must be a URL/,
    );
  });

  it('refuses a personal-data key of the wrong length', () => {
    const message = errorOf({
      ...testEnv(),
      PII_ENCRYPTION_KEYS: `k1:${Buffer.alloc(16).toString('base64')}`,
    });
    expect(message).toMatch(
      /^Configuration error: PII_ENCRYPTION_KEYS must be base64 of exactly 32/,
    );
    expect(message.split('\n')).toHaveLength(1);
  });

  it('refuses an unknown time zone', () => {
    expect(errorOf({ ...testEnv(), HOSPITAL_TIME_ZONE: 'Mars/Olympus' })).toMatch(
      /HOSPITAL_TIME_ZONE/,
    );
  });
});
