import { preferredType } from './negotiation';

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
