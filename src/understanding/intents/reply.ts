import type { IntentMatch } from './recognize';
import type { ENGINE_PLACEHOLDERS } from './schema';
import { PLACEHOLDER, placeholdersOf, type Intent } from './schema';

export type EnginePlaceholders = Partial<Record<(typeof ENGINE_PLACEHOLDERS)[number], string>>;

/** A number emergencies go to (config/city.yaml emergencyNumbers). */
export interface EmergencyNumber {
  service: string;
  label: string;
  number: string;
}

/**
 * The reply to a recognised intent: the first template (the category's, then the intent's) whose
 * placeholders can all be filled. {capture names} come from the text, {category} is the category's
 * label, {numbers} the city's numbers of the situations named ("119（火警）、120（急救）"), {menu} what the engine provides.
 */
export function renderReply(
  intents: readonly Intent[],
  match: IntentMatch,
  provided: EnginePlaceholders = {},
  emergencyNumbers: readonly EmergencyNumber[] = [],
): string {
  const intent = intents.find((i) => i.name === match.intent);
  if (!intent) throw new Error(`unknown intent "${match.intent}"`);
  const category = intent.categories.find((c) => c.code === match.category);
  const values: Record<string, string> = { ...provided, ...match.capture };
  if (category) values.category = category.label;
  if (match.situations)
    values.numbers = match.situations
      .map((service) => emergencyNumbers.find((n) => n.service === service))
      .filter((n) => n !== undefined)
      .map((n) => `${n.number}（${n.label}）`)
      .join('、');

  const templates = [...(category?.replies ?? []), ...intent.replies];
  // The schema makes every intent keep one template that needs nothing the text may lack.
  const template = templates.find((t) => placeholdersOf(t).every((name) => values[name] !== undefined));
  if (template === undefined) throw new Error(`intent "${intent.name}" has no reply that can be filled`);
  return template.replace(PLACEHOLDER, (_, name: string) => values[name]);
}
