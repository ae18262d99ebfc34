/**
 * Generated people for the demo clubs: the articles give only statistics, never names. Every
 * attribute is a pure function of the person's number, so a restart regenerates the same people,
 * and the permutations (n · k mod N with k prime to N) hit exact counts: "the first 533 of a
 * shuffled order are from ethnic minorities" gives exactly 533, spread over every club.
 */
const FAMILY = ['Lò', 'Lường', 'Tòng', 'Vàng', 'Sùng', 'Giàng', 'Nguyễn', 'Trần', 'Lê', 'Hoàng', 'Phạm', 'Đào', 'Lý', 'Hà'];
const MIDDLE = { FEMALE: ['Thị', 'Thị', 'Thị Thu', 'Thị Kim'], MALE: ['Văn', 'Văn', 'A', 'Seo', 'Đức'] };
const GIVEN = ['Hoa', 'Minh', 'Sinh', 'Páo', 'Chính', 'Lan', 'Hương', 'Dung', 'Thắng', 'Tâm', 'Vân', 'Xuân', 'Phong', 'Hạnh', 'Sáng', 'Nhung', 'Quý', 'Thủy'];
const MINORITY_GROUPS = ['Thái', 'Mông', 'Dao', 'Hà Nhì', 'Giáy', 'Lự', 'Khơ Mú', 'La Hủ', 'Tày', 'Nùng', 'Sán Dìu'];

export interface PersonShape {
  /** How many people there are in all (N). */
  total: number;
  minority: number;
  over55: number;
  poor: number;
  nearPoor: number;
  /** The reference date "over 55" is judged at (aged 56 or more then). */
  asOf: string;
}

export interface GeneratedPerson {
  fullName: string;
  sex: 'FEMALE' | 'MALE';
  birthDate: string;
  ethnicGroup: string;
  povertyStatus: 'POOR' | 'NEAR_POOR' | 'NEITHER';
}

const addDays = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const addYears = (iso: string, years: number) => `${Number(iso.slice(0, 4)) + years}${iso.slice(4)}`;

/** Person number n (0 ≤ n < total); the multipliers are primes that divide no demo total. */
export function generatedPerson(n: number, shape: PersonShape): GeneratedPerson {
  const shuffled = (prime: number) => (n * prime) % shape.total;
  const sex = shuffled(29) < Math.round(shape.total * 0.56) ? 'FEMALE' : 'MALE';
  const minority = shuffled(41) < shape.minority;
  const over55 = shuffled(53) < shape.over55;
  const poverty = shuffled(61);
  // Aged 56 or more at asOf: born on or before asOf − 56 years; otherwise born after it.
  const bornBy = addYears(shape.asOf, -56);
  const birthDate = over55 ? addDays(bornBy, -((n * 97) % 11_000)) : addDays(bornBy, 1 + ((n * 89) % 11_000));
  return {
    fullName: `${FAMILY[n % FAMILY.length]} ${MIDDLE[sex][n % MIDDLE[sex].length]} ${GIVEN[(n * 7) % GIVEN.length]}`.normalize('NFC'),
    sex,
    birthDate,
    ethnicGroup: minority ? MINORITY_GROUPS[n % MINORITY_GROUPS.length] : 'Kinh',
    povertyStatus: poverty < shape.poor ? 'POOR' : poverty < shape.poor + shape.nearPoor ? 'NEAR_POOR' : 'NEITHER',
  };
}
