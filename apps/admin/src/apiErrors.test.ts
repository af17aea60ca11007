import { describe, expect, it } from 'vitest';
import { ApiError } from '@zhangyi/contracts';
import { errorFacts } from './apiErrors';

describe('errorFacts', () => {
  it('reads the unknown and available fields of TEMPLATE_FIELD_UNKNOWN', () => {
    const error = new ApiError(
      422,
      'TEMPLATE_FIELD_UNKNOWN',
      '模板字段引用了该通知类型没有的数据',
      {
        fields: ['nope'],
        available: ['content', 'sentAt'],
      },
    );
    expect(errorFacts(error)).toEqual({
      code: 'TEMPLATE_FIELD_UNKNOWN',
      unknownFields: ['nope'],
      availableFields: ['content', 'sentAt'],
      problems: [],
    });
  });

  it('lists the field problems of VALIDATION_FAILED', () => {
    const error = new ApiError(400, 'VALIDATION_FAILED', 'bad', [
      { in: 'body', field: 'templateId', problem: 'must match pattern' },
    ]);
    expect(errorFacts(error).problems).toEqual(['templateId: must match pattern']);
  });

  it('has no code for a request that never got an answer', () => {
    expect(errorFacts(new TypeError('Failed to fetch')).code).toBeUndefined();
  });
});
