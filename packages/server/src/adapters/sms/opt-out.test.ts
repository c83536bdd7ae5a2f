import { describe, expect, it } from 'vitest';
import { optOutKeyword } from './opt-out.ts';

describe('optOutKeyword', () => {
  it.each([
    ['TD', 'TD'],
    ['td', 'TD'],
    [' Td ', 'TD'],
    ['ＴＤ', 'TD'],
    ['Ｔ　Ｄ', 'TD'],
    ['T', 'T'],
    ['t。', 'T'],
    ['N', 'N'],
    ['ｎ', 'N'],
    ['退订', '退订'],
    ['退訂', '退訂'],
    ['退 订！', '退订'],
    ['TD退订', 'TD退订'],
    ['退订TD', '退订TD'],
    ['回复TD退订', '退订'],
    ['请帮我退订，谢谢', '退订'],
    ['取消订阅', '取消订阅'],
    ['STOP', 'STOP'],
    ['stop.', 'STOP'],
    ['Unsubscribe', 'UNSUBSCRIBE'],
    ['ＵＮＳＵＢＳＣＲＩＢＥ', 'UNSUBSCRIBE'],
  ])('reads %j as an opt-out (%s)', (reply, keyword) => {
    expect(optOutKeyword(reply)).toBe(keyword);
  });

  it.each([
    '',
    '  ',
    '好的，谢谢',
    '收到',
    'Y',
    'OK',
    'TDD',
    'I will not stop helping',
    'NO',
    '周六几点集合？',
    'T恤尺码多大',
  ])('does not read %j as an opt-out', (reply) => {
    expect(optOutKeyword(reply)).toBeUndefined();
  });
});
