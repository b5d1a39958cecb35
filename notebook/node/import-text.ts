// Moved to notebook/node/import/text.ts; this re-export goes once nothing imports it from here.
export { decodeText, decodeWindows1252, extractText, isTextFileName, type TextMediaType } from './import/text.js';
