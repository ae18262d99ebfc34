/**
 * The shape of the national data set: sizes at scale 1, how the country is skewed, and the words
 * generated names and notes are made of. Everything Vietnamese is normalised to NFC before it is
 * sent to PostgreSQL (the tables' check constraints insist on it).
 */

/** Row targets at `--scale 1` (the national sizes). */
export const NATIONAL = {
  /** Grassroots organisations beyond one per old commune: schools, hospitals, agencies (per commune). */
  extraGrassrootsPerCommune: 0.1,
  branches: 100_000,
  reliefActivities: 5_000_000,
  clubs: 50_000,
  members: 2_500_000,
  /** Fund ledger entries come from the ledger rules below; this is what they are calibrated to. */
  fundEntries: 10_000_000,
};

/** Where relief activities are recorded: share of all activities by the recording chapter's level. */
export const RELIEF_LEVEL_SHARE = { PROVINCE: 0.04, DISTRICT: 0.1, GRASSROOTS: 0.56, BRANCH: 0.3 } as const;

export interface ProvinceProfile {
  code: string;
  /** Population in thousands (2019 census, rounded): the base of every per-province count. */
  population: number;
  /** Share of the population from the 53 ethnic minorities. */
  minority: number;
  /** The minority groups most present there (used in that order of likelihood). */
  groups: string[];
  /** Shares of members from poor and near-poor households. */
  poor: number;
  nearPoor: number;
}

const NORTH_MOUNTAIN = ['Tày', 'Thái', 'Mường', 'H\'Mông', 'Nùng', 'Dao'];
const HIGHLANDS = ['Ê Đê', 'Gia Rai', 'Ba Na', 'Xơ Đăng', 'Mnông', 'Cơ Ho'];
const SOUTH = ['Khơ Me', 'Hoa', 'Chăm'];
const CENTRAL = ['Mường', 'Thái', 'Vân Kiều', 'Cơ Tu', 'Hrê', 'Raglai'];

const p = (code: string, population: number, minority = 0.01, groups: string[] = SOUTH, poor = 0.03, nearPoor = 0.05): ProvinceProfile => ({
  code,
  population,
  minority,
  groups,
  poor,
  nearPoor,
});

/** The 63 provinces before 1 July 2025. */
export const PROVINCES: ProvinceProfile[] = [
  p('01', 8054, 0.012, ['Mường', 'Tày', 'Dao'], 0.005, 0.01),
  p('02', 855, 0.87, ['H\'Mông', 'Tày', 'Dao', 'Nùng'], 0.3, 0.12),
  p('04', 531, 0.95, ['Tày', 'Nùng', 'H\'Mông', 'Dao'], 0.26, 0.12),
  p('06', 314, 0.88, ['Tày', 'Dao', 'Nùng', 'H\'Mông'], 0.2, 0.12),
  p('08', 785, 0.53, ['Tày', 'Dao', 'Sán Chay', 'H\'Mông'], 0.12, 0.1),
  p('10', 731, 0.65, ['H\'Mông', 'Tày', 'Dao', 'Giáy'], 0.15, 0.08),
  p('11', 599, 0.82, ['Thái', 'H\'Mông', 'Khơ Mú'], 0.3, 0.1),
  p('12', 461, 0.85, ['Thái', 'H\'Mông', 'Dao', 'Hà Nhì'], 0.3, 0.1),
  p('14', 1249, 0.83, ['Thái', 'H\'Mông', 'Mường'], 0.22, 0.1),
  p('15', 822, 0.56, ['Tày', 'Dao', 'H\'Mông', 'Thái'], 0.14, 0.1),
  p('17', 855, 0.73, ['Mường', 'Thái', 'Dao'], 0.12, 0.1),
  p('19', 1287, 0.27, ['Tày', 'Nùng', 'Sán Dìu'], 0.05, 0.06),
  p('20', 782, 0.83, ['Nùng', 'Tày', 'Dao'], 0.14, 0.1),
  p('22', 1321, 0.12, ['Dao', 'Tày', 'Sán Dìu'], 0.01, 0.02),
  p('24', 1804, 0.13, ['Nùng', 'Tày', 'Sán Chay'], 0.04, 0.05),
  p('25', 1464, 0.16, ['Mường', 'Dao'], 0.04, 0.05),
  p('26', 1152, 0.03, ['Sán Dìu'], 0.02, 0.03),
  p('27', 1369, 0.01, ['Tày'], 0.01, 0.02),
  p('30', 1893), p('31', 2029), p('33', 1253), p('34', 1861), p('35', 853), p('36', 1781),
  p('37', 983, 0.02, ['Mường'], 0.02, 0.04),
  p('38', 3641, 0.17, ['Mường', 'Thái', 'H\'Mông'], 0.05, 0.07),
  p('40', 3328, 0.14, ['Thái', 'Khơ Mú', 'H\'Mông'], 0.05, 0.07),
  p('42', 1289, 0.01, CENTRAL, 0.04, 0.06),
  p('44', 896, 0.02, ['Bru - Vân Kiều', 'Chứt'], 0.05, 0.06),
  p('45', 633, 0.09, ['Bru - Vân Kiều', 'Tà Ôi'], 0.07, 0.07),
  p('46', 1129, 0.04, ['Tà Ôi', 'Cơ Tu'], 0.03, 0.05),
  p('48', 1135, 0.01, CENTRAL, 0.005, 0.01),
  p('49', 1496, 0.09, ['Cơ Tu', 'Xơ Đăng', 'Giẻ Triêng'], 0.05, 0.06),
  p('51', 1232, 0.12, ['Hrê', 'Cor', 'Ca Dong'], 0.06, 0.07),
  p('52', 1487, 0.03, ['Ba Na', 'Chăm', 'Hrê'], 0.04, 0.05),
  p('54', 873, 0.06, ['Chăm', 'Ê Đê', 'Ba Na'], 0.05, 0.06),
  p('56', 1232, 0.06, ['Raglai', 'Cơ Ho', 'Ê Đê'], 0.03, 0.04),
  p('58', 591, 0.23, ['Chăm', 'Raglai'], 0.06, 0.06),
  p('60', 1231, 0.05, ['Chăm', 'Raglai', 'Hoa'], 0.02, 0.03),
  p('62', 541, 0.54, ['Xơ Đăng', 'Ba Na', 'Gié Triêng'], 0.15, 0.1),
  p('64', 1514, 0.46, ['Gia Rai', 'Ba Na'], 0.1, 0.08),
  p('66', 1870, 0.33, HIGHLANDS, 0.07, 0.07),
  p('67', 623, 0.32, ['Mnông', 'Ê Đê', 'Tày', 'Nùng'], 0.07, 0.07),
  p('68', 1297, 0.23, ['Cơ Ho', 'Mạ', 'Chu Ru'], 0.03, 0.04),
  p('70', 995, 0.18, ['Xtiêng', 'Khơ Me', 'Nùng', 'Tày'], 0.02, 0.03),
  p('72', 1170, 0.02, SOUTH, 0.01, 0.02),
  p('74', 2427, 0.02, SOUTH, 0.002, 0.005),
  p('75', 3097, 0.06, ['Hoa', 'Nùng', 'Tày', 'Chơ Ro'], 0.005, 0.01),
  p('77', 1149, 0.03, ['Chơ Ro', 'Hoa'], 0.005, 0.01),
  p('79', 8993, 0.05, ['Hoa', 'Khơ Me', 'Chăm'], 0.001, 0.005),
  p('80', 1689, 0.01, SOUTH, 0.01, 0.02),
  p('82', 1765, 0.01, SOUTH, 0.01, 0.03),
  p('83', 1289, 0.01, SOUTH, 0.02, 0.04),
  p('84', 1010, 0.32, ['Khơ Me', 'Hoa'], 0.03, 0.05),
  p('86', 1023, 0.03, ['Khơ Me', 'Hoa'], 0.01, 0.03),
  p('87', 1600, 0.01, SOUTH, 0.02, 0.04),
  p('89', 1908, 0.05, ['Khơ Me', 'Chăm', 'Hoa'], 0.02, 0.03),
  p('91', 1724, 0.13, ['Khơ Me', 'Hoa'], 0.02, 0.03),
  p('92', 1236, 0.03, ['Khơ Me', 'Hoa'], 0.005, 0.01),
  p('93', 733, 0.03, ['Khơ Me'], 0.03, 0.04),
  p('94', 1200, 0.35, ['Khơ Me', 'Hoa'], 0.04, 0.06),
  p('95', 907, 0.08, ['Khơ Me', 'Hoa'], 0.02, 0.04),
  p('96', 1194, 0.02, ['Khơ Me', 'Hoa'], 0.02, 0.04),
];

/** The five centrally-run cities hold more per head: more chapters are active, more is raised. */
export const CITIES = ['01', '79', '31', '48', '92'];
export const CITY_FACTOR = 1.6;

/** The regions the cross-province emulation clusters (cụm thi đua) follow; the cities form their own. */
export const REGIONS: { name: string; codes: string[] }[] = [
  { name: 'trung du và miền núi phía Bắc', codes: ['02', '04', '06', '08', '10', '11', '12', '14', '15', '17', '19', '20', '24', '25'] },
  { name: 'đồng bằng sông Hồng', codes: ['22', '26', '27', '30', '33', '34', '35', '36', '37'] },
  { name: 'Bắc Trung Bộ', codes: ['38', '40', '42', '44', '45', '46'] },
  { name: 'duyên hải Nam Trung Bộ', codes: ['49', '51', '52', '54', '56', '58', '60'] },
  { name: 'Tây Nguyên', codes: ['62', '64', '66', '67', '68'] },
  { name: 'Đông Nam Bộ', codes: ['70', '72', '74', '75', '77'] },
  { name: 'đồng bằng sông Cửu Long', codes: ['80', '82', '83', '84', '86', '87', '89', '91', '93', '94', '95', '96'] },
  { name: 'thành phố trực thuộc Trung ương', codes: CITIES },
];

export const NAMES = {
  /** Family names with their weights (họ Nguyễn is about 38 %). */
  families: [
    ['Nguyễn', 38], ['Trần', 11], ['Lê', 9.5], ['Phạm', 7], ['Hoàng', 3], ['Huỳnh', 2], ['Phan', 4.5], ['Vũ', 2], ['Võ', 2],
    ['Đặng', 2], ['Bùi', 2], ['Đỗ', 1.4], ['Hồ', 1.3], ['Ngô', 1.3], ['Dương', 1], ['Lý', 0.5], ['Đinh', 1], ['Trương', 1],
    ['Đào', 1], ['Mai', 0.5], ['Lương', 0.5], ['Cao', 0.5], ['Tạ', 0.3], ['Hà', 0.5],
  ] as [string, number][],
  minorityFamilies: ['Lò', 'Giàng', 'Nông', 'Thào', 'Sùng', 'Lường', 'Vi', 'Hà', 'Triệu', 'Lục', 'Ma', 'Quàng', 'Sơn', 'Thạch', 'Kim'],
  femaleMiddle: ['Thị', 'Thị', 'Thị', 'Thị', 'Thị', 'Thị', 'Thị', 'Ngọc', 'Thu', 'Thanh', 'Kim', 'Minh'],
  maleMiddle: ['Văn', 'Văn', 'Văn', 'Văn', 'Văn', 'Đức', 'Hữu', 'Minh', 'Quang', 'Xuân', 'Đình', 'Công', 'Ngọc'],
  femaleGiven: ['Lan', 'Hoa', 'Hương', 'Mai', 'Hồng', 'Hạnh', 'Nga', 'Thủy', 'Hằng', 'Liên', 'Loan', 'Tuyết', 'Xuân', 'Cúc', 'Đào', 'Nhung', 'Phượng', 'Thanh', 'Yến', 'Bình', 'Chi', 'Dung', 'Hà', 'Hiền', 'Huệ', 'Lựu', 'Sen', 'Tâm', 'Thoa', 'Vân'],
  maleGiven: ['Hùng', 'Dũng', 'Minh', 'Tuấn', 'Hải', 'Sơn', 'Thắng', 'Nam', 'Bình', 'Cường', 'Đức', 'Hòa', 'Long', 'Phúc', 'Quang', 'Tâm', 'Thành', 'Trung', 'Vinh', 'An', 'Bảo', 'Chiến', 'Định', 'Hiếu', 'Khánh', 'Lâm', 'Nghĩa', 'Tài', 'Thịnh', 'Toàn'],
};

/** Mass organisations that share a province's emulation bloc with the Red Cross and the Elderly Association. */
export const EXTERNAL_ORGANISATIONS = [
  'Hội Nạn nhân chất độc da cam/dioxin',
  'Hội Người mù',
  'Hội Cựu thanh niên xung phong',
  'Hội Bảo trợ người khuyết tật và trẻ mồ côi',
  'Hội Khuyến học',
  'Hội Luật gia',
];

/** Grassroots organisations outside the communes: in schools, hospitals and agencies. */
export const INSTITUTIONS = ['Trường Trung học phổ thông', 'Trung tâm Y tế', 'Bệnh viện đa khoa', 'Trường Trung học cơ sở', 'Công ty Cổ phần', 'Trường Cao đẳng'];

export const RELIEF_NOTES = [
  'Trao quà Tết cho hộ nghèo, gia đình chính sách',
  'Hỗ trợ người dân bị ảnh hưởng bởi mưa lũ',
  'Bữa cơm yêu thương cho bệnh nhân nghèo',
  'Trao sinh kế cho hộ khó khăn',
  'Thăm hỏi, tặng quà người cao tuổi cô đơn',
  'Hỗ trợ học bổng cho học sinh nghèo vượt khó',
];

export function nfcAll(values: string[]): string[] {
  return values.map((value) => value.normalize('NFC'));
}

/** Report deadlines in days after the period's end: the report_deadline rows the migrations seed. */
export const DEADLINE_DAYS = { HALF_YEAR: 20, YEAR: 30 } as const;

/**
 * How organisations fare with a period report: shares that never file, stay in draft, or never
 * send a returned report again, or wait for a parent who never approves (branches and clubs
 * more often never file); of those that file,
 * the late, the returned once, the reopened after an approval.
 */
export const REPORT_RATES = { never: 0.025, neverLeafExtra: 0.025, stuckDraft: 0.015, stuckReturned: 0.01, stuckSubmitted: 0.015, late: 0.08, returnedOnce: 0.08, reopened: 0.03 };
