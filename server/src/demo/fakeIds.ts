/** Deterministic fake personal data for demo and test rosters (never real people). */
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** A checksum-valid 18-digit resident ID number: region 540102, a birth date from the seed, sequence from the seed. */
export function fakeIdNumber(seed: number): string {
  const year = 1950 + (seed % 50);
  const month = String(1 + (seed % 12)).padStart(2, '0');
  const day = String(1 + (seed % 28)).padStart(2, '0');
  const body = `540102${year}${month}${day}${String(seed % 1000).padStart(3, '0')}`;
  const sum = ID_WEIGHTS.reduce((acc, w, i) => acc + w * Number(body[i]), 0);
  return body + ID_CHECK[sum % 11];
}

/** A mobile number in the 139-0891 range used for fakes. */
export const fakePhone = (seed: number) => `1390891${String(seed % 10000).padStart(4, '0')}`;
