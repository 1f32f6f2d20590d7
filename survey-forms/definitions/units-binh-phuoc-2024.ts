import type { UnitDef } from '../src';

/**
 * Demo province before the July 2025 reform (docs/DOMAIN.md §1 units): agencies, then districts
 * (huyện, thị xã, thành phố thuộc tỉnh) with communes under them through `parentCode`.
 * District names follow Bình Phước's eleven; agency names are those of 2024 (before the
 * 2025 merger of departments). A sample of communes is listed, not all 111.
 */
const AGENCIES: [string, string][] = [
  ['VP-UBND', 'Văn phòng UBND tỉnh'],
  ['SO-NV', 'Sở Nội vụ'],
  ['SO-TC', 'Sở Tài chính'],
  ['SO-KHDT', 'Sở Kế hoạch và Đầu tư'],
  ['SO-TP', 'Sở Tư pháp'],
  ['SO-XD', 'Sở Xây dựng'],
  ['SO-GTVT', 'Sở Giao thông vận tải'],
  ['SO-YT', 'Sở Y tế'],
  ['SO-GDDT', 'Sở Giáo dục và Đào tạo'],
  ['SO-NNPTNT', 'Sở Nông nghiệp và Phát triển nông thôn'],
  ['SO-TNMT', 'Sở Tài nguyên và Môi trường'],
  ['SO-LDTBXH', 'Sở Lao động - Thương binh và Xã hội'],
  ['SO-CT', 'Sở Công Thương'],
  ['SO-KHCN', 'Sở Khoa học và Công nghệ'],
  ['SO-TTTT', 'Sở Thông tin và Truyền thông'],
  ['SO-VHTTDL', 'Sở Văn hóa, Thể thao và Du lịch'],
  ['BDT', 'Ban Dân tộc tỉnh'],
  ['TTR', 'Thanh tra tỉnh'],
  ['BQL-KKT', 'Ban Quản lý Khu kinh tế'],
];

/** District code, name, and a few of its communes. */
const DISTRICTS: [string, string, string[]][] = [
  ['689', 'Thành phố Đồng Xoài', ['Phường Tân Phú', 'Phường Tân Bình', 'Xã Tiến Hưng']],
  ['688', 'Thị xã Phước Long', ['Phường Long Phước', 'Phường Sơn Giang', 'Xã Phước Tín']],
  ['690', 'Thị xã Bình Long', ['Phường An Lộc', 'Phường Hưng Chiến', 'Xã Thanh Lương']],
  ['697', 'Thị xã Chơn Thành', ['Phường Hưng Long', 'Phường Minh Hưng', 'Xã Quang Minh']],
  ['695', 'Huyện Đồng Phú', ['Thị trấn Tân Phú', 'Xã Thuận Lợi', 'Xã Tân Lập']],
  ['696', 'Huyện Bù Đăng', ['Thị trấn Đức Phong', 'Xã Bom Bo', 'Xã Thọ Sơn']],
  ['693', 'Huyện Bù Đốp', ['Thị trấn Thanh Bình', 'Xã Thiện Hưng', 'Xã Tân Tiến']],
  ['691', 'Huyện Bù Gia Mập', ['Xã Phú Nghĩa', 'Xã Đa Kia', 'Xã Đak Ơ']],
  ['694', 'Huyện Hớn Quản', ['Xã Tân Khai', 'Xã Thanh An', 'Xã Minh Đức']],
  ['692', 'Huyện Lộc Ninh', ['Thị trấn Lộc Ninh', 'Xã Lộc Hưng', 'Xã Lộc Tấn']],
  ['698', 'Huyện Phú Riềng', ['Xã Phú Riềng', 'Xã Long Hà', 'Xã Bình Tân']],
];

export const BINH_PHUOC_2024_UNITS: UnitDef[] = [
  ...AGENCIES.map(([code, name]) => ({ code, name, type: 'so' as const })),
  ...DISTRICTS.map(([code, name]) => ({ code: `H${code}`, name, type: 'huyen' as const })),
  ...DISTRICTS.flatMap(([district, , communes]) =>
    communes.map((name, i) => ({ code: `X${district}-${String(i + 1).padStart(2, '0')}`, name, type: 'xa' as const, parentCode: `H${district}` })),
  ),
];
