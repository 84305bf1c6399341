// Exact integer helpers shared by the rules. Everything here is plain ES2020 so the Taro mini-program can run it:
// BigInt is created with BigInt(...) calls (no `0n` literals, which older mini-program toolchains reject).

/** Thrown when a rule receives input that no correct caller should pass (negative fen, duplicate ballots …). */
export class RuleInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RuleInputError';
    // Keep instanceof working when the code is down-levelled to ES5 (mini-program builds).
    Object.setPrototypeOf(this, RuleInputError.prototype);
  }
}

/** A non-negative exact fraction, e.g. 2/3 → { num: 2, den: 3 }. */
export interface Fraction {
  num: number;
  den: number;
}

export const big = (n: number | bigint): bigint => (typeof n === 'bigint' ? n : BigInt(n));
export const ZERO = BigInt(0);
export const ONE = BigInt(1);

export function assertNonNegativeInt(value: number, what: string): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RuleInputError(`${what} 必须是非负整数（收到 ${String(value)}）`);
  }
}

/** Floor division for non-negative bigints (BigInt `/` truncates, which equals floor here). */
export const floorDiv = (a: bigint, b: bigint): bigint => a / b;
export const ceilDiv = (a: bigint, b: bigint): bigint => (a + b - ONE) / b;

/** Round a/b half-up to an integer (a ≥ 0, b > 0). */
export function roundHalfUp(a: bigint, b: bigint): bigint {
  return (a * BigInt(2) + b) / (b * BigInt(2));
}

/** Convert a bigint known to be small back to number, refusing silent precision loss. */
export function toSafeNumber(value: bigint, what: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new RuleInputError(`${what} 超出安全整数范围`);
  return n;
}

/**
 * Parse an area string with up to 2 decimals ("85.2", "85.20", "300") into exact integer hundredths of m².
 * Strings avoid the binary-float trap of Math.round(85.2 * 100); numbers are accepted too and rounded.
 */
export function parseAreaHundredths(area: string | number): number {
  if (typeof area === 'number') {
    if (!Number.isFinite(area) || area < 0) throw new RuleInputError(`面积无效：${String(area)}`);
    return Math.round(area * 100);
  }
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(area.trim());
  if (!m) throw new RuleInputError(`面积格式无效（应为最多两位小数的平方米数）：${area}`);
  const hundredths = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  assertNonNegativeInt(hundredths, '面积');
  return hundredths;
}

/** Integer hundredths → fixed 2-decimal string: 30000 → "300.00", 5 → "0.05". */
export function formatHundredths(hundredths: number | bigint): string {
  const v = big(hundredths);
  const neg = v < ZERO;
  const abs = neg ? -v : v;
  const whole = abs / BigInt(100);
  const frac = (abs % BigInt(100)).toString().padStart(2, '0');
  return `${neg ? '-' : ''}${whole.toString()}.${frac}`;
}

/** Area in integer hundredths of m² → "300.00" (no unit; add ㎡ where shown). */
export const formatArea = (hundredths: number | bigint): string => formatHundredths(hundredths);

/** Money in integer fen → yuan string "1234.56". */
export const formatFen = (fen: number | bigint): string => formatHundredths(fen);

/** Percentage of num/den with 2 decimals, half-up ("66.67"); den 0 → "0.00". */
export function formatPercent(num: number, den: number): string {
  if (den === 0) return '0.00';
  return formatHundredths(roundHalfUp(big(num) * BigInt(10000), big(den)));
}

/**
 * Yuan typed by a person ("1,200.5", "4，800", "19.99元") → integer fen, or null when it is not an amount with at most
 * two decimals. Up to 12 digits of yuan, so the fen stay an exact integer. One parser for residents' and staff forms.
 */
export function parseYuanToFen(text: string): number | null {
  const m = /^(\d{1,12})(?:\.(\d{1,2}))?$/.exec(text.replace(/[,，\s]/g, '').replace(/元$/, ''));
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}
