import {
  disclosureFee,
  FEE_METHODS,
  perApplicationFee,
  perApplicationFeesForMonth,
  perPageFee,
} from '../../src/cases/disclosure/rules/disclosureFees';

describe('per-application fee (按件计收)', () => {
  it.each([
    [1, 0],
    [10, 0],
    [11, 100],
    [30, 100],
    [31, 200],
    [40, 200],
    [41, 300],
    [50, 300],
    [51, 400],
  ])('application no. %i in the month costs %i yuan', (n, fee) => {
    expect(perApplicationFee(n)).toBe(fee);
  });

  it.each([
    [0, 0],
    [10, 0],
    [11, 100],
    [30, 2000],
    [31, 2200],
    [40, 4000],
    [41, 4300],
  ])('%i applications in a month cost %i yuan in total', (count, total) => {
    expect(perApplicationFeesForMonth(count)).toBe(total);
  });

  it('rejects counts that are not whole numbers from 1', () => {
    expect(() => perApplicationFee(0)).toThrow(RangeError);
    expect(() => perApplicationFee(1.5)).toThrow(RangeError);
    expect(() => perApplicationFeesForMonth(-1)).toThrow(RangeError);
  });
});

describe('per-page fee (按量计收), excess-progressive', () => {
  it.each([
    [0, 0],
    [1, 0],
    [30, 0],
    [31, 10],
    [100, 700],
    [101, 720],
    [200, 2700],
    [201, 2740],
    [250, 4700],
  ])('%i pages cost %i yuan', (pages, fee) => {
    expect(perPageFee(pages)).toBe(fee);
  });

  it('rejects negative or fractional page counts', () => {
    expect(() => perPageFee(-1)).toThrow(RangeError);
    expect(() => perPageFee(10.5)).toThrow(RangeError);
  });
});

describe('disclosureFee', () => {
  it('is free by default and uses one method per application', () => {
    expect(FEE_METHODS[0]).toBe('free');
    expect(disclosureFee({ method: 'free' })).toBe(0);
    expect(disclosureFee({ method: 'perApplication', monthlyOrdinal: 31 })).toBe(200);
    expect(disclosureFee({ method: 'perPage', pages: 31 })).toBe(10);
  });
});
