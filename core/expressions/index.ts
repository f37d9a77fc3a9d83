export * from './ast';
export { parseExpression, parseExpressionRange, MAX_EXPRESSION_DEPTH, type OffsetMap } from './parser';
export { decodeJsonString, type DecodedString } from './json-string';
export * from './string-value';
export * from './references';
export * from './flow-expressions';
