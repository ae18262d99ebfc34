/**
 * Vietnamese text normalisation. Stored text is NFC; search keys come in two strengths:
 * - `foldVietnamese` drops every diacritic ("Thái Nguyên" → "thai nguyen") for queries typed without them;
 * - `toneKey` keeps the diacritics but puts the tone mark where the new orthography puts it, so the
 *   old and new tone-mark styles ("Hòa"/"Hoà", "Thủy"/"Thuỷ") give one key.
 */

const TONE_MARKS = '\u0300\u0301\u0303\u0309\u0323'; // huyền, sắc, ngã, hỏi, nặng
const WORD_END = '(?![\\p{L}\\p{M}])';
// Old style marks the first vowel of an open "oa", "oe", "uy" syllable; new style marks the second.
const OLD_STYLE_OA_OE = new RegExp(`([oO])([${TONE_MARKS}])([aAeE])${WORD_END}`, 'gu');
const OLD_STYLE_UY = new RegExp(`([uU])([${TONE_MARKS}])([yY])${WORD_END}`, 'gu');

export function nfc(text: string): string {
  return text.normalize('NFC');
}

export function foldVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

export function toneKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(OLD_STYLE_OA_OE, '$1$3$2')
    .replace(OLD_STYLE_UY, '$1$3$2')
    .normalize('NFC')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

export function hasDiacritics(text: string): boolean {
  return foldVietnamese(text) !== text.toLowerCase().replace(/\s+/g, ' ').trim();
}

/** The key to match a user's query against, and which stored key column it must be compared with. */
export function searchKey(query: string): { key: string; folded: boolean } {
  return hasDiacritics(query) ? { key: toneKey(query), folded: false } : { key: foldVietnamese(query), folded: true };
}

/** Escapes LIKE wildcards so a user's "%" or "_" is matched literally. */
export function likeContains(key: string): string {
  return `%${key.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** NFC, trimmed, single spaces: how names, titles and themes are stored. */
export function cleanText(text: string): string {
  return text.normalize('NFC').trim().replace(/\s+/g, ' ');
}

export function cleanOptionalText(text: string | null | undefined): string | null {
  return text == null ? null : cleanText(text);
}
