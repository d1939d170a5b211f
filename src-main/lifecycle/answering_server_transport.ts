import type { CmpServer } from '../../src-shared/domain';
import type { CmpSendOptions, CmpTransport, ServerGroupTransport } from '../cmp/transport';
import type { ServerTrust } from '../cmp/validation';
import { isUnprotectedAnswer, unprotectedAnswerReason } from './unprotected_answer';

/**
 * A server group's transport that remembers which server answered last and what it said, and
 * applies that server's "accept unprotected error answers" switch before the engine validates the
 * answer: the switch is a setting of the server that answered, not of the group.
 */
export class AnsweringServerTransport implements CmpTransport {
  lastServerName: string | null = null;
  lastResponse: Uint8Array | null = null;

  constructor(
    private readonly group: ServerGroupTransport,
    private readonly servers: readonly CmpServer[],
    private readonly trust: ServerTrust,
  ) {}

  async send(request: Uint8Array, options?: CmpSendOptions): Promise<Uint8Array> {
    const { response, server } = await this.group.sendWithServer(request, options);
    this.lastServerName = server.name;
    this.lastResponse = response;
    this.trust.acceptUnprotectedErrors = this.servers.find((s) => s.name === server.name)?.acceptUnprotectedErrors === true;
    return response;
  }

  close(): void {
    this.group.close();
  }

  /**
   * The reason an administrator reads for a rejection: flagged as unauthenticated when the answer
   * came unprotected through the switch (only a negative answer can), the engine's words otherwise.
   */
  rejectionReason(engineMessage: string, fallbackServerName: string): string {
    const unprotected = this.trust.acceptUnprotectedErrors === true && this.lastResponse !== null && isUnprotectedAnswer(this.lastResponse);
    return unprotected ? unprotectedAnswerReason({ name: this.lastServerName ?? fallbackServerName }, engineMessage) : engineMessage;
  }
}
