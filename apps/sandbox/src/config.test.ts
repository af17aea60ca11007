import { describe, expect, it } from 'vitest';
import { resolveConfig } from './config';
import { baseConfig, generateKeys } from './test/helpers';

describe('configuration', () => {
  const keys = generateKeys();

  it('names every problem of an unusable configuration at once', () => {
    const bad = baseConfig(keys, {
      encodingAESKey: 'short',
      apiV3Key: 'too-short',
      callbackUrl: 'not a url',
      platformPublicKeyId: undefined,
    });
    expect(() => resolveConfig(bad)).toThrow(
      /callbackUrl must be an absolute URL.*EncodingAESKey.*apiV3Key.*publicKey mode needs platformPublicKeyId/,
    );
  });

  it('derives the original id from the AppID and waits at least a second per push', () => {
    const resolved = resolveConfig(baseConfig(keys, { replyTimeoutMs: undefined }));
    expect(resolved.originalId).toMatch(/^gh_[0-9a-f]{12}$/);
    expect(resolved.replyTimeoutMs).toBe(1000);
    expect(
      resolveConfig(baseConfig(keys, { timeScale: 1, replyTimeoutMs: undefined })).replyTimeoutMs,
    ).toBe(5000);
  });
});
