import { startWebhookReceiver, type Received, type WebhookReceiver } from './support/webhook-receiver';
import { decodeEvent, NOTIFICATIONS_STREAM } from '@ketnap/domain';
import { verifyWebhookSignature } from '@ketnap/scheduling';
import { calendar } from '@ketnap/domain/testing';
import {
  startDeadlineHarness,
  type DeadlineHarness,
  dossierIdOf,
  stepsThrough,
  writeDossier,
} from '@ketnap/engine/testing';
import { removeDir, tempDir } from './support/saga-support';

const SECRET = 'reminder-webhook-secret-0123';

describe('deadline reminders through the webhook', () => {
  let dir: string;
  let h: DeadlineHarness;
  let receiver: WebhookReceiver;
  const received: Received[] = [];
  const id = dossierIdOf(1, 12);
  const reminder = (remindOn: string) => `${id}_admission-decision_2024-06-04_remind-${remindOn}`;
  const notifications = async () =>
    (await h.store.readStream(NOTIFICATIONS_STREAM))
      .map(decodeEvent)
      .map((e) => [
        e.type,
        e.type === 'ReminderScheduled' || e.type === 'ReminderSent' ? e.data.reminderId : undefined,
      ]);

  beforeAll(async () => {
    receiver = await startWebhookReceiver(received, 1); // the first request answered 503: retried
    dir = tempDir();
    const url = receiver.url('/hooks/ketnap');
    h = await startDeadlineHarness({
      dataDir: dir,
      startAt: '2024-05-02T01:00:00Z',
      env: { KETNAP_WEBHOOK_URL: url, KETNAP_WEBHOOK_SECRET: SECRET },
    });
    await writeDossier(h.store, calendar, id, stepsThrough('RecordCommitteeResolution'), h.clock.now());
    await h.settle();
  }, 30_000);
  afterAll(async () => {
    await h?.close();
    receiver?.close();
    removeDir(dir);
  });

  it('sends nothing before the first reminder date (10 working days before the due date)', async () => {
    expect(await h.jump.set(new Date('2024-05-20T10:00:00Z'))).toMatchObject({ reminders: 0 });
    expect(received).toEqual([]);
  });

  it('posts the reminder on its date as signed JSON, retrying a failed delivery, and records it', async () => {
    expect(await h.jump.set(new Date('2024-05-21T01:00:00Z'))).toMatchObject({ reminders: 1 });
    expect(received).toHaveLength(1);
    const [sent] = received;
    expect(sent.id).toBe(reminder('2024-05-21'));
    expect(verifyWebhookSignature(SECRET, sent.signature, sent.raw)).toBe(true);
    expect(sent.body).toMatchObject({
      id: reminder('2024-05-21'),
      kind: 'deadline-reminder',
      dossierId: id,
      obligation: 'admission-decision',
      dueOn: '2024-06-04',
      remindOn: '2024-05-21',
      unitId: 'chi-bo-thon-dong-lac',
    });
    expect(sent.raw).not.toContain('Nguyễn');
    expect(await notifications()).toEqual([
      ['ReminderScheduled', reminder('2024-05-21')],
      ['ReminderSent', reminder('2024-05-21')],
    ]);
  });

  it('sends a reminder once: sweeps and saga runs later the same day send nothing', async () => {
    expect(await h.jump.set(new Date('2024-05-21T09:00:00Z'))).toMatchObject({ reminders: 0 });
    await h.sweep.run('all');
    expect(received).toHaveLength(1);
  });

  it('sends the 3-working-day reminder on its date, and none once the obligation is met', async () => {
    expect(await h.jump.set(new Date('2024-05-30T01:00:00Z'))).toMatchObject({ reminders: 1 });
    expect(received.map((r) => r.id)).toEqual([reminder('2024-05-21'), reminder('2024-05-30')]);
    await h.dossiers.execute(
      id,
      {
        type: 'RecordAdmissionDecision',
        data: { decidedOn: '2024-05-30', decisionNo: '312-QĐ/HU', outcome: 'admitted' },
      },
      { actor: { sub: 'o', role: 'office', unitIds: ['chi-bo-thon-dong-lac'] } },
    );
    expect(await h.jump.set(new Date('2024-06-03T01:00:00Z'))).toMatchObject({ reminders: 0, breached: 0 });
  });
});
