import type { EntityManager } from '@mikro-orm/postgresql';
import { stableId } from '@hoi/common/ids';
import { insertMissing } from '@hoi/common/orm';

/**
 * Terms, office holders and term documents the articles in /work/shared/seeds name, and nothing
 * more: no names are invented, and what the articles leave open stays null.
 *
 * - 003_d3c787a1b2b11fe8.txt (Lào Cai, LCĐT): "Sáng 14/7, Hội Chữ thập đỏ tỉnh tổ chức hội nghị lần
 *   thứ hai, Ban Chấp hành Hội Chữ thập đỏ tỉnh khóa VII, nhiệm kỳ 2022 – 2027 …" — the year of the
 *   conference is 2022 (it reviews "6 tháng đầu năm 2022" and "Tháng Nhân đạo năm 2022"). There
 *   "các đại biểu … tham gia đóng góp ý kiến vào các dự thảo về quy chế làm việc của Ban Chấp hành,
 *   Ban Kiểm tra Hội Chữ thập đỏ tỉnh; chương trình công tác toàn khóa của Ban Chấp hành Hội Chữ thập
 *   đỏ tỉnh khóa VII, nhiệm kỳ 2022 – 2027": three drafts, none adopted yet. The article names no
 *   office holder of the chapter (Hoàng Giang attended as Phó Bí thư Tỉnh ủy, not as an officer).
 * - 000_7ed1823ee0424dde.txt (review of the Red Cross emulation cluster of 7 midland and northern
 *   mountain provinces for 2022): "bà Lê Thị Thu Hồng – Phó Bí thư Thường trực Tỉnh uỷ, Chủ tịch
 *   HĐND tỉnh Bắc Giang, Chủ tịch danh dự Hội CTĐ tỉnh" and "bà Huỳnh Thị Xuân Lam – Phó Chủ tịch
 *   Hội CTĐ Việt Nam". The article gives neither term nor ordinal: the 2022–2027 terms they are put
 *   in (ordinal null) are the ones in force at that review, as the task brief states; the days
 *   they took office are not given either.
 */
const LAO_CAI_TERM = 'red-cross:lao-cai:term:2022-2027';
const BAC_GIANG_TERM = 'red-cross:bac-giang:term:2022-2027';
const NATIONAL_TERM = 'red-cross:national:term:2022-2027';

const TERMS = [
  // 003: "Ban Chấp hành Hội Chữ thập đỏ tỉnh khóa VII, nhiệm kỳ 2022 – 2027"
  { slug: LAO_CAI_TERM, chapter: 'red-cross:lao-cai', ordinal: 7, start_year: 2022, end_year: 2027 },
  // 000: Bắc Giang's honorary chair at the review of 2022; ordinal unknown
  { slug: BAC_GIANG_TERM, chapter: 'red-cross:bac-giang', ordinal: null, start_year: 2022, end_year: 2027 },
  // 000: the national society's vice chair at the review of 2022; ordinal unknown
  { slug: NATIONAL_TERM, chapter: 'red-cross:national', ordinal: null, start_year: 2022, end_year: 2027 },
];

const OFFICE_HOLDERS = [
  // 000: "bà Lê Thị Thu Hồng – Phó Bí thư Thường trực Tỉnh uỷ, Chủ tịch HĐND tỉnh Bắc Giang, Chủ tịch danh dự Hội CTĐ tỉnh"
  {
    slug: `${BAC_GIANG_TERM}:honorary-chair:le-thi-thu-hong`,
    term: BAC_GIANG_TERM,
    role: 'HONORARY_CHAIR',
    person_name: 'Lê Thị Thu Hồng',
    outside_role: 'Phó Bí thư Thường trực Tỉnh uỷ, Chủ tịch HĐND tỉnh Bắc Giang',
  },
  // 000: "bà Huỳnh Thị Xuân Lam – Phó Chủ tịch Hội CTĐ Việt Nam"
  { slug: `${NATIONAL_TERM}:vice-chair:huynh-thi-xuan-lam`, term: NATIONAL_TERM, role: 'VICE_CHAIR', person_name: 'Huỳnh Thị Xuân Lam', outside_role: null },
];

// 003: the drafts discussed at the second conference of the Executive Committee, 14 July 2022; titles as the article words them.
const DOCUMENTS = [
  { kind: 'EXECUTIVE_COMMITTEE_REGULATIONS', title: 'Quy chế làm việc của Ban Chấp hành Hội Chữ thập đỏ tỉnh' },
  { kind: 'INSPECTION_COMMITTEE_REGULATIONS', title: 'Quy chế làm việc của Ban Kiểm tra Hội Chữ thập đỏ tỉnh' },
  { kind: 'WHOLE_TERM_PROGRAMME', title: 'Chương trình công tác toàn khóa của Ban Chấp hành Hội Chữ thập đỏ tỉnh khóa VII, nhiệm kỳ 2022 – 2027' },
].map((document) => ({ ...document, term: LAO_CAI_TERM, status: 'DRAFT', drafted_on: '2022-07-14', adopted_on: null }));

export async function loadGovernanceDemoData(em: EntityManager): Promise<void> {
  await insertMissing(
    em,
    'red_cross.term',
    TERMS.map(({ slug, chapter, ...term }) => ({ id: stableId(slug), chapter_id: stableId(chapter), ...term })),
  );
  await insertMissing(
    em,
    'red_cross.office_holder',
    OFFICE_HOLDERS.map(({ slug, term, person_name, outside_role, ...holder }) => ({
      id: stableId(slug),
      term_id: stableId(term),
      ...holder,
      person_name: person_name.normalize('NFC'),
      outside_role: outside_role?.normalize('NFC') ?? null,
    })),
  );
  await insertMissing(
    em,
    'red_cross.term_document',
    DOCUMENTS.map(({ term, title, ...document }) => ({
      id: stableId(`${term}:document:${document.kind.toLowerCase().replaceAll('_', '-')}`),
      term_id: stableId(term),
      title: title.normalize('NFC'),
      ...document,
    })),
  );
}
