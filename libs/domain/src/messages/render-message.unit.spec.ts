import { formatParam, placeholdersOf, renderTemplate } from './render-message';

describe('message templates', () => {
  it('writes numbers and legal dates the way each language does', () => {
    expect(formatParam(10000, 'vi')).toBe('10.000');
    expect(formatParam(10000, 'en')).toBe('10,000');
    expect(formatParam('2024-12-31', 'vi')).toBe('31/12/2024');
    expect(formatParam('2024-12-31', 'en')).toBe('2024-12-31');
    expect(formatParam(['a', 2], 'vi')).toBe('a, 2');
  });

  it('fills the placeholders a template names and leaves an unknown one visible', () => {
    expect(renderTemplate('cần {needed}/{members} phiếu; {missing}', { needed: 6, members: 9 }, 'vi')).toBe(
      'cần 6/9 phiếu; {missing}',
    );
    expect(placeholdersOf('{b} and {a} and {b}')).toEqual(['a', 'b']);
  });
});
