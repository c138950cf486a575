import { Workbook } from 'exceljs';
import type { PipelineReport } from '@ketnap/engine';
import type { AdmissionsReport, QuotaReport } from '@ketnap/projections';
import { CSV_TYPE, XLSX_TYPE, reportAnswer } from './report-answer';
import { ADMISSIONS_EXAMPLE, PIPELINE_EXAMPLE, QUOTA_EXAMPLE } from './report.response.dto';
import { ADMISSIONS_ROLL_UP_EXAMPLE, PIPELINE_ROLL_UP_EXAMPLE, QUOTA_ROLL_UP_EXAMPLE } from './roll-up.response.dto';

const quota = QUOTA_EXAMPLE as unknown as QuotaReport;
const pipeline = PIPELINE_EXAMPLE as unknown as PipelineReport;
const admissions = ADMISSIONS_EXAMPLE as unknown as AdmissionsReport;

describe('reportAnswer', () => {
  it('answers JSON unless the reader asks for a file, with no headers of its own', async () => {
    for (const accept of [undefined, 'application/json', '*/*', 'image/png'])
      expect(await reportAnswer('quota', quota, accept)).toEqual({ body: quota, headers: {} });
    expect(await reportAnswer('pipeline', pipeline, CSV_TYPE)).toEqual({ body: pipeline, headers: {} });
    // A roll-up has no CSV: asked for one, it answers JSON.
    expect(await reportAnswer('quota-roll-up', QUOTA_ROLL_UP_EXAMPLE as never, CSV_TYPE)).toEqual({
      body: QUOTA_ROLL_UP_EXAMPLE,
      headers: {},
    });
  });

  it('answers the quota report as CSV with its separator, as an attachment', async () => {
    const answer = await reportAnswer('quota', quota, `${CSV_TYPE};q=0.9, application/json;q=0.1`, { sep: ';' });
    expect(answer.headers).toEqual({
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': 'attachment; filename="chi-tieu-dang-vien-2024-2024-03-31.csv"',
    });
    expect(answer.body).toContain('\r\n1;Chi bộ thôn Một;1;1;1;1;');
  });

  it('answers every report as XLSX, named after it and the committee when given', async () => {
    const cases = [
      ['quota', quota, 'chi-tieu-dang-vien-xa-dong-2024-2024-03-31.xlsx', 'BIỂU THEO DÕI CHỈ TIÊU'],
      ['pipeline', pipeline, 'tien-do-ho-so-xa-dong-2024-06-10.xlsx', 'TIẾN ĐỘ XÉT KẾT NẠP'],
      ['admissions', admissions, 'ket-nap-dang-vien-xa-dong-2024.xlsx', 'KẾT QUẢ KẾT NẠP'],
      [
        'quota-roll-up',
        QUOTA_ROLL_UP_EXAMPLE,
        'chi-tieu-dang-vien-huyen-2024-2024-03-31.xlsx',
        'BIỂU THEO DÕI CHỈ TIÊU',
      ],
      ['pipeline-roll-up', PIPELINE_ROLL_UP_EXAMPLE, 'tien-do-ho-so-huyen-2024-06-10.xlsx', 'TIẾN ĐỘ XÉT KẾT NẠP'],
      ['admissions-roll-up', ADMISSIONS_ROLL_UP_EXAMPLE, 'ket-nap-dang-vien-huyen-2024.xlsx', 'KẾT QUẢ KẾT NẠP'],
    ] as const;
    for (const [kind, report, file, title] of cases) {
      const committeeId = kind.endsWith('roll-up') ? 'huyen' : 'xa-dong';
      const answer = await reportAnswer(kind, report as never, XLSX_TYPE, {}, { committeeId });
      expect(answer.headers).toEqual({
        'Content-Type': XLSX_TYPE,
        'Content-Disposition': `attachment; filename="${file}"`,
      });
      const workbook = new Workbook();
      await workbook.xlsx.load(new Uint8Array(answer.body as Buffer).buffer);
      expect(String(workbook.worksheets[0].getCell('A1').value)).toContain(title);
    }
  });
});
