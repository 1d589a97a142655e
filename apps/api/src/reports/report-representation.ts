import type { Request } from 'express';
import { NotAcceptableError } from '../http/problem';
import { CSV_MEDIA_TYPE, EXCEL_MEDIA_TYPE } from './report-export';

/** The types a report comes as, the first when `Accept` allows any. */
export const REPORT_MEDIA_TYPES = ['application/json', CSV_MEDIA_TYPE, EXCEL_MEDIA_TYPE] as const;
export type ReportMediaType = (typeof REPORT_MEDIA_TYPES)[number];

/**
 * The type to answer with, as `Accept` prefers it (express's `accepts`, which weighs
 * q-values and takes `q=0` as a refusal); 406 when it allows none.
 */
export function chosenRepresentation(request: Request): ReportMediaType {
  const chosen = request.accepts([...REPORT_MEDIA_TYPES]);
  if (!chosen) throw new NotAcceptableError(REPORT_MEDIA_TYPES);
  return chosen as ReportMediaType;
}
