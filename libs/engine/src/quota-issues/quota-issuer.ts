import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import {
  decodeEvent,
  legalDateOf,
  quarterEnd,
  quotaIssueDay,
  quotaIssuesStreamId,
  quotaQuartersDue,
  startOfLegalDate,
  QUARTERS,
  type LocalDate,
  type Plan,
  type Quarter,
  type QuotaReportIssued,
  type WorkingDayCalendar,
} from '@ketnap/domain';
import { EVENT_STORE, canonicalJson, type Actor, type EventStore, type SqlDatabase } from '@ketnap/event-store';
import { ProjectionDatabase, planKeys, planOf, type QuotaReport } from '@ketnap/projections';
import {
  TIMER_SCHEDULER,
  WebhookNotificationSender,
  type FiredTimer,
  type Notification,
  type TimerScheduler,
} from '@ketnap/scheduling';
import { CALENDAR } from '../calendar/calendar.provider';
import { CLOCK, type Clock } from '../clock/clock';
import { runCommand } from '../commands/command-pipeline';
import type { KetnapConfig } from '../config/config';
import { KETNAP_CONFIG } from '../config/config.token';
import { READ_MODELS_SYNC, type ReadModelsSync } from '../deadlines/deadlines.tokens';
import { KeyedLock } from '../deadlines/keyed-lock';
import { deterministicUuid } from '../deadlines/saga-ids';
import { QUOTA_REPORTS_TASK, SweepTasks, type SweepTask, type SweepTaskOutcome } from '../deadlines/sweep-tasks';
import { Lease } from '../worker-state/lease';
import { WORKER_SQL } from '../worker-state/worker-sql';
import { IssuedQuotaReportSource } from './issued-quota-report.source';
import { quotaDifferences } from './quota-differences';

/** Who issues the quarterly quota reports in the log. */
export const QUOTA_ISSUER_ACTOR: Actor = { sub: 'ketnap-quota-reports', role: 'system', unitIds: [] };

export type QuotaIssue = QuotaReportIssued['data'];

/** The command id of an issue: one per committee, year and quarter, whatever process or sweep issues it. */
export const quotaIssueCommandId = (committeeId: string, year: number, quarter: Quarter): string =>
  `quota-issue/${committeeId}/${year}/Q${quarter}`;

/** SHA-256 (hex) of the report's canonical JSON: what a receiver checks the frozen report against. */
export const quotaReportHash = (report: unknown): string =>
  createHash('sha256').update(canonicalJson(report), 'utf8').digest('hex');

/** The issues of a committee's year, in order of quarter, from their stream. */
export async function quotaIssuesOf(store: EventStore, committeeId: string, year: number): Promise<QuotaIssue[]> {
  const events = (await store.readStream(quotaIssuesStreamId(committeeId, year))).map(decodeEvent);
  return events.flatMap((e) => (e.type === 'QuotaReportIssued' ? [e.data] : [])).sort((a, b) => a.quarter - b.quarter);
}

/**
 * The quarterly quota reports (API.md "Committees and reports across levels"): on the first working
 * day after a quarter ends, the committee's quota report as of the quarter's last day is frozen as
 * `QuotaReportIssued` (with its hash and the differences against the previous issue) and sent to each
 * of the plan's recipients with a webhook, signed like the reminders. A sweep task: each sweep finds
 * the quarters due from the clock and the plans, so a restart, a clock jump or lost timers neither
 * skip nor repeat an issue (the command id is the committee, year and quarter); one timer per plan
 * wakes it on the next issue day. One worker at a time issues and delivers: the one that takes the
 * `quota-reports` {@link Lease} for the run (another worker's sweep skips the task meanwhile).
 */
@Injectable()
export class QuotaIssuer implements SweepTask, OnModuleInit {
  readonly name = QUOTA_REPORTS_TASK;
  private readonly logger = new Logger('QuotaReports');
  private readonly lock = new KeyedLock();
  private readonly senders = new Map<string, WebhookNotificationSender>();
  private warnedNoSecret = false;
  private issuedCount = 0;
  private lease: Promise<Lease> | undefined;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CALENDAR) private readonly calendar: WorkingDayCalendar,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(KETNAP_CONFIG) private readonly config: KetnapConfig,
    @Inject(TIMER_SCHEDULER) private readonly timers: TimerScheduler,
    @Inject(WORKER_SQL) private readonly sql: SqlDatabase,
    @Inject(READ_MODELS_SYNC) private readonly readModels: ReadModelsSync,
    private readonly pdb: ProjectionDatabase,
    private readonly source: IssuedQuotaReportSource,
    private readonly tasks: SweepTasks,
  ) {}

  /** Issues this process recorded since it started (by a sweep or a timer). */
  count(): number {
    return this.issuedCount;
  }

  onModuleInit(): void {
    if (this.config.worker) this.tasks.register(this);
  }

  /**
   * Issues what is due by `today` for every plan, delivers what is not yet delivered, arms each plan's
   * next wake-up; records nothing while another worker holds the lease.
   */
  run(today: LocalDate): Promise<SweepTaskOutcome> {
    return this.lock.run('run', async () =>
      (await this.theLease()).exclusive(() => this.runHeld(today), { done: 0, timers: 0 }),
    );
  }

  private theLease(): Promise<Lease> {
    this.lease ??= Lease.open(this.sql, { name: QUOTA_REPORTS_TASK }).catch((error: unknown) => {
      this.lease = undefined;
      throw error;
    });
    return this.lease;
  }

  private async runHeld(today: LocalDate): Promise<SweepTaskOutcome> {
    const outcome: SweepTaskOutcome = { done: 0, timers: 0 };
    for (const { committeeId, year } of await planKeys(this.pdb)) {
      const plan = await planOf(this.pdb, year, committeeId);
      if (!plan) continue;
      outcome.done += await this.issueDue(committeeId, year, today);
      await this.deliver(plan, committeeId, year);
      if (await this.armNext(committeeId, year, today)) outcome.timers += 1;
    }
    return outcome;
  }

  /** A plan's wake-up: the same work as a sweep, once the read models have the whole log. */
  async fired(_timer: FiredTimer): Promise<void> {
    await this.readModels.caughtUp();
    await this.run(legalDateOf(this.clock.now()));
  }

  private async issueDue(committeeId: string, year: number, today: LocalDate): Promise<number> {
    const issues = await quotaIssuesOf(this.store, committeeId, year);
    const issued = new Set(issues.map((i) => i.quarter));
    let done = 0;
    for (const quarter of quotaQuartersDue(year, today, this.calendar)) {
      if (issued.has(quarter)) continue;
      const asOf = quarterEnd(year, quarter);
      const report = await this.source.reportAsOf(committeeId, year, asOf);
      if (!report) continue;
      const previous = issues.filter((i) => i.quarter < quarter).at(-1);
      const data: QuotaIssue = {
        committeeId,
        year,
        quarter,
        asOf,
        issuedOn: quotaIssueDay(year, quarter, this.calendar),
        issuedAt: this.clock.now().toISOString(),
        hash: quotaReportHash(report),
        report: JSON.parse(canonicalJson(report)) as Record<string, unknown>,
        differences: previous
          ? quotaDifferences(previous.report as unknown as QuotaReport, report, previous.quarter)
          : [],
      };
      const commandId = quotaIssueCommandId(committeeId, year, quarter);
      const { appended, duplicate } = await runCommand(
        this.store,
        {
          streamId: quotaIssuesStreamId(committeeId, year),
          initialState: (): Quarter[] => [],
          evolve: (state, event) => (event.type === 'QuotaReportIssued' ? [...state, event.data.quarter] : state),
          decide: (state) =>
            state.includes(quarter)
              ? []
              : [
                  {
                    type: 'QuotaReportIssued',
                    data,
                    eventId: deterministicUuid(commandId),
                    metadata: { occurredOn: data.issuedOn },
                  },
                ],
          result: () => undefined,
        },
        { actor: QUOTA_ISSUER_ACTOR, system: true, commandId },
        this.clock.now(),
      );
      if (appended.length > 0 && !duplicate) {
        done += 1;
        this.issuedCount += 1;
      }
      issues.push(data);
      issues.sort((a, b) => a.quarter - b.quarter);
      issued.add(quarter);
    }
    return done;
  }

  /** Sends every issue to every recipient with a webhook; an id delivered before is not sent again. */
  private async deliver(plan: Plan, committeeId: string, year: number): Promise<void> {
    const recipients = (plan.recipients ?? []).filter((r) => r.webhookUrl);
    if (recipients.length === 0) return;
    const secret = this.config.webhookSecret;
    if (!secret) {
      if (!this.warnedNoSecret)
        this.logger.warn('quota reports are not sent to the recipients: KETNAP_WEBHOOK_SECRET is not set');
      this.warnedNoSecret = true;
      return;
    }
    const down = new Set<string>();
    for (const issue of await quotaIssuesOf(this.store, committeeId, year)) {
      for (const recipient of recipients) {
        const url = recipient.webhookUrl!;
        if (down.has(url)) continue;
        const notification: Notification = {
          id: `quota-report_${committeeId}_${year}_Q${issue.quarter}_${quotaReportHash(url).slice(0, 16)}`,
          kind: 'quota-report-issued',
          unitId: committeeId,
          message: `Quota report ${year} Q${issue.quarter} of ${committeeId} as of ${issue.asOf}, issued ${issue.issuedOn} (sha256 ${issue.hash}).`,
          document: { ...issue, recipient: recipient.name },
        };
        try {
          await this.senderFor(url, secret).send(notification);
        } catch (error) {
          // Tried again by the next sweep; a receiver that is down is not tried again in this one.
          this.logger.warn(
            `quota report ${notification.id} not delivered yet: ${error instanceof Error ? error.message : String(error)}`,
          );
          down.add(url);
        }
      }
    }
  }

  private senderFor(url: string, secret: string): WebhookNotificationSender {
    let sender = this.senders.get(url);
    if (!sender) {
      sender = new WebhookNotificationSender({ url, secret, sql: this.sql, clock: () => this.clock.now() });
      this.senders.set(url, sender);
    }
    return sender;
  }

  /** Arms the timer of the plan's next issue day after `today`; false when the year has none left. */
  private async armNext(committeeId: string, year: number, today: LocalDate): Promise<boolean> {
    const quarter = QUARTERS.find((q) => quotaIssueDay(year, q, this.calendar) > today);
    if (quarter === undefined) return false;
    await this.timers.arm({
      id: `quota-issue_${committeeId}_${year}_Q${quarter}`,
      dueAt: startOfLegalDate(quotaIssueDay(year, quarter, this.calendar)),
      payload: { task: this.name, committeeId, year, quarter },
    });
    return true;
  }
}
