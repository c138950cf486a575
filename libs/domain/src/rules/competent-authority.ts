import { compareDates, type LocalDate } from '../time/local-date';

/**
 * Who decides admission and recognition for a commune party committee over a period (cấp ủy có
 * thẩm quyền): a dated attribute of the organisation tree, both ends inclusive.
 */
export interface CompetentAuthorityPeriod {
  /** The commune party committee whose dossiers this covers. */
  orgId: string;
  authorityId: string;
  name: string;
  validFrom: LocalDate;
  validTo?: LocalDate;
  source: string;
  /** True when the attribution is inferred rather than read in the text. */
  unconfirmed?: boolean;
}

/** QĐ 24-QĐ/TW 4.3.2 (same in QĐ 232), then QĐ 294-QĐ/TW: the seed commune of Đồng Tiến, Hữu Lũng. */
export const DONG_TIEN_AUTHORITIES: readonly CompetentAuthorityPeriod[] = [
  {
    orgId: 'dang-uy-xa-dong-tien',
    authorityId: 'btv-huyen-uy-huu-lung',
    name: 'Ban Thường vụ Huyện ủy Hữu Lũng (district standing committee)',
    validFrom: '2021-07-30',
    validTo: '2025-06-30',
    source: 'QĐ 24-QĐ/TW 30/07/2021 4.3.2; QĐ 232-QĐ/TW 20/01/2025 4.3.2',
  },
  {
    orgId: 'dang-uy-xa-dong-tien',
    authorityId: 'btv-dang-uy-xa-dong-tien',
    name: 'Ban Thường vụ Đảng ủy xã Đồng Tiến (commune standing committee)',
    validFrom: '2025-07-01',
    source: 'QĐ 294-QĐ/TW 26/05/2025 (district level abolished); text of 4.3.2 not seen',
    unconfirmed: true,
  },
];

/** The competent authority on `date`, among the periods of one organisation; undefined when none. */
export function competentAuthorityOn(
  periods: readonly CompetentAuthorityPeriod[],
  date: LocalDate,
  orgId?: string,
): CompetentAuthorityPeriod | undefined {
  return periods.find(
    (p) =>
      (orgId === undefined || p.orgId === orgId) &&
      compareDates(p.validFrom, date) <= 0 &&
      (p.validTo === undefined || compareDates(date, p.validTo) <= 0),
  );
}
