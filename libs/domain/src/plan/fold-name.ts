/**
 * Names as written in published tables and in the catalog, compared loosely: case, Vietnamese
 * diacritics (đ included) and whitespace are ignored, so `Làng  quặng` matches `Làng Quặng`.
 */
export function foldName(name: string): string {
  return stripMarks(name).replace(/\s+/g, '');
}

/** A name as a unit id: `Trường TH&THCS` → `truong-th-thcs`; at most 64 characters. */
export function slugOf(name: string): string {
  const slug = stripMarks(name)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64)
    .replace(/-+$/, '');
  return slug === '' ? 'unit' : slug;
}

/**
 * The words of a person's name or of a query, folded for search: lowercase, diacritics removed (`đ` →
 * `d`), split at anything but letters and digits. "Nguyễn  THỊ-Đào" → ["nguyen", "thi", "dao"].
 */
export function searchWordsOf(text: string): string[] {
  return stripMarks(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** Lowercase, without diacritics, whitespace collapsed to single spaces. */
export function stripMarks(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd').toLowerCase().replace(/\s+/g, ' ').trim();
}
