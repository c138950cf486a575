import { searchKeyOf, searchWordsOf } from './search-key';

describe('search key', () => {
  it('folds Vietnamese diacritics, đ/Đ and case, keeping word boundaries', () => {
    expect(searchKeyOf('Nguyễn Thị Đào')).toBe(' nguyen thi dao');
    expect(searchKeyOf('  ĐẶNG   văn  Ước ')).toBe(' dang van uoc');
    expect(searchWordsOf('nguyen thi')).toEqual(['nguyen', 'thi']);
    expect(searchWordsOf('Hoàng-Thị_Lụa, 2')).toEqual(['hoang', 'thi', 'lua', '2']);
  });
});
