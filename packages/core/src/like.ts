// ILIKE patterns from user text: `%`, `_` and `\` are escaped, so a search for "50%" finds "50%" and nothing else.
export const containing = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
