import type { QuestionnaireInput } from '../../src';
import { GIOI_TINH, NHOM_TUOI, chucVu, weighted } from '../options';
import type { QuestionInput } from '../options';

/**
 * Cross-evaluation (matrix) forms: a People's Council delegate or a commune leader rates
 * every agency of the province on the same questions. Every cell must be answered or
 * marked "don't know" (E), as on the paper forms.
 */
function cell(id: string, criterion: string, text: string, labels?: [string, string, string, string]): QuestionInput {
  return { id, kind: 'single', required: true, perUnit: true, criterion, text, options: weighted(labels) };
}

const COMMON_CELLS: QuestionInput[] = [
  cell('c2_1', '2.1', 'Chất lượng các văn bản quy phạm pháp luật do cơ quan tham mưu ban hành'),
  cell('c3_1_1', '3.1.1', 'Công khai đầy đủ, kịp thời thủ tục hành chính thuộc thẩm quyền'),
  cell('c3_2_1', '3.2.1', 'Giải quyết hồ sơ, thủ tục hành chính đúng hạn', ['Luôn đúng hạn', 'Phần lớn đúng hạn', 'Thường trễ hạn', 'Rất hay trễ hạn']),
  cell('c3_3', '3.3', 'Tiếp nhận, xử lý phản ánh, kiến nghị của tổ chức, cá nhân'),
  cell('c7_1', '7.1', 'Chất lượng dịch vụ công trực tuyến do cơ quan cung cấp'),
];

export const HDND_SO: QuestionnaireInput = {
  id: 'hdnd-so',
  version: 1,
  title: 'Phiếu khảo sát đại biểu Hội đồng nhân dân về công tác cải cách hành chính của các sở, ban, ngành',
  intro:
    'Kính gửi đại biểu: xin đại biểu đánh giá từng cơ quan trong danh sách theo các nội dung dưới đây. Với cơ quan hoặc nội dung đại biểu không nắm rõ, xin chọn "Không biết / Không đánh giá". Phiếu không ghi tên người trả lời.',
  group: 'dai_bieu_hdnd',
  mode: 'cross',
  unitType: 'so',
  estimatedMinutes: 20,
  sections: [
    {
      id: 'thong-tin',
      title: 'Thông tin chung về đại biểu',
      questions: [GIOI_TINH, NHOM_TUOI, chucVu([['hdnd_tinh', 'Đại biểu HĐND tỉnh'], ['hdnd_xa', 'Đại biểu HĐND xã, phường']])],
    },
    {
      id: 'danh-gia-tung-co-quan',
      title: 'Đánh giá từng sở, ban, ngành',
      questions: [...COMMON_CELLS, cell('c8_2', '8.2', 'Tác động của cải cách hành chính của cơ quan đến đời sống người dân')],
    },
    {
      id: 'y-kien',
      title: 'Ý kiến khác',
      questions: [{ id: 'y_kien', kind: 'text', text: 'Ý kiến, kiến nghị của đại biểu về cải cách hành chính của các sở, ban, ngành', maxLength: 3000 }],
    },
  ],
};

export const LANH_DAO_XA_SO: QuestionnaireInput = {
  id: 'lanh-dao-xa-so',
  version: 1,
  title: 'Phiếu khảo sát lãnh đạo UBND cấp xã về công tác cải cách hành chính của các sở, ban, ngành',
  intro:
    'Kính gửi đồng chí lãnh đạo UBND xã, phường: xin đồng chí đánh giá từng cơ quan cấp tỉnh trong danh sách. Với nội dung chưa có cơ sở đánh giá, xin chọn "Không biết / Không đánh giá". Phiếu không ghi tên người trả lời.',
  group: 'lanh_dao_xa',
  mode: 'cross',
  unitType: 'so',
  estimatedMinutes: 20,
  sections: [
    {
      id: 'thong-tin',
      title: 'Thông tin chung',
      questions: [GIOI_TINH, NHOM_TUOI, chucVu([['chu_tich', 'Chủ tịch UBND'], ['pho_chu_tich', 'Phó Chủ tịch UBND']])],
    },
    {
      id: 'danh-gia-tung-co-quan',
      title: 'Đánh giá từng sở, ban, ngành',
      questions: [
        ...COMMON_CELLS,
        cell('c4_2', '4.2', 'Hướng dẫn, hỗ trợ cấp xã thực hiện các nhiệm vụ được phân cấp, ủy quyền', ['Rất kịp thời, rõ ràng', 'Kịp thời, rõ ràng', 'Chậm hoặc chưa rõ', 'Hầu như không hướng dẫn']),
        cell('c8_1', '8.1', 'Tác động của cải cách hành chính của cơ quan đến môi trường đầu tư, kinh doanh tại địa phương'),
      ],
    },
    {
      id: 'y-kien',
      title: 'Ý kiến khác',
      questions: [{ id: 'y_kien', kind: 'text', text: 'Kiến nghị của đồng chí đối với các sở, ban, ngành', maxLength: 3000 }],
    },
  ],
};
