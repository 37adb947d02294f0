import { describe, expect, it } from 'vitest';
import { characterString, phrase, reportMessageData, thing } from './template';

describe('subscribe-message values within WeChat limits', () => {
  it('thing: at most 20 characters, cut with an ellipsis, never half an emoji', () => {
    expect(thing('已受理，请耐心等待')).toBe('已受理，请耐心等待');
    const long = thing('经核查，情况属实，已责令退还多收的费用并对相关人员批评教育');
    expect(Array.from(long)).toHaveLength(20);
    expect(long.endsWith('…')).toBe(true);
    const emoji = thing('😀'.repeat(25));
    expect(Array.from(emoji)).toHaveLength(20);
    expect(emoji).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });
  it('phrase: at most 5 Chinese characters', () => {
    expect(phrase('已受理')).toBe('已受理');
    expect(phrase('群众不满意重新办理')).toBe('群众不满意');
    expect(phrase('in_progress 办理中')).toBe('办理中');
    expect(phrase('')).toBe('有更新');
  });
  it('character_string: at most 32 printable ASCII characters', () => {
    expect(characterString('JB20261205-0001')).toBe('JB20261205-0001');
    expect(characterString('编号 JB-1')).toBe('JB-1');
    expect(characterString('x'.repeat(40))).toHaveLength(32);
  });
  it('builds the report template data', () => {
    expect(reportMessageData({ serial: 'JB20261205-0001', statusLabel: '办理中', body: '已开始办理' })).toEqual({
      character_string1: { value: 'JB20261205-0001' },
      phrase2: { value: '办理中' },
      thing3: { value: '已开始办理' },
    });
  });
});
