/** Roman numerals for the ordinals of terms ("khóa VII"), 1 to 3999, canonical form only. */

const NUMERALS: [number, string][] = [
  [1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'],
  [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I'],
];

export function toRoman(value: number): string {
  let rest = value;
  let roman = '';
  for (const [amount, letters] of NUMERALS) {
    while (rest >= amount) {
      roman += letters;
      rest -= amount;
    }
  }
  return roman;
}

/** The number a canonical Roman numeral stands for ("VII" → 7); null for anything else ("IIII", "vii", "IIV"). */
export function parseRoman(text: string): number | null {
  if (!/^[IVXLCDM]{1,15}$/.test(text)) return null;
  const values: Record<string, number> = { I: 1, V: 5, X: 10, L: 50, C: 100, D: 500, M: 1000 };
  let total = 0;
  for (let index = 0; index < text.length; index++) {
    const value = values[text[index]];
    const next = values[text[index + 1]] ?? 0;
    total += value < next ? -value : value;
  }
  return total >= 1 && total <= 3999 && toRoman(total) === text ? total : null;
}
