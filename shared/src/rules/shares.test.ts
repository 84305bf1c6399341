import fc from 'fast-check';
import { RuleInputError } from './numbers';
import {
  allocateByWeights,
  DEFAULT_ELEVATOR_COEFFICIENTS,
  elevatorCoefficientFor,
  elevatorShares,
  formatCoefficient,
  FUNDING_SOURCE_KINDS,
  FUNDING_SOURCE_LABELS,
  fundingPlanBalance,
  parseCoefficientPerMille,
  splitLocalShortfall,
} from './shares';

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('allocateByWeights', () => {
  it('gives leftover fen to the largest remainders, ties by input order', () => {
    expect(allocateByWeights(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(allocateByWeights(10, [3, 3, 4])).toEqual([3, 3, 4]);
    expect(allocateByWeights(7, [1, 2, 0, 1])).toEqual([2, 3, 0, 2]);
    expect(allocateByWeights(0, [0, 0])).toEqual([0, 0]);
  });
  it('handles products beyond 2^53 exactly', () => {
    const shares = allocateByWeights(999_999_999_99, [BigInt('9007199254740993'), BigInt(1), 3]);
    expect(sum(shares)).toBe(999_999_999_99);
  });
  it('rejects impossible input', () => {
    expect(() => allocateByWeights(1, [0, 0])).toThrow(RuleInputError);
    expect(() => allocateByWeights(1, [])).toThrow(RuleInputError);
    expect(() => allocateByWeights(-1, [1])).toThrow(RuleInputError);
    expect(() => allocateByWeights(1.5, [1])).toThrow(RuleInputError);
    expect(() => allocateByWeights(1, [-1, 2])).toThrow(RuleInputError);
  });

  const weights = fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 1, maxLength: 20 }).filter((w) => sum(w) > 0);
  const total = fc.integer({ min: 0, max: 1_000_000_000 });

  it('property: sums exactly, non-negative, zero weight gets zero, within 1 fen of the exact quota', () => {
    fc.assert(
      fc.property(total, weights, (t, w) => {
        const s = allocateByWeights(t, w);
        expect(sum(s)).toBe(t);
        const W = BigInt(sum(w));
        s.forEach((x, i) => {
          expect(x).toBeGreaterThanOrEqual(0);
          if (w[i] === 0) expect(x).toBe(0);
          const floor = (BigInt(t) * BigInt(w[i])) / W;
          expect(BigInt(x) - floor >= BigInt(0) && BigInt(x) - floor <= BigInt(1)).toBe(true);
        });
      }),
    );
  });

  it('property: monotone in weight — a larger weight never gets less, equal weights differ by at most 1 fen', () => {
    fc.assert(
      fc.property(total, weights, (t, w) => {
        const s = allocateByWeights(t, w);
        for (let i = 0; i < w.length; i++) {
          for (let j = 0; j < w.length; j++) {
            if (w[i] > w[j]) expect(s[i]).toBeGreaterThanOrEqual(s[j]);
            if (w[i] === w[j]) expect(Math.abs(s[i] - s[j])).toBeLessThanOrEqual(1);
          }
        }
      }),
    );
  });

  it('property: raising one weight never lowers that share', () => {
    fc.assert(
      fc.property(total, weights, fc.nat(), fc.integer({ min: 1, max: 1000 }), (t, w, pick, bump) => {
        const i = pick % w.length;
        const raised = w.map((x, k) => (k === i ? x + bump : x));
        expect(allocateByWeights(t, raised)[i]).toBeGreaterThanOrEqual(allocateByWeights(t, w)[i]);
      }),
    );
  });
});

describe('elevatorShares', () => {
  it('uses the default table: floors 1–2 pay nothing, share ∝ coefficient × area', () => {
    const r = elevatorShares({
      totalFen: 40_000_000,
      dwellings: [
        { dwellingId: 'a', floor: 1, areaHundredths: 8000 },
        { dwellingId: 'b', floor: 3, areaHundredths: 10000 },
        { dwellingId: 'c', floor: 6, areaHundredths: 10000 },
        { dwellingId: 'd', floor: 9, areaHundredths: 10000 },
      ],
    });
    expect(r.shares.map((s) => s.shareFen)).toEqual([0, 9_333_334, 13_333_333, 17_333_333]);
    expect(sum(r.shares.map((s) => s.shareFen))).toBe(40_000_000);
    expect(r.shares[1]).toMatchObject({ coefficient: '0.7', coefficientPerMille: 700, weight: 7_000_000 });
    expect(r.shares[1].explanation).toBe('第 3 层，系数 0.7 × 面积 100.00㎡，分摊 93333.34 元');
  });
  it('extends above the top floor by 0.1 per floor and accepts custom tables', () => {
    expect(elevatorCoefficientFor(10)).toBe(1400);
    expect(elevatorCoefficientFor(12)).toBe(1600);
    const custom = [
      { floor: 1, coefficient: '0' },
      { floor: 2, coefficient: '1.25' },
    ];
    expect(elevatorCoefficientFor(3, custom)).toBe(1350);
    expect(() => elevatorCoefficientFor(0)).toThrow(RuleInputError);
    expect(() => elevatorCoefficientFor(1, [{ floor: 2, perMille: 100 }])).toThrow(RuleInputError);
  });
  it('parses and formats coefficients', () => {
    expect(parseCoefficientPerMille('0.7')).toBe(700);
    expect(parseCoefficientPerMille('1')).toBe(1000);
    expect(parseCoefficientPerMille('1.125')).toBe(1125);
    expect(DEFAULT_ELEVATOR_COEFFICIENTS.map((c) => formatCoefficient(c.perMille))).toEqual(['0.0', '0.0', '0.7', '0.8', '0.9', '1.0', '1.1', '1.2', '1.3']);
  });
  it('refuses to charge an entrance where every weight is zero', () => {
    expect(() => elevatorShares({ totalFen: 100, dwellings: [{ dwellingId: 'a', floor: 2, areaHundredths: 5000 }] })).toThrow(RuleInputError);
  });
  it('property: sums exactly and never charges floors 1–2', () => {
    const dwelling = fc.record({ floor: fc.integer({ min: 1, max: 18 }), areaHundredths: fc.integer({ min: 1, max: 30000 }) });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2_000_000_000 }), fc.array(dwelling, { minLength: 1, maxLength: 40 }), (t, ds) => {
        fc.pre(ds.some((d) => d.floor >= 3));
        const r = elevatorShares({ totalFen: t, dwellings: ds.map((d, i) => ({ ...d, dwellingId: `x${i}` })) });
        expect(sum(r.shares.map((s) => s.shareFen))).toBe(t);
        r.shares.forEach((s) => (s.floor <= 2 ? expect(s.shareFen).toBe(0) : expect(s.shareFen).toBeGreaterThanOrEqual(0)));
      }),
    );
  });
});

describe('splitLocalShortfall', () => {
  it('splits 2:1:1 and gives remainder fen to region, then prefecture, then county', () => {
    expect(splitLocalShortfall(400)).toMatchObject({ regionFen: 200, prefectureFen: 100, countyFen: 100, remainderFen: 0 });
    expect(splitLocalShortfall(401)).toMatchObject({ regionFen: 201, prefectureFen: 100, countyFen: 100, remainderFen: 1 });
    expect(splitLocalShortfall(402)).toMatchObject({ regionFen: 201, prefectureFen: 101, countyFen: 100, remainderFen: 2 });
    expect(splitLocalShortfall(403)).toMatchObject({ regionFen: 201, prefectureFen: 101, countyFen: 101, remainderFen: 3 });
    expect(splitLocalShortfall(0)).toMatchObject({ regionFen: 0, prefectureFen: 0, countyFen: 0 });
  });
  it('property: exact sum and the stated remainder rule', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (t) => {
        const r = splitLocalShortfall(t);
        expect(r.regionFen + r.prefectureFen + r.countyFen).toBe(t);
        const q = Math.floor(t / 4);
        const rem = t % 4;
        expect([r.regionFen, r.prefectureFen, r.countyFen]).toEqual([2 * q + (rem >= 1 ? 1 : 0), q + (rem >= 2 ? 1 : 0), q + (rem >= 3 ? 1 : 0)]);
      }),
    );
  });
});

describe('fundingPlanBalance', () => {
  it('reports total, difference and balance, grouped by kind in catalog order', () => {
    const r = fundingPlanBalance({
      budgetFen: 1_000_000,
      sources: [
        { kind: 'residents', amountFen: 100_000 },
        { kind: 'central_subsidy', amountFen: 600_000 },
        { kind: 'residents', amountFen: 50_000 },
      ],
    });
    expect(r).toMatchObject({ totalFen: 750_000, differenceFen: -250_000, balanced: false });
    expect(r.byKind).toEqual([
      { kind: 'central_subsidy', label: '中央补助资金', amountFen: 600_000 },
      { kind: 'residents', label: '居民出资', amountFen: 150_000 },
    ]);
    expect(fundingPlanBalance({ budgetFen: 0, sources: [] })).toMatchObject({ totalFen: 0, differenceFen: 0, balanced: true });
  });
  it('labels every source kind and rejects unknown kinds or fractional fen', () => {
    expect(FUNDING_SOURCE_KINDS).toHaveLength(10);
    FUNDING_SOURCE_KINDS.forEach((k) => expect(FUNDING_SOURCE_LABELS[k]).toMatch(/[\u4e00-\u9fa5]/));
    expect(() => fundingPlanBalance({ budgetFen: 1, sources: [{ kind: 'lottery' as never, amountFen: 1 }] })).toThrow(RuleInputError);
    expect(() => fundingPlanBalance({ budgetFen: 1, sources: [{ kind: 'county', amountFen: 0.5 }] })).toThrow(RuleInputError);
  });
});
