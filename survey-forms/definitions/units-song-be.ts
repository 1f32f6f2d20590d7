import type { UnitDef } from '../src';

/**
 * Demo province after the July 2025 reform: no districts, agencies (so) and communes (xa)
 * directly under the province. "Tỉnh Sông Bé" is fictional (the name of a province
 * dissolved in 1997); ward and commune names are plausible for the region, codes are
 * five-digit like the national administrative codes but invented.
 */
const AGENCIES: [string, string][] = [
  ['VP-UBND', 'Văn phòng UBND tỉnh'],
  ['SO-NV', 'Sở Nội vụ'],
  ['SO-TC', 'Sở Tài chính'],
  ['SO-TP', 'Sở Tư pháp'],
  ['SO-XD', 'Sở Xây dựng'],
  ['SO-YT', 'Sở Y tế'],
  ['SO-GDDT', 'Sở Giáo dục và Đào tạo'],
  ['SO-NNMT', 'Sở Nông nghiệp và Môi trường'],
  ['SO-CT', 'Sở Công Thương'],
  ['SO-KHCN', 'Sở Khoa học và Công nghệ'],
  ['SO-VHTTDL', 'Sở Văn hóa, Thể thao và Du lịch'],
  ['SO-DTTG', 'Sở Dân tộc và Tôn giáo'],
  ['SO-NGV', 'Sở Ngoại vụ'],
  ['TTR', 'Thanh tra tỉnh'],
  ['BQL-KCN', 'Ban Quản lý các khu công nghiệp'],
  ['BQL-KKT', 'Ban Quản lý Khu kinh tế cửa khẩu'],
  ['CA-TINH', 'Công an tỉnh'],
  ['THUE', 'Thuế tỉnh'],
  ['BHXH', 'Bảo hiểm xã hội tỉnh'],
  ['KBNN', 'Kho bạc Nhà nước khu vực XVII'],
];

const WARDS = [
  'Thủ Dầu Một', 'Phú Lợi', 'Chánh Hiệp', 'Bình Dương', 'Phú An', 'Dĩ An', 'Đông Hòa', 'Tân Đông Hiệp',
  'Thuận An', 'Lái Thiêu', 'An Phú', 'Bình Hòa', 'Thuận Giao', 'Tân Uyên', 'Tân Hiệp', 'Vĩnh Tân',
  'Bến Cát', 'Chánh Phú Hòa', 'Tây Nam', 'Long Nguyên', 'Đồng Xoài', 'Bình Phước', 'Bình Long', 'An Lộc',
  'Phước Long', 'Phước Bình', 'Chơn Thành', 'Minh Hưng',
];

const COMMUNES = [
  'Thường Tân', 'Bắc Tân Uyên', 'Phú Giáo', 'Phước Hòa', 'Phước Thành', 'An Long', 'Trừ Văn Thố', 'Bàu Bàng',
  'Minh Thạnh', 'Long Hòa', 'Dầu Tiếng', 'Thanh An', 'An Lập', 'Long Tân', 'Hòa Lợi', 'Thạnh Hội',
  'Đồng Phú', 'Thuận Lợi', 'Đồng Tâm', 'Tân Lợi', 'Tân Tiến', 'Nghĩa Trung', 'Bù Đăng', 'Thọ Sơn',
  'Đak Nhau', 'Bom Bo', 'Phước Sơn', 'Đức Liễu', 'Đường 10', 'Lộc Ninh', 'Lộc Hưng', 'Lộc Tấn',
  'Lộc Thạnh', 'Lộc Quang', 'Lộc Thành', 'Thiện Hưng', 'Hưng Phước', 'Bù Đốp', 'Phú Nghĩa', 'Đa Kia',
  'Bình Tân', 'Long Hà', 'Phú Riềng', 'Phú Trung', 'Tân Quan', 'Tân Hưng', 'Tân Khai', 'Minh Đức',
  'Nha Bích', 'Bù Gia Mập', 'Đak Ơ', 'Phước Tân', 'Long Bình', 'Bình Thạnh', 'Hưng Hòa', 'Tân Hòa',
  'Thanh Hòa', 'Thành Tâm', 'Quang Minh', 'Tân Thành', 'Lộc Điền', 'Phú Thuận', 'An Bình', 'Tân Long',
  'Minh Hòa', 'Định Hiệp', 'Thanh Tuyền', 'Lai Uyên', 'Cây Trường', 'Hưng Thịnh', 'Tân Định', 'Vĩnh Hòa',
];

const FIRST_COMMUNE_CODE = 25801;

export const SONG_BE_UNITS: UnitDef[] = [
  ...AGENCIES.map(([code, name]) => ({ code, name, type: 'so' as const })),
  ...[...WARDS.map((n) => `Phường ${n}`), ...COMMUNES.map((n) => `Xã ${n}`)].map((name, i) => ({
    code: String(FIRST_COMMUNE_CODE + i * 3),
    name,
    type: 'xa' as const,
  })),
];
