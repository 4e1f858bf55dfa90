export const html = 1;
