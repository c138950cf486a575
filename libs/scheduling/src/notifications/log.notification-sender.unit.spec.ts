import { LogNotificationSender } from './log.notification-sender';

describe('LogNotificationSender', () => {
  it('writes one line with ids, the obligation and dates, and never the message', async () => {
    const lines: string[] = [];
    const sender = new LogNotificationSender((line) => lines.push(line));
    const result = await sender.send({
      id: 'dossier-123_admission-ceremony_2024-07-16_remind-2024-07-09',
      kind: 'deadline-reminder',
      dossierId: 'dossier-123',
      obligation: 'admission-ceremony',
      dueOn: '2024-07-16',
      remindOn: '2024-07-09',
      message: 'Chuẩn bị lễ kết nạp cho quần chúng Trần Thị Bích, sinh 12/03/1998, dân tộc Tày',
    });
    expect(result).toEqual({
      id: 'dossier-123_admission-ceremony_2024-07-16_remind-2024-07-09',
      status: 'sent',
      attempts: 1,
    });
    expect(lines).toEqual([
      'notification deadline-reminder id=dossier-123_admission-ceremony_2024-07-16_remind-2024-07-09 dossierId=dossier-123 ' +
        'obligation=admission-ceremony dueOn=2024-07-16 remindOn=2024-07-09',
    ]);
    expect(lines[0]).not.toMatch(/Trần|Bích|1998|Tày/);
  });

  it('keeps a field with a line break on its one line', async () => {
    const lines: string[] = [];
    await new LogNotificationSender((line) => lines.push(line)).send({
      id: 'case-1\nnotification forged id=x',
      kind: 'inspection-case-opened',
      message: 'x',
    });
    expect(lines).toEqual(['notification inspection-case-opened id=case-1_notification_forged_id=x']);
  });
});
