import { chinaDate, chinaDateTime, chinaDayBounds, chinaEndOfDay, secondsToNextChinaDay } from './time';

describe('China time', () => {
  it('prints the China minute of an instant, whatever the process time zone', () => {
    expect(chinaDateTime('2026-12-01T10:00:00Z')).toBe('2026-12-01 18:00');
    expect(chinaDateTime(new Date('2026-12-31T16:30:00Z'))).toBe('2027-01-01 00:30');
    expect(chinaDate('2026-12-31T15:59:59.999Z')).toBe('2026-12-31');
    expect(chinaDate('2026-12-31T16:00:00Z')).toBe('2027-01-01');
    expect(chinaDateTime('not a date')).toBe('');
  });

  it('bounds a China day, ends a planned date at its last millisecond, counts down to midnight', () => {
    const b = chinaDayBounds(new Date('2026-12-01T20:00:00Z'));
    expect(b).toEqual({ start: new Date('2026-12-01T16:00:00Z'), end: new Date('2026-12-02T16:00:00Z'), label: '2026-12-02' });
    expect(chinaEndOfDay('2026-12-02').toISOString()).toBe('2026-12-02T15:59:59.999Z');
    expect(secondsToNextChinaDay(new Date('2026-12-01T15:59:00Z'))).toBe(60);
    expect(secondsToNextChinaDay(new Date('2026-12-01T16:00:00Z'))).toBe(86_400);
  });
});
