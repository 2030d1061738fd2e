/** Orders resources by name in code-unit order, as AWS's List operations return them. */
export const byName = <T extends { name: string }>(a: T, b: T): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
