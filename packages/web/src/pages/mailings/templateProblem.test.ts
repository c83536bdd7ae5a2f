import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client';
import { templateProblemOf } from './templateProblem';

const refused = (path: string, message: string) =>
  new ApiError(422, 'TEMPLATE_INVALID', `模板有误：${message}`, [{ path, message }]);

describe("the server's template problems", () => {
  it('name the part of a code template with its line and column', () => {
    expect(templateProblemOf(refused('html', 'HTML 正文第 2 行第 5 列：未知的合并字段 name'), [])).toEqual({
      part: 'html',
      message: 'HTML 正文第 2 行第 5 列：未知的合并字段 name',
    });
    expect(templateProblemOf(refused('subject', '主题第 1 行第 1 列：x'), [])?.part).toBe('subject');
  });

  it('point at the block as numbered on screen, half-written blocks included', () => {
    const problem = templateProblemOf(refused('content.blocks.1.text', '第 2 个模块第 1 行第 3 列：x'), [0, 3]);
    expect(problem).toEqual({ part: 'block', block: 3, field: 'text', message: '第 4 个模块第 1 行第 3 列：x' });
  });

  it('leave other errors to the usual error message', () => {
    expect(templateProblemOf(new ApiError(403, 'FORBIDDEN', 'no'), [])).toBeNull();
    expect(templateProblemOf(new Error('x'), [])).toBeNull();
  });
});
