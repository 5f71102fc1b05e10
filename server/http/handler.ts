import type { Request, RequestHandler, Response } from 'express';
import type { z } from 'zod';
import type { Principal } from '../auth/principal.ts';
import { AppError, fieldIssuesOf } from '../protocol/errors.ts';

export interface HandlerContext<B, Q> {
  principal: Principal;
  body: B;
  query: Q;
  params: Record<string, string>;
  req: Request;
  res: Response;
}

/**
 * Every route: body and query parsed with their protocol schemas before the handler runs (a
 * refused request reaches no service, so nothing is written), the principal taken from the
 * authentication middleware, the result sent as JSON.
 */
export function handle<BS extends z.ZodType = z.ZodUndefined, QS extends z.ZodType = z.ZodUndefined>(
  schemas: { body?: BS; query?: QS; status?: number },
  fn: (ctx: HandlerContext<z.infer<BS>, z.infer<QS>>) => Promise<unknown>,
): RequestHandler {
  return async (req, res) => {
    const body = (schemas.body ? parse(schemas.body, req.body ?? {}, 'body') : undefined) as z.infer<BS>;
    const query = (schemas.query ? parse(schemas.query, req.query, 'query') : undefined) as z.infer<QS>;
    const principal = res.locals.principal as Principal;
    const result = await fn({ principal, body, query, params: req.params as Record<string, string>, req, res });
    if (result === null) return; // the handler wrote the response itself (a file download)
    if (result === undefined) res.status(204).end();
    else res.status(schemas.status ?? 200).json(result);
  };
}

function parse<S extends z.ZodType>(schema: S, value: unknown, where: string): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new AppError('invalid_input', `Invalid request ${where}.`, fieldIssuesOf(parsed.error));
  return parsed.data;
}
