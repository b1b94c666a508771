import {
  type CallHandler,
  type ExecutionContext,
  HttpException,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common';
import { DomainError } from '@relais/core';
import { catchError, type Observable, throwError } from 'rxjs';
import { reportInternalError } from './error-reporting.js';

/**
 * Reports what an HTTP route answers with a 500: an error that is neither a DomainError nor an
 * HttpException below 500. GraphQL's internal errors are reported by its error mapper.
 */
@Injectable()
export class InternalErrorInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType<string>() !== 'http') return next.handle();
    return next.handle().pipe(
      catchError((error: unknown) => {
        const expected =
          error instanceof DomainError ||
          (error instanceof HttpException && error.getStatus() < 500);
        if (!expected) reportInternalError(error);
        return throwError(() => error);
      }),
    );
  }
}
