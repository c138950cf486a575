import type { Page } from 'playwright-core';
import { call } from '../api-support';
import type { ConsoleUser } from './console-app';

/** One page of the console as the README shows it: who sees it, where, and when it is drawn. */
export interface ConsolePage {
  /** The picture's name: docs/screenshots/<name>-<desktop|phone>.png. */
  name: string;
  /** What the README calls it. */
  title: string;
  /** Who is signed in: nobody, the commune office, an inspector of the inspection committee, or an admin. */
  user: 'none' | 'office' | 'inspector' | 'admin';
  /** The location, found with the API (as admin) where it names a record. */
  hash: (baseUrl: string, adminToken: string) => Promise<string>;
  /** A selector present once the page has drawn its data. */
  ready: string;
  /** What to do on the page before the picture (open a form, …). */
  prepare?: (page: Page) => Promise<void>;
  /** The whole page rather than the first screen of it. */
  fullPage?: boolean;
}

const at = (hash: string) => () => Promise.resolve(hash);

/** The users the pictures are taken as. */
export const CONSOLE_USERS: Record<Exclude<ConsolePage['user'], 'none'>, ConsoleUser> = {
  office: { username: 'lan.nguyen', role: 'office', units: ['dang-uy-xa-dong-tien'], name: 'Nguyễn Thị Lan' },
  inspector: { username: 'kiem.tran', role: 'inspector', units: [], name: 'Trần Văn Kiểm' },
  admin: { username: 'quan.tri', role: 'admin', units: [], name: 'Quản trị hệ thống' },
};

/** Every page of the console, in the order of the README. */
export const CONSOLE_PAGES: ConsolePage[] = [
  { name: 'dang-nhap', title: 'Đăng nhập (sign-in)', user: 'none', hash: at('#/dang-nhap'), ready: '#username' },
  {
    name: 'tong-quan',
    title: 'Tổng quan (dashboard)',
    user: 'office',
    hash: at('#/tong-quan'),
    ready: 'table[data-table]',
  },
  { name: 'ho-so', title: 'Hồ sơ (dossiers)', user: 'office', hash: at('#/ho-so'), ready: 'tr[data-dossier]' },
  {
    name: 'ho-so-chi-tiet',
    title: 'Hồ sơ: one dossier (timeline, deadlines, next step)',
    user: 'office',
    // The dossier with the longest history among those waiting for a decision: a timeline, a
    // deadline under way, and a next step to record.
    hash: async (baseUrl, token) => {
      const { body } = await call(baseUrl, 'GET', '/api/v1/dossiers?stage=awaiting-decision&limit=500', { token });
      const [dossier] = [...body.items].sort((a: { version: number }, b: { version: number }) => b.version - a.version);
      return `#/ho-so/${encodeURIComponent(dossier.id)}`;
    },
    ready: '[data-event]',
    fullPage: true,
  },
  {
    name: 'thanh-tra',
    title: 'Thanh tra (inspection board)',
    user: 'inspector',
    hash: at('#/thanh-tra'),
    ready: '[data-case]',
  },
  {
    name: 'bao-cao',
    title: 'Báo cáo (reports, plan import)',
    user: 'admin',
    hash: at('#/bao-cao'),
    ready: 'button[data-file]',
  },
];

/** The two widths every page is pictured at: [width, height, suffix]. */
export const SCREEN_WIDTHS: Array<[number, number, string]> = [
  [1280, 800, 'desktop'],
  [390, 844, 'phone'],
];
