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

  it("reads MENU_INVALID's problem and WeChat's own errcode and errmsg", () => {
    const invalid = new ApiError(422, 'MENU_INVALID', '菜单不符合微信的要求', {
      problem: 'button name "六个字的菜单" is 18 bytes; 1 to 16',
    });
    expect(errorFacts(invalid).problems).toEqual([
      'button name "六个字的菜单" is 18 bytes; 1 to 16',
    ]);
    const refused = new ApiError(502, 'WECHAT_API_FAILED', '微信接口调用失败', {
      errcode: 40016,
      errmsg: 'invalid button size',
    });
    expect(errorFacts(refused).wechat).toEqual({ errcode: 40016, errmsg: 'invalid button size' });
  });

  it('has no code for a request that never got an answer', () => {
    expect(errorFacts(new TypeError('Failed to fetch')).code).toBeUndefined();
  });
});
