/**
 * Information-processing fees (信息处理费), 《政府信息公开条例》Art. 42 and
 * 《政府信息公开信息处理费管理办法》(国办函〔2020〕109号), as summarised in domain.md §1.
 *
 * Free by default. An agency may charge an application by ONE method only:
 * - per application (按件计收): by the application's place among the same applicant's
 *   applications in the calendar month;
 * - per page (按量计收): by the pages of that one application.
 * Both are excess-progressive (超额累进, 109号 Art. 3): each unit pays the rate of its own
 * band. All amounts are whole yuan.
 */

/** free = 不收费 (the default); perApplication = 按件计收; perPage = 按量计收. */
export const FEE_METHODS = ['free', 'perApplication', 'perPage'] as const;
export type FeeMethod = (typeof FEE_METHODS)[number];

export const FREE_APPLICATIONS_PER_MONTH = 10;
export const FREE_PAGES = 30;

function assertCount(value: number, name: string, min: number): void {
  if (!Number.isInteger(value) || value < min) throw new RangeError(`${name} must be a whole number >= ${min}, got ${value}`);
}

/**
 * Fee for the applicant's n-th application in the calendar month (n counts from 1).
 *
 * Reading of domain.md: 1st-10th free; 11th-30th 100 yuan each; "then +100 yuan per block
 * of 10": 31st-40th 200 each, 41st-50th 300 each, and so on. So the rate steps up at 31,
 * 41, 51 … (the first application of each new block of ten).
 */
export function perApplicationFee(n: number): number {
  assertCount(n, 'n', 1);
  if (n <= FREE_APPLICATIONS_PER_MONTH) return 0;
  if (n <= 30) return 100;
  return 100 + 100 * Math.ceil((n - 30) / 10);
}

/** Total per-application fees for applications 1..count of one applicant in one month. */
export function perApplicationFeesForMonth(count: number): number {
  assertCount(count, 'count', 0);
  let total = 0;
  for (let n = 1; n <= count; n++) total += perApplicationFee(n);
  return total;
}

/**
 * Per-page fee for one application of `pages` pages.
 *
 * Reading of domain.md ("up to 30 pages free, 31-100 10 yuan, 101-200 20 yuan, over 200
 * 40 yuan per page"): the ranges are page numbers within the application, each page
 * charged at the rate of its range, like the "11th-30th" ranges of per-application fees
 * (109号 says "…的部分"). So pages 1-30 stay free even in a long document:
 * 31 pages = 10 yuan; 100 pages = 70×10 = 700; 200 pages = 700 + 100×20 = 2700;
 * 201 pages = 2700 + 40 = 2740. It is not "the whole document at the rate of its size".
 */
export function perPageFee(pages: number): number {
  assertCount(pages, 'pages', 0);
  const band = (from: number, to: number) => Math.max(0, Math.min(pages, to) - (from - 1));
  return band(31, 100) * 10 + band(101, 200) * 20 + band(201, Infinity) * 40;
}

export type FeeRequest =
  | { method: 'free' }
  /** monthlyOrdinal: this application's place among the applicant's applications this calendar month. */
  | { method: 'perApplication'; monthlyOrdinal: number }
  | { method: 'perPage'; pages: number };

/** The fee for one application under the method the agency chose (one method per application). */
export function disclosureFee(request: FeeRequest): number {
  switch (request.method) {
    case 'free':
      return 0;
    case 'perApplication':
      return perApplicationFee(request.monthlyOrdinal);
    case 'perPage':
      return perPageFee(request.pages);
  }
}
