/**
 * Chinese numerals, both ways, for the rules that read or write them (number, numbering, outdated).
 */

const DIGITS = '〇一二三四五六七八九';
const DIGIT_VALUE: Record<string, number> = { 〇: 0, 零: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 0..100 in Chinese numerals, the way 届次, 会次 and 序号 are written: 三, 十一, 二十, 二十一; undefined otherwise. */
export function chineseNumber(n: number): string | undefined {
  if (!Number.isInteger(n) || n < 0 || n > 100) return undefined;
  if (n === 100) return '一百';
  if (n < 10) return DIGITS[n];
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return (tens === 1 ? '' : DIGITS[tens]) + '十' + (ones === 0 ? '' : DIGITS[ones]);
}

/** 1..99 written 一 … 十 … 九十九; undefined for anything else (「一一」「十十」「〇」). */
export function parseChineseNumber(s: string): number | undefined {
  const digit = (ch: string) => DIGIT_VALUE[ch] ?? 0;
  if (s.length === 1) return s === '十' ? 10 : digit(s) || undefined;
  if (s.length === 2) {
    if (s[0] === '十' && digit(s[1])) return 10 + digit(s[1]);
    if (digit(s[0]) >= 2 && s[1] === '十') return digit(s[0]) * 10;
    return undefined;
  }
  if (s.length === 3 && digit(s[0]) >= 2 && s[1] === '十' && digit(s[2])) return digit(s[0]) * 10 + digit(s[2]);
  return undefined;
}

/** A number written digit by digit in Chinese numerals: 二〇二六 → 2026 (〇 and 零 are 0). */
export function chineseDigitsValue(digits: string): number {
  return Number([...digits].map((c) => DIGIT_VALUE[c]).join(''));
}
