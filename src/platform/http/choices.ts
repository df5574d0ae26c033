/** Codes with the labels staff and citizens read, as the reference APIs list them. */
export interface Choice<C extends string = string> {
  code: C;
  label: string;
}

/** In the order of `codes`, or of the labels themselves. */
export function choicesOf<C extends string>(
  labels: Readonly<Record<C, string>>,
  codes: readonly C[] = Object.keys(labels) as C[],
): Choice<C>[] {
  return codes.map((code) => ({ code, label: labels[code] }));
}
