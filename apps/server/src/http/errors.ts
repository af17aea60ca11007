import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  errorCatalogue,
  errorMessage,
  localeFromAcceptLanguage,
  type ErrorCode,
  type ErrorEnvelope,
} from '@zhangyi/contracts';

/**
 * A refusal by the domain: a stable code from the error catalogue and optional details. Operations
 * throw it; the HTTP edge turns it into the error envelope in the caller's language.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly details?: unknown,
    /** Overrides the catalogue's status where one code serves several (rare). */
    readonly status?: number,
  ) {
    super(code);
    this.name = 'DomainError';
  }
}

/** Sends the error envelope for a code, in the language the request asked for. */
export function sendError(
  request: FastifyRequest,
  reply: FastifyReply,
  code: ErrorCode,
  details?: unknown,
  status?: number,
): FastifyReply {
  const locale = localeFromAcceptLanguage(request.headers['accept-language']);
  const body: ErrorEnvelope = {
    error: { code, message: errorMessage(code, locale), requestId: request.id },
  };
  if (details !== undefined) body.error.details = details;
  return reply
    .status(status ?? errorCatalogue[code].status)
    .header('content-type', 'application/json; charset=utf-8')
    .send(body);
}

interface ValidationIssue {
  instancePath?: string;
  message?: string;
  keyword?: string;
  params?: Record<string, unknown>;
}

/** Field-level problems from the schema validator, as `{ field, problem }` pairs. */
function validationDetails(error: FastifyError): { in: string; field: string; problem: string }[] {
  const issues = (error.validation ?? []) as ValidationIssue[];
  return issues.map((issue) => {
    let field = (issue.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.');
    if (issue.keyword === 'required' && issue.params?.missingProperty) {
      field = [field, String(issue.params.missingProperty)].filter(Boolean).join('.');
    }
    if (issue.keyword === 'additionalProperties' && issue.params?.additionalProperty) {
      field = [field, String(issue.params.additionalProperty)].filter(Boolean).join('.');
    }
    return {
      in: error.validationContext ?? 'body',
      field,
      problem: issue.message ?? issue.keyword ?? 'invalid',
    };
  });
}

const FRAMEWORK_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_BODY_TOO_LARGE: 'BODY_TOO_LARGE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'VALIDATION_FAILED',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'MALFORMED_JSON',
  FST_ERR_CTP_INVALID_JSON_BODY: 'MALFORMED_JSON',
};

/** Installs the one error envelope for every failure: domain, validation, framework and crashes. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof DomainError) {
      return sendError(request, reply, error.code, error.details, error.status);
    }
    if (error.validation) {
      return sendError(request, reply, 'VALIDATION_FAILED', validationDetails(error));
    }
    const mapped = error.code ? FRAMEWORK_CODES[error.code] : undefined;
    if (mapped) return sendError(request, reply, mapped);
    if (error instanceof SyntaxError && error.statusCode === 400) {
      return sendError(request, reply, 'MALFORMED_JSON');
    }
    if (error.statusCode === 429) {
      return sendError(request, reply, 'RATE_LIMITED');
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      request.log.info({ err: error }, 'client error');
      return sendError(request, reply, 'VALIDATION_FAILED', undefined, error.statusCode);
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendError(request, reply, 'INTERNAL_ERROR');
  });
}
