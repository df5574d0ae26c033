/**
 * Dispatch routing (派单) as data: config/hotline-routing.yaml lists the departments, ordered
 * rules (keywords in the description, areas in the location, categories) and a default.
 */
import { z } from 'zod';
import { loadDataFile, parseDataText } from '../../platform/data/loadDataFile';

export const HOTLINE_ROUTING_FILE = 'config/hotline-routing.yaml';

const code = z.string().regex(/^[a-z][A-Za-z0-9]{0,39}$/, 'must be a camelCase code such as urbanManagement');
const words = z.array(z.string().trim().min(1, 'must not be empty')).min(1, 'must list at least one');

export const routingSchema = z
  .strictObject({
    departments: z
      .array(z.strictObject({ code, name: z.string().trim().min(1, 'must not be empty').max(100) }))
      .min(1, 'must list at least one department'),
    default: code,
    rules: z
      .array(
        z.strictObject({
          department: code,
          keywords: words.optional(),
          areas: words.optional(),
          categories: z.array(code).min(1).optional(),
        }),
      )
      .default([]),
  })
  .superRefine((data, ctx) => {
    const codes = new Set<string>();
    data.departments.forEach((d, i) => {
      if (codes.has(d.code)) ctx.addIssue({ code: 'custom', path: ['departments', i, 'code'], message: `"${d.code}" is listed twice` });
      codes.add(d.code);
    });
    if (!codes.has(data.default))
      ctx.addIssue({ code: 'custom', path: ['default'], message: `"${data.default}" is not one of the departments` });
    data.rules.forEach((r, i) => {
      if (!codes.has(r.department))
        ctx.addIssue({ code: 'custom', path: ['rules', i, 'department'], message: `"${r.department}" is not one of the departments` });
      if (!r.keywords && !r.areas && !r.categories)
        ctx.addIssue({ code: 'custom', path: ['rules', i], message: 'must set keywords, areas or categories' });
    });
  });

export type RoutingData = z.output<typeof routingSchema>;

export interface Department {
  code: string;
  name: string;
}

export interface RoutingTable {
  departments: readonly Department[];
  defaultDepartment: string;
  rules: RoutingData['rules'];
}

/** Checks category codes in rules against the configured categories; returns problems as `file: path: reason`. */
export function checkRoutingCategories(table: RoutingTable, categories: readonly string[], file = HOTLINE_ROUTING_FILE): string[] {
  const known = new Set(categories);
  const problems: string[] = [];
  table.rules.forEach((r, i) =>
    r.categories?.forEach((c, j) => {
      if (!known.has(c))
        problems.push(`${file}: rules[${i}].categories[${j}]: "${c}" is not a hotline category (${categories.join(', ')})`);
    }),
  );
  return problems;
}

/**
 * Checks that the areas of rules are this city's: an area the bot reads as another city's district
 * (新城区 where the city is 洛阳市) would send a citizen naming it elsewhere instead of to the district
 * the rule routes to. `otherPlace` names the other place an area is, or null.
 */
export function checkRoutingAreas(table: RoutingTable, otherPlace: (area: string) => string | null, file = HOTLINE_ROUTING_FILE): string[] {
  const problems: string[] = [];
  table.rules.forEach((r, i) =>
    r.areas?.forEach((area, j) => {
      const other = otherPlace(area);
      if (other)
        problems.push(
          `${file}: rules[${i}].areas[${j}]: "${area}" is not in this city (config/city.yaml) but ${other}; list the city's own districts`,
        );
    }),
  );
  return problems;
}

function fromData(data: RoutingData): RoutingTable {
  return { departments: data.departments, defaultDepartment: data.default, rules: data.rules };
}

export function parseRoutingTable(text: string, file = HOTLINE_ROUTING_FILE): RoutingTable {
  return fromData(parseDataText(file, text, routingSchema));
}

export function loadRoutingTable(file = HOTLINE_ROUTING_FILE): RoutingTable {
  return fromData(loadDataFile(file, routingSchema));
}

const compact = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');

/** The department a ticket is suggested for: the first matching rule, else the default. */
export function routeTicket(table: RoutingTable, ticket: { category: string; content: string; location: string | null }): string {
  const content = compact(ticket.content);
  const place = compact(`${ticket.location ?? ''} ${ticket.content}`);
  for (const rule of table.rules) {
    if (rule.categories && !rule.categories.includes(ticket.category)) continue;
    if (rule.keywords && !rule.keywords.some((k) => content.includes(compact(k)))) continue;
    if (rule.areas && !rule.areas.some((a) => place.includes(compact(a)))) continue;
    return rule.department;
  }
  return table.defaultDepartment;
}

export function departmentName(table: RoutingTable, code: string | null): string | null {
  if (code === null) return null;
  return table.departments.find((d) => d.code === code)?.name ?? code;
}
