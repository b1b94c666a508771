import { type ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import { DomainError, DomainErrorCode } from '@relais/core';

const HTTP_STATUS: Record<DomainErrorCode, number> = {
  [DomainErrorCode.InvalidInput]: 400,
  [DomainErrorCode.Unauthenticated]: 401,
  [DomainErrorCode.Forbidden]: 403,
  [DomainErrorCode.NotFound]: 404,
  [DomainErrorCode.Conflict]: 409,
  [DomainErrorCode.Unavailable]: 503,
};

/** What a client is told of a domain error: its code, reason, message, fields and safe details. */
function bodyOf(error: DomainError): Record<string, unknown> {
  return {
    error: error.code,
    reason: error.reason,
    message: error.message,
    ...(error.field ? { field: error.field } : {}),
    ...(error.fields ? { fields: error.fields } : {}),
    ...(error.details ? { details: error.details } : {}),
  };
}

/**
 * Domain errors on HTTP routes: the status of their code and a JSON body naming the code, the
 * reason and the field (every failing field for a validation error), and any safe details. On
 * a socket.io message (the gateway applies this filter), the same body in socket.io's
 * `exception` event. On GraphQL, the error goes on to the GraphQL error mapper.
 */
@Catch(DomainError)
export class DomainErrorFilter implements ExceptionFilter {
  catch(error: DomainError, host: ArgumentsHost): unknown {
    if (host.getType<string>() === 'ws') {
      host
        .switchToWs()
        .getClient<{ emit(event: string, body: unknown): unknown }>()
        .emit('exception', { status: 'error', ...bodyOf(error) });
      return undefined;
    }
    if (host.getType<string>() !== 'http') return error;
    const response = host
      .switchToHttp()
      .getResponse<{ status(code: number): { json(body: unknown): unknown } }>();
    return response.status(HTTP_STATUS[error.code]).json(bodyOf(error));
  }
}
