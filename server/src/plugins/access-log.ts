import { type FastifyReply, type FastifyRequest, LogController } from "fastify";

// One line per request, written when the answer has gone out, with the request's method and URL.
// Fastify's own request logging writes two (one on arrival, one on completion): on a busy instance
// writing them costs as much as a primary-key read of a customer, and the line on arrival says
// nothing the line on completion cannot.
export class AccessLog extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    if (this.isLogDisabled(request)) return;
    const line = { req: request, res: reply, responseTime: reply.elapsedTime };
    if (error) reply.log.error({ ...line, err: error }, "request errored");
    else reply.log.info(line, "request completed");
  }
}
