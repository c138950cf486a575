import { Injectable } from '@nestjs/common';
import { fieldError } from '@ketnap/domain';
import { AccessLog, InvalidCursorError, type AccessLogEntry, type AccessLogFilter } from '@ketnap/projections';
import { RequestError } from '../commands/refusals';
import { PersonalDataReads } from './personal-data-reads';

/** How long an answer waits for the read model to show the reads just appended; past it, it lags. */
const CATCH_UP_MS = 2000;
const POLL_MS = 20;

/**
 * `GET /audit/access`: the access log as the inspection committee reads it. The reads this process
 * served before the request are appended first and, within two seconds, shown: the answer does not
 * miss the batch still in memory.
 */
@Injectable()
export class AccessLogReader {
  constructor(
    private readonly reads: PersonalDataReads,
    private readonly log: AccessLog,
  ) {}

  async list(filter: AccessLogFilter): Promise<{ items: AccessLogEntry[]; nextCursor: string | null }> {
    const appendedTo = await this.reads.flush();
    for (let waited = 0; waited < CATCH_UP_MS && ((await this.log.position()) ?? 0) < appendedTo; waited += POLL_MS)
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    try {
      return await this.log.list(filter);
    } catch (error) {
      if (error instanceof InvalidCursorError)
        throw new RequestError('invalid', 'VALIDATION_FAILED.cursor', {}, [fieldError('cursor', 'field.cursor')]);
      throw error;
    }
  }
}
