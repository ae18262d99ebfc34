import { describe, expect, it } from 'vitest';
import { foldVietnamese, searchKey, toneKey } from './text.ts';

describe('Vietnamese text keys', () => {
  it('gives old and new tone-mark styles one key', () => {
    expect(toneKey('Hòa Bình')).toBe(toneKey('Hoà Bình'));
    expect(toneKey('Thủy')).toBe(toneKey('Thuỷ'));
    expect(toneKey('khỏe')).toBe(toneKey('khoẻ'));
    // A closed syllable is marked alike in both styles and must stay as it is.
    expect(toneKey('Hoàng')).toBe('hoàng');
  });

  it('folds every diacritic, đ included, for queries typed without them', () => {
    expect(foldVietnamese('Đắk Nông  Thái   Nguyên')).toBe('dak nong thai nguyen');
  });

  it('picks the key by whether the query has diacritics', () => {
    expect(searchKey('Thai Nguyen')).toEqual({ key: 'thai nguyen', folded: true });
    expect(searchKey('Hòa')).toEqual({ key: 'hoà', folded: false });
  });

  it('treats decomposed input like composed input', () => {
    expect(toneKey('Ho\u0300a')).toBe(toneKey('Hòa'));
  });
});
