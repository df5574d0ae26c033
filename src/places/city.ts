import { z } from 'zod';
import { loadDataFile } from '../data/loadDataFile';
import { normalize } from '../nlp/normalize';
import { allDivisions } from './divisions';

const word = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .refine(
    (value) => normalize(value) === value && !value.includes(' '),
    'must be one word written normalized (simplified, lower-case, no punctuation)',
  );

/** config/city.yaml: the city this bot serves, checked against the national division codes. */
export const cityFileSchema = z
  .strictObject({
    name: z.string().trim().min(1, 'must not be empty'),
    province: z.string().trim().min(1, 'must not be empty'),
    districts: z.array(z.string().trim().min(1, 'must not be empty')).default([]),
    hotline: z.string().regex(/^\d{3,8}$/, 'must be a phone number of digits only, such as 12345'),
    crossRegionTerms: z.array(word).min(1, 'needs at least one term'),
    locationWords: z.array(word).default([]),
  })
  .superRefine((file, ctx) => {
    const divisions = allDivisions();
    if (!divisions.some((d) => d.level === 'province' && d.name === file.province)) {
      ctx.addIssue({
        code: 'custom',
        path: ['province'],
        message: `"${file.province}" is no province in GB/T 2260 (write the full name, e.g. 河南省)`,
      });
      return;
    }
    // A municipality (北京市) is its own province and city.
    const isCity =
      file.name === file.province
        ? /市$/.test(file.name)
        : divisions.some((d) => d.level === 'city' && d.name === file.name && d.province === file.province);
    if (!isCity) {
      ctx.addIssue({
        code: 'custom',
        path: ['name'],
        message: `"${file.name}" is no city of ${file.province} in GB/T 2260 (write the full name, e.g. 洛阳市)`,
      });
      return;
    }
    file.districts.forEach((district, i) => {
      if (!divisions.some((d) => d.level === 'district' && d.name === district && d.city === file.name)) {
        ctx.addIssue({
          code: 'custom',
          path: ['districts', i],
          message: `"${district}" is no district or county of ${file.name} in GB/T 2260`,
        });
      }
    });
  });

export type City = z.output<typeof cityFileSchema>;

export function loadCity(file: string): City {
  return loadDataFile(file, cityFileSchema);
}
