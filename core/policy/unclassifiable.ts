/**
 * Connectors the platform does not classify at all. Microsoft's connector-classification page
 * (https://learn.microsoft.com/power-platform/admin/dlp-connector-classification) says Content
 * Conversion is "not available for classification through DLP policies": no policy lists it
 * (complete tenant exports of 1,050 connectors never do), no default group takes it, so it can
 * make no flow mixed and is no data sink. Add an id here only with a page that says so.
 */
const OUTSIDE_DLP: ReadonlySet<string> = new Set([
  'shared_conversionservice', // Content Conversion
]);

/** Whether the platform leaves this (normalised) connector outside every DLP policy. */
export function isOutsideDlp(connectorId: string): boolean {
  return OUTSIDE_DLP.has(connectorId);
}
