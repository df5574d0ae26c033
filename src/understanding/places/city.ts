import { z } from 'zod';
import { loadDataFile } from '../../platform/data/loadDataFile';
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

const channelText = z.string().trim().min(1, 'must not be empty');
const shortNumber = z.string().regex(/^\d{3,5}$/, 'must be a short phone number such as 119');

/** Emergencies go to these numbers at once (domain.md §2); the services are those of intents/emergency.yaml. */
const NATIONAL_EMERGENCY_NUMBERS = [
  { service: 'police', label: '报警', number: '110' },
  { service: 'fire', label: '火警', number: '119' },
  { service: 'ambulance', label: '急救', number: '120' },
  { service: 'trafficAccident', label: '交通事故报警', number: '122' },
];

/** config/city.yaml: the city this bot serves, checked against the national division codes. */
export const cityFileSchema = z
  .strictObject({
    name: z.string().trim().min(1, 'must not be empty'),
    province: z.string().trim().min(1, 'must not be empty'),
    districts: z.array(z.string().trim().min(1, 'must not be empty')).default([]),
    hotline: z.string().regex(/^\d{3,8}$/, 'must be a phone number of digits only, such as 12345'),
    crossRegionTerms: z.array(word).min(1, 'needs at least one term'),
    locationWords: z.array(word).default([]),
    hereWords: z.array(word).default([]),
    departureWords: z.array(word).default([]),
    homeWords: z.array(word).default([]),
    // How citizens write places, the same for every city (see Places): none by default.
    provinceSuffixes: z.array(word).default([]),
    citySuffixes: z.array(word).default([]),
    separateSuffixes: z.array(word).default([]),
    placeLeaders: z.array(word).default([]),
    placeFollowers: z.array(word).default([]),
    placeOffices: z.array(word).default([]),
    namedAfterPlace: z.array(word).default([]),
    notNamedAfterPlace: z.array(word).default([]),
    // 国办发〔2020〕53号: what the 12345 hotline does not take goes to these numbers and channels.
    emergencyNumbers: z
      .array(
        z.strictObject({
          service: z.string().regex(/^[a-z][A-Za-z]*$/, 'must be a camelCase code such as fire'),
          label: channelText,
          number: shortNumber,
        }),
      )
      .min(1, 'needs at least one number')
      .default(NATIONAL_EMERGENCY_NUMBERS),
    disciplineReport: z
      .strictObject({ phone: shortNumber, online: channelText })
      .default({ phone: '12388', online: '中央纪委国家监委举报网站（www.12388.gov.cn）' }),
    petition: z
      .strictObject({ office: channelText, online: channelText })
      .default({ office: '当地信访部门', online: '国家信访局网上信访信息系统（wsxf.gjxfj.gov.cn）' }),
  })
  .superRefine((file, ctx) => {
    const services = new Set<string>();
    file.emergencyNumbers.forEach((entry, i) => {
      if (services.has(entry.service))
        ctx.addIssue({ code: 'custom', path: ['emergencyNumbers', i, 'service'], message: `"${entry.service}" is listed twice` });
      services.add(entry.service);
    });
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
