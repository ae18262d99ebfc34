import { chapterFiguresExport } from '../chapter/chapter-summary.export.ts';

/** `Chapter.bloodDonationSummary` printed, one indicator a row (the total is the field's own `totalUnits`). */
export const bloodDonationSummaryExport = chapterFiguresExport({
  name: 'blood-donation-summary',
  field: 'bloodDonationSummary',
  what: 'Kết quả hiến máu tình nguyện',
  labels: [
    ['awarenessRounds', 'Số đợt tuyên truyền, vận động hiến máu'],
    ['plannedUnits', 'Đơn vị máu tiếp nhận theo kế hoạch'],
    ['emergencyUnits', 'Đơn vị máu hiến đột xuất'],
    ['totalUnits', 'Tổng số đơn vị máu tiếp nhận'],
  ],
});
