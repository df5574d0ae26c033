import { z } from 'zod';
import { loadDataFile } from '../platform/data/loadDataFile';

const text = z.string().trim().min(1, 'must not be empty');

export const departmentSchema = z.strictObject({
  name: text,
  duties: text.optional(),
  channels: z
    .array(z.strictObject({ type: z.enum(['hotline', 'counter', 'website', 'email', 'mailbox']), label: text, value: text }))
    .min(1, 'needs at least one contact channel'),
});

export const departmentsFileSchema = z.strictObject({
  departments: z.array(departmentSchema).superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((department, i) => {
      if (seen.has(department.name)) ctx.addIssue({ code: 'custom', path: [i, 'name'], message: `"${department.name}" is listed twice` });
      seen.add(department.name);
    });
  }),
});

export type Department = z.output<typeof departmentSchema>;

/** The city's departments and their contact channels (config/departments.yaml). */
export function loadDepartments(file: string): Department[] {
  return loadDataFile(file, departmentsFileSchema).departments;
}
