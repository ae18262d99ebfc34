import ExcelJS from 'exceljs';
import type { Organisation, SheetKind } from './sheet-kind.ts';

/** Rows of the data sheet that carry the drop-down lists: more than any office fills in by hand. */
const LISTED_ROWS = 5000;
export const DATA_SHEET = 'Dữ liệu';
export const INSTRUCTIONS_SHEET = 'Hướng dẫn';
export const LISTS_SHEET = 'Danh mục';

const columnLetter = (index: number) => {
  let letter = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) letter = String.fromCharCode(65 + ((n - 1) % 26)) + letter;
  return letter;
};

/**
 * The template of a kind for one caller: the data sheet (Vietnamese headers, a drop-down on every
 * column with a list), the instructions sheet (what each column takes, an example row), and the
 * lists sheet, which names the organisations this caller may write to.
 */
export async function templateWorkbook(kind: SheetKind<unknown, object>, organisations: readonly Organisation[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'hoi-graph';
  const data = workbook.addWorksheet(DATA_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  const instructions = workbook.addWorksheet(INSTRUCTIONS_SHEET);
  const lists = workbook.addWorksheet(LISTS_SHEET);

  data.columns = kind.columns.map((column) => ({ header: column.header, key: column.field, width: column.width ?? Math.max(14, column.header.length + 4) }));
  data.getRow(1).font = { bold: true };

  // Each list is a column of the lists sheet; the data sheet's drop-downs point at it.
  const listColumns: { header: string; values: readonly string[] }[] = [];
  kind.columns.forEach((column, index) => {
    const values = column.parser === 'organisation' ? organisations.map((organisation) => organisation.name) : column.parser.list;
    if (!values?.length) return;
    const listLetter = columnLetter(listColumns.length);
    listColumns.push({ header: column.header, values });
    const letter = columnLetter(index);
    // exceljs has range validations (one <dataValidation> for the column) but leaves them out of its types.
    (data as unknown as { dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void } }).dataValidations.add(`${letter}2:${letter}${LISTED_ROWS + 1}`, {
      type: 'list',
      allowBlank: !column.required,
      formulae: [`'${LISTS_SHEET}'!$${listLetter}$2:$${listLetter}$${values.length + 1}`],
      showErrorMessage: column.parser !== 'organisation',
      errorTitle: column.header,
      error: 'Chọn một giá trị trong danh sách',
    });
  });
  listColumns.forEach((list, index) => {
    const column = lists.getColumn(index + 1);
    column.width = Math.max(20, ...list.values.map((value) => Math.min(60, value.length + 2)));
    lists.getCell(1, index + 1).value = list.header;
    lists.getCell(1, index + 1).font = { bold: true };
    list.values.forEach((value, row) => (lists.getCell(row + 2, index + 1).value = value));
  });
  const organisationList = kind.columns.find((column) => column.parser === 'organisation');
  if (organisationList) {
    // Ids beside the names: two organisations of one name are told apart by id.
    const at = listColumns.length + 2;
    lists.getCell(1, at).value = `${organisationList.header} (mã)`;
    lists.getCell(1, at).font = { bold: true };
    lists.getColumn(at).width = 40;
    organisations.forEach((organisation, row) => {
      lists.getCell(row + 2, at - 1).value = organisation.name;
      lists.getCell(row + 2, at).value = organisation.id;
    });
    lists.getCell(1, at - 1).value = organisationList.header;
  }

  instructions.columns = [{ width: 28 }, { width: 12 }, { width: 70 }, { width: 28 }];
  instructions.addRow([kind.title]).font = { bold: true, size: 14 };
  instructions.addRow([`Điền từ dòng 2 của trang "${DATA_SHEET}", mỗi dòng một bản ghi; không đổi tiêu đề cột. Tải lên: POST /imports/${kind.name}`]);
  for (const line of kind.instructions ?? []) instructions.addRow([line]);
  instructions.addRow([]);
  instructions.addRow(['Cột', 'Bắt buộc', 'Cách ghi', 'Ví dụ']).font = { bold: true };
  for (const column of kind.columns) {
    const describe = column.parser === 'organisation' ? 'Tên tổ chức trong trang "Danh mục" (hoặc mã)' : column.parser.describe;
    instructions.addRow([column.header, column.required ? 'Có' : 'Không', describe, column.example]);
  }
  instructions.addRow([]);
  instructions.addRow(['Dòng ví dụ']).font = { bold: true };
  instructions.addRow(kind.columns.map((column) => column.header)).font = { italic: true };
  instructions.addRow(kind.columns.map((column) => column.example));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
