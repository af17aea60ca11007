import { ApiError } from '@zhangyi/contracts';

/** The structured parts of an API refusal that the pages show beside its message. */
export interface ErrorFacts {
  /** The catalogue code, e.g. `TEMPLATE_FIELD_UNKNOWN`; absent for network failures. */
  code?: string;
  /** Placeholders naming data the notice kind lacks (TEMPLATE_FIELD_UNKNOWN). */
  unknownFields: string[];
  /** Data fields the kind does have (TEMPLATE_FIELD_UNKNOWN). */
  availableFields: string[];
  /** `field: problem` lines of a VALIDATION_FAILED answer, or MENU_INVALID's one problem. */
  problems: string[];
  /** What WeChat itself answered (WECHAT_API_FAILED). */
  wechat?: { errcode: number; errmsg: string };
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** Reads `details` defensively: it is `unknown` in the envelope and differs per code. */
export function errorFacts(error: unknown): ErrorFacts {
  const facts: ErrorFacts = { unknownFields: [], availableFields: [], problems: [] };
  if (!(error instanceof ApiError)) return facts;
  facts.code = error.code;
  const details = error.details;
  if (Array.isArray(details)) {
    for (const item of details) {
      if (item && typeof item === 'object' && 'problem' in item) {
        const { field, problem } = item as { field?: unknown; problem?: unknown };
        facts.problems.push(field ? `${String(field)}: ${String(problem)}` : String(problem));
      }
    }
  } else if (details && typeof details === 'object') {
    const record = details as Record<string, unknown>;
    facts.unknownFields = strings(record.fields);
    facts.availableFields = strings(record.available);
    if (typeof record.problem === 'string') facts.problems.push(record.problem);
    if (typeof record.errcode === 'number') {
      facts.wechat = {
        errcode: record.errcode,
        errmsg: typeof record.errmsg === 'string' ? record.errmsg : '',
      };
    }
  }
  return facts;
}
