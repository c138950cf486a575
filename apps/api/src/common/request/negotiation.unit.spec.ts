import { preferredLocale, preferredType } from './negotiation';

describe('preferredType', () => {
  const offered = ['application/json', 'text/csv'];

  it('takes the type the client prefers, by quality then by the order offered', () => {
    expect(preferredType('text/csv', offered)).toBe('text/csv');
    expect(preferredType('text/csv;q=0.5, application/json', offered)).toBe('application/json');
    expect(preferredType('application/json;q=0.2, text/*;q=0.9', offered)).toBe('text/csv');
    expect(preferredType('*/*', offered)).toBe('application/json');
  });

  it('answers the first offered type to no header or a header naming none of them', () => {
    expect(preferredType(undefined, offered)).toBe('application/json');
    expect(preferredType('image/png', offered)).toBe('application/json');
  });
});

describe('preferredLocale', () => {
  it('reads the language by its primary tag and its quality', () => {
    expect(preferredLocale('en')).toBe('en');
    expect(preferredLocale('en-US,en;q=0.9')).toBe('en');
    expect(preferredLocale('vi-VN')).toBe('vi');
    expect(preferredLocale('EN-gb')).toBe('en');
    expect(preferredLocale('vi;q=0.4, en;q=0.8')).toBe('en');
    expect(preferredLocale('en;q=0.4, vi-VN;q=0.8')).toBe('vi');
    expect(preferredLocale('fr-FR, en;q=0.5')).toBe('en');
    expect(preferredLocale('en, vi')).toBe('en');
    expect(preferredLocale(['fr', 'en-US;q=0.3'])).toBe('en');
  });

  it('answers Vietnamese to no header, a language it does not speak, a refused one or a wildcard', () => {
    expect(preferredLocale(undefined)).toBe('vi');
    expect(preferredLocale('')).toBe('vi');
    expect(preferredLocale('fr, de;q=0.9')).toBe('vi');
    expect(preferredLocale('en;q=0')).toBe('vi');
    expect(preferredLocale('*')).toBe('vi');
    expect(preferredLocale('english')).toBe('vi');
  });
});
