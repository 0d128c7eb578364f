import type { Request, RequestHandler, Response, Router } from 'express';
import type { z } from 'zod';
import { NotFoundError, ValidationError, zodDetails } from './errors';
import { authorize, type Access, type AccessSecrets, type Auth } from './access';

/**
 * A route is declared once: the same declaration registers the Express handler,
 * validates input, enforces access, and feeds the OpenAPI document.
 */
export interface RouteSpec<
  B extends z.ZodType | undefined,
  Q extends z.ZodType | undefined,
  P extends z.ZodType | undefined,
> {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  summary: string;
  tag: string;
  access: Access;
  params?: P;
  body?: B;
  query?: Q;
  response?: z.ZodType;
  status?: number;
  /** Runs after the access check and before validation: rate limits count invalid attempts too. */
  before?: (req: Request) => Promise<void>;
  /** Responses other than JSON (files, HTML) describe themselves here. */
  produces?: string;
}

type Infer<T> = T extends z.ZodType ? z.infer<T> : undefined;

export interface RouteContext<B, Q, P> {
  req: Request;
  res: Response;
  body: B;
  query: Q;
  params: P;
  auth: Auth;
}

export type AnyRouteSpec = RouteSpec<z.ZodType | undefined, z.ZodType | undefined, z.ZodType | undefined>;

export class RouteRegistry {
  readonly routes: AnyRouteSpec[] = [];

  constructor(private readonly secrets: AccessSecrets = {}) {}

  add<
    B extends z.ZodType | undefined = undefined,
    Q extends z.ZodType | undefined = undefined,
    P extends z.ZodType | undefined = undefined,
  >(
    router: Router,
    spec: RouteSpec<B, Q, P>,
    handler: (ctx: RouteContext<Infer<B>, Infer<Q>, Infer<P>>) => Promise<unknown>,
  ): void {
    this.routes.push(spec as AnyRouteSpec);
    const expressHandler: RequestHandler = async (req, res) => {
      const auth = authorize(req, spec.access, this.secrets);
      await spec.before?.(req);
      const params = parse(spec.params, req.params, 404);
      const query = parse(spec.query, req.query, 400);
      const body = parse(spec.body, req.body ?? {}, 422);
      const result = await handler({ req, res, body, query, params, auth } as RouteContext<
        Infer<B>,
        Infer<Q>,
        Infer<P>
      >);
      if (res.headersSent) return;
      if (result === undefined) res.status(204).end();
      else res.status(spec.status ?? 200).json(result);
    };
    router[spec.method](spec.path, expressHandler);
  }
}

function parse(schema: z.ZodType | undefined, value: unknown, status: number): unknown {
  if (!schema) return undefined;
  const result = schema.safeParse(value);
  if (!result.success) {
    if (status === 404) throw new NotFoundError();
    throw new ValidationError(zodDetails(result.error), status);
  }
  return result.data;
}
