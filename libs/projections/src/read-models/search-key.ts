/**
 * A name folded for search: lowercase, Vietnamese diacritics removed (`đ` → `d`), runs of spaces
 * and punctuation made one space, with a leading space so `LIKE '% word%'` matches word prefixes.
 * "Nguyễn Thị Đào" → " nguyen thi dao".
 */
export function searchKeyOf(name: string): string {
  return ` ${searchWordsOf(name).join(' ')}`;
}

/** The folded words of a query or a name: "nguyen  THI" → ["nguyen", "thi"]. */
export function searchWordsOf(text: string): string[] {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}
