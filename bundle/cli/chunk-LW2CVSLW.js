// Built from src/cli by `npm run bundle` (scripts/build-cli.js). Do not edit: rebuild.
import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);

// src/report/pieces.ts
function* jsonArray(items, depth) {
  const inner = " ".repeat(2 * (depth + 1));
  let first = true;
  for (const item of items) {
    yield `${first ? "[\n" : ",\n"}${inner}${JSON.stringify(item, null, 2).replace(/\n/g, `
${inner}`)}`;
    first = false;
  }
  yield first ? "[]" : `
${" ".repeat(2 * depth)}]`;
}
function* mapped(items, f) {
  for (const item of items) yield f(item);
}
function* jsonWithArray(value, marker, items, depth) {
  const text = JSON.stringify(value, null, 2);
  const at = text.indexOf(JSON.stringify(marker));
  yield text.slice(0, at);
  yield* jsonArray(items, depth);
  yield `${text.slice(at + JSON.stringify(marker).length)}
`;
}

export {
  jsonArray,
  mapped,
  jsonWithArray
};
